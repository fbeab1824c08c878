package io.meshkit.itbigqueryeval;

import static io.meshkit.itbigqueryeval.Fixtures.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshkit.core.contract.Contract;
import io.meshkit.core.quality.CheckResult;
import io.meshkit.core.runlog.WarehouseRunLog;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.identifier.TableId;
import io.meshkit.core.type.DataType;
import io.meshkit.core.warehouse.ColumnInfo;
import io.meshkit.scdbuilder.api.EventSource;
import io.meshkit.scdbuilder.api.Execution;
import io.meshkit.testing.DataGenerators;
import io.meshkit.scdbuilder.api.ScdBuilder;
import io.meshkit.scdbuilder.di.ScdBuilders;
import io.meshkit.scdbuilder.api.ScdResult;
import io.meshkit.scdbuilder.api.ScdTarget;
import io.meshkit.testing.GoldenTables;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * scd-builder's apply, unmodified, generating GoogleSQL for the BigQuery warehouse and run by
 * ZetaSQL's reference evaluator, gives the same dimension as the same apply on DuckDB: the same
 * rows, the same counts, the same invariant checks. Every statement is first analyzed by ZetaSQL as
 * sent (a statement it rejects fails the test).
 */
class ScdApplyEvaluatorTest {
    private static final LocalDate FEB_5 = LocalDate.of(2019, 2, 5);
    private static final LocalDate MAY_1 = LocalDate.of(2019, 5, 1);

    /** One engine with a builder over it. */
    private record Engine(String name, Warehouse warehouse, ScdBuilder scd) implements AutoCloseable {
        static Engine of(String name, Warehouse w) {
            return new Engine(name, w, ScdBuilders.create(w, WarehouseRunLog.of(w), Clock.systemUTC()));
        }

        @Override
        public void close() {
            warehouse.close();
        }
    }

    /**
     * Runs the same work on DuckDB and on the evaluator and requires the same record of it: each
     * item of the record is a line, or a table's lines ({@link Fixtures#table}).
     */
    private static void sameOnBoth(Function<Engine, List<Object>> work) {
        List<String> duckDb;
        List<String> bigQuery;
        try (Engine duck = Engine.of("duckdb", Engines.duckDb()); Engine bq = Engine.of("bigquery", Engines.bigQueryEvaluator())) {
            duckDb = lines(work.apply(duck));
            bigQuery = lines(work.apply(bq));
        }
        assertThat(bigQuery).as("BigQuery (ZetaSQL's evaluator) vs DuckDB").containsExactlyElementsOf(duckDb);
    }

    private static List<String> lines(List<Object> record) {
        List<String> out = new java.util.ArrayList<>();
        for (Object o : record) {
            if (o instanceof List<?> l) {
                l.forEach(x -> out.add("  " + x));
            } else {
                out.add(String.valueOf(o));
            }
        }
        return out;
    }

    /** What a build shows of itself that must not depend on the engine. */
    private record Outcome(ScdResult.Status status, String counts, List<String> checks) {
        static Outcome of(ScdResult r) {
            return new Outcome(r.status(), r.counts().summary(),
                    r.checks().stream().map(c -> c.check() + " " + c.target() + " " + c.status() + " " + c.observed().orElse(null)).toList());
        }
    }

    @Test
    void soundCloudTrackTitleChangesOnMayFirst() {
        Contract contract = Fixtures.contract("soundcloud/tracks.odcs.yaml");
        sameOnBoth(e -> {
            ScdTarget t = ScdTarget.of(contract, (String) null);
            Fixtures.stage(e.warehouse(), t.dataset(), t.tables().staging(), FEB_5,
                    List.of(row(1L, "Longer, Better, Stronger Passwords", "Adept Surfer"), row(2L, "Think Before You Click", "Cautious Mouse")));
            Fixtures.stage(e.warehouse(), t.dataset(), t.tables().staging(), MAY_1,
                    List.of(row(1L, "Longer, Better, Stronger Passwords", "Adept Surfer"),
                            row(2L, "Think Before You Click (On My Heart)", "Cautious Mouse")));
            Outcome first = Outcome.of(e.scd().apply(t, FEB_5, Execution.RUN));
            Outcome second = Outcome.of(e.scd().apply(t, MAY_1, Execution.RUN));
            assertThat(second.counts()).as(e.name()).isEqualTo("opened 1, closed 1, corrected 0, deleted 0, unchanged 1, rows 3");
            GoldenTables.assertTableMatches(e.warehouse(), t.tables().candidate(), Fixtures.resource("soundcloud/golden/tracks.csv"));
            return List.<Object>of(first, second, Fixtures.table(e.warehouse(), t.tables().candidate()));
        });
    }

