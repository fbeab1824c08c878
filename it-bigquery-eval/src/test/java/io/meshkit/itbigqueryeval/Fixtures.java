package io.meshkit.itbigqueryeval;

import io.meshkit.core.contract.Column;
import io.meshkit.core.contract.Contract;
import io.meshkit.core.contract.ContractReader;
import io.meshkit.core.contract.Dataset;
import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.identifier.TableId;
import io.meshkit.core.type.DataType;
import io.meshkit.core.warehouse.ColumnInfo;
import io.meshkit.core.warehouse.ResultRows;
import io.meshkit.core.warehouse.Row;
import io.meshkit.core.warehouse.Sql;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.testing.DataGenerators;
import io.meshkit.testing.GoldenTables;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The golden fixtures, staged the same way into any warehouse, and tables read back in a form two
 * engines can be compared in. Test resources (see the POM): {@code soundcloud/} is scd-builder's
 * golden fixture (contracts and expected CSVs), {@code music/} the example domain (contracts and
 * daily snapshot CSVs).
 */
final class Fixtures {
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSSSSS]", Locale.ROOT);

    private Fixtures() {}

    static Path resource(String name) {
        try {
            return Path.of(Fixtures.class.getClassLoader().getResource(name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("no test resource " + name, e);
        }
    }

    static Contract contract(String resource) {
        return ContractReader.create().read(resource(resource));
    }

    /** The staging table's columns: the contract's, typed by their physical types, and {@code snapshot_date}. */
    static List<ColumnInfo> stagingColumns(Dataset dataset) {
        List<ColumnInfo> cols = new ArrayList<>();
        for (Column c : dataset.columns()) {
            cols.add(new ColumnInfo(c.columnName(), c.physicalType(), c.physicalType().toString(), true));
        }
        cols.add(new ColumnInfo(ColumnName.of("snapshot_date"), DataType.DATE, "DATE", false));
        return cols;
    }

    /**
     * Stages one snapshot as snapshot-ingest leaves it: the table is created from the contract's
     * schema (through the warehouse's dialect) and the rows inserted with bound values.
     */
    static void stage(Warehouse w, Dataset dataset, TableId staging, LocalDate date, List<List<Object>> rows) {
        List<ColumnInfo> cols = stagingColumns(dataset);
        w.createNamespace(staging.namespace());
        w.execute(w.dialect().createTableIfNotExists(staging, cols));
        List<List<Object>> withDate = rows.stream().map(r -> {
            List<Object> v = new ArrayList<>(r);
            v.add(date);
            return (List<Object>) v;
        }).toList();
        DataGenerators.insertRows(w, staging, cols, withDate.iterator());
    }

    /** Creates a table of the contract's columns (typed through the warehouse's dialect) holding these rows. */
    static void create(Warehouse w, Dataset dataset, TableId table, List<List<Object>> rows) {
        List<ColumnInfo> cols = stagingColumns(dataset).subList(0, dataset.columns().size());
        w.createNamespace(table.namespace());
        w.execute(w.dialect().createTableIfNotExists(table, cols));
        DataGenerators.insertRows(w, table, cols, rows.iterator());
    }

    /** The snapshot dates of an example table, {@code music/snapshots/<table>/snapshot_date=D/}, in order. */
    static List<LocalDate> snapshotDates(String table) {
        try (Stream<Path> dirs = Files.list(resource("music/snapshots/" + table))) {
            return dirs.map(d -> LocalDate.parse(d.getFileName().toString().substring("snapshot_date=".length()))).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The rows of an example snapshot CSV, typed by the contract's columns (matched by the header). */
    static List<List<Object>> snapshotRows(Dataset dataset, String table, LocalDate date) {
        Path file = resource("music/snapshots/" + table + "/snapshot_date=" + date + "/part-0.csv");
        List<List<String>> lines = GoldenTables.readCsv(file);
        List<String> header = lines.get(0);
        List<List<Object>> rows = new ArrayList<>();
        for (List<String> line : lines.subList(1, lines.size())) {
            List<Object> row = new ArrayList<>();
            for (Column c : dataset.columns()) {
                int i = header.indexOf(c.columnName().name());
                if (i < 0) {
                    throw new IllegalStateException(file + " has no column " + c.columnName());
                }
                row.add(value(c.physicalType(), line.get(i)));
            }
            rows.add(row);
        }
        return rows;
    }

    private static Object value(DataType type, String text) {
        if (text == null) {
            return null;
        }
        return switch (type.kind()) {
            case TINYINT, SMALLINT, INTEGER, BIGINT -> Long.parseLong(text);
            case DECIMAL -> new BigDecimal(text);
            case DOUBLE, REAL -> Double.parseDouble(text);
            case BOOLEAN -> Boolean.parseBoolean(text);
            case DATE -> LocalDate.parse(text);
            case TIMESTAMP -> LocalDateTime.parse(text, TIMESTAMP);
            case VARCHAR -> text;
            default -> throw new IllegalArgumentException("the fixtures have no " + type + " column");
        };
    }

    /**
     * Every row of a table in canonical text (see {@link #canonical}), one line per row with the
     * values separated by {@code |}, sorted; the first line is the column names, in lower case.
     */
    static List<String> table(Warehouse w, TableId table) {
        return query(w, w.dialect().sql().sql("SELECT * FROM ").table(table).build());
    }

    /** Every row of a query as {@link #table} gives them. */
    static List<String> query(Warehouse w, Sql sql) {
        List<String> rows = new ArrayList<>();
        String header;
        try (ResultRows r = w.query(sql)) {
            List<String> names = r.columns().stream().map(c -> c.name().name().toLowerCase(Locale.ROOT)).toList();
            header = String.join(" | ", names);
            for (Row row : r) {
                List<String> text = new ArrayList<>();
                for (int i = 0; i < names.size(); i++) {
                    text.add(canonical(row.get(i)));
                }
                rows.add(String.join(" | ", text));
            }
        }
        rows.sort(null);
        List<String> out = new ArrayList<>();
        out.add(header);
        out.addAll(rows);
        return out;
    }

    /**
     * A value as text that is equal across engines for equal values, whatever Java type each
     * engine's driver returns: integers by value (INTEGER and INT64 alike), decimals without
     * trailing zeros (DECIMAL(5,2) and NUMERIC alike), doubles exactly (their bits), timestamps in
     * ISO form; NULL as {@code null}, strings quoted.
     */
    static String canonical(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof String s) {
            return "'" + s + "'";
        }
        if (v instanceof BigDecimal d) {
            return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
        }
        if (v instanceof Double d) {
            return "double:" + Long.toHexString(Double.doubleToRawLongBits(d));
        }
        if (v instanceof Number n) {
            return Long.toString(n.longValue());
        }
        if (v instanceof Instant i) {
            return LocalDateTime.ofInstant(i, ZoneOffset.UTC) + "Z";
        }
        if (v instanceof java.time.OffsetDateTime t) {
            return LocalDateTime.ofInstant(t.toInstant(), ZoneOffset.UTC) + "Z";
        }
        if (v instanceof byte[] b) {
            return "0x" + HexFormat.of().formatHex(b);
        }
        return v.toString();
    }

    /** A row of values, for fixtures written inline. */
    static List<Object> row(Object... values) {
        return Arrays.asList(values);
    }
}
