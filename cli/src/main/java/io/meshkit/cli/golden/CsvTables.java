package io.meshkit.cli.golden;

import io.meshkit.core.error.MeshkitException;
import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.identifier.TableId;
import io.meshkit.core.type.DataType;
import io.meshkit.core.warehouse.ColumnInfo;
import io.meshkit.core.warehouse.Dialect;
import io.meshkit.core.warehouse.FileFormat;
import io.meshkit.core.warehouse.LoadRequest;
import io.meshkit.core.warehouse.ResultRows;
import io.meshkit.core.warehouse.Row;
import io.meshkit.core.warehouse.Sql;
import io.meshkit.core.warehouse.SqlBuilder;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.core.warehouse.WriteMode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * CSV files (a header line, RFC 4180 quoting) as tables of the test's warehouse, read by the
 * warehouse itself: first as text ({@link LoadRequest.Columns#TEXT}), then cast in SQL to the types a
 * column must have. An empty unquoted field is NULL, {@code ""} is the empty string (the format
 * {@code ResultText.writeCsv} writes). A value that does not convert is a {@link GoldenFileException}
 * at its line and column.
 */
final class CsvTables {
    private CsvTables() {
    }

    /** Reads a CSV file into a table of text columns named by its header. */
    static void loadText(Warehouse w, TableId target, Path csv) {
        w.createNamespace(target.namespace());
        try {
            w.load(target, LoadRequest.csvAsText(List.of(csv.toAbsolutePath().toUri()), WriteMode.REPLACE));
        } catch (MeshkitException e) {
            throw new GoldenFileException(csv.toString(), 1, 1, "cannot read the CSV file: " + firstLine(e.getMessage()));
        }
    }

    /**
     * The columns the warehouse infers for a CSV file (names from the header, types from the
     * values), by loading it into {@code scratch}, which is dropped again.
     */
    static List<ColumnInfo> inferredColumns(Warehouse w, TableId scratch, Path csv) {
        try {
            w.load(scratch, new LoadRequest(List.of(csv.toAbsolutePath().toUri()), FileFormat.CSV, WriteMode.REPLACE));
            return w.describe(scratch).orElseThrow().columns();
        } catch (MeshkitException e) {
            throw new GoldenFileException(csv.toString(), 1, 1, "cannot read the CSV file: " + firstLine(e.getMessage()));
        } finally {
            w.drop(scratch);
        }
    }

    /**
     * {@code CAST(column AS type)} of a text column; an empty string is NULL for every type but text
     * (it cannot be a number or a date, and a sniffed type read it so).
     */
    static void castExpression(SqlBuilder b, ColumnName text, ColumnInfo type) {
        if (isText(b.dialect(), type)) {
            b.sql("CAST(").id(text).sql(" AS ").engineType(type).sql(")");
        } else {
            b.sql("CAST(NULLIF(").id(text).sql(", '') AS ").engineType(type).sql(")");
        }
    }

    /** Whether a column is text in the engine too (not a type without a portable form, described as text). */
    private static boolean isText(Dialect d, ColumnInfo c) {
        return c.type().kind() == DataType.Kind.VARCHAR
                && d.parseType(c.engineType()).map(t -> t.kind() == DataType.Kind.VARCHAR).orElse(false);
    }

    /**
     * After a cast failed: the first value of {@code text}'s columns that does not convert, as a
     * {@link GoldenFileException} at its line and column in the CSV file; nothing if every value
     * converts (the failure was something else) or the warehouse has no cast that can fail softly.
     *
     * @param columns pairs of (column in the text table, the type it must have)
     */
    static void findBadValue(Warehouse w, TableId textTable, Path csv, List<ColumnName> textColumns, List<ColumnInfo> types, String what) {
        for (int i = 0; i < textColumns.size(); i++) {
            ColumnName c = textColumns.get(i);
            ColumnInfo type = types.get(i);
            Optional<Sql> converted = w.dialect().tryCast(Sql.of("v"), type.type());
            if (isText(w.dialect(), type) || converted.isEmpty()) {
                continue;
            }
            SqlBuilder b = w.dialect().sql().sql("SELECT n, v FROM (SELECT row_number() OVER () AS n, ").id(c).sql(" AS v FROM ")
                    .table(textTable).sql(") AS numbered WHERE NULLIF(v, '') IS NOT NULL AND ").append(converted.get())
                    .sql(" IS NULL ORDER BY n LIMIT 1");
            try (ResultRows rows = w.query(b.build())) {
                for (Row r : rows) {
                    long row = ((Number) r.get(0)).longValue();
                    int line = (int) Math.min(Integer.MAX_VALUE, row + 1);
                    throw new GoldenFileException(csv.toString(), line, column(csv, line, c),
                            "'" + r.get(1) + "' is not a " + type.engineType() + " (column " + c.name() + " of " + what + ")");
                }
            }
        }
    }

    /** The 1-based character column where the field of a header column starts on a line (1 if unknown). */
    private static int column(Path csv, int line, ColumnName name) {
        try (Stream<String> lines = Files.lines(csv, StandardCharsets.UTF_8)) {
            List<String> two = lines.limit(line).toList();
            if (two.size() < line) {
                return 1;
            }
            List<String> header = fields(two.get(0));
            int index = -1;
            for (int i = 0; i < header.size(); i++) {
                if (header.get(i).equalsIgnoreCase(name.name())) {
                    index = i;
                }
            }
            return index < 0 ? 1 : fieldStart(two.get(line - 1), index);
        } catch (IOException | UncheckedIOException e) {
            return 1;
        }
    }

    private static List<String> fields(String line) {
        List<String> out = new java.util.ArrayList<>();
        int start = 0;
        for (int i = 0; i <= line.length(); i++) {
            if (i == line.length() || line.charAt(i) == ',' && !insideQuotes(line, start, i)) {
                out.add(line.substring(start, i).strip().replace("\"", ""));
                start = i + 1;
            }
        }
        return out;
    }

    private static int fieldStart(String line, int index) {
        int start = 0;
        int field = 0;
        for (int i = 0; i < line.length() && field < index; i++) {
            if (line.charAt(i) == ',' && !insideQuotes(line, start, i)) {
                field++;
                start = i + 1;
            }
        }
        return start + 1;
    }

    private static boolean insideQuotes(String line, int from, int to) {
        int quotes = 0;
        for (int i = from; i < to; i++) {
            if (line.charAt(i) == '"') {
                quotes++;
            }
        }
        return quotes % 2 == 1;
    }

    static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("").strip();
    }
}
