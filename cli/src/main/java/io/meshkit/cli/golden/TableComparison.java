package io.meshkit.cli.golden;

import io.meshkit.core.error.WarehouseException;
import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.identifier.Namespace;
import io.meshkit.core.identifier.TableId;
import io.meshkit.core.warehouse.ColumnInfo;
import io.meshkit.core.warehouse.ResultRows;
import io.meshkit.core.warehouse.ResultText;
import io.meshkit.core.warehouse.Row;
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

/**
 * One expected table compared with the table a test's run left, in the warehouse: the expected CSV
 * is read as text and cast to the actual columns' types, then {@code EXCEPT ALL} both ways gives
 * the rows only expected and the rows only found (a multiset: duplicates count). Only the first
 * {@value #LISTED} of each reach the JVM, for the diff.
 */
final class TableComparison {
    /** Rows listed per side in a diff. */
    static final int LISTED = 20;
    static final Namespace WORK = Namespace.of("meshkit_golden");
    private static final int MAX_CELL = 60;

    private TableComparison() {
    }

    /**
     * How one table compared.
     *
     * @param expect what was expected
     * @param passed whether the rows match
     * @param summary one line: what differs, or the rows compared
     * @param diff the table diff (empty when passed)
     */
    record Result(GoldenTest.Expect expect, boolean passed, String summary, String diff) {}

    static Result compare(Warehouse w, GoldenTest.Expect expect, int index) {
        Path csv = expect.csv();
        String against = expect.table() + " against " + csv;
        Optional<TableInfo> actualInfo = w.describe(expect.table());
        if (actualInfo.isEmpty()) {
            List<TableId> there = w.listTables(expect.table().namespace());
            return failed(expect, "no table " + expect.table() + " after the run (" + (there.isEmpty()
                    ? "no namespace " + expect.table().namespace().name() : "tables in " + expect.table().namespace().name() + ": "
                    + String.join(", ", there.stream().map(TableId::name).toList())) + ")");
        }
        if (!Files.isRegularFile(csv)) {
            return failed(expect, "no expected file " + csv + " (write it from the actual table with --update, then review it)");
        }
        TableInfo actual = actualInfo.get();
        TableId text = TableId.of(WORK.name(), "expected_" + index);
        CsvTables.loadText(w, text, csv);
        TableInfo expectedInfo = w.describe(text).orElseThrow();

        List<String> problems = new ArrayList<>();
        List<ColumnInfo> compared = new ArrayList<>();     // the actual columns, typed
        List<ColumnName> textColumns = new ArrayList<>();   // the same columns in the text table
        List<ColumnName> wanted = expect.columns().isEmpty() ? actual.columns().stream().map(ColumnInfo::name).toList() : expect.columns();
        List<String> notInTable = new ArrayList<>();
        List<String> notInCsv = new ArrayList<>();
        for (ColumnName c : wanted) {
            Optional<ColumnInfo> a = actual.column(c);
            Optional<ColumnInfo> e = expectedInfo.column(c);
            if (a.isEmpty()) {
                notInTable.add(c.name());
            }
            if (e.isEmpty()) {
                notInCsv.add(c.name());
            }
            if (a.isPresent() && e.isPresent()) {
                compared.add(a.get());
                textColumns.add(e.get().name());
            }
        }
        if (!notInTable.isEmpty()) {
            problems.add(expect.table() + " has no column " + String.join(", ", notInTable) + " (its columns: "
                    + String.join(", ", actual.columns().stream().map(c -> c.name().name()).toList()) + ")");
        }
        if (!notInCsv.isEmpty()) {
            problems.add(csv + " has no column " + String.join(", ", notInCsv));
        }
        if (expect.columns().isEmpty()) {
            List<String> extra = expectedInfo.columns().stream().map(c -> c.name().name())
                    .filter(n -> actual.column(ColumnName.of(n)).isEmpty()).toList();
            if (!extra.isEmpty()) {
                problems.add(csv + " has column " + String.join(", ", extra) + " that " + expect.table() + " does not");
            }
        }
        if (!problems.isEmpty()) {
            w.drop(text);
            return failed(expect, String.join("; ", problems));
        }

        TableId missing = TableId.of(WORK.name(), "only_expected_" + index);
        TableId unexpected = TableId.of(WORK.name(), "only_found_" + index);
        try {
            SqlBuilder typed = w.dialect().sql().sql("SELECT ");
            for (int i = 0; i < compared.size(); i++) {
                if (i > 0) {
                    typed.sql(", ");
                }
                CsvTables.castExpression(typed, textColumns.get(i), compared.get(i));
                typed.sql(" AS ").id(compared.get(i).name());
            }
            typed.sql(" FROM ").table(text);
            SqlBuilder found = w.dialect().sql().sql("SELECT ");
            found.join(compared, c -> found.id(c.name()));
            found.sql(" FROM ").table(expect.table());
            try {
                w.createTableAs(missing, w.dialect().sql().append(typed.build()).sql(" EXCEPT ALL ").append(found.build()).build(),
                        TableLayout.NONE, WriteMode.REPLACE);
            } catch (WarehouseException e) {
                CsvTables.findBadValue(w, text, csv, textColumns, compared, expect.table().toString());
                throw e;
            }
            w.createTableAs(unexpected, w.dialect().sql().append(found.build()).sql(" EXCEPT ALL ").append(typed.build()).build(),
                    TableLayout.NONE, WriteMode.REPLACE);
            long[] counts = counts(w, missing, unexpected, text, expect.table());
            long nMissing = counts[0];
            long nUnexpected = counts[1];
            String rows = counts[2] + " rows expected, " + counts[3] + " found";
            if (nMissing == 0 && nUnexpected == 0) {
                return new Result(expect, true, against + ": " + counts[3] + " rows match", "");
            }
            String summary = against + ": " + rows + "; " + nMissing + " only expected (-), " + nUnexpected + " only found (+)";
            return new Result(expect, false, summary, diff(w, compared, missing, unexpected, nMissing, nUnexpected));
        } finally {
            w.drop(missing);
            w.drop(unexpected);
            w.drop(text);
        }
    }

