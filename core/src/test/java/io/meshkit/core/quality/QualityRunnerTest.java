package io.meshkit.core.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshkit.core.contract.ContractReader;
import io.meshkit.core.contract.Dataset;
import io.meshkit.core.contract.Threshold;
import io.meshkit.core.identifier.TableId;
import io.meshkit.core.warehouse.ColumnInfo;
import io.meshkit.core.warehouse.Dialect;
import io.meshkit.core.warehouse.QueryStats;
import io.meshkit.core.warehouse.ResultRows;
import io.meshkit.core.warehouse.Row;
import io.meshkit.core.warehouse.Sql;
import io.meshkit.core.warehouse.TestingDialect;
import io.meshkit.core.warehouse.Warehouse;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The runner's choice of what to run, against a scripted warehouse that answers each check's query
 * with a chosen number and records what was asked (the SQL itself is run on real warehouses by
 * {@code WarehouseContractTest}).
 */
class QualityRunnerTest {
    private static final TableId TABLE = TableId.of("music", "tracks");
    private static final String CONTRACT = String.join("\n",
            "apiVersion: v3.1.0", "kind: DataContract", "id: urn:test:tracks", "version: 1.0.0", "status: active", "schema:",
            "  - name: tracks",
            "    customProperties:", "      - {property: meshkit.kind, value: dimension}",
            "    properties:",
            "      - {name: track_id, logicalType: integer, physicalType: bigint, primaryKey: true}",
            "      - {name: title, logicalType: string}", "");

    private static final Dialect DIALECT = new TestingDialect() {
        @Override
        public String name() {
            return "scripted";
        }

        @Override
        public String quoteIdentifier(String name) {
            return "\"" + name + "\"";
        }

        @Override
        public Sql rowFingerprint(List<io.meshkit.core.identifier.ColumnName> columns) {
            return Sql.of("fp");
        }

        @Override
        public Sql samplingValue(Sql key) {
            return Sql.of("sv");
        }

        @Override
        public Sql countDistinctIf(List<Sql> values, Sql condition) {
            return Sql.of("COUNT(DISTINCT k)");
        }
    };

    /** A warehouse answering the checks of {@link #checks()} with the values observed per check id. */
    private static final class Scripted {
        final List<String> asked = new ArrayList<>();
        final List<QualityCheck> checks;
        final Map<String, Long> observed;
        final List<Object> own = new ArrayList<>(); // the values of the caller's aggregates

        Scripted(List<QualityCheck> checks, Map<String, Long> observed) {
            this.checks = checks;
            this.observed = observed;
        }

