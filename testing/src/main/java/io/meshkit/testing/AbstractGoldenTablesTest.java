package io.meshkit.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.identifier.Namespace;
import io.meshkit.core.identifier.TableId;
import io.meshkit.core.type.DataType;
import io.meshkit.core.warehouse.ColumnInfo;
import io.meshkit.testing.golden.GoldenFileException;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The golden-test judge ({@link GoldenTables}, {@code meshkit test}) on one warehouse: the same CSV
 * files pass and fail the same way with the same report on every warehouse, as the warehouse casts
 * (decimals, timestamps and booleans by value; the text {@code NULL} is not NULL). A warehouse module
 * extends it as it extends {@link WarehouseContractTest}; the fixture tables are written with bound
 * values, so no test here holds engine SQL.
 */
public abstract class AbstractGoldenTablesTest extends AbstractWarehouseTest {
    private static final AtomicInteger NAMESPACES = new AtomicInteger();

    @TempDir
    Path dir;

    private Namespace namespace;
    private TableId users;

    @BeforeEach
    final void createUsers() {
        namespace = Namespace.of("mk_golden_" + ProcessHandle.current().pid() + "_" + NAMESPACES.incrementAndGet());
        warehouse().createNamespace(namespace);
        users = table("dim_user", List.of(column("id", DataType.Kind.INTEGER), column("name", DataType.Kind.VARCHAR),
                new ColumnInfo(ColumnName.of("balance"), DataType.decimal(10, 2), "", true), column("valid_from", DataType.Kind.TIMESTAMP),
                column("is_current", DataType.Kind.BOOLEAN), column("note", DataType.Kind.VARCHAR)), List.of(
                Arrays.asList(1, "Ada", new BigDecimal("10.50"), LocalDateTime.of(2024, 1, 1, 0, 0), true, null),
                Arrays.asList(2, "Zoë, \"the\" second", new BigDecimal("3.00"), LocalDateTime.of(2024, 1, 2, 3, 4, 5, 123_456_000), false, ""),
                Arrays.asList(3, "O'Brien", null, LocalDateTime.of(9999, 12, 31, 0, 0), null, "x")));
    }

    @AfterEach
    final void dropTables() {
        warehouse().listTables(namespace).forEach(warehouse()::drop);
    }

    private static ColumnInfo column(String name, DataType.Kind kind) {
        return new ColumnInfo(ColumnName.of(name), DataType.of(kind), "", true);
    }

    private TableId table(String name, List<ColumnInfo> columns, List<List<Object>> rows) {
        TableId t = namespace.table(name);
        List<ColumnInfo> typed = columns.stream().map(c -> new ColumnInfo(c.name(), c.type(), warehouse().dialect().typeName(c.type()), true))
                .toList();
        warehouse().execute(warehouse().dialect().createTableIfNotExists(t, typed));
        DataGenerators.insertRows(warehouse(), t, typed, rows.iterator());
        return t;
    }

    private Path csv(String text) throws IOException {
        return Files.writeString(dir.resolve("expected.csv"), text);
    }

    @Test
    public void aMatchingTablePassesInAnyRowAndColumnOrder() throws IOException {
        GoldenTables.assertTableMatches(warehouse(), users, csv("""
                name,id,balance,valid_from,is_current,note
                O'Brien,3,,9999-12-31T00:00:00,,x
                Ada,1,10.5,2024-01-01 00:00:00,TRUE,
                "Zoë, ""the"" second",2,3,2024-01-02 03:04:05.123456,false,""
                """));
        GoldenTables.assertTableMatches(warehouse(), warehouse().dialect().sql().sql("SELECT id, name FROM ").table(users).sql(" WHERE id > 2").build(),
                csv("id,name\n3,O'Brien\n"));
    }

    @Test
    public void aMismatchListsTheRowsOnlyExpectedAndOnlyFound() throws IOException {
        Path expected = csv("""
                id,name,balance,valid_from,is_current,note
                1,Ada,10.5,2024-01-01 00:00:00,true,
                2,"Zoë, ""the"" second",3,2024-01-02 03:04:05.123456,false,
                4,Grace,1,2024-01-01 00:00:00,true,y
                """);
        assertThatThrownBy(() -> GoldenTables.assertTableMatches(warehouse(), users, expected))
                .isInstanceOf(AssertionError.class)
                .hasMessage(users + " against " + expected + ": 3 rows expected, 3 found; 2 only expected (-), 2 only found (+)\n"
                        + "  id | name              | balance | valid_from                 | is_current | note\n"
                        + "+ 2  | Zoë, \"the\" second | 3       | 2024-01-02 03:04:05.123456 | false      | ''\n"
                        + "- 2  | Zoë, \"the\" second | 3       | 2024-01-02 03:04:05.123456 | false      | NULL\n"
                        + "+ 3  | O'Brien           | NULL    | 9999-12-31 00:00:00        | NULL       | x\n"
                        + "- 4  | Grace             | 1       | 2024-01-01 00:00:00        | true       | y");
    }

