package io.meshkit.scdbuilder;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshkit.core.quality.CheckResult;
import io.meshkit.core.warehouse.Sql;
import io.meshkit.core.warehouse.Warehouses;
import io.meshkit.scdbuilder.api.Execution;
import io.meshkit.scdbuilder.api.ScdBuilder.DeletedKeys;
import io.meshkit.scdbuilder.api.ScdResult;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * For random sequences of snapshots (inserts, type-2 and type-1 changes, deletes, comebacks), in
 * both delete modes: the as-of view at each snapshot's date equals that snapshot on the type-2
 * column, every version carries its key's latest type-1 value, the SCD2 invariants hold, and a
 * restatement from any applied date gives the same table. jqwik, fixed seed, bounded tries.
 */
class ScdPropertyTest {
    private static final LocalDate START = LocalDate.of(2026, 3, 1);

    /** One snapshot: key to (name, genre, plays). */
    record Snapshot(Map<Long, Object[]> rows) {}

    @Provide
    Arbitrary<List<Snapshot>> histories() {
        Arbitrary<Object[]> values = Combinators.combine(Arbitraries.of("a", "b", "c"), Arbitraries.of("x", "y"),
                Arbitraries.longs().between(0, 3)).as((n, g, p) -> new Object[] {n, g, p});
        Arbitrary<Snapshot> snapshot = Arbitraries.maps(Arbitraries.longs().between(1, 6), values).ofMinSize(1).ofMaxSize(6).map(Snapshot::new); // staging cannot hold an empty snapshot
        return snapshot.list().ofMinSize(1).ofMaxSize(5);
    }

    @Provide
    Arbitrary<String> deleteModes() {
        return Arbitraries.of("close", "tombstone");
    }

    @Property(tries = 16, seed = "20261123")
    void asOfEachSnapshotDateEqualsThatSnapshot(@ForAll("histories") List<Snapshot> history, @ForAll("deleteModes") String deletes,
            @ForAll("restateFrom") int restateIndex) {
        try (ScdFixture f = ScdFixture.of(Warehouses.open("duckdb::memory:"), Contracts.items(deletes))) {
            for (int i = 0; i < history.size(); i++) {
                f.stage(START.plusDays(i), rows(history.get(i)));
            }
            for (int i = 0; i < history.size(); i++) {
                assertThat(f.scd.apply(f.target, START.plusDays(i), Execution.RUN).status()).isEqualTo(ScdResult.Status.BUILT);
            }
            Map<Long, String> latestGenre = new HashMap<>();
            for (int i = 0; i < history.size(); i++) {
                Map<Long, String> expected = new TreeMap<>();
                history.get(i).rows().forEach((k, v) -> expected.put(k, (String) v[0]));
                history.get(i).rows().forEach((k, v) -> latestGenre.put(k, (String) v[1]));
                Sql asOf = f.scd.asOf(f.target, f.candidate(), START.plusDays(i).atStartOfDay(), DeletedKeys.EXCLUDE);
                Map<Long, String> actual = new TreeMap<>();
                for (List<Object> r : f.rows(asOf)) {
                    actual.put((Long) r.get(0), (String) r.get(1));
                }
                assertThat(actual).as("as of snapshot %d", i).isEqualTo(expected);
            }
            for (List<Object> r : f.ordered(f.candidate())) {
                assertThat(r.get(2)).as("type-1 genre of key %s", r.get(0)).isEqualTo(latestGenre.get((Long) r.get(0)));
            }
            assertThat(f.scd.check(f.target, f.candidate())).allMatch(CheckResult::passed);

            List<List<Object>> built = f.ordered(f.candidate());
            int from = restateIndex % history.size();
            f.scd.restate(f.target, START.plusDays(from), Execution.RUN);
            assertThat(f.ordered(f.candidate())).as("restated from snapshot %d", from).isEqualTo(built);
        }
    }

    /** A correction: the date (index) re-staged, its new rows, and the date (index, at or before it) restated from. */
    record Correction(int date, Snapshot rows, int from) {}

    @Provide
    Arbitrary<Correction> corrections() {
        Arbitrary<Object[]> values = Combinators.combine(Arbitraries.of("a", "b", "c"), Arbitraries.of("x", "y"),
                Arbitraries.longs().between(0, 3)).as((n, g, p) -> new Object[] {n, g, p});
        Arbitrary<Snapshot> snapshot = Arbitraries.maps(Arbitraries.longs().between(1, 6), values).ofMinSize(1).ofMaxSize(6)
                .map(Snapshot::new);
        return Combinators.combine(Arbitraries.integers().between(0, 4), snapshot, Arbitraries.integers().between(0, 4))
                .as(Correction::new);
    }

    /**
     * For any history and any correction of a staged date: re-applying it (when it is the last date), restating
     * from any date at or before it, and rebuilding give the same table, which is the table built from the
     * corrected history in the first place.
     */
    @Property(tries = 12, seed = "20261207")
    void everyWayOfTakingInACorrectionGivesTheSameTable(@ForAll("histories") List<Snapshot> history,
            @ForAll("deleteModes") String deletes, @ForAll("corrections") Correction correction) {
        int c = correction.date() % history.size();
        int from = correction.from() % (c + 1);
        List<Snapshot> corrected = new ArrayList<>(history);
        corrected.set(c, correction.rows());
        List<List<Object>> expected;
        try (ScdFixture f = ScdFixture.of(Warehouses.open("duckdb::memory:"), Contracts.items(deletes))) {
            for (int i = 0; i < corrected.size(); i++) {
                f.stage(START.plusDays(i), rows(corrected.get(i)));
                f.scd.apply(f.target, START.plusDays(i), Execution.RUN);
            }
            expected = f.ordered(f.candidate());
        }
        List<String> ways = new ArrayList<>(List.of("restate", "rebuild"));
        if (c == history.size() - 1) {
            ways.add("apply");
        }
        for (String way : ways) {
            try (ScdFixture f = ScdFixture.of(Warehouses.open("duckdb::memory:"), Contracts.items(deletes))) {
                for (int i = 0; i < history.size(); i++) {
                    f.stage(START.plusDays(i), rows(history.get(i)));
                    f.scd.apply(f.target, START.plusDays(i), Execution.RUN);
                }
                f.stage(START.plusDays(c), rows(correction.rows()));
                switch (way) {
                    case "apply" -> f.scd.apply(f.target, START.plusDays(c), Execution.RUN);
                    case "restate" -> f.scd.restate(f.target, START.plusDays(from), Execution.RUN);
                    default -> f.scd.rebuild(f.target, Execution.RUN);
                }
                assertThat(f.ordered(f.candidate())).as("%s after correcting snapshot %d (restate from %d)", way, c, from)
                        .isEqualTo(expected);
            }
        }
    }

    @Provide
    Arbitrary<Integer> restateFrom() {
        return Arbitraries.integers().between(0, 4);
    }

    private static Object[][] rows(Snapshot s) {
        List<Object[]> out = new ArrayList<>();
        s.rows().forEach((k, v) -> out.add(new Object[] {k, v[0], v[1], v[2]}));
        return out.toArray(Object[][]::new);
    }
}
