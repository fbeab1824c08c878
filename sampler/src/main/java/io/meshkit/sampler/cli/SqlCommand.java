package io.meshkit.sampler.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshkit.core.cli.Formats;
import io.meshkit.core.cli.OutputFormat;
import io.meshkit.core.cli.WarehouseCommandOptions;
import io.meshkit.core.warehouse.ColumnInfo;
import io.meshkit.core.warehouse.ResultRows;
import io.meshkit.core.warehouse.Row;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.sampler.api.Rate;
import io.meshkit.sampler.di.SamplerComponent;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sql}: raw SQL over sampled tables, unscaled. */
@Command(name = "sql", mixinStandardHelpOptions = true, description = {
    "Run raw SQL over sampled tables, for ad-hoc work.",
    "{sample} is the --table's sample, {sample:NS.TABLE} any prepared table's; tables sampled on the same key join on the same users.",
    "The result is NOT scaled: counts and sums cover the sample only."},
        footer = {"%nExample:", "  $ ${COMMAND-FULL-NAME} --contract examples/music/contracts/plays.odcs.yaml --table music_sampled.plays --rate 50%% \"SELECT count(*) AS plays FROM {sample}\""})
@Formats({OutputFormat.TABLE, OutputFormat.CSV, OutputFormat.JSON})
final class SqlCommand implements Callable<Integer> {
    @Mixin
    WarehouseCommandOptions options;

    @Mixin
    TableOptions table;

    @Option(names = "--rate", paramLabel = "RATE", defaultValue = "1%", description = "Share of users read (default 1%%).")
    Rate rate;

    @Option(names = "--max-rows", paramLabel = "N", defaultValue = "1000", description = "Rows shown in the table format (default ${DEFAULT-VALUE}).")
    int maxRows;

    @Parameters(paramLabel = "SQL", description = "The statement, with {sample} or {sample:NAMESPACE.TABLE}.")
    String sql;

    @Override
    public Integer call() {
        OutputFormat f = options.format();
        PrintWriter out = options.out();
        SamplerComponent c = SamplerComponent.of(options.config());
        Warehouse w = c.warehouse(); // closed after the rows: the stream uses its connections
        try (w; ResultRows rows = c.sampler().sql(sql, table.tableIfAny(), rate)) {
            List<ColumnInfo> cols = rows.columns();
            switch (f) {
                case JSON -> {
                    ObjectNode root = Output.JSON.createObjectNode();
                    root.put("scaled", false);
                    root.put("rate", rate.fraction());
                    root.putArray("tablesChanged");
                    ArrayNode names = root.putArray("columns");
                    cols.forEach(col -> names.add(col.name().name()));
                    ArrayNode data = root.putArray("rows");
                    long n = 0;
                    for (Row r : rows) {
                        ArrayNode a = data.addArray();
                        for (int i = 0; i < cols.size(); i++) {
                            Object v = r.get(i);
                            if (v == null) {
                                a.addNull();
                            } else if (v instanceof Long l) {
                                a.add(l);
                            } else if (v instanceof Double d && Double.isFinite(d)) {
                                a.add(d);
                            } else if (v instanceof BigDecimal d) {
                                a.add(d);
                            } else {
                                a.add(v.toString());
                            }
                        }
                        n++;
                    }
                    root.put("rowCount", n);
                    out.println(root);
                }
                case CSV -> {
                    out.println("# UNSCALED: rows of a " + rate + " sample of users");
                    out.println(String.join(",", cols.stream().map(col -> Output.csvCell(col.name().name())).toList()));
                    for (Row r : rows) {
                        List<String> cells = new ArrayList<>();
                        for (int i = 0; i < cols.size(); i++) {
                            cells.add(r.get(i) == null ? "" : Output.csvCell(r.get(i).toString()));
                        }
                        out.println(String.join(",", cells));
                    }
                }
                default -> {
                    out.println("UNSCALED: computed on a " + rate + " sample of users; counts and sums are not multiplied by 1/rate.");
                    List<List<String>> shown = new ArrayList<>();
                    long total = 0;
                    for (Row r : rows) {
                        if (shown.size() < maxRows) {
                            List<String> cells = new ArrayList<>();
                            for (int i = 0; i < cols.size(); i++) {
                                Object v = r.get(i);
                                cells.add(v instanceof BigDecimal d ? d.toPlainString() : Output.text(v));
                            }
                            shown.add(cells);
                        }
                        total++;
                    }
                    Output.table(out, cols.stream().map(col -> col.name().name()).toList(), shown);
                    out.println(total + " row" + (total == 1 ? "" : "s") + (total > shown.size() ? " (" + shown.size() + " shown)" : ""));
                }
            }
        }
        out.flush();
        return 0;
    }
}
