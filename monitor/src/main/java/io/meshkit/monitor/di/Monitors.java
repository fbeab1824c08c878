package io.meshkit.monitor.di;

import io.meshkit.core.runlog.RunLog;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.monitor.api.Monitor;
import io.meshkit.monitor.api.MonitorSettings;
import io.meshkit.monitor.internal.MonitorService;
import io.meshkit.monitor.internal.SettingsReader;
import io.meshkit.monitor.internal.Sinks;
import io.meshkit.monitor.internal.Sleeper;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Function;

/**
 * The monitor over a warehouse someone else opened and closes (the pipeline runner: one warehouse for
 * every step), for callers that do not build the Dagger component: the settings of {@code meshkit.yaml}'s
 * {@code monitor:} section and the sinks they name, as {@code meshkit monitor check} builds them.
 */
public final class Monitors {
    private Monitors() {}

    /** The settings of a configuration file (the defaults without one), watching {@code contracts} when given. */
    public static MonitorSettings settings(Optional<Path> configFile, Optional<Path> contracts) {
        MonitorSettings s = SettingsReader.read(configFile);
        return contracts.isEmpty() ? s : s.withContracts(contracts);
    }

    /**
     * A monitor delivering to the sinks of its settings.
     *
     * @param env reads the environment variables that hold webhook URLs
     * @param stdout where a {@code stdout} sink prints
     */
    public static Monitor over(Warehouse warehouse, RunLog runLog, Clock clock, MonitorSettings settings, Function<String, String> env,
            PrintWriter stdout) {
        return new MonitorService(warehouse, runLog, clock, settings, Sinks.build(settings, env, stdout), Sleeper.system());
    }
}
