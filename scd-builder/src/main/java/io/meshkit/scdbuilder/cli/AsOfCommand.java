package io.meshkit.scdbuilder.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshkit.core.cli.Formats;
import io.meshkit.core.cli.OutputFormat;
import io.meshkit.core.cli.ProgressOption;
import io.meshkit.core.cli.ResultOutput;
import io.meshkit.core.cli.WarehouseCommandOptions;
import io.meshkit.core.identifier.TableId;
import io.meshkit.core.progress.Progress;
import io.meshkit.core.warehouse.ColumnInfo;
import io.meshkit.core.warehouse.QueryStats;
import io.meshkit.core.warehouse.ResultRows;
import io.meshkit.core.warehouse.Row;
import io.meshkit.core.warehouse.Sql;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.scdbuilder.api.ScdBuilder;
import io.meshkit.scdbuilder.api.ScdTarget;
import io.meshkit.scdbuilder.di.ScdComponent;
import java.io.PrintWriter;
import java.util.Iterator;
import java.util.List;
import java.util.stream.StreamSupport;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code meshkit scd as-of --at T}: streams the dimension as of a time. */
@Command(name = "as-of", description = {"Print the dimension as of a time: the version of each key valid then.",
    "Join facts the same way: ON d.key = f.key AND d.valid_from <= f.time AND f.time < d.valid_to."},
        footer = {"%nExample:", "  $ ${COMMAND-FULL-NAME} --contract examples/music/contracts/tracks.odcs.yaml --at 2019-05-01"})
@Formats({OutputFormat.TEXT, OutputFormat.JSON, OutputFormat.CSV})
final class AsOfCommand implements Callable<Integer> {
    @Mixin
    WarehouseCommandOptions options;

    @Mixin
    DatasetOptions dataset;

    @Mixin
    ProgressOption progressOption;

    @Option(names = "--at", paramLabel = "TIME", required = true, description = "YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS] (UTC).")
    String at;

    @Option(names = "--table", paramLabel = "NAMESPACE.TABLE", description = "The dimension to read (default: production).")
    TableId table;

    @Option(names = "--include-deleted", description = "Also return tombstones (keys deleted at that time), with is_deleted.")
    boolean includeDeleted;

    @Option(names = "--max-rows", paramLabel = "N", defaultValue = "1000",
            description = "Rows shown in the text table (default ${DEFAULT-VALUE}); csv and json print all.")
    int maxRows;

    @Option(names = "--sql", description = "Print the query instead of running it.")
    boolean printSql;

    @Override
    public Integer call() {
        OutputFormat f = options.format();
        ScdTarget target = dataset.target();
        TableId read = table != null ? table : target.tables().production();
        PrintWriter out = options.out();
        ScdComponent component = ScdComponent.of(options.config());
        try (Warehouse w = component.warehouse()) {
            Sql q = component.scd().asOf(target, read, Output.time("--at", at),
                    includeDeleted ? ScdBuilder.DeletedKeys.INCLUDE : ScdBuilder.DeletedKeys.EXCLUDE);
            if (printSql) {
                out.println(q);
                out.flush();
                return 0;
            }
            return progressOption.start("scd as-of", options.err()).run(shown -> {
                shown.phase("read " + read + " as of " + at, Progress.UNKNOWN, "rows");
                try (ResultRows rows = new Counted(w.query(q), shown)) {
                    print(rows, f, out);
                }
                return 0;
            });
        }
    }

    /** Prints the rows in the format asked for. */
    private void print(ResultRows rows, OutputFormat f, PrintWriter out) {
        List<ColumnInfo> cols = rows.columns();
        if (f == OutputFormat.JSON) {
            // an array of objects keyed by column; values as the table prints them, numbers and booleans as such
            ArrayNode a = Output.JSON.createArrayNode();
            for (Row r : rows) {
                ObjectNode o = a.addObject();
                for (int i = 0; i < cols.size(); i++) {
                    Object v = r.get(i);
                    o.putPOJO(cols.get(i).name().name(), v == null || v instanceof Number || v instanceof Boolean ? v : ResultOutput.text(v));
                }
            }
            out.println(a.toPrettyString());
        } else if (f == OutputFormat.CSV) {
            ResultOutput.csv(rows, out);
        } else {
            ResultOutput.table(rows, out, maxRows);
        }
        out.flush();
    }

    /** The rows, each counted as done on {@code progress} as it is read. */
    private record Counted(ResultRows rows, Progress progress) implements ResultRows {
        @Override
        public Iterator<Row> iterator() {
            return StreamSupport.stream(rows.spliterator(), false).peek(r -> progress.done().incrementAndGet()).iterator();
        }

        @Override
        public void close() {
            rows.close();
        }

        @Override
        public List<ColumnInfo> columns() {
            return rows.columns();
        }

        @Override
        public QueryStats stats() {
            return rows.stats();
        }
    }
}
