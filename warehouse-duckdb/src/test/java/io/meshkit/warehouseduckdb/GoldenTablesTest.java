package io.meshkit.warehouseduckdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshkit.core.identifier.TableId;
import io.meshkit.core.warehouse.Sql;
import io.meshkit.core.warehouse.TableLayout;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.core.warehouse.Warehouses;
import io.meshkit.core.warehouse.WriteMode;
import io.meshkit.testing.GoldenTables;
import io.meshkit.testing.golden.GoldenFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GoldenTablesTest {
    private static final TableId T = TableId.of("main", "dim_user");

    @TempDir
    Path dir;

    private Warehouse warehouse;

    @BeforeEach
    void createTable() {
        warehouse = Warehouses.open("duckdb::memory:");
        warehouse.createTableAs(T, Sql.of("""
                SELECT * FROM (VALUES
                  (1, 'Ada', 10.50::DECIMAL(10,2), TIMESTAMP '2024-01-01 00:00:00', true, NULL::VARCHAR),
                  (2, 'Zoë, "the" second', 3.00::DECIMAL(10,2), TIMESTAMP '2024-01-02 03:04:05.123456', false, ''),
                  (3, 'O''Brien', NULL, TIMESTAMP '9999-12-31 00:00:00', NULL, 'x')
                ) AS v(id, name, balance, valid_from, is_current, note)"""), TableLayout.NONE, WriteMode.CREATE);
    }

    @AfterEach
    void close() {
        warehouse.close();
    }

    private Path csv(String text) throws IOException {
        return Files.writeString(dir.resolve("expected.csv"), text);
    }

    @Test
    void matchingTableInAnyRowOrderPasses() throws IOException {
        Path expected = csv("""
                id,name,balance,valid_from,is_current,note
                3,O'Brien,,9999-12-31T00:00:00,,x
                1,Ada,10.5,2024-01-01 00:00:00,TRUE,
                2,"Zoë, ""the"" second",3,2024-01-02 03:04:05.123456,false,""
                """);
        GoldenTables.assertTableMatches(warehouse, T, expected);
        GoldenTables.assertTableMatches(warehouse, Sql.of("SELECT id, name FROM main.dim_user WHERE id > 2"),
                csv("id,name\n3,O'Brien\n"));
    }

    @Test
    void mismatchListsMissingAndUnexpectedRows() throws IOException {
        Path expected = csv("""
                id,name,balance,valid_from,is_current,note
                1,Ada,10.5,2024-01-01 00:00:00,true,
                2,"Zoë, ""the"" second",3,2024-01-02 03:04:05.123456,false,
                4,Grace,1,2024-01-01 00:00:00,true,y
                """);
        assertThatThrownBy(() -> GoldenTables.assertTableMatches(warehouse, T, expected))
                .isInstanceOf(AssertionError.class)
                .hasMessage("main.dim_user against " + expected + ": 3 rows expected, 3 found; 2 only expected (-), 2 only found (+)\n"
                        + "  id | name              | balance | valid_from                 | is_current | note\n"
                        + "+ 2  | Zoë, \"the\" second | 3       | 2024-01-02 03:04:05.123456 | false      | ''\n"
                        + "- 2  | Zoë, \"the\" second | 3       | 2024-01-02 03:04:05.123456 | false      | NULL\n"
                        + "+ 3  | O'Brien           | NULL    | 9999-12-31 00:00:00        | NULL       | x\n"
                        + "- 4  | Grace             | 1       | 2024-01-01 00:00:00        | true       | y");
    }

    @Test
    void theTextNullIsNotNullAndNotANumber() throws IOException {
        Path text = csv("""
                id,name,balance,valid_from,is_current,note
                1,Ada,10.5,2024-01-01 00:00:00,true,NULL
                2,"Zoë, ""the"" second",3,2024-01-02 03:04:05.123456,false,""
                3,O'Brien,,9999-12-31 00:00:00,,x
                """);
        assertThatThrownBy(() -> GoldenTables.assertTableMatches(warehouse, T, text))
                .hasMessageContaining("1 only expected (-), 1 only found (+)")
                .hasMessageContaining("| 'NULL'\n+ 1 ").hasMessageEndingWith("| NULL");
        Path number = csv("""
                id,name,balance,valid_from,is_current,note
                1,Ada,10.5,2024-01-01 00:00:00,true,
                2,"Zoë, ""the"" second",3,2024-01-02 03:04:05.123456,false,""
                3,O'Brien,NULL,9999-12-31 00:00:00,,x
                """);
        assertThatThrownBy(() -> GoldenTables.assertTableMatches(warehouse, T, number))
                .isInstanceOf(GoldenFileException.class)
                .hasMessageEndingWith(number + ":4:11: 'NULL' is not a DECIMAL(10,2) (column balance of main.dim_user)");
    }

    @Test
    void duplicateRowsCountAndDecimalsAndTimestampsCompareByValue() throws IOException {
        TableId twice = TableId.of("main", "twice");
        warehouse.createTableAs(twice, Sql.of("SELECT * FROM (VALUES (1, 1.50::DECIMAL(6,2), TIMESTAMP '2024-01-01 10:00:00'),"
                + " (1, 1.50::DECIMAL(6,2), TIMESTAMP '2024-01-01 10:00:00')) AS v(id, amount, seen_at)"), TableLayout.NONE, WriteMode.CREATE);
        GoldenTables.assertTableMatches(warehouse, twice, csv("id,amount,seen_at\n1,1.5,2024-01-01T10:00:00\n1,1.500,2024-01-01 10:00:00.000\n"));
        assertThatThrownBy(() -> GoldenTables.assertTableMatches(warehouse, twice, csv("id,amount,seen_at\n1,1.5,2024-01-01 10:00:00\n")))
                .hasMessageContaining("1 rows expected, 2 found; 0 only expected (-), 1 only found (+)")
                .hasMessageEndingWith("+ 1  | 1.5    | 2024-01-01 10:00:00");
    }

    @Test
    void differentColumnsAreReported() throws IOException {
        Path expected = csv("id,name\n1,Ada\n");
        assertThatThrownBy(() -> GoldenTables.assertTableMatches(warehouse, T, expected))
                .isInstanceOf(AssertionError.class)
                .hasMessage(expected + " has no column balance, valid_from, is_current, note");
    }

    @Test
    void atMostTwentyRowsAreListed() throws IOException {
        TableId many = TableId.of("main", "many");
        warehouse.createTableAs(many, Sql.of("SELECT range AS n FROM range(30)"), TableLayout.NONE, WriteMode.CREATE);
        Path expected = csv("n\n");
        assertThatThrownBy(() -> GoldenTables.assertTableMatches(warehouse, many, expected))
                .hasMessageContaining("0 rows expected, 30 found; 0 only expected (-), 30 only found (+)")
                .hasMessageEndingWith("+ ... and 10 more rows only found")
                .satisfies(e -> assertThat(e.getMessage().lines().filter(l -> l.startsWith("+ ")).count()).isEqualTo(21));
    }

    @Test
    void updatePropertyRewritesTheExpectedFile() throws IOException {
        Path expected = dir.resolve("new/expected.csv");
        System.setProperty(GoldenTables.UPDATE_PROPERTY, "true");
        try {
            GoldenTables.assertTableMatches(warehouse, T, expected);
        } finally {
            System.clearProperty(GoldenTables.UPDATE_PROPERTY);
        }
        assertThat(Files.readString(expected)).startsWith("id,name,balance,valid_from,is_current,note\n")
                .contains("\"Zoë, \"\"the\"\" second\",3,2024-01-02 03:04:05.123456,false,\"\"\n");
        GoldenTables.assertTableMatches(warehouse, T, expected); // what was written reads back equal
    }
}