    @Test
    void soundCloudRightsholdersPerTerritory() {
        Contract contract = Fixtures.contract("soundcloud/rightsholders.odcs.yaml");
        sameOnBoth(e -> {
            ScdTarget t = ScdTarget.of(contract, (String) null);
            for (LocalDate d : List.of(FEB_5, MAY_1)) {
                Fixtures.stage(e.warehouse(), t.dataset(), t.tables().staging(), d,
                        List.of(row(1L, "DE", 182L), row(1L, "FR", 182L), row(2L, "DE", 42L)));
            }
            e.scd().apply(t, FEB_5, Execution.RUN);
            Outcome r = Outcome.of(e.scd().apply(t, MAY_1, Execution.RUN));
            assertThat(r.counts()).as(e.name()).isEqualTo("opened 0, closed 0, corrected 0, deleted 0, unchanged 3, rows 3");
            GoldenTables.assertTableMatches(e.warehouse(), t.tables().candidate(), Fixtures.resource("soundcloud/golden/rightsholders.csv"));
            return List.<Object>of(r, Fixtures.table(e.warehouse(), t.tables().candidate()));
        });
    }

    /**
     * The example domain's five days: tracks (a type-1 genre correction on 04-30, a new track on
     * 04-30, a type-2 title change on 05-01) and rightsholders (DECIMAL shares, a new holder on
     * 04-30, a territory deleted on 05-02 with tombstones). After each day the candidate must be
     * the same on both engines; then the as-of view at each day, and a restatement from 04-30.
     */
    @Test
    void musicExampleDayByDayAsOfAndRestatement() {
        for (String table : List.of("tracks", "rightsholders")) {
            Contract contract = Fixtures.contract("music/contracts/" + table + ".odcs.yaml");
            List<LocalDate> dates = Fixtures.snapshotDates(table);
            assertThat(dates).hasSize(5);
            sameOnBoth(e -> {
                ScdTarget t = ScdTarget.of(contract, (String) null);
                for (LocalDate d : dates) {
                    Fixtures.stage(e.warehouse(), t.dataset(), t.tables().staging(), d, Fixtures.snapshotRows(t.dataset(), table, d));
                }
                List<Object> seen = new java.util.ArrayList<>();
                for (LocalDate d : dates) {
                    ScdResult r = e.scd().apply(t, d, Execution.RUN);
                    assertThat(r.status()).as(e.name() + " " + d).isEqualTo(ScdResult.Status.BUILT);
                    assertThat(r.checks()).as(e.name() + " " + d).allMatch(CheckResult::passed);
                    seen.add(d + ": " + Outcome.of(r));
                    seen.add(Fixtures.table(e.warehouse(), t.tables().candidate()));
                }
                for (LocalDate d : dates) {
                    LocalDateTime at = d.atTime(12, 0);
                    seen.add("as of " + at);
                    seen.add(Fixtures.query(e.warehouse(), e.scd().asOf(t, t.tables().candidate(), at, ScdBuilder.DeletedKeys.INCLUDE)));
                }
                List<String> before = Fixtures.table(e.warehouse(), t.tables().candidate());
                ScdResult restated = e.scd().restate(t, dates.get(2), Execution.RUN);
                seen.add("restated: " + Outcome.of(restated));
                assertThat(Fixtures.table(e.warehouse(), t.tables().candidate())).as(e.name() + ": a restatement gives the same table")
                        .containsExactlyElementsOf(before);
                return seen;
            });
            }
    }