        Warehouse warehouse() {
            return (Warehouse) Proxy.newProxyInstance(Warehouse.class.getClassLoader(), new Class<?>[] {Warehouse.class},
                    (proxy, method, args) -> switch (method.getName()) {
                        case "dialect" -> DIALECT;
                        case "query" -> answer(((Sql) args[0]).text());
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
        }

        ResultRows answer(String sql) {
            asked.add(sql);
            List<Object> row = new ArrayList<>();
            if (sql.startsWith("SELECT COUNT(*) AS row_count")) { // the shared scan: the row count, each aggregate and shortcut, the caller's
                row.add(100L);
                checks.stream().filter(c -> c.measure() instanceof QualityCheck.Aggregate
                                || c.measure() instanceof QualityCheck.Query q && q.zeroWhen().isPresent())
                        .forEach(c -> row.add(observed.getOrDefault(c.id(), 0L)));
                own.forEach(row::add);
                return rows(List.of(row));
            }
            for (QualityCheck c : checks) {
                if (c.measure() instanceof QualityCheck.Query q && q.query().text().equals(sql)) {
                    return rows(List.of(List.of(observed.getOrDefault(c.id(), 0L))));
                }
                if (c.sampleKeys().isPresent() && c.sampleKeys().get().text().equals(sql)) {
                    return rows(List.of(List.of("key of " + c.id())));
                }
            }
            throw new AssertionError("unexpected query " + sql);
        }

        boolean ran(String checkId) {
            QualityCheck c = checks.stream().filter(k -> k.id().equals(checkId)).findFirst().orElseThrow();
            return asked.contains(((QualityCheck.Query) c.measure()).query().text());
        }
    }

    private static ResultRows rows(List<List<Object>> values) {
        return new ResultRows() {
            @Override
            public List<ColumnInfo> columns() {
                return List.of();
            }

            @Override
            public Iterator<Row> iterator() {
                return values.stream().map(v -> (Row) new Row() {
                    @Override
                    public List<ColumnInfo> columns() {
                        return List.of();
                    }

                    @Override
                    public Object get(int index) {
                        return v.get(index);
                    }

                    @Override
                    public List<Object> values() {
                        return v;
                    }
                }).iterator();
            }

            @Override
            public QueryStats stats() {
                return QueryStats.ofElapsed(java.time.Duration.ZERO);
            }

            @Override
            public void close() {}
        };
    }

    private static List<QualityCheck> checks() {
        Dataset tracks = ContractReader.create().parse("tracks.odcs.yaml", CONTRACT).orThrow().datasets().get(0);
        return QualityChecks.forDataset(tracks, TABLE, DIALECT);
    }

    private static Map<String, CheckResult> run(Scripted w) {
        Map<String, CheckResult> byId = new HashMap<>();
        new QualityRunner(w.warehouse()).run(TABLE, w.checks).forEach(r -> byId.put(r.check(), r));
        return byId;
    }

    @Test
    void theGroupByChecksOfADimensionAreImpliedByTheCheapOnes() {
        List<QualityCheck> checks = checks();
        assertThat(checks).extracting(QualityCheck::id).containsExactly("primary_key_unique", "primary_key_not_null", "scd2_valid_range",
                "scd2_current_flag", "scd2_no_overlap", "scd2_one_current");
        assertThat(checks).filteredOn(c -> c.id().equals("primary_key_unique")).singleElement()
                .extracting(QualityCheck::impliedBy).asList().containsExactly("scd2_valid_range", "scd2_no_overlap");
        assertThat(checks).filteredOn(c -> c.id().equals("scd2_one_current")).singleElement()
                .extracting(QualityCheck::impliedBy).asList().containsExactly("scd2_valid_range", "scd2_current_flag", "scd2_no_overlap");
        assertThat(checks).filteredOn(c -> !c.id().equals("primary_key_unique") && !c.id().equals("scd2_one_current"))
                .allSatisfy(c -> assertThat(c.impliedBy()).isEmpty());
    }

    @Test
    void impliedChecksPassWithoutTheirQueryWhenEveryPremiseObservedZero() {
        Scripted w = new Scripted(checks(), Map.of());
        Map<String, CheckResult> results = run(w);
        assertThat(results.values()).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(CheckStatus.PASSED);
            assertThat(r.observed()).hasValue(BigDecimal.ZERO);
        });
        assertThat(w.ran("scd2_no_overlap")).isTrue();
        assertThat(w.ran("primary_key_unique")).isFalse();
        assertThat(w.ran("scd2_one_current")).isFalse();
        assertThat(w.asked).hasSize(2); // the shared scan and the overlap window
    }

