package io.meshkit.testing.golden;

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
import io.meshkit.testing.DataGenerators;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * CSV files as tables of the test's warehouse. The file is read once, by {@link CsvFile} (so NULL,
 * {@code ""} and the text {@code NULL} mean the same on every warehouse), into a table of text
 * columns named by its header, with bound values; types come from SQL: a cast to the type a column
 * must have. A value that does not convert is a {@link GoldenFileException} at its line and column.
 */
final class CsvTables {
    /** The column of a text table that holds each row's line in the file. */
    static final ColumnName LINE = ColumnName.of("meshkit_csv_line");

    private CsvTables() {
    }

    /**
     * Reads a CSV file into a new table of text columns named by its header (replacing the table),
     * plus {@link #LINE}; returns the header's columns.
     */
    static List<ColumnName> loadText(Warehouse w, TableId target, CsvFile csv) {
        List<String> header = csv.header();
        List<ColumnName> names = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < header.size(); i++) {
            String h = header.get(i) == null ? "" : header.get(i).strip();
            ColumnName name;
            try {
                name = ColumnName.of(h);
            } catch (MeshkitException | IllegalArgumentException e) {
                throw new GoldenFileException(csv.file().toString(), 1, csv.column(1, i), "'" + h + "' is not a column name: "
                        + firstLine(e.getMessage()));
            }
            if (!seen.add(name.name().toLowerCase(Locale.ROOT)) || name.name().equalsIgnoreCase(LINE.name())) {
                throw new GoldenFileException(csv.file().toString(), 1, csv.column(1, i), "column " + h + " appears twice in the header");
            }
            names.add(name);
        }
        List<ColumnInfo> columns = new ArrayList<>();
        for (ColumnName n : names) {
            columns.add(new ColumnInfo(n, DataType.VARCHAR, w.dialect().typeName(DataType.VARCHAR), true));
        }
        columns.add(new ColumnInfo(LINE, DataType.BIGINT, w.dialect().typeName(DataType.BIGINT), false));
        List<List<Object>> rows = new ArrayList<>();
        for (CsvFile.Record r : csv.rows()) {
            if (r.fields().size() != names.size()) {
                throw new GoldenFileException(csv.file().toString(), r.line(), 1,
                        "the row has " + r.fields().size() + " fields, the header " + names.size());
            }
            List<Object> values = new ArrayList<>(r.fields());
            values.add((long) r.line());
            rows.add(values);
        }
        w.createNamespace(target.namespace());
        w.drop(target);
        w.execute(w.dialect().createTableIfNotExists(target, columns));
        DataGenerators.insertRows(w, target, columns, rows.iterator());
        return List.copyOf(names);
    }

    /**
     * The columns the warehouse infers for a CSV file (names from the header, types from the
     * values), by loading it into {@code scratch}, which is dropped again. Only the types are used:
     * the values are read by {@link #loadText}.
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
     * (it cannot be a number or a date).
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
     * After a cast failed: the first value of the text table's columns that does not convert, as a
     * {@link GoldenFileException} at its line and column in the CSV file; nothing if every value
     * converts (the failure was something else) or the warehouse has no cast that can fail softly.
     */
    static void findBadValue(Warehouse w, TableId textTable, CsvFile csv, List<ColumnName> header, List<ColumnName> textColumns,
            List<ColumnInfo> types, String what) {
        for (int i = 0; i < textColumns.size(); i++) {
            ColumnName c = textColumns.get(i);
            ColumnInfo type = types.get(i);
            Optional<Sql> converted = w.dialect().tryCast(Sql.of("v"), type.type());
            if (isText(w.dialect(), type) || converted.isEmpty()) {
                continue;
            }
            SqlBuilder b = w.dialect().sql().sql("SELECT line, v FROM (SELECT ").id(LINE).sql(" AS line, ").id(c).sql(" AS v FROM ")
                    .table(textTable).sql(") AS fields WHERE NULLIF(v, '') IS NOT NULL AND ").append(converted.get())
                    .sql(" IS NULL ORDER BY line LIMIT 1");
            try (ResultRows rows = w.query(b.build())) {
                for (Row r : rows) {
                    int line = (int) Math.min(Integer.MAX_VALUE, ((Number) r.get(0)).longValue());
                    int index = header.indexOf(c);
                    throw new GoldenFileException(csv.file().toString(), line, index <= 0 ? 1 : csv.column(line, index),
                            "'" + r.get(1) + "' is not a " + type.engineType() + " (column " + c.name() + " of " + what + ")");
                }
            }
        }
    }

    static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("").strip();
    }
}
