package io.meshkit.testing;

import static java.util.Objects.requireNonNull;

import io.meshkit.core.identifier.TableId;
import io.meshkit.core.type.DataType;
import io.meshkit.core.warehouse.ColumnInfo;
import io.meshkit.core.warehouse.ResultRows;
import io.meshkit.core.warehouse.ResultText;
import io.meshkit.core.warehouse.Row;
import io.meshkit.core.warehouse.Sql;
import io.meshkit.core.warehouse.Warehouse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Golden tests: compares a table or query result with an expected CSV file.
 *
 * <p>The CSV file has a header line with the column names (matched ignoring case and order is
 * significant) and one line per row, RFC 4180 quoting. <b>An empty unquoted field is NULL</b>; an
 * empty string is written {@code ""}.
 *
 * <p>Rows are compared as a multiset, so the order of rows in the file and in the table does not
 * matter; mismatches are listed sorted by all columns. Values are compared by a canonical text chosen
 * from the result column's type: numbers by value (so {@code 1.50} equals {@code 1.5}), booleans
 * {@code true}/{@code false}, timestamps {@code yyyy-MM-dd HH:mm:ss[.SSSSSS]} (TIMESTAMPTZ in UTC; a
 * {@code T} or a trailing {@code Z} in the file is accepted), binary as lower-case hex.
 *
 * <p>To (re)write expected files from the current results, run the tests with
 * {@code -Dmeshkit.golden.update=true}: every assertion then writes its file and passes. Review the
 * diff before committing.
 */
public final class GoldenTables {
    /** The system property that makes assertions write the expected files instead of checking them. */
    public static final String UPDATE_PROPERTY = "meshkit.golden.update";