    @Test
    void anyPremiseObservingSomethingRunsTheImpliedQueryAndReportsWhatItFinds() {
        // a closed version flagged current: the overlap window sees nothing, one_current must run
        Scripted flag = new Scripted(checks(), Map.of("scd2_current_flag", 1L, "scd2_one_current", 1L));
        Map<String, CheckResult> results = run(flag);
        assertThat(flag.ran("scd2_one_current")).isTrue();
        assertThat(flag.ran("primary_key_unique")).isFalse(); // its premises (range, overlap) observed 0
        assertThat(results.get("scd2_one_current").status()).isEqualTo(CheckStatus.FAILED);
        assertThat(results.get("scd2_one_current").sampleKeys()).containsExactly("key of scd2_one_current");

        Scripted overlap = new Scripted(checks(), Map.of("scd2_no_overlap", 3L, "primary_key_unique", 2L));
        results = run(overlap);
        assertThat(overlap.ran("primary_key_unique")).isTrue();
        assertThat(overlap.ran("scd2_one_current")).isTrue();
        assertThat(results.get("primary_key_unique").observed()).hasValue(BigDecimal.valueOf(2));
        assertThat(results.get("scd2_one_current").status()).isEqualTo(CheckStatus.PASSED);

        Scripted range = new Scripted(checks(), Map.of("scd2_valid_range", 1L));
        run(range);
        assertThat(range.ran("primary_key_unique")).isTrue();
        assertThat(range.ran("scd2_one_current")).isTrue();
    }

    @Test
    void anImpliedCheckRunsWhenAPremiseIsNotPartOfTheRun() {
        List<QualityCheck> withoutOverlap = checks().stream().filter(c -> !c.id().equals("scd2_no_overlap")).toList();
        Scripted w = new Scripted(withoutOverlap, Map.of());
        run(w);
        assertThat(w.ran("primary_key_unique")).isTrue();
        assertThat(w.ran("scd2_one_current")).isTrue();
    }

    private static final String FACT = CONTRACT.replace("dimension", "fact");

    private static List<QualityCheck> factChecks() {
        Dataset tracks = ContractReader.create().parse("tracks.odcs.yaml", FACT).orThrow().datasets().get(0);
        return QualityChecks.forDataset(tracks, TABLE, DIALECT);
    }

    @Test
    void aFactsKeyCheckRunsInTheSharedScanAndItsQueryOnlyWhenTheShortcutSeesARepeat() {
        QualityCheck unique = factChecks().get(0);
        assertThat(unique.id()).isEqualTo("primary_key_unique");
        assertThat(((QualityCheck.Query) unique.measure()).zeroWhen()).isPresent();

        Scripted passing = new Scripted(factChecks(), Map.of());
        passing.own.add(42L);
        QualityRunner.Scan scan = new QualityRunner(passing.warehouse()).scan(TABLE, passing.checks, List.of(Sql.of("SUM(x)")));
        assertThat(passing.asked).singleElement().satisfies(q -> assertThat(q).contains("(COUNT(*) - ").endsWith(", SUM(x) AS \"m3\" FROM \"music\".\"tracks\""));
        assertThat(passing.ran("primary_key_unique")).isFalse();
        assertThat(scan.rowCount()).isEqualTo(100);
        assertThat(scan.aggregates()).containsExactly(42L);
        assertThat(scan.results()).allSatisfy(r -> assertThat(r.status()).isEqualTo(CheckStatus.PASSED));

        // rows beyond the distinct keys: the exact query counts the repeated keys (here 2) and finds samples
        Scripted repeated = new Scripted(factChecks(), Map.of("primary_key_unique", 2L));
        Map<String, CheckResult> results = run(repeated);
        assertThat(repeated.ran("primary_key_unique")).isTrue();
        assertThat(results.get("primary_key_unique").status()).isEqualTo(CheckStatus.FAILED);
        assertThat(results.get("primary_key_unique").observed()).hasValue(BigDecimal.valueOf(2));
        assertThat(results.get("primary_key_unique").sampleKeys()).containsExactly("key of primary_key_unique");
    }

    @Test
    void aCheckCannotBeImpliedByItself() {
        assertThatThrownBy(() -> new QualityCheck("c", "t", "d", new QualityCheck.Query(Sql.of("SELECT 0")), Threshold.ZERO, false,
                false, Optional.empty(), List.of("c"))).hasMessage("check c cannot be implied by itself");
    }
}
