package io.meshkit.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.meshkit.core.cli.FormatOption;
import io.meshkit.core.cli.OutputFormat;
import io.meshkit.core.cli.VerboseOption;
import io.meshkit.core.cli.WarehouseOption;
import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import io.meshkit.core.warehouse.ColumnInfo;
import io.meshkit.core.warehouse.ResultRows;
import io.meshkit.core.warehouse.Row;
import io.meshkit.core.warehouse.Sql;
import io.meshkit.core.warehouse.Warehouse;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code meshkit query SQL}: runs SQL in the warehouse. CSV and JSON stream every row; the table
 * format shows the first {@code --max-rows} rows (it needs them to size the columns).
 */
@Command(name = "query", description = "Run SQL in the warehouse and print the result.")
final class QueryCommand implements Callable<Integer> {
    @Mixin
    WarehouseOption warehouse;

    @Mixin
    FormatOption format;

    @Mixin
    VerboseOption verbose;

    @Option(names = "--max-rows", paramLabel = "N", defaultValue = "1000",
            description = "Rows shown in the table format (default ${DEFAULT-VALUE}); csv and json print all.")
    int maxRows;

    @Parameters(paramLabel = "SQL", description = "The statement to run.")
    String sql;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        OutputFormat f = format.require(OutputFormat.TABLE, OutputFormat.CSV, OutputFormat.JSON);
        if (maxRows < 0) {
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot run the query: --max-rows must be 0 or more, not " + maxRows);
        }
        if (sql == null || sql.isBlank()) {
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot run the query: the SQL is empty");
        }
        PrintWriter out = spec.commandLine().getOut();
        try (Warehouse w = CliComponent.of(warehouse.resolvedConfig()).warehouse(); ResultRows rows = w.query(Sql.ofUserText(sql))) {
            switch (f) {
                case CSV -> csv(rows, out);
                case JSON -> json(rows, out);
                default -> table(rows, out);
            }
        }
        out.flush();
        return 0;
    }

    private void table(ResultRows rows, PrintWriter out) {
        List<ColumnInfo> cols = rows.columns();
        if (cols.isEmpty()) {
            var affected = rows.stats().rowsAffected();
            out.println(affected.isPresent() ? "OK, " + plural(affected.getAsLong(), "row") + " affected" : "OK");
            return;
        }
        List<String[]> shown = new ArrayList<>();
        long total = 0;
        for (Row r : rows) {
            if (shown.size() < maxRows) {
                String[] cells = new String[cols.size()];
                for (int i = 0; i < cells.length; i++) {
                    cells[i] = text(r.get(i), "NULL");
                }
                shown.add(cells);
            }
            total++;
        }
        int[] width = new int[cols.size()];
        for (int i = 0; i < width.length; i++) {
            width[i] = Math.max(cols.get(i).name().name().length(), cols.get(i).engineType().length());
            for (String[] cells : shown) {
                width[i] = Math.max(width[i], cells[i].length());
            }
        }
        boolean[] right = new boolean[cols.size()];
        for (int i = 0; i < right.length; i++) {
            right[i] = cols.get(i).type().isNumeric();
        }
        out.println(line(width, '┌', '┬', '┐'));
        out.println(cells(cols.stream().map(c -> c.name().name()).toArray(String[]::new), width, new boolean[width.length]));
        out.println(cells(cols.stream().map(ColumnInfo::engineType).toArray(String[]::new), width, new boolean[width.length]));
        out.println(line(width, '├', '┼', '┤'));
        for (String[] cells : shown) {
            out.println(cells(cells, width, right));
        }
        out.println(line(width, '└', '┴', '┘'));
        String count = plural(total, "row");
        out.println(total > shown.size() ? count + " (" + shown.size() + " shown; use --format csv or json for all)" : count);
    }

    private static String plural(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static String line(int[] width, char left, char mid, char right) {
        StringBuilder b = new StringBuilder().append(left);
        for (int i = 0; i < width.length; i++) {
            b.append("─".repeat(width[i] + 2)).append(i == width.length - 1 ? right : mid);
        }
        return b.toString();
    }

    private static String cells(String[] cells, int[] width, boolean[] right) {
        StringBuilder b = new StringBuilder("│");
        for (int i = 0; i < cells.length; i++) {
            String pad = " ".repeat(width[i] - cells[i].length());
            b.append(' ').append(right[i] ? pad + cells[i] : cells[i] + pad).append(" │");
        }
        return b.toString();
    }

    private static void csv(ResultRows rows, PrintWriter out) {
        List<ColumnInfo> cols = rows.columns();
        if (cols.isEmpty()) {
            return; // a statement without rows: nothing to print as CSV
        }
        out.println(String.join(",", cols.stream().map(c -> csvCell(c.name().name())).toList()));
        for (Row r : rows) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < cols.size(); i++) {
                if (i > 0) {
                    b.append(',');
                }
                Object v = r.get(i);
                b.append(v == null ? "" : csvCell(text(v, "")));
            }
            out.println(b);
        }
    }

    private static String csvCell(String s) {
        if (s.isEmpty() || s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }

    private static void json(ResultRows rows, PrintWriter out) {
        List<ColumnInfo> cols = rows.columns();
        try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.writeStartObject();
            g.writeArrayFieldStart("columns");
            for (ColumnInfo c : cols) {
                g.writeStartObject();
                g.writeStringField("name", c.name().name());
                g.writeStringField("type", c.engineType());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("rows");
            long count = 0;
            for (Row r : rows) {
                g.writeStartArray();
                for (int i = 0; i < cols.size(); i++) {
                    writeJson(g, r.get(i));
                }
                g.writeEndArray();
                count++;
            }
            g.writeEndArray();
            g.writeNumberField("rowCount", count);
            if (rows.stats().rowsAffected().isPresent()) {
                g.writeNumberField("rowsAffected", rows.stats().rowsAffected().getAsLong());
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.println();
    }

    private static void writeJson(JsonGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Long l) {
            g.writeNumber(l);
        } else if (v instanceof Double d && Double.isFinite(d)) {
            g.writeNumber(d);
        } else if (v instanceof BigDecimal d) {
            g.writeNumber(d);
        } else if (v instanceof BigInteger i) {
            g.writeNumber(i);
        } else {
            g.writeString(text(v, null));
        }
    }

    private static String text(Object v, String nullText) {
        if (v == null) {
            return nullText;
        }
        if (v instanceof byte[] bytes) {
            return "\\x" + HexFormat.of().formatHex(bytes);
        }
        if (v instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (v instanceof java.time.LocalDateTime t) {
            return t.toLocalDate() + " " + t.toLocalTime();
        }
        return v.toString();
    }
}
