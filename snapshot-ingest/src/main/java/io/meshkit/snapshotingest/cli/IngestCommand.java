package io.meshkit.snapshotingest.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshkit.core.cli.OutputFormat;
import io.meshkit.core.cli.ProgressOption;
import io.meshkit.core.cli.WarehouseCommandOptions;
import io.meshkit.core.config.MeshkitConfig;
import io.meshkit.core.landing.LandingZone;
import io.meshkit.core.landing.LandingZones;
import io.meshkit.core.progress.Progress;
import io.meshkit.snapshotingest.api.SnapshotIngest;
import io.meshkit.snapshotingest.api.TableResult;
import io.meshkit.snapshotingest.di.IngestComponent;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import picocli.CommandLine.Mixin;

/** What the commands that stage a date's snapshot ({@code snapshot}, {@code files}) share: the options, the run and its report. */
abstract class IngestCommand implements Callable<Integer> {
    @Mixin
    WarehouseCommandOptions options;

    @Mixin
    ProgressOption progressOption;

    /** What a run of the ingest gives its command to print: the tables' results, how long it took, the landing zone's URI. */
    record Run(List<TableResult> results, Duration took, String landing) {}

    /**
     * Runs {@code work} with the ingest over the configured warehouse, landing in {@code landing}, showing its
     * progress; closes the warehouse and the landing zone.
     */
    Run ingest(String landing, BiFunction<SnapshotIngest, Progress, List<TableResult>> work) {
        MeshkitConfig config = options.configCreatingWarehouse();
        long start = System.nanoTime();
        try (LandingZone zone = LandingZones.open(landing)) {
            IngestComponent component = IngestComponent.of(config, zone);
            List<TableResult> results = component.closing(() -> progressOption.start("ingest", options.err())
                    .run(shown -> work.apply(component.ingest(), shown)));
            return new Run(results, Duration.ofNanos(System.nanoTime() - start), zone.uri());
        }
    }

    /** The run of a date as text or JSON; {@code files}: of {@code ingest files} (the files read in place, no source position). */
    void print(OutputFormat f, LocalDate date, Run run, boolean files) {
        PrintWriter out = options.out();
        List<TableResult> results = run.results();
        Duration took = run.took();
        String landing = run.landing();
        if (f == OutputFormat.JSON) {
            ObjectNode root = Json.MAPPER.createObjectNode();
            root.put("date", date.toString()).put("landing", landing).put("durationMs", took.toMillis());
            ArrayNode tables = root.putArray("tables");
            ArrayNode changed = root.putArray("tablesChanged");
            for (TableResult r : results) {
                ObjectNode t = tables.addObject();
                t.put("dataset", r.dataset()).put("sourceTable", r.sourceTable()).put("runId", r.runId())
                        .put("manifest", r.manifest().toString());
                ArrayNode fileList = t.putArray("files");
                r.files().forEach(u -> fileList.add(u.toString()));
                t.put("rows", r.rows()).put("bytes", r.bytes()).put("chunks", r.chunks()).put("chunksReused", r.chunksReused())
                        .put("alreadyComplete", r.alreadyComplete()).put("zeroDates", r.zeroDates())
                        .put("staging", r.staging().toString()).put("stagedRows", r.stagedRows()).put("duplicateKeys", r.duplicateKeys());
                t.putObject("phases").put("landingMs", r.phases().landing().toMillis()).put("stagingMs", r.phases().staging().toMillis());
                Json.position(t, r.position());
                Json.drift(t, r.drift());
                Json.strings(t, "warnings", r.warnings());
                changed.add(r.staging().toString());
            }
            out.println(root.toPrettyString());
        } else {
            for (TableResult r : results) {
                double seconds = Math.max(0.001, took.toMillis() / 1000.0);
                // a snapshot landed by an earlier run was not read now: no read rate to show
                out.printf("%s %s: %,d rows in %d %s%s, %s, %.1f s%s%n", r.dataset(), date, r.rows(), r.chunks(),
                        (files ? "file" : "chunk") + (r.chunks() == 1 ? "" : "s"),
                        r.alreadyComplete() ? " (already landed)" : r.chunksReused() > 0 ? " (" + r.chunksReused() + " reused)" : "",
                        megabytes(r.bytes()), seconds, r.alreadyComplete() ? "" : String.format(" (%,.0f rows/s)", r.rows() / seconds));
                URI manifest = r.manifest();
                if (files) {
                    out.println("  read     " + r.sourceTable() + " (" + r.files().size() + " file" + (r.files().size() == 1 ? "" : "s")
                            + "), manifest " + manifest);
                } else {
                    out.println("  landed   " + manifest.toString().substring(0, manifest.toString().lastIndexOf('/') + 1)
                            + " (" + r.files().size() + " part" + (r.files().size() == 1 ? "" : "s") + " + _manifest.json)");
                }
                out.printf("  staged   %s: %,d rows for snapshot_date %s%n", r.staging(), r.stagedRows(), date);
                out.printf("  took     %s %.1f s, staging %.1f s%n", files ? "loading and checking" : "landing", r.phases().landing().toMillis() / 1000.0,
                        r.phases().staging().toMillis() / 1000.0);
                if (!files) {
                    out.println("  position " + (r.position() == null ? "none (binary log off)"
                            : (r.position().binlogFile() == null ? "" : r.position().binlogFile() + ":" + r.position().binlogPosition() + " ")
                                    + (r.position().gtidSet() == null ? "" : "gtid " + r.position().gtidSet())));
                }
                if (r.zeroDates() > 0) {
                    out.printf("  zero dates: %,d landed as NULL%n", r.zeroDates());
                }
                if (r.duplicateKeys() > 0 && !files) {
                    out.printf("  duplicate keys: %,d key values occur more than once%n", r.duplicateKeys());
                }
                r.warnings().forEach(w -> out.println("  warning: " + w));
            }
        }
        out.flush();
    }

    private static String megabytes(long bytes) {
        return String.format("%.1f MB", bytes / 1e6);
    }
}
