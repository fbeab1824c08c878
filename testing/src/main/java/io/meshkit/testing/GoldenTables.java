package io.meshkit.testing;

import static java.util.Objects.requireNonNull;

import io.meshkit.core.identifier.TableId;
import io.meshkit.core.warehouse.ResultRows;
import io.meshkit.core.warehouse.ResultText;
import io.meshkit.core.warehouse.Sql;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.testing.golden.CsvFile;
import io.meshkit.testing.golden.TableComparison;
import java.nio.file.Path;
import java.util.List;

/**
 * Golden tests in JUnit: compares a table or query result with an expected CSV file, with the same
 * judge as {@code meshkit test} ({@link TableComparison}): in the warehouse, set-based.
 *
 * <p>The CSV file has a header line with the column names (matched ignoring case, in any order;
 * the file must have exactly the table's columns) and one line per row, RFC 4180 quoting. <b>An
 * empty unquoted field is NULL</b>; an empty string is written {@code ""}; {@code NULL} is the text
 * NULL. Each field is cast by the warehouse to its column's type, and rows are compared as a
 * multiset, so the order of rows does not matter, a decimal {@code 1.50} equals {@code 1.5} and a
 * timestamp compares by its value. A field that does not convert fails with its line and column.
 *
 * <p>To (re)write expected files from the current results, run the tests with
 * {@code -Dmeshkit.golden.update=true}: every assertion then writes its file (rows sorted) and
 * passes. Review the diff before committing.
 */
public final class GoldenTables {
    /** The system property that makes assertions write the expected files instead of checking them. */
    public static final String UPDATE_PROPERTY = "meshkit.golden.update";
    private static final String UPDATE_HINT = "run with -D" + UPDATE_PROPERTY + "=true to write it, then review it";

    private GoldenTables() {}

    /** Asserts that a table holds exactly the rows of an expected CSV file. */
    public static void assertTableMatches(Warehouse warehouse, TableId table, Path expectedCsv) {
        requireNonNull(warehouse, "warehouse is null");
        requireNonNull(table, "table is null");
        requireNonNull(expectedCsv, "expectedCsv is null");
        TableComparison.Result r = updateRequested()
                ? TableComparison.update(warehouse, table, expectedCsv, List.of())
                : TableComparison.compare(warehouse, table, expectedCsv, List.of(), UPDATE_HINT);
        if (!r.passed()) {
            throw new AssertionError(r.report());
        }
    }

    /** Asserts that a query returns exactly the rows of an expected CSV file. */
    public static void assertTableMatches(Warehouse warehouse, Sql query, Path expectedCsv) {
        requireNonNull(warehouse, "warehouse is null");
        requireNonNull(query, "query is null");
        requireNonNull(expectedCsv, "expectedCsv is null");
        if (updateRequested()) {
            try (ResultRows rows = warehouse.query(query)) {
                writeCsv(rows, expectedCsv);
            }
            return;
        }
        TableComparison.Result r = TableComparison.compare(warehouse, query, expectedCsv, UPDATE_HINT);
        if (!r.passed()) {
            throw new AssertionError(r.report());
        }
    }

    /** Whether {@value #UPDATE_PROPERTY} is set to {@code true}. */
    public static boolean updateRequested() {
        return Boolean.getBoolean(UPDATE_PROPERTY);
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
     * of fields per line, blank lines skipped; an empty unquoted field is null, {@code ""} an empty
     * string. A file that cannot be read is a {@link io.meshkit.testing.golden.GoldenFileException}.
     */
    public static List<List<String>> readCsv(Path file) {
        return CsvFile.read(file).records().stream().map(CsvFile.Record::fields).toList();
    }
}