    @Test
    public void theTextNullIsNotNullAndNotANumber() throws IOException {
        Path text = csv("""
                id,name,balance,valid_from,is_current,note
                1,Ada,10.5,2024-01-01 00:00:00,true,NULL
                2,"Zoë, ""the"" second",3,2024-01-02 03:04:05.123456,false,""
                3,O'Brien,,9999-12-31 00:00:00,,x
                """);
        assertThatThrownBy(() -> GoldenTables.assertTableMatches(warehouse(), users, text))
                .hasMessageContaining("1 only expected (-), 1 only found (+)")
                .hasMessageContaining("| 'NULL'\n+ 1 ").hasMessageEndingWith("| NULL");
        Path number = csv("""
                id,name,balance,valid_from,is_current,note
                1,Ada,10.5,2024-01-01 00:00:00,true,
                2,"Zoë, ""the"" second",3,2024-01-02 03:04:05.123456,false,""
                3,O'Brien,NULL,9999-12-31 00:00:00,,x
                """);
        assertThatThrownBy(() -> GoldenTables.assertTableMatches(warehouse(), users, number))
                .isInstanceOf(GoldenFileException.class)
                .hasMessageContaining(number + ":4:11: 'NULL' is not a ").hasMessageEndingWith("(column balance of " + users + ")");
    }

    @Test
    public void duplicateRowsCountAndDecimalsAndTimestampsCompareByValue() throws IOException {
        List<Object> row = Arrays.asList(1, new BigDecimal("1.50"), LocalDateTime.of(2024, 1, 1, 10, 0));
        TableId twice = table("twice", List.of(column("id", DataType.Kind.INTEGER),
                new ColumnInfo(ColumnName.of("amount"), DataType.decimal(6, 2), "", true), column("seen_at", DataType.Kind.TIMESTAMP)),
                List.of(row, row));
        GoldenTables.assertTableMatches(warehouse(), twice, csv("id,amount,seen_at\n1,1.5,2024-01-01T10:00:00\n1,1.500,2024-01-01 10:00:00.000\n"));
        assertThatThrownBy(() -> GoldenTables.assertTableMatches(warehouse(), twice, csv("id,amount,seen_at\n1,1.5,2024-01-01 10:00:00\n")))
                .hasMessageContaining("1 rows expected, 2 found; 0 only expected (-), 1 only found (+)")
                .hasMessageEndingWith("+ 1  | 1.5    | 2024-01-01 10:00:00");
    }

    @Test
    public void differentColumnsAreReported() throws IOException {
        Path expected = csv("id,name\n1,Ada\n");
        assertThatThrownBy(() -> GoldenTables.assertTableMatches(warehouse(), users, expected))
                .isInstanceOf(AssertionError.class)
                .hasMessage(expected + " has no column balance, valid_from, is_current, note");
    }

    @Test
    public void atMostTwentyRowsOfASideAreListed() throws IOException {
        List<List<Object>> rows = new ArrayList<>();
        for (long n = 0; n < 30; n++) {
            rows.add(List.of(n));
        }
        TableId many = table("many", List.of(column("n", DataType.Kind.BIGINT)), rows);
        assertThatThrownBy(() -> GoldenTables.assertTableMatches(warehouse(), many, csv("n\n")))
                .hasMessageContaining("0 rows expected, 30 found; 0 only expected (-), 30 only found (+)")
                .hasMessageEndingWith("+ ... and 10 more rows only found")
                .satisfies(e -> assertThat(e.getMessage().lines().filter(l -> l.startsWith("+ ")).count()).isEqualTo(21));
    }

    @Test
    public void theUpdatePropertyRewritesTheExpectedFileSorted() throws IOException {
        Path expected = dir.resolve("new/expected.csv");
        System.setProperty(GoldenTables.UPDATE_PROPERTY, "true");
        try {
            GoldenTables.assertTableMatches(warehouse(), users, expected);
        } finally {
            System.clearProperty(GoldenTables.UPDATE_PROPERTY);
        }
        assertThat(Files.readString(expected)).startsWith("id,name,balance,valid_from,is_current,note\n1,Ada,")
                .contains("\"Zoë, \"\"the\"\" second\",3,2024-01-02 03:04:05.123456,false,\"\"\n");
        GoldenTables.assertTableMatches(warehouse(), users, expected); // what was written reads back equal
    }
}
