package io.meshkit.core.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.meshkit.core.warehouse.ColumnInfo;
import io.meshkit.core.warehouse.ResultRows;
import io.meshkit.core.warehouse.ResultText;
import io.meshkit.core.warehouse.Row;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.HexFormat;
import java.util.List;

/**
 * A query result printed the same way by every command ({@code meshkit query}, {@code scd as-of},
 * …): a {@link TextTable} for people, CSV as golden files hold it ({@link ResultText}), or JSON.
 * Timestamps read {@code 2024-01-01 12:30:00} in all three, with fractional seconds only when the
 * value has them; NULL and the string {@code 'NULL'} never look alike ({@code NULL}/{@code 'NULL'}
 * in the table, an empty field/{@code NULL} in CSV, {@code null}/{@code "NULL"} in JSON).
 */
public final class ResultOutput {
    private ResultOutput() {}

    /**
     * The text of a value for people: numbers as written (a DECIMAL keeps its scale), timestamps as
     * above ({@code Z} after an instant), binary as {@code \x} and hex; null for NULL.
     */
    public static String text(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (v instanceof LocalDateTime || v instanceof LocalTime) {
            return ResultText.value(v);
        }
        if (v instanceof Instant) {
            return ResultText.value(v) + "Z";
        }
        if (v instanceof byte[] bytes) {
            return "\\x" + HexFormat.of().formatHex(bytes);
        }
        return v.toString();
    }

    /**
     * Prints the first {@code maxRows} rows as a table with the column names and their portable types
     * ({@link ColumnInfo#type()}, the same names on every warehouse), then the row count (saying how many
     * were shown when not all were); reads every row to count them.
     *
     * @return the number of rows
     */
    public static long table(ResultRows rows, PrintWriter out, int maxRows) {
        List<ColumnInfo> cols = rows.columns();
        boolean[] right = new boolean[cols.size()];
        for (int i = 0; i < right.length; i++) {
            right[i] = cols.get(i).type().isNumeric();
        }
        TextTable table = TextTable.of(cols.stream().map(c -> c.name().name()).toList(), cols.stream().map(c -> c.type().toString()).toList(),
                right);
        long total = 0;
        long shown = 0;
        for (Row r : rows) {
            if (shown < maxRows) {
                String[] cells = new String[cols.size()];
                for (int i = 0; i < cells.length; i++) {
                    cells[i] = TextTable.cell(text(r.get(i)));
                }
                table.add(cells);
                shown++;
            }
            total++;
        }
        table.print(out);
        String count = total + " row" + (total == 1 ? "" : "s");
        out.println(total > shown ? count + " (" + shown + " shown; use --format csv or json for all)" : count);
        return total;
    }

    /**
     * Streams the rows as CSV through the golden files' writer ({@link ResultText#writeCsv}): the same
     * quoting and timestamps, NULL an empty field; numbers as {@link #text} writes them (a DECIMAL
     * keeps its scale).
     */
    public static long csv(ResultRows rows, PrintWriter out) {
        long n = ResultText.writeCsv(rows, out, ResultOutput::text);
        out.flush();
        return n;
    }

    /**
     * Streams the rows as one JSON object: {@code columns} (name, type: the engine's own spelling,
     * {@link ColumnInfo#engineType()}, kept as it was for scripts that read it), {@code rows} (arrays of
     * values: numbers and booleans as such, NULL as {@code null}, the rest as {@link #text}) and
     * {@code rowCount}.
     */
    public static long json(ResultRows rows, PrintWriter out) {
        List<ColumnInfo> cols = rows.columns();
        long count = 0;
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
            for (Row r : rows) {
                g.writeStartArray();
                for (int i = 0; i < cols.size(); i++) {
                    json(g, r.get(i));
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
        out.flush();
        return count;
    }

    private static void json(JsonGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            g.writeNumber(((Number) v).longValue());
        } else if (v instanceof Double d && Double.isFinite(d)) {
            g.writeNumber(d);
        } else if (v instanceof Float f && Float.isFinite(f)) {
            g.writeNumber(f);
        } else if (v instanceof BigDecimal d) {
            g.writeNumber(d);
        } else if (v instanceof BigInteger i) {
            g.writeNumber(i);
        } else {
            g.writeString(text(v));
        }
    }
}
