package io.meshkit.monitor.di;

import io.meshkit.core.runlog.RunLog;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.monitor.api.AlertSink;
import io.meshkit.monitor.api.Monitor;
import io.meshkit.monitor.api.MonitorSettings;
import io.meshkit.monitor.internal.MonitorService;
import io.meshkit.monitor.internal.Sleeper;
import java.time.Clock;
import java.util.List;

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
}