    private static Result failed(GoldenTest.Expect expect, String problem) {
        return new Result(expect, false, problem, "");
    }

    private static long[] counts(Warehouse w, TableId missing, TableId unexpected, TableId expected, TableId actual) {
        SqlBuilder b = w.dialect().sql().sql("SELECT (SELECT COUNT(*) FROM ").table(missing).sql("), (SELECT COUNT(*) FROM ")
                .table(unexpected).sql("), (SELECT COUNT(*) FROM ").table(expected).sql("), (SELECT COUNT(*) FROM ").table(actual).sql(")");
        try (ResultRows rows = w.query(b.build())) {
            for (Row r : rows) {
                return new long[] {((Number) r.get(0)).longValue(), ((Number) r.get(1)).longValue(), ((Number) r.get(2)).longValue(),
                        ((Number) r.get(3)).longValue()};
            }
        }
        throw new IllegalStateException("COUNT returned no row");
    }

    /** The first rows of each side, interleaved in the order of their values, as an aligned table. */
    private static String diff(Warehouse w, List<ColumnInfo> columns, TableId missing, TableId unexpected, long nMissing, long nUnexpected) {
        SqlBuilder b = w.dialect().sql().sql("SELECT * FROM (").append(side(w, columns, missing, 0)).sql(") UNION ALL SELECT * FROM (")
                .append(side(w, columns, unexpected, 1)).sql(") ORDER BY ");
        for (int i = 0; i < columns.size(); i++) {
            b.literal(i + 2).sql(", ");
        }
        b.sql("1");
        List<String> header = columns.stream().map(c -> c.name().name()).toList();
        List<List<String>> cells = new ArrayList<>();
        List<String> marks = new ArrayList<>();
        try (ResultRows rows = w.query(b.build())) {
            for (Row r : rows) {
                marks.add(((Number) r.get(0)).intValue() == 0 ? "-" : "+");
                List<String> line = new ArrayList<>();
                for (int i = 0; i < columns.size(); i++) {
                    line.add(cell(r.get(i + 1)));
                }
                cells.add(line);
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
        if (nMissing > LISTED) {
            out.append("- ... and ").append(nMissing - LISTED).append(" more rows only expected\n");
        }
        if (nUnexpected > LISTED) {
            out.append("+ ... and ").append(nUnexpected - LISTED).append(" more rows only found\n");
        }
        return out.toString().stripTrailing();
    }

    private static io.meshkit.core.warehouse.Sql side(Warehouse w, List<ColumnInfo> columns, TableId table, int mark) {
        SqlBuilder b = w.dialect().sql().sql("SELECT ").literal(mark).sql(" AS meshkit_side, ");
        b.join(columns, c -> b.id(c.name()));
        b.sql(" FROM ").table(table).sql(" ORDER BY ");
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

    private static String cell(Object value) {
        String text = ResultText.value(value);
        if (text == null) {
            return "NULL";
        }
        if (text.isEmpty()) {
            return "''";
        }
        String oneLine = text.replace("\n", "\\n").replace("\r", "\\r");
        return oneLine.length() > MAX_CELL ? oneLine.substring(0, MAX_CELL - 1) + "…" : oneLine;
    }

    /** Writes the actual table (the compared columns, sorted) as the expected CSV; fails if the table or a column is missing. */
    static Result update(Warehouse w, GoldenTest.Expect expect) {
        Optional<TableInfo> actual = w.describe(expect.table());
        if (actual.isEmpty()) {
            return failed(expect, "cannot update " + expect.csv() + ": no table " + expect.table() + " after the run");
        }
        List<ColumnName> columns = new ArrayList<>();
        for (ColumnName c : expect.columns().isEmpty() ? actual.get().columns().stream().map(ColumnInfo::name).toList() : expect.columns()) {
            Optional<ColumnInfo> a = actual.get().column(c);
            if (a.isEmpty()) {
                return failed(expect, "cannot update " + expect.csv() + ": " + expect.table() + " has no column " + c.name());
            }
            columns.add(a.get().name());
        }
        SqlBuilder b = w.dialect().sql().sql("SELECT ");
        b.join(columns, c -> b.id(c));
        b.sql(" FROM ").table(expect.table()).sql(" ORDER BY ");
        for (int i = 0; i < columns.size(); i++) {
            b.sql(i > 0 ? ", " : "").literal(i + 1);
        }
        try (ResultRows rows = w.query(b.build())) {
            long n = ResultText.writeCsv(rows, expect.csv());
            return new Result(expect, true, "wrote " + expect.csv() + " from " + expect.table() + " (" + n + " rows)", "");
        }
    }
}
