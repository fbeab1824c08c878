package io.meshkit.monitor.internal;

import io.meshkit.monitor.api.DatasetStatus;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Writes dataset health in the Prometheus text exposition format (version 0.0.4): one family per
 * metric with its HELP and TYPE lines, labels {@code dataset} and {@code team}, label values escaped.
 */
public final class Prometheus implements Consumer<DatasetStatus> {
    private final Map<String, Family> families = new LinkedHashMap<>();
    private int datasets;

    private record Family(String name, String type, String help, StringBuilder samples) {}

    public Prometheus() {
        family("meshkit_dataset_failing", "gauge", "1 when the dataset's latest finished run failed, else 0.");
        family("meshkit_dataset_late", "gauge", "1 when the dataset's newest data is older than its freshness SLA allows, else 0.");
        family("meshkit_dataset_snoozed", "gauge", "1 while the dataset's alerts are snoozed, else 0.");
        family("meshkit_dataset_last_update_timestamp_seconds", "gauge", "When the dataset was last updated (publication or successful run), Unix time.");
        family("meshkit_dataset_lag_seconds", "gauge", "How old the dataset's newest data is.");
        family("meshkit_dataset_freshness_sla_seconds", "gauge", "The dataset's freshness SLA.");
        family("meshkit_dataset_last_run_rows", "gauge", "Rows written by the dataset's latest successful run.");
        family("meshkit_dataset_last_run_duration_seconds", "gauge", "Duration of the dataset's latest successful run.");
        family("meshkit_dataset_recent_median_rows", "gauge", "Median rows of the successful runs before the latest one.");
        family("meshkit_dataset_row_count_warning", "gauge", "1 when the latest run's row count is far from the recent median, else 0.");
        family("meshkit_dataset_runs_total", "counter", "Runs recorded for the dataset.");
    }

    private void family(String name, String type, String help) {
        families.put(name, new Family(name, type, help, new StringBuilder()));
    }

    @Override
    public void accept(DatasetStatus s) {
        datasets++;
        String labels = "{dataset=\"" + escape(s.dataset()) + "\",team=\"" + escape(s.team().orElse("")) + "\"}";
        sample("meshkit_dataset_failing", labels, s.failing() ? 1 : 0);
        sample("meshkit_dataset_late", labels, s.late() ? 1 : 0);
        sample("meshkit_dataset_snoozed", labels, s.snoozedUntil().isPresent() ? 1 : 0);
        s.lastUpdate().ifPresent(u -> sample("meshkit_dataset_last_update_timestamp_seconds", labels, seconds(u)));
        s.lag().ifPresent(l -> sample("meshkit_dataset_lag_seconds", labels, seconds(l)));
        s.freshness().ifPresent(f -> sample("meshkit_dataset_freshness_sla_seconds", labels, seconds(f)));
        s.latestSuccessfulRun().ifPresent(r -> {
            r.rows().ifPresent(n -> sample("meshkit_dataset_last_run_rows", labels, n));
            r.endedAt().ifPresent(e -> sample("meshkit_dataset_last_run_duration_seconds", labels, seconds(Duration.between(r.startedAt(), e))));
        });
        s.recentMedianRows().ifPresent(m -> sample("meshkit_dataset_recent_median_rows", labels, m));
        sample("meshkit_dataset_row_count_warning", labels, s.rowWarning() ? 1 : 0);
        sample("meshkit_dataset_runs_total", labels, s.runCount());
    }

    /** Writes every family, then the monitor's own gauges. */
    public void write(PrintWriter out, int pendingDeliveries) {
        for (Family f : families.values()) {
            out.print("# HELP " + f.name() + " " + f.help() + "\n");
            out.print("# TYPE " + f.name() + " " + f.type() + "\n");
            out.print(f.samples());
        }
        out.print("# HELP meshkit_monitor_datasets Datasets the monitor evaluated.\n# TYPE meshkit_monitor_datasets gauge\n");
        out.print("meshkit_monitor_datasets " + datasets + "\n");
        out.print("# HELP meshkit_monitor_pending_deliveries Alert deliveries waiting in the outbox for the next check.\n"
                + "# TYPE meshkit_monitor_pending_deliveries gauge\n");
        out.print("meshkit_monitor_pending_deliveries " + pendingDeliveries + "\n");
        out.flush();
    }

    private void sample(String family, String labels, double value) {
        families.get(family).samples().append(family).append(labels).append(' ').append(format(value)).append('\n');
    }

    private static double seconds(Instant i) {
        return i.getEpochSecond() + i.getNano() / 1e9;
    }

    private static double seconds(Duration d) {
        return d.getSeconds() + d.getNano() / 1e9;
    }

    private static String format(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    /** Escapes a label value: backslash, double quote and line feed. */
    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '"' -> b.append("\\\"");
                case '\n' -> b.append("\\n");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
