package io.meshkit.warehousepostgres;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshkit.core.identifier.Namespace;
import io.meshkit.core.identifier.TableId;
import io.meshkit.core.warehouse.TableLayout;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.core.warehouse.WriteMode;
import io.meshkit.testing.GoldenTables;
import io.meshkit.testing.golden.GoldenFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The golden-test judge on PostgreSQL: the same CSV files as GoldenTablesTest in warehouse-duckdb
 * pass and fail the same way, with the same report, though no line of it names a warehouse.
 */
class PostgresGoldenTablesTest {
    @TempDir
    Path dir;

    private Warehouse w;
    private Namespace ns;
    private TableId t;

    @BeforeEach
    void createTable() {
        w = new PostgresWarehouseProvider().open(TestPostgres.url(), Map.of());
        ns = Namespace.of("golden_judge_" + ProcessHandle.current().pid());
        w.createNamespace(ns);
        t = TableId.of(ns.name(), "dim_user");
        w.createTableAs(t, w.dialect().sql().sql("""
                SELECT * FROM (VALUES
                  (1, 'Ada', CAST(10.50 AS numeric(10,2)), TIMESTAMP '2024-01-01 00:00:00', true, CAST(NULL AS text)),
                  (2, 'Zoë, "the" second', 3.00, TIMESTAMP '2024-01-02 03:04:05.123456', false, ''),
                  (3, 'O''Brien', NULL, TIMESTAMP '9999-12-31 00:00:00', NULL, 'x')
                ) AS v(id, name, balance, valid_from, is_current, note)""").build(), TableLayout.NONE, WriteMode.REPLACE);
    }

    @AfterEach
    void drop() {
        w.execute(w.dialect().sql().sql("DROP SCHEMA IF EXISTS ").namespace(ns).sql(" CASCADE").build());
        w.close();
    }

    private Path csv(String text) throws IOException {
        return Files.writeString(dir.resolve("expected.csv"), text);
    }

    @Test
    void decimalsTimestampsAndBooleansCompareByValueInAnyRowOrder() throws IOException {
        GoldenTables.assertTableMatches(w, t, csv("""
                id,name,balance,valid_from,is_current,note
                3,O'Brien,,9999-12-31T00:00:00,,x
                1,Ada,10.5,2024-01-01 00:00:00,TRUE,
                2,"Zoë, ""the"" second",3,2024-01-02 03:04:05.123456,false,""
                """));
    }

    @Test
    void aMismatchIsTheSameReportAsOnEveryWarehouse() throws IOException {
        Path expected = csv("""
                id,name,balance,valid_from,is_current,note
                1,Ada,10.5,2024-01-01 00:00:00,true,
                2,"Zoë, ""the"" second",3,2024-01-02 03:04:05.123456,false,
                4,Grace,1,2024-01-01 00:00:00,true,y
                """);
        assertThatThrownBy(() -> GoldenTables.assertTableMatches(w, t, expected))
                .isInstanceOf(AssertionError.class)
                .hasMessage(t + " against " + expected + ": 3 rows expected, 3 found; 2 only expected (-), 2 only found (+)\n"
                        + "  id | name              | balance | valid_from                 | is_current | note\n"
                        + "+ 2  | Zoë, \"the\" second | 3       | 2024-01-02 03:04:05.123456 | false      | ''\n"
                        + "- 2  | Zoë, \"the\" second | 3       | 2024-01-02 03:04:05.123456 | false      | NULL\n"
                        + "+ 3  | O'Brien           | NULL    | 9999-12-31 00:00:00        | NULL       | x\n"
                        + "- 4  | Grace             | 1       | 2024-01-01 00:00:00        | true       | y");
    }

    @Test
    void theTextNullIsNotNull() throws IOException {
        Path text = csv("""
                id,name,balance,valid_from,is_current,note
                1,Ada,10.5,2024-01-01 00:00:00,true,NULL
                2,"Zoë, ""the"" second",3,2024-01-02 03:04:05.123456,false,""
                3,O'Brien,,9999-12-31 00:00:00,,x
                """);
        assertThatThrownBy(() -> GoldenTables.assertTableMatches(w, t, text))
                .hasMessageContaining("1 only expected (-), 1 only found (+)").hasMessageContaining("| 'NULL'\n+ 1 ");
        Path number = csv("""
                id,name,balance,valid_from,is_current,note
                1,Ada,10.5,2024-01-01 00:00:00,true,
                2,"Zoë, ""the"" second",3,2024-01-02 03:04:05.123456,false,""
                3,O'Brien,NULL,9999-12-31 00:00:00,,x
                """);
        assertThatThrownBy(() -> GoldenTables.assertTableMatches(w, t, number))
                .isInstanceOf(GoldenFileException.class)
                .hasMessageContaining(number + ":4:11: 'NULL' is not a ").hasMessageEndingWith("(column balance of " + t + ")");
    }
}