    private static final int MAX_LISTED = 20;
    // parsing accepts 0 to 9 fraction digits; formatting writes none or exactly six
    private static final DateTimeFormatter TIMESTAMP = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .toFormatter(Locale.ROOT);
    private static final DateTimeFormatter TIME = new DateTimeFormatterBuilder()
            .appendPattern("HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .toFormatter(Locale.ROOT);

    private GoldenTables() {}

    /** Asserts that a table holds exactly the rows of an expected CSV file. */
    public static void assertTableMatches(Warehouse warehouse, TableId table, Path expectedCsv) {
        requireNonNull(table, "table is null");
        assertQuery(warehouse, warehouse.dialect().sql().sql("SELECT * FROM ").table(table).build(), "table " + table, expectedCsv);
    }

    /** Asserts that a query returns exactly the rows of an expected CSV file. */
    public static void assertTableMatches(Warehouse warehouse, Sql query, Path expectedCsv) {
        assertQuery(warehouse, query, "query", expectedCsv);
    }

    /** Whether {@value #UPDATE_PROPERTY} is set to {@code true}. */
    public static boolean updateRequested() {
        return Boolean.getBoolean(UPDATE_PROPERTY);
    }

    private static void assertQuery(Warehouse warehouse, Sql query, String what, Path expectedCsv) {
        requireNonNull(warehouse, "warehouse is null");
        requireNonNull(expectedCsv, "expectedCsv is null");
        if (updateRequested()) {
            try (ResultRows rows = warehouse.query(query)) {
                writeCsv(rows, expectedCsv);
            }
            return;
        }
        List<List<String>> expectedLines = readCsv(expectedCsv);
        if (expectedLines.isEmpty()) {
            throw new AssertionError(expectedCsv + " has no header line");
        }
        List<String> header = expectedLines.get(0);
        List<String> actualRows = new ArrayList<>();
        List<ColumnInfo> columns;
        try (ResultRows rows = warehouse.query(query)) {
            columns = rows.columns();
            List<String> names = columns.stream().map(c -> c.name().name()).toList();
            if (!equalIgnoringCase(names, header)) {
                throw new AssertionError("Columns of " + what + " do not match " + expectedCsv + "\nexpected: " + header
                        + "\nactual:   " + names);
            }
            for (Row row : rows) {
                List<String> text = new ArrayList<>(columns.size());
                for (int i = 0; i < columns.size(); i++) {
                    text.add(canonical(row.get(i)));
                }
                actualRows.add(render(text));
            }
        }
        List<String> expectedRows = new ArrayList<>();
        for (int line = 1; line < expectedLines.size(); line++) {
            List<String> fields = expectedLines.get(line);
            if (fields.size() != columns.size()) {
                throw new AssertionError(expectedCsv + " row " + line + " has " + fields.size() + " fields, expected " + columns.size());
            }
            List<String> text = new ArrayList<>(columns.size());
            for (int i = 0; i < columns.size(); i++) {
                text.add(canonical(columns.get(i).type(), fields.get(i)));
            }
            expectedRows.add(render(text));
        }
        TreeMap<String, Integer> balance = new TreeMap<>();
        expectedRows.forEach(r -> balance.merge(r, 1, Integer::sum));
        actualRows.forEach(r -> balance.merge(r, -1, Integer::sum));
        List<String> missing = new ArrayList<>();
        List<String> unexpected = new ArrayList<>();
        balance.forEach((row, n) -> {
            for (int i = 0; i < Math.abs(n); i++) {
                (n > 0 ? missing : unexpected).add(row);
            }
        });
        if (missing.isEmpty() && unexpected.isEmpty()) {
            return;
        }
        StringBuilder m = new StringBuilder();
        m.append("Rows of ").append(what).append(" do not match ").append(expectedCsv).append(": expected ")
                .append(expectedRows.size()).append(" rows, got ").append(actualRows.size()).append("; ")
                .append(missing.size()).append(" missing, ").append(unexpected.size()).append(" unexpected\n")
                .append("  ").append(String.join(" | ", header)).append('\n');
        list(m, "- ", missing);
        list(m, "+ ", unexpected);
        throw new AssertionError(m.toString().stripTrailing());
    }

    private static void list(StringBuilder m, String prefix, List<String> rows) {
        rows.stream().limit(MAX_LISTED).forEach(r -> m.append(prefix).append(r).append('\n'));
        if (rows.size() > MAX_LISTED) {
            m.append(prefix).append("... and ").append(rows.size() - MAX_LISTED).append(" more\n");
        }
    }

    private static boolean equalIgnoringCase(List<String> a, List<String> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!a.get(i).equalsIgnoreCase(b.get(i).strip())) {
                return false;
            }
        }
        return true;
    }

    private static String render(List<String> values) {
        return values.stream().map(v -> v == null ? "NULL" : v.isEmpty() ? "''" : v).collect(Collectors.joining(" | "));
    }

    /** The canonical text of a value as a warehouse returns it; null for NULL. */
    static String canonical(Object v) {
        return ResultText.value(v);
    }

    /** The canonical text of an expected CSV field for a column of the given type. */
    static String canonical(DataType type, String field) {
        if (field == null) {
            return null;
        }
        try {
            return switch (type.kind()) {
                case TINYINT, SMALLINT, INTEGER, BIGINT, HUGEINT, DECIMAL, REAL, DOUBLE -> {
                    String s = field.strip();
                    yield s.equalsIgnoreCase("NaN") || s.contains("Infinity") ? s : number(new BigDecimal(s));
                }
                case BOOLEAN -> field.strip().toLowerCase(Locale.ROOT);
                case TIMESTAMP, TIMESTAMP_TZ -> {
                    String s = field.strip().replace('T', ' ');
                    if (s.endsWith("Z")) {
                        s = s.substring(0, s.length() - 1);
                    } else if (s.endsWith("+00") || s.endsWith("+00:00")) {
                        s = s.substring(0, s.lastIndexOf('+'));
                    }
                    yield timestamp(LocalDateTime.parse(s, TIMESTAMP));
                }
                case TIME -> canonical(LocalTime.parse(field.strip(), TIME));
                case BINARY -> field.strip().toLowerCase(Locale.ROOT);
                default -> field;
            };
        } catch (RuntimeException e) {
            return field; // not parseable as the column's type: compared as text, so it shows in the diff
        }
    }

    private static String timestamp(LocalDateTime t) {
        return ResultText.value(t);
    }

    private static String number(BigDecimal d) {
        return ResultText.value(d);
    }

    /**
     * Writes a result as an expected CSV file in the format {@link #assertTableMatches} reads, creating
     * parent directories. Consumes and closes nothing: the caller closes {@code rows}.
     */
    public static void writeCsv(ResultRows rows, Path file) {
        ResultText.writeCsv(rows, file);
    }

    /**
     * Parses an RFC 4180 CSV file (the golden files' format, also the example snapshots'): one list
     * of fields per line, blank lines skipped; an empty unquoted field is null, {@code ""} an empty string.
     */
    public static List<List<String>> readCsv(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read golden file " + file
                    + " (run with -D" + UPDATE_PROPERTY + "=true to create it)", e);
        }
        List<List<String>> lines = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        int i = 0;
        while (i < text.length()) {
            char ch = text.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    field.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
                wasQuoted = true;
            } else if (ch == ',') {
                fields.add(wasQuoted || field.length() > 0 ? field.toString() : null);
                field.setLength(0);
                wasQuoted = false;
            } else if (ch == '\n' || ch == '\r') {
                if (ch == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                fields.add(wasQuoted || field.length() > 0 ? field.toString() : null);
                if (!(fields.size() == 1 && fields.get(0) == null)) { // skip blank lines
                    lines.add(fields);
                }
                fields = new ArrayList<>();
                field.setLength(0);
                wasQuoted = false;
            } else {
                field.append(ch);
            }
            i++;
        }
        if (quoted) {
            throw new AssertionError(file + " ends inside a quoted field");
        }
        if (field.length() > 0 || wasQuoted || !fields.isEmpty()) {
            fields.add(wasQuoted || field.length() > 0 ? field.toString() : null);
            lines.add(fields);
        }
        return lines;
    }
}
