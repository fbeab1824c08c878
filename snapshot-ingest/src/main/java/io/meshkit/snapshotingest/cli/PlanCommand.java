package io.meshkit.snapshotingest.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshkit.core.cli.Formats;
import io.meshkit.core.cli.OutputFormat;
import io.meshkit.core.cli.OutputOptions;
import io.meshkit.core.config.MeshkitConfig;
import io.meshkit.core.landing.LandingZone;
import io.meshkit.core.landing.LandingZones;
import io.meshkit.core.secret.Secrets;
import io.meshkit.snapshotingest.api.SnapshotRequest;
import io.meshkit.snapshotingest.api.TablePlan;
import io.meshkit.snapshotingest.di.IngestComponent;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code meshkit-ingest plan}: the chunks and estimated rows a snapshot would read, reading no table data. */
@Command(name = "plan", description = "Dry run: show each table's key, chunks, estimated rows, column types and drift; reads no table data.",
        footer = {"%nExample:", "  $ ${COMMAND-FULL-NAME} --source 'jdbc:mysql://127.0.0.1:3306/music?user=meshkit' --table tracks --table plays"})
@Formats({OutputFormat.TEXT, OutputFormat.JSON})
final class PlanCommand implements Callable<Integer> {
    @Mixin
    SourceOptions sourceOptions;

    @Option(names = "--staging", paramLabel = "NAMESPACE[.TABLE]", description = "Staging namespace, or table for a single source table.")
    String staging;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() {
        OutputFormat f = output.format();
        SnapshotRequest request = sourceOptions.request(staging, false);
        // a plan lands nothing and opens no warehouse (the ingest opens it on first use)
        try (LandingZone none = LandingZones.open(".")) {
            print(output.out(), f, request, IngestComponent.of(MeshkitConfig.defaults(), none).ingest().plan(request));
        }
        return 0;
    }

    static void print(PrintWriter out, OutputFormat f, SnapshotRequest request, List<TablePlan> plans) {
        if (f == OutputFormat.JSON) {
            ObjectNode root = Json.MAPPER.createObjectNode();
            root.put("source", Secrets.redact(request.source()));
            ArrayNode tables = root.putArray("tables");
            for (TablePlan p : plans) {
                ObjectNode t = tables.addObject();
                t.put("dataset", p.dataset()).put("sourceTable", p.sourceTable()).put("staging", p.staging().toString());
                Json.strings(t, "key", p.chunks().key());
                t.put("strategy", p.chunks().strategy().name()).put("estimatedRows", p.chunks().estimatedRows())
                        .put("chunks", p.chunks().chunkCount());
                Json.strings(t, "columns", p.columns());
                Json.drift(t, p.drift());
                Json.strings(t, "warnings", p.warnings());
            }
            out.println(root.toPrettyString());
        } else {
            for (TablePlan p : plans) {
                out.printf("%s (%s.%s -> %s)%n", p.dataset(), p.sourceDatabase(), p.sourceTable(), p.staging());
                out.printf("  key %s, %s: %,d chunk%s, ~%,d rows%n", p.chunks().key().isEmpty() ? "(none)" : String.join(", ", p.chunks().key()),
                        p.chunks().strategy().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '), p.chunks().chunkCount(),
                        p.chunks().chunkCount() == 1 ? "" : "s", p.chunks().estimatedRows());
                p.columns().forEach(c -> out.println("  column " + c));
                p.drift().differences().forEach(d -> out.println("  drift " + d));
                p.warnings().forEach(w -> out.println("  warning: " + w));
            }
        }
        out.flush();
    }
}
