package io.meshkit.itbigqueryeval;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshkit.core.contract.Contract;
import io.meshkit.core.contract.Dataset;
import io.meshkit.core.contract.DatasetTables;
import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.identifier.TableId;
import io.meshkit.core.sampling.SamplingValue;
import io.meshkit.core.type.DataType;
import io.meshkit.core.warehouse.ColumnInfo;
import io.meshkit.core.warehouse.Dialect;
import io.meshkit.core.warehouse.ResultRows;
import io.meshkit.core.warehouse.Row;
import io.meshkit.core.warehouse.Sql;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.testing.DataGenerators;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The sampling value computed in a query over a table, as the sampler and the differ compute it:
 * ZetaSQL's evaluator running the BigQuery dialect's expression and DuckDB running its own give, for
 * every row, the bits of {@link SamplingValue#of} in Java; so both samples hold the same rows.
 * (The expression alone, for 3,000 keys, is {@code BigQueryDialectTest} in warehouse-bigquery.)
 */
class SamplingValueEvaluatorTest {
    private static final double[] RATES = {0.01, 0.1, 0.5};

    /** The example's plays, five days, keyed by listener (its sampling key, a string) and by track (an integer). */
    @Test
    void samplingValuesOfThePlaysFixtureEqualTheJavaFunctionOnBothEngines() {
        Contract contract = Fixtures.contract("music/contracts/plays.odcs.yaml");
        Dataset plays = contract.datasets().get(0);
        assertThat(plays.samplingKey()).contains(ColumnName.of("listener_id"));
        TableId staging = DatasetTables.of(contract, plays).staging();
        List<List<Object>> rows = new ArrayList<>();
        for (LocalDate d : Fixtures.snapshotDates("plays")) {
            rows.addAll(Fixtures.snapshotRows(plays, "plays", d));
        }
        assertThat(rows).hasSize(600);

        Map<String, List<String>> perEngine = new LinkedHashMap<>();
        for (Warehouse w : List.of(Engines.duckDb(), Engines.bigQueryEvaluator())) {
            try (w) {
                Fixtures.stage(w, plays, staging, LocalDate.of(2019, 5, 2), rows);
                perEngine.put(w.dialect().name(), checkEveryRow(w, staging, "play_id", List.of("listener_id", "track_id"), 600));
            }
        }
        assertThat(perEngine.get("bigquery")).as("samples on BigQuery vs DuckDB").isEqualTo(perEngine.get("duckdb"));
    }

    /**
     * Keys where an implementation could go wrong: the top bit of the MD5 set (INT64 is signed),
     * negative and extreme integers, empty, non-ASCII and long strings, SQL-looking text.
     */
    @Test
    void edgeKeysEqualTheJavaFunctionOnBothEngines() {
        List<ColumnInfo> cols = List.of(new ColumnInfo(ColumnName.of("id"), DataType.BIGINT, "BIGINT", false),
                new ColumnInfo(ColumnName.of("s"), DataType.VARCHAR, "VARCHAR", true),
                new ColumnInfo(ColumnName.of("i"), DataType.BIGINT, "BIGINT", true));
        List<String> strings = new ArrayList<>(List.of("", " ", "0", "-0", "Zoë", "日本語", "🎵 music", "a'b", "x\\y", "NULL", "null",
                "SELECT 1; --", "x".repeat(1000)));
        List<Long> longs = new ArrayList<>(List.of(0L, 1L, -1L, 42L, Long.MAX_VALUE, Long.MIN_VALUE, 9_007_199_254_740_993L));
        Random random = new Random(20261123);
        while (longs.size() < 200) {
            longs.add(random.nextLong());
            strings.add(DataGenerators.name(random) + random.nextInt(1000));
        }
        List<List<Object>> rows = new ArrayList<>();
        for (int k = 0; k < longs.size(); k++) {
            rows.add(List.of((long) k, k < strings.size() ? strings.get(k) : "", longs.get(k)));
        }
        assertThat(longs.stream().filter(l -> SamplingValue.of(l) >= 0.5).count()).as("keys with the MD5's top bit set").isGreaterThan(50);

        Map<String, List<String>> perEngine = new LinkedHashMap<>();
        TableId keys = TableId.of("edge", "keys");
        for (Warehouse w : List.of(Engines.duckDb(), Engines.bigQueryEvaluator())) {
            try (w) {
                w.createNamespace(keys.namespace());
                w.execute(w.dialect().createTableIfNotExists(keys, cols));
                DataGenerators.insertRows(w, keys, cols, rows.iterator());
                perEngine.put(w.dialect().name(), checkEveryRow(w, keys, "id", List.of("s", "i"), rows.size()));
            }
        }
        assertThat(perEngine.get("bigquery")).as("samples on BigQuery vs DuckDB").isEqualTo(perEngine.get("duckdb"));
    }

    /**
     * Selects each key with the dialect's sampling value and requires the Java function's bits for
     * every row; then counts the sample at each rate in SQL. Returns the sampled row ids per key and
     * rate, and the counts, for the comparison of the engines.
     */
    private static List<String> checkEveryRow(Warehouse w, TableId table, String id, List<String> keys, int expectedRows) {
        Dialect d = w.dialect();
        var select = d.sql().sql("SELECT ").id(ColumnName.of(id));
        for (String k : keys) {
            select.sql(", ").id(ColumnName.of(k)).sql(", ").append(d.samplingValue(ColumnName.of(k)));
        }
        List<String> sampled = new ArrayList<>();
        int n = 0;
        try (ResultRows r = w.query(select.sql(" FROM ").table(table).build())) {
            for (Row row : r) {
                n++;
                for (int k = 0; k < keys.size(); k++) {
                    Object key = row.get(1 + 2 * k);
                    double inSql = ((Number) row.get(2 + 2 * k)).doubleValue();
                    double inJava = SamplingValue.of(String.valueOf(key));
                    assertThat(Double.doubleToRawLongBits(inSql)).as("%s: sampling value of %s %s = %s, Java %s", d.name(), keys.get(k),
                            key, inSql, inJava).isEqualTo(Double.doubleToRawLongBits(inJava));
                    for (double rate : RATES) {
                        if (inSql < rate) {
                            sampled.add(keys.get(k) + " < " + rate + ": " + row.get(0));
                        }
                    }
                }
            }
        }
        assertThat(n).isEqualTo(expectedRows);
        sampled.sort(null);
        for (String k : keys) {
            for (double rate : RATES) {
                Sql count = d.sql().sql("SELECT COUNT(*) FROM ").table(table).sql(" WHERE ").append(d.samplingValue(ColumnName.of(k)))
                        .sql(" < ").bind(rate).build();
                try (ResultRows r = w.query(count)) {
                    long inSql = ((Number) r.iterator().next().get(0)).longValue();
                    long expected = sampled.stream().filter(s -> s.startsWith(k + " < " + rate + ":")).count();
                    assertThat(inSql).as("%s: rows of %s sampled at %s", d.name(), k, rate).isEqualTo(expected);
                    sampled.add("count " + k + " < " + rate + " = " + inSql);
                }
            }
        }
        return sampled;
    }
}