    /**
     * The example's tracks built from change events instead of snapshots (day resolution): several
     * changes of a key within a day collapse to the last, a delete closes, a type-1 correction
     * overwrites every version; then late events arrive and an incremental build rebuilds their keys.
     */
    @Test
    void musicTracksFromChangeEventsFullAndIncremental() {
        Contract contract = Fixtures.contract("music/contracts/tracks.odcs.yaml");
        TableId events = TableId.of("music_staging", "track_events");
        List<ColumnInfo> cols = new java.util.ArrayList<>(Fixtures.stagingColumns(contract.datasets().get(0))
                .subList(0, contract.datasets().get(0).columns().size()));
        cols.add(new ColumnInfo(ColumnName.of("op"), DataType.VARCHAR, "VARCHAR", false));
        cols.add(new ColumnInfo(ColumnName.of("event_time"), DataType.TIMESTAMP, "TIMESTAMP", false));
        cols.add(new ColumnInfo(ColumnName.of("loaded_at"), DataType.TIMESTAMP, "TIMESTAMP", false));
        LocalDateTime load1 = LocalDateTime.of(2019, 5, 1, 23, 0);
        LocalDateTime load2 = LocalDateTime.of(2019, 5, 2, 23, 0);
        List<List<Object>> first = new java.util.ArrayList<>();
        for (List<Object> track : Fixtures.snapshotRows(contract.datasets().get(0), "tracks", LocalDate.of(2019, 4, 28))) {
            first.add(event(track, "create", LocalDateTime.of(2019, 4, 28, 9, 0).plusMinutes((Long) track.get(0)), load1));
        }
        List<Object> two = Fixtures.snapshotRows(contract.datasets().get(0), "tracks", LocalDate.of(2019, 4, 28)).get(1);
        List<Object> five = Fixtures.snapshotRows(contract.datasets().get(0), "tracks", LocalDate.of(2019, 4, 28)).get(4);
        first.add(event(with(two, 1, "Think Before You Click (Demo)"), "UPDATE", LocalDateTime.of(2019, 5, 1, 8, 0), load1));
        first.add(event(with(two, 1, "Think Before You Click (On My Heart)"), "update", LocalDateTime.of(2019, 5, 1, 17, 30), load1));
        first.add(event(with(five, 3, "jazz"), "update", LocalDateTime.of(2019, 4, 30, 10, 0), load1));
        first.add(event(with(five, 3, null), "delete", LocalDateTime.of(2019, 5, 1, 12, 0), load1));
        // loaded a day later: a late correction of track 7 (before what was applied) and a new track
        List<Object> seven = Fixtures.snapshotRows(contract.datasets().get(0), "tracks", LocalDate.of(2019, 4, 28)).get(6);
        List<List<Object>> late = List.of(
                event(with(seven, 1, "Backup Heart (Remastered)"), "update", LocalDateTime.of(2019, 4, 29, 6, 0), load2),
                event(List.of(13L, "Zero Trust", "Night Owl Trio", "electronic", 200000L, LocalDate.of(2019, 5, 2)), "create",
                        LocalDateTime.of(2019, 5, 2, 7, 0), load2));
        EventSource incremental = new EventSource(events, EventSource.DEFAULT_OPERATION, EventSource.DEFAULT_EVENT_TIME,
                java.util.Optional.of(ColumnName.of("loaded_at")), EventSource.Mode.INCREMENTAL);
        sameOnBoth(e -> {
            ScdTarget t = ScdTarget.of(contract, (String) null);
            e.warehouse().createNamespace(events.namespace());
            e.warehouse().execute(e.warehouse().dialect().createTableIfNotExists(events, cols));
            DataGenerators.insertRows(e.warehouse(), events, cols, first.iterator());
            List<Object> seen = new java.util.ArrayList<>();
            seen.add("full: " + Outcome.of(e.scd().fromEvents(t, EventSource.of(events), Execution.RUN)));
            seen.add(Fixtures.table(e.warehouse(), t.tables().candidate()));
            seen.add("incremental, nothing new: " + Outcome.of(e.scd().fromEvents(t, incremental, Execution.RUN)));
            DataGenerators.insertRows(e.warehouse(), events, cols, late.iterator());
            ScdResult r = e.scd().fromEvents(t, incremental, Execution.RUN);
            seen.add("incremental, late events: " + Outcome.of(r) + " " + r.events().orElseThrow());
            List<String> incrementally = Fixtures.table(e.warehouse(), t.tables().candidate());
            seen.add(incrementally);
            e.scd().fromEvents(t, EventSource.of(events), Execution.RUN);
            assertThat(Fixtures.table(e.warehouse(), t.tables().candidate())).as(e.name() + ": incremental equals a full rollup")
                    .containsExactlyElementsOf(incrementally);
            return seen;
        });
    }

    private static List<Object> event(List<Object> row, String op, LocalDateTime at, LocalDateTime loaded) {
        List<Object> e = new java.util.ArrayList<>(row);
        e.add(op);
        e.add(at);
        e.add(loaded);
        return e;
    }

    private static List<Object> with(List<Object> row, int index, Object value) {
        List<Object> copy = new java.util.ArrayList<>(row);
        copy.set(index, value);
        return copy;
    }
}
