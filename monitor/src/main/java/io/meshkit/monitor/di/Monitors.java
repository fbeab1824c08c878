package io.meshkit.monitor.di;

import io.meshkit.core.config.MeshkitConfig;
import io.meshkit.core.runlog.RunLog;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.monitor.api.AlertSink;
import io.meshkit.monitor.api.Monitor;
import io.meshkit.monitor.api.MonitorSettings;
import io.meshkit.monitor.internal.MonitorService;
import io.meshkit.monitor.internal.SettingsReader;
import io.meshkit.monitor.internal.Sinks;
import io.meshkit.monitor.internal.Sleeper;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where a {@link Monitor} comes from, for callers in Java that do not use {@link MonitorComponent}.
 * The implementation lives in {@code internal}; this is the one place outside it that names it, so
 * {@code api} never does.
 */
public final class Monitors {
    private Monitors() {}

    /**
     * A monitor over a warehouse and the run log the tools write, alerting to {@code sinks}; the
     * warehouse stays the caller's.
     */
    public static Monitor create(Warehouse warehouse, RunLog runLog, Clock clock, MonitorSettings settings, List<AlertSink> sinks) {
        return new MonitorService(warehouse, runLog, clock, settings, sinks, Sleeper.system());
    }

    /** The {@code monitor:} settings of a configuration, watching {@code contracts} when given. */
    public static MonitorSettings settings(MeshkitConfig config, Optional<Path> contracts) {
        MonitorSettings s = SettingsReader.read(config);
        return contracts.isEmpty() ? s : s.withContracts(contracts);
    }

    /**
     * A monitor delivering to the sinks its settings name, as {@code meshkit monitor check} builds them (the
     * pipeline runner's monitor step).
     *
     * @param env reads the environment variables that hold webhook URLs
     * @param stdout where a {@code stdout} sink prints
     */
    public static Monitor create(Warehouse warehouse, RunLog runLog, Clock clock, MonitorSettings settings, Function<String, String> env,
            PrintWriter stdout) {
        return create(warehouse, runLog, clock, settings, Sinks.build(settings, env, stdout));
    }
}
