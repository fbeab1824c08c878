package io.meshkit.sampler.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshkit.core.cli.Formats;
import io.meshkit.core.cli.OutputFormat;
import io.meshkit.core.cli.WarehouseCommandOptions;
import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.identifier.TableId;
import io.meshkit.core.warehouse.ColumnInfo;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.sampler.api.PrepareResult;
import io.meshkit.sampler.di.SamplerComponent;
import io.meshkit.sampler.internal.Preparer;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code prepare}: add {@code sampling_value} and order the table by it, or append a sorted batch. */
@Command(name = "prepare", mixinStandardHelpOptions = true, description = {
    "Lay a table out for sampling by its sampling key.",
    "Adds sampling_value (from the sampling key, the same on every warehouse) and lays the rows out by it (sorted or clustered, as the warehouse does).",
    "With --append-from, appends a batch laid out on its own."},
        footer = {"%nExample:", "  $ ${COMMAND-FULL-NAME} --contract examples/music/contracts/plays.odcs.yaml --from music.plays --table music_sampled.plays"})
@Formats({OutputFormat.TEXT, OutputFormat.JSON})
final class PrepareCommand implements Callable<Integer> {
    @Mixin
    WarehouseCommandOptions options;

    @Mixin
    TableOptions table;

    @Option(names = "--append-from", paramLabel = "NAMESPACE.TABLE", description = "Append this batch to the prepared table instead of rewriting it.")
    TableId appendFrom;

    @Option(names = "--from", paramLabel = "NAMESPACE.TABLE",
            description = "Write --table from this table (e.g. a published dataset, which may be a view) instead of rewriting --table in place.")
    TableId from;

    @Option(names = "--replace-by", paramLabel = "COLUMN",
            description = "With --append-from: first delete the table's rows whose COLUMN value occurs in the batch (e.g. a date), so a rerun changes nothing.")
    String replaceBy;

    @Option(names = "--dry-run", description = "Check the table and key, print what would be done, change nothing.")
    boolean dryRun;

    @Override
    public Integer call() {
        OutputFormat f = options.format();
        PrintWriter out = options.out();
        TableId t = table.table("prepare table");
        ColumnName key = table.key("prepare table " + t);
        if (from != null && appendFrom != null) {
            throw new io.meshkit.core.error.MeshkitException(io.meshkit.core.error.ErrorCode.INVALID_ARGUMENT,
                    "Cannot prepare table " + t + ": give --from or --append-from, not both");
        }
        if (replaceBy != null && appendFrom == null) {
            throw new io.meshkit.core.error.MeshkitException(io.meshkit.core.error.ErrorCode.INVALID_ARGUMENT,
                    "Cannot prepare table " + t + ": --replace-by needs --append-from");
        }
        SamplerComponent c = SamplerComponent.of(options.config());
        try (Warehouse w = c.warehouse()) {
            if (dryRun) {
                Preparer.refusePublished(w, t);
                TableId source = appendFrom != null ? appendFrom : from != null ? from : t;
                // the catalog only: a dry run reads no row (describe would count them)
                ColumnInfo.find(w.columns(source).orElseThrow(() -> new io.meshkit.core.error.NoSuchTableException("prepare", source)), key)
                        .orElseThrow(() -> new io.meshkit.core.error.MeshkitException(io.meshkit.core.error.ErrorCode.INVALID_ARGUMENT,
                                "Cannot prepare table " + source + ": it has no column " + key + " (sampling key)"));
                String what = appendFrom == null ? (from == null ? "would rewrite " + t : "would write " + t + " from " + from)
                        + " with sampling_value of " + key + ", ordered by it"
                        : "would append " + appendFrom + " to " + t + ", sorted by sampling_value of " + key
                                + (replaceBy == null ? "" : ", replacing rows by " + replaceBy);
                if (f == OutputFormat.JSON) {
                    ObjectNode root = Output.JSON.createObjectNode();
                    root.put("dryRun", true);
                    root.put("table", t.toString());
                    root.putArray("tablesChanged");
                    root.put("plan", what);
                    out.println(root);
                } else {
                    out.println("dry run: " + what);
                }
                out.flush();
                return 0;
            }
            PrepareResult r = appendFrom == null ? (from == null ? c.sampler().prepare(t, key) : c.sampler().prepare(from, t, key))
                    : c.sampler().append(t, key, appendFrom, Optional.ofNullable(replaceBy).map(ColumnName::of));
            if (f == OutputFormat.JSON) {
                ObjectNode root = Output.JSON.createObjectNode();
                root.put("table", r.table().toString());
                root.put("samplingKey", r.samplingKey().name());
                root.put("mode", r.appendedFrom().isPresent() ? "append" : "rewrite");
                r.appendedFrom().ifPresent(a -> root.put("appendedFrom", a.toString()));
                root.putArray("tablesChanged").add(r.table().toString());
                root.put("rowsWritten", r.rowsWritten());
                root.put("rowsReplaced", r.rowsReplaced());
                root.put("rowsWithoutKey", r.rowsWithoutKey());
                root.put("elapsedMs", r.elapsed().toMillis());
                out.println(root);
            } else if (r.appendedFrom().isPresent()) {
                out.printf(Locale.ROOT, "appended %,d rows of %s to %s, sorted by sampling_value of %s (%,d rows replaced) in %.1f s%n",
                        r.rowsWritten(), r.appendedFrom().get(), r.table(), r.samplingKey(), r.rowsReplaced(), r.elapsed().toMillis() / 1000.0);
            } else {
                out.printf(Locale.ROOT, "prepared %s: %,d rows with sampling_value of %s, ordered by it, in %.1f s%n",
                        r.table(), r.rowsWritten(), r.samplingKey(), r.elapsed().toMillis() / 1000.0);
            }
            if (f != OutputFormat.JSON && r.rowsWithoutKey() > 0) {
                out.printf(Locale.ROOT, "note: %,d rows have no %s: they are in no sample below 100%%%n", r.rowsWithoutKey(), r.samplingKey());
            }
        }
        out.flush();
        return 0;
    }
}
