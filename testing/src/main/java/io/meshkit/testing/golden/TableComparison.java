package io.meshkit.testing.golden;

import static java.util.Objects.requireNonNull;

import io.meshkit.core.error.WarehouseException;
import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.identifier.Namespace;
import io.meshkit.core.identifier.TableId;
import io.meshkit.core.warehouse.ColumnInfo;
import io.meshkit.core.warehouse.ResultRows;
import io.meshkit.core.warehouse.ResultText;
import io.meshkit.core.warehouse.Row;
import io.meshkit.core.warehouse.Sql;
import io.meshkit.core.warehouse.SqlBuilder;
import io.meshkit.core.warehouse.TableInfo;
import io.meshkit.core.warehouse.TableLayout;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.core.warehouse.WriteMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The golden-test judge: a table compared with an expected CSV file, in the warehouse. The CSV is
 * read as text ({@link CsvTables}) and cast to the table's column types; both sides are then counted
 * per distinct row in one set-based query (a multiset difference, as {@code EXCEPT ALL} both ways:
 * duplicates count, NULL equals NULL), so values compare as the warehouse compares them (a decimal
 * {@code 1.50} equals {@code 1.5}, a timestamp by its value) and the text {@code NULL} never equals
 * NULL. Only the first {@value #LISTED} differing rows of each side reach the JVM, for the report.
 *
 * <p>{@code meshkit test} and {@link io.meshkit.testing.GoldenTables} both use it: one judge, one
 * report.
 */
public final class TableComparison {
    /** Rows listed per side in a report. */
    public static final int LISTED = 20;
    /** The namespace of the comparison's scratch tables (dropped after each comparison). */
    public static final Namespace WORK = Namespace.of("meshkit_golden");
    private static final int MAX_CELL = 60;
    private static final ColumnName SIDE = ColumnName.of("meshkit_side");
    private static final ColumnName EXPECTED = ColumnName.of("meshkit_n_expected");
    private static final ColumnName FOUND = ColumnName.of("meshkit_n_found");
    private static final ColumnName SURPLUS = ColumnName.of("meshkit_n");
    private static final ColumnName IS_EXPECTED = ColumnName.of("meshkit_is_expected");
    private static final ColumnName IS_FOUND = ColumnName.of("meshkit_is_found");

    private TableComparison() {
    }

    /**
     * How one table compared.
     *
     * @param table the table
     * @param csv the expected file
     * @param passed whether the rows match (or, for an update, the file was written)
     * @param summary one line: what differs, or the rows compared
     * @param diff the rows only expected ({@code -}) and only found ({@code +}) as an aligned table
     *     under a header line; empty when passed or when there is nothing to list
     */
    public record Result(TableId table, Path csv, boolean passed, String summary, String diff) {
        /** Checks. */
        public Result {
            requireNonNull(table, "table is null");
            requireNonNull(csv, "csv is null");
            requireNonNull(summary, "summary is null");
            requireNonNull(diff, "diff is null");
        }

        /** The summary line and, under it, the diff. */
        public String report() {
            return diff.isEmpty() ? summary : summary + "\n" + diff;
        }
    }

    /**
     * Compares a table with an expected CSV file.
     *
     * @param columns the columns compared; empty for all of the table's (the file must then have exactly those)
     * @param updateHint how to write a missing expected file, for the message
     */
    public static Result compare(Warehouse w, TableId table, Path csv, List<ColumnName> columns, String updateHint) {
        return compare(w, table, table.toString(), csv, columns, updateHint);
    }

    /**
     * Compares what a query returns with an expected CSV file (the file must have exactly its columns):
     * the query is first written to a scratch table, dropped afterwards.
     *
     * @param updateHint how to write a missing expected file, for the message
     */
    public static Result compare(Warehouse w, Sql query, Path csv, String updateHint) {
        TableId result = TableId.of(WORK.name(), "query_" + suffix());
        w.createNamespace(WORK);
        w.createTableAs(result, query, TableLayout.NONE, WriteMode.REPLACE);
        try {
            return compare(w, result, "query", csv, List.of(), updateHint);
        } finally {
            w.drop(result);
        }
    }

    private static Result compare(Warehouse w, TableId table, String label, Path csv, List<ColumnName> columns, String updateHint) {
        String against = label + " against " + csv;
        Optional<TableInfo> actualInfo = w.describe(table);
        if (actualInfo.isEmpty()) {
            List<TableId> there = w.listTables(table.namespace());
            return failed(table, csv, "no table " + table + " (" + (there.isEmpty()
                    ? "no namespace " + table.namespace().name() : "tables in " + table.namespace().name() + ": "
                    + String.join(", ", there.stream().map(TableId::name).toList())) + ")");
        }
        if (!Files.isRegularFile(csv)) {
            return failed(table, csv, "no expected file " + csv + " (" + updateHint + ")");
        }
        TableInfo actual = actualInfo.get();
        CsvFile file = CsvFile.read(csv);
        String suffix = suffix();
        TableId text = TableId.of(WORK.name(), "expected_" + suffix);
        List<ColumnName> header = CsvTables.loadText(w, text, file);
        TableId diff = TableId.of(WORK.name(), "diff_" + suffix);
        try {
            List<ColumnInfo> compared = new ArrayList<>();     // the actual columns, typed
            List<ColumnName> textColumns = new ArrayList<>();   // the same columns in the text table
            List<ColumnName> wanted = columns.isEmpty() ? actual.columns().stream().map(ColumnInfo::name).toList() : columns;
            List<String> notInTable = new ArrayList<>();
            List<String> notInCsv = new ArrayList<>();
            for (ColumnName c : wanted) {
                Optional<ColumnInfo> a = actual.column(c);
                Optional<ColumnName> e = header.stream().filter(h -> h.name().equalsIgnoreCase(c.name())).findFirst();
                if (a.isEmpty()) {
                    notInTable.add(c.name());
                }
                if (e.isEmpty()) {
                    notInCsv.add(c.name());
                }
                if (a.isPresent() && e.isPresent()) {
                    compared.add(a.get());
                    textColumns.add(e.get());
                }
            }
            List<String> problems = new ArrayList<>();
            if (!notInTable.isEmpty()) {
                problems.add(label + " has no column " + String.join(", ", notInTable) + " (its columns: "
                        + String.join(", ", actual.columns().stream().map(c -> c.name().name()).toList()) + ")");
            }
            if (!notInCsv.isEmpty()) {
                problems.add(csv + " has no column " + String.join(", ", notInCsv));
            }
            if (columns.isEmpty()) {
                List<String> extra = header.stream().map(ColumnName::name).filter(n -> actual.column(ColumnName.of(n)).isEmpty()).toList();
                if (!extra.isEmpty()) {
                    problems.add(csv + " has column " + String.join(", ", extra) + " that " + label + " does not");
                }
            }
            if (!problems.isEmpty()) {
                return failed(table, csv, String.join("; ", problems));
            }
            try {
                w.createTableAs(diff, differingRows(w, table, text, compared, textColumns), TableLayout.NONE, WriteMode.REPLACE);
            } catch (WarehouseException e) {
                CsvTables.findBadValue(w, text, file, header, textColumns, compared, label);
                throw e;
            }
            long[] counts = counts(w, diff, text, table);
            String rows = counts[0] + " rows expected, " + counts[1] + " found";
            if (counts[2] == 0 && counts[3] == 0) {
                return new Result(table, csv, true, against + ": " + counts[1] + " rows match", "");
            }
            String summary = against + ": " + rows + "; " + counts[2] + " only expected (-), " + counts[3] + " only found (+)";
            return new Result(table, csv, false, summary, listing(w, compared, diff, counts[2], counts[3]));
        } finally {
            w.drop(diff);
            w.drop(text);
        }
    }

    /**
     * Each distinct row of either side with how often it is expected and found, where the two differ:
     * {@code GROUP BY} every column over both sides (standard SQL on every warehouse; NULLs group together).
     */
    private static Sql differingRows(Warehouse w, TableId table, TableId text, List<ColumnInfo> compared, List<ColumnName> textColumns) {
        // the sides' markers are named apart from the sums: an engine may resolve HAVING's names to the output first
        SqlBuilder b = w.dialect().sql().sql("SELECT ");
        for (ColumnInfo c : compared) {
            b.id(c.name()).sql(", ");
        }
        b.sql("SUM(").id(IS_EXPECTED).sql(") AS ").id(EXPECTED).sql(", SUM(").id(IS_FOUND).sql(") AS ").id(FOUND).sql(" FROM (SELECT ");
        for (int i = 0; i < compared.size(); i++) {
            CsvTables.castExpression(b, textColumns.get(i), compared.get(i));
            b.sql(" AS ").id(compared.get(i).name()).sql(", ");
        }
        b.sql("1 AS ").id(IS_EXPECTED).sql(", 0 AS ").id(IS_FOUND).sql(" FROM ").table(text).sql(" UNION ALL SELECT ");
        for (ColumnInfo c : compared) {
            b.id(c.name()).sql(", ");
        }
        b.sql("0, 1 FROM ").table(table).sql(") AS sides GROUP BY ");
        b.join(compared, c -> b.id(c.name()));
        return b.sql(" HAVING SUM(").id(IS_EXPECTED).sql(") <> SUM(").id(IS_FOUND).sql(")").build();
    }

    private static Result failed(TableId table, Path csv, String problem) {
        return new Result(table, csv, false, problem, "");
    }

    private static String suffix() {
        return Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
    }

    /** Rows expected, rows found, rows only expected, rows only found. */
    private static long[] counts(Warehouse w, TableId diff, TableId expected, TableId actual) {
        SqlBuilder b = w.dialect().sql().sql("SELECT (SELECT COUNT(*) FROM ").table(expected).sql("), (SELECT COUNT(*) FROM ").table(actual)
                .sql("), (SELECT COALESCE(SUM(CASE WHEN ").id(EXPECTED).sql(" > ").id(FOUND).sql(" THEN ").id(EXPECTED).sql(" - ").id(FOUND)
                .sql(" ELSE 0 END), 0) FROM ").table(diff).sql("), (SELECT COALESCE(SUM(CASE WHEN ").id(FOUND).sql(" > ").id(EXPECTED)
                .sql(" THEN ").id(FOUND).sql(" - ").id(EXPECTED).sql(" ELSE 0 END), 0) FROM ").table(diff).sql(")");
        try (ResultRows rows = w.query(b.build())) {
            for (Row r : rows) {
                return new long[] {((Number) r.get(0)).longValue(), ((Number) r.get(1)).longValue(), ((Number) r.get(2)).longValue(),
                        ((Number) r.get(3)).longValue()};
            }
        }
        throw new IllegalStateException("COUNT returned no row");
    }

    /** The first rows of each side, interleaved in the order of their values, as an aligned table. */
    private static String listing(Warehouse w, List<ColumnInfo> columns, TableId diff, long nMissing, long nUnexpected) {
        SqlBuilder b = w.dialect().sql().sql("SELECT * FROM (").append(side(w, columns, diff, 0)).sql(") AS only_expected UNION ALL SELECT * FROM (")
                .append(side(w, columns, diff, 1)).sql(") AS only_found ORDER BY ");
        for (int i = 0; i < columns.size(); i++) {
            b.literal(i + 2).sql(", ");
        }
        b.sql("1");
        List<String> header = columns.stream().map(c -> c.name().name()).toList();
        List<List<String>> cells = new ArrayList<>();
        List<String> marks = new ArrayList<>();
        int[] listed = new int[2];
        try (ResultRows rows = w.query(b.build())) {
            for (Row r : rows) {
                int side = ((Number) r.get(0)).intValue();
                List<String> line = new ArrayList<>();
                for (int i = 0; i < columns.size(); i++) {
                    line.add(cell(r.get(i + 1)));
                }
                long times = ((Number) r.get(columns.size() + 1)).longValue();
                for (long k = 0; k < times && listed[side] < LISTED; k++, listed[side]++) { // a duplicate row once per copy
                    marks.add(side == 0 ? "-" : "+");
                    cells.add(line);
                }
            }
        }
        int[] width = new int[header.size()];
        for (int i = 0; i < header.size(); i++) {
            width[i] = header.get(i).length();
            for (List<String> line : cells) {
                width[i] = Math.max(width[i], line.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder();
        out.append("  ").append(line(header, width)).append('\n');
        for (int r = 0; r < cells.size(); r++) {
            out.append(marks.get(r)).append(' ').append(line(cells.get(r), width)).append('\n');
        }
        if (nMissing > listed[0]) {
            out.append("- ... and ").append(nMissing - listed[0]).append(" more rows only expected\n");
        }
        if (nUnexpected > listed[1]) {
            out.append("+ ... and ").append(nUnexpected - listed[1]).append(" more rows only found\n");
        }
        return out.toString().stripTrailing();
    }

    /** One side's first rows: its mark, the columns and how many more times the row is on this side. */
    private static Sql side(Warehouse w, List<ColumnInfo> columns, TableId diff, int mark) {
        ColumnName more = mark == 0 ? EXPECTED : FOUND;
        ColumnName less = mark == 0 ? FOUND : EXPECTED;
        SqlBuilder b = w.dialect().sql().sql("SELECT ").literal(mark).sql(" AS ").id(SIDE).sql(", ");
        b.join(columns, c -> b.id(c.name()));
        b.sql(", ").id(more).sql(" - ").id(less).sql(" AS ").id(SURPLUS).sql(" FROM ").table(diff)
                .sql(" WHERE ").id(more).sql(" > ").id(less).sql(" ORDER BY ");
        for (int i = 0; i < columns.size(); i++) {
            b.sql(i > 0 ? ", " : "").literal(i + 2);
        }
        return b.sql(" LIMIT ").literal(LISTED).build();
    }

    private static String line(List<String> cells, int[] width) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                b.append(" | ");
            }
            b.append(cells.get(i));
            if (i < cells.size() - 1) {
                b.append(" ".repeat(width[i] - cells.get(i).length()));
            }
        }
        return b.toString();
    }

    /** A value as the report shows it: NULL, {@code ''} for the empty text, {@code 'NULL'} for the text NULL. */
    static String cell(Object value) {
        String text = ResultText.value(value);
        if (text == null) {
            return "NULL";
        }
        if (text.isEmpty()) {
            return "''";
        }
        if (value instanceof String && text.strip().equalsIgnoreCase("NULL")) {
            return "'" + text + "'";
        }
        String oneLine = text.replace("\n", "\\n").replace("\r", "\\r");
        return oneLine.length() > MAX_CELL ? oneLine.substring(0, MAX_CELL - 1) + "…" : oneLine;
    }

    /**
     * Writes the table (the given columns, or all; rows sorted by every column) as the expected CSV
     * file; a missing table or column is a failed result.
     */
    public static Result update(Warehouse w, TableId table, Path csv, List<ColumnName> columns) {
        Optional<TableInfo> actual = w.describe(table);
        if (actual.isEmpty()) {
            return failed(table, csv, "cannot update " + csv + ": no table " + table);
        }
        List<ColumnName> names = new ArrayList<>();
        for (ColumnName c : columns.isEmpty() ? actual.get().columns().stream().map(ColumnInfo::name).toList() : columns) {
            Optional<ColumnInfo> a = actual.get().column(c);
            if (a.isEmpty()) {
                return failed(table, csv, "cannot update " + csv + ": " + table + " has no column " + c.name());
            }
            names.add(a.get().name());
        }
        SqlBuilder b = w.dialect().sql().sql("SELECT ");
        b.join(names, c -> b.id(c));
        b.sql(" FROM ").table(table).sql(" ORDER BY ");
        for (int i = 0; i < names.size(); i++) {
            b.sql(i > 0 ? ", " : "").literal(i + 1);
        }
        try (ResultRows rows = w.query(b.build())) {
            long n = ResultText.writeCsv(rows, csv);
            return new Result(table, csv, true, "wrote " + csv + " from " + table + " (" + n + " rows)", "");
        }
    }
}
