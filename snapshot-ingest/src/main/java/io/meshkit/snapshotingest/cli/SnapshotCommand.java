package io.meshkit.snapshotingest.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshkit.core.cli.CliSupport;
import io.meshkit.core.cli.FormatOption;
import io.meshkit.core.cli.OutputFormat;
import io.meshkit.core.cli.ProgressOption;
import io.meshkit.core.cli.VerboseOption;
import io.meshkit.core.cli.WarehouseOption;
import io.meshkit.core.config.MeshkitConfig;
import io.meshkit.core.landing.LandingZone;
import io.meshkit.core.landing.LandingZones;
import io.meshkit.core.progress.Progress;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.snapshotingest.api.SnapshotRequest;
import io.meshkit.snapshotingest.api.TableResult;
import io.meshkit.snapshotingest.di.IngestComponent;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code meshkit-ingest snapshot}: land a consistent snapshot of MySQL tables and stage it. */
@Command(name = "snapshot", description = "Snapshot MySQL tables at one point in time into the landing zone (Parquet) and load them into staging.",
        footer = {"%nExample:", "  $ ${COMMAND-FULL-NAME} --source 'jdbc:mysql://127.0.0.1:3306/music?user=meshkit' --contract examples/music/contracts/tracks.odcs.yaml --date 2019-04-28"})
final class SnapshotCommand implements Callable<Integer> {
    @Mixin
    SourceOptions sourceOptions;

    @Option(names = "--landing", paramLabel = "DIR|URI", defaultValue = ".meshkit/landing",
            description = "Landing zone: a directory or file: URI (default ${DEFAULT-VALUE}); gs://BUCKET/PREFIX where a GCS landing zone is installed.")
    String landing;

    @Option(names = "--staging", paramLabel = "NAMESPACE[.TABLE]", description = "Staging namespace, or table for a single source table "
            + "(default: <domain>_staging.<table> with a contract, <database>_staging.<table> without).")
    String staging;

    @Option(names = "--dry-run", description = "Show the plan (as the plan command does) and read nothing.")
    boolean dryRun;

    @Mixin
    WarehouseOption warehouseOption;

    @Mixin
    FormatOption format;

    @Mixin
    VerboseOption verbose;

    @Mixin
    ProgressOption progressOption;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        OutputFormat f = format.require(OutputFormat.TEXT, OutputFormat.JSON);
        SnapshotRequest request = sourceOptions.request(staging, true);
        PrintWriter out = spec.commandLine().getOut();
        if (dryRun) {
            try (LandingZone none = LandingZones.open(".")) {
                PlanCommand.print(out, f, request, IngestComponent.of(MeshkitConfig.defaults(), none).ingest().plan(request));
            }
            return 0;
        }
        MeshkitConfig config = warehouseOption.resolvedConfig();
        long start = System.nanoTime();
        try (LandingZone zone = LandingZones.open(landing)) {
            IngestComponent component = IngestComponent.of(config, zone);
            try (Warehouse warehouse = component.warehouse();
                    Progress shown = progressOption.start("ingest", spec.commandLine().getErr())) {
                List<TableResult> results = component.ingest().snapshot(request, shown);
                shown.close();
                print(out, f, request.options().date(), results, Duration.ofNanos(System.nanoTime() - start), zone.uri());
                return results.stream().anyMatch(r -> r.duplicateKeys() > 0) ? CliSupport.FINDINGS : CliSupport.OK;
            }
        }
    }

    /** The result of a snapshot (MySQL or files) as text or JSON. */
    static void print(PrintWriter out, OutputFormat f, LocalDate date, List<TableResult> results, Duration took, String landing) {
        print(out, f, date, results, took, landing, false);
    }

    /** The result as text or JSON; {@code files}: of {@code ingest files} (the files read in place, no source position). */
    static void print(PrintWriter out, OutputFormat f, LocalDate date, List<TableResult> results, Duration took, String landing, boolean files) {
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
                out.printf("%s %s: %,d rows in %d %s%s, %s, %.1f s (%,.0f rows/s)%n", r.dataset(), date, r.rows(), r.chunks(),
                        files ? (r.chunks() == 1 ? "file" : "files") : "chunks",
                        r.alreadyComplete() ? " (already landed)" : r.chunksReused() > 0 ? " (" + r.chunksReused() + " reused)" : "",
                        megabytes(r.bytes()), seconds, r.alreadyComplete() ? 0.0 : r.rows() / seconds);
                URI manifest = r.manifest();
                if (files) {
                    out.println("  read     " + r.sourceTable() + " (" + r.files().size() + " file" + (r.files().size() == 1 ? "" : "s")
                            + "), manifest " + manifest);
                } else {
                    out.println("  landed   " + manifest.toString().substring(0, manifest.toString().lastIndexOf('/') + 1)
                            + " (" + r.files().size() + " parts + _manifest.json)");
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
