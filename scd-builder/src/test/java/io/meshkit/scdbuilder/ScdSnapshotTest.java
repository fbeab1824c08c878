package io.meshkit.scdbuilder;

import static io.meshkit.scdbuilder.ScdFixture.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.identifier.TableId;
import io.meshkit.core.progress.Progress;
import io.meshkit.core.runlog.RetainedColumns;
import io.meshkit.core.runlog.RunStatus;
import io.meshkit.core.runlog.WarehouseRunLog;
import io.meshkit.core.warehouse.Sql;
import io.meshkit.core.warehouse.Warehouses;
import io.meshkit.scdbuilder.api.Execution;
import io.meshkit.scdbuilder.api.ScdResult;
import io.meshkit.scdbuilder.api.ScdTarget;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Applying snapshots: versions, deletes, corrections, ordering, idempotency, restatement, duplicates, schema changes. */
class ScdSnapshotTest {
    private static final LocalDate D1 = LocalDate.of(2026, 1, 1);
    private static final LocalDate D2 = LocalDate.of(2026, 1, 2);
    private static final LocalDate D3 = LocalDate.of(2026, 1, 3);
    private static final LocalDateTime T1 = D1.atStartOfDay();
    private static final LocalDateTime T2 = D2.atStartOfDay();
    private static final LocalDateTime T3 = D3.atStartOfDay();
    private static final LocalDateTime END = LocalDateTime.of(9999, 12, 31, 0, 0);

    private static ScdFixture items(String deletes) {
        return ScdFixture.of(Warehouses.open("duckdb::memory:"), Contracts.items(deletes));
    }

    @Test
    void deletedKeyClosesAndComesBackAsANewVersion() {
        try (ScdFixture f = items("close")) {
            f.stage(D1, row(1L, "a", "pop", 5L), row(2L, "b", "pop", 5L));
            f.stage(D2, row(1L, "a", "pop", 6L));
            f.stage(D3, row(1L, "a", "pop", 7L), row(2L, "b", "pop", 5L));
            f.scd.apply(f.target, D1, Execution.RUN);
            ScdResult deleted = f.scd.apply(f.target, D2, Execution.RUN);
            assertThat(deleted.counts().deleted()).isEqualTo(1);
            assertThat(deleted.counts().closed()).isEqualTo(1);
            ScdResult back = f.scd.apply(f.target, D3, Execution.RUN);
            assertThat(back.counts().opened()).isEqualTo(1);
            // plays is ignored: key 1 never gets a new version for it
            assertThat(f.ordered(f.candidate())).containsExactly(
                    List.of(1L, "a", "pop", 5L, T1, END, true),
                    List.of(2L, "b", "pop", 5L, T1, T2, false),
                    List.of(2L, "b", "pop", 5L, T3, END, true));
        }
    }

    @Test
    void tombstoneOpensOnDeleteAndClosesOnComeback() {
        try (ScdFixture f = items("tombstone")) {
            f.stage(D1, row(1L, "a", "pop", 5L), row(2L, "b", "pop", 5L));
            f.stage(D2, row(1L, "a", "pop", 5L));
            f.stage(D3, row(1L, "a", "pop", 5L), row(2L, "c", "pop", 5L));
            for (LocalDate d : List.of(D1, D2, D3)) {
                assertThat(f.scd.apply(f.target, d, Execution.RUN).status()).isEqualTo(ScdResult.Status.BUILT);
            }
            assertThat(f.ordered(f.candidate())).containsExactly(
                    List.of(1L, "a", "pop", 5L, T1, END, true, false),
                    List.of(2L, "b", "pop", 5L, T1, T2, false, false),
                    List.of(2L, "b", "pop", 5L, T2, T3, false, true),
                    List.of(2L, "c", "pop", 5L, T3, END, true, false));
        }
    }

    @Test
    void typeOneChangeOverwritesEveryVersionWithoutANewOne() {
        try (ScdFixture f = items("close")) {
            f.stage(D1, row(1L, "a", "pop", 1L), row(2L, "b", "pop", 1L));
            f.stage(D2, row(1L, "a2", "pop", 1L), row(2L, "b", "pop", 1L));
            f.stage(D3, row(1L, "a2", "rock", 1L), row(2L, "b", "jazz", 1L));
            f.scd.apply(f.target, D1, Execution.RUN);
            f.scd.apply(f.target, D2, Execution.RUN);
            ScdResult r = f.scd.apply(f.target, D3, Execution.RUN);
            assertThat(r.counts().corrected()).isEqualTo(2);
            assertThat(r.counts().opened()).isZero();
            assertThat(f.ordered(f.candidate())).containsExactly(
                    List.of(1L, "a", "rock", 1L, T1, T2, false),
                    List.of(1L, "a2", "rock", 1L, T2, END, true),
                    List.of(2L, "b", "jazz", 1L, T1, END, true));
        }
    }

    @Test
    void typeTwoAttributesOfEveryKindOpenVersionsExactlyWhenTheirValueChanges() {
        // the change join compares values with IS DISTINCT FROM, and floating-point ones by fingerprint
        ScdTarget target = ScdTarget.of(Contracts.items("1.0.0", "close", """
                      - name: released
                        logicalType: date
                        physicalType: DATE
                      - name: price
                        logicalType: number
                        physicalType: DECIMAL(10,2)
                      - name: rating
                        logicalType: number
                        physicalType: DOUBLE
                """), (String) null);
        try (ScdFixture f = ScdFixture.of(Warehouses.open("duckdb::memory:"), target.contract())) {
            LocalDate day = LocalDate.of(2020, 1, 1);
            java.math.BigDecimal p1 = new java.math.BigDecimal("1.50");
            Object[][] base = {row(1L, "a", "pop", 1L, day, p1, 1.5), row(2L, "b", "pop", 1L, null, null, null),
                    row(3L, "c", "pop", 1L, day, p1, 1.5), row(4L, "d", "pop", 1L, day, p1, 1.5), row(5L, "e", "pop", 1L, day, p1, 1.5)};
            f.stage(D1, base);
            f.stage(D2, row(1L, "a", "rock", 9L, day, p1, 1.5), // type-1 and ignored changes only
                    row(2L, "b", "pop", 1L, null, null, null), // NULLs equal NULLs
                    row(3L, "c", "pop", 1L, day.plusDays(1), p1, 1.5), // a date
                    row(4L, "d", "pop", 1L, day, new java.math.BigDecimal("1.51"), 1.5), // a decimal
                    row(5L, "e", "pop", 1L, day, p1, 2.5)); // a double
            f.stage(D3, row(1L, "a", "rock", 9L, null, p1, 1.5), row(2L, "b", "pop", 1L, null, null, 0.0), // value to NULL, NULL to value
                    row(3L, "c", "pop", 1L, day.plusDays(1), p1, 1.5), row(4L, "d", "pop", 1L, day, new java.math.BigDecimal("1.51"), 1.5),
                    row(5L, "e", "pop", 1L, day, p1, 2.5));
            f.scd.apply(f.target, D1, Execution.RUN);
            ScdResult r2 = f.scd.apply(f.target, D2, Execution.RUN);
            assertThat(r2.counts().summary()).isEqualTo("opened 3, closed 3, corrected 1, deleted 0, unchanged 1, rows 8");
            ScdResult r3 = f.scd.apply(f.target, D3, Execution.RUN);
            assertThat(r3.counts().summary()).isEqualTo("opened 2, closed 2, corrected 0, deleted 0, unchanged 3, rows 10");
            assertThat(f.rows(Sql.of("SELECT id, COUNT(*) FROM music_candidates.items GROUP BY id ORDER BY id")))
                    .containsExactly(List.of(1L, 2L), List.of(2L, 2L), List.of(3L, 2L), List.of(4L, 2L), List.of(5L, 2L));
            String changes = r3.plan().stream().flatMap(s -> s.sql().stream()).map(Sql::text).filter(t -> t.contains("FULL OUTER JOIN"))
                    .findFirst().orElseThrow();
            assertThat(changes).contains("s.\"price\" IS DISTINCT FROM c.\"price\"", "md5(coalesce(CAST(length(CAST(\"rating\" AS VARCHAR))")
                    .doesNotContain("CAST(\"price\" AS VARCHAR)");
        }
    }

    @Test
    void applyingTheSameDateTwiceGivesTheSameTable() {
        try (ScdFixture f = items("tombstone")) {
            f.stage(D1, row(1L, "a", "pop", 1L), row(2L, "b", "pop", 1L));
            f.stage(D2, row(1L, "a2", "rock", 1L), row(3L, "c", "pop", 1L));
            f.scd.apply(f.target, D1, Execution.RUN);
            f.scd.apply(f.target, D2, Execution.RUN);
            List<List<Object>> once = f.ordered(f.candidate());
            ScdResult again = f.scd.apply(f.target, D2, Execution.RUN);
            assertThat(again.status()).isEqualTo(ScdResult.Status.BUILT);
            assertThat(f.ordered(f.candidate())).isEqualTo(once);
        }
    }

    @Test
    void olderSnapshotIsRefusedEvenBeforeTheCandidateIsPromoted() {
        try (ScdFixture f = items("close")) {
            f.stage(D1, row(1L, "a", "pop", 1L));
            f.stage(D2, row(1L, "a", "pop", 1L)); // no change at D2: only the log knows it was applied
            f.scd.apply(f.target, D1, Execution.RUN);
            f.scd.apply(f.target, D2, Execution.RUN);
            assertThatThrownBy(() -> f.scd.apply(f.target, D1, Execution.RUN))
                    .isInstanceOf(MeshkitException.class)
                    .hasMessage("Cannot apply snapshot 2026-01-01 to music.items: it is older than the last applied snapshot 2026-01-02;"
                            + " to rebuild history from 2026-01-01 run: meshkit scd restate --from 2026-01-01")
                    .extracting(e -> ((MeshkitException) e).code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
        }
    }

    @Test
    void afterPromotionProductionIsTheBaseAndTheLogStillOrdersDates() {
        try (ScdFixture f = items("close")) {
            f.stage(D1, row(1L, "a", "pop", 1L));
            f.stage(D2, row(1L, "b", "pop", 1L));
            f.scd.apply(f.target, D1, Execution.RUN);
            f.scd.apply(f.target, D2, Execution.RUN);
            List<List<Object>> built = f.ordered(f.candidate());
            // what the publisher does: promote the candidate
            f.warehouse.createNamespace(f.target.tables().production().namespace());
            f.warehouse.replace(f.target.tables().production(), f.candidate());
            assertThat(f.warehouse.describe(f.candidate())).isEmpty();

            ScdResult again = f.scd.apply(f.target, D2, Execution.RUN);
            assertThat(again.base()).contains(f.target.tables().production());
            assertThat(f.ordered(f.candidate())).isEqualTo(built);
            assertThat(f.ordered(f.target.tables().production())).isEqualTo(built); // production only read
            assertThatThrownBy(() -> f.scd.apply(f.target, D1, Execution.RUN)).hasMessageContaining("older than the last applied");
        }
    }

    @Test
    void candidateDroppedWithoutPromotionIsNotSilentlySkipped() {
        try (ScdFixture f = items("close")) {
            f.stage(D1, row(1L, "a", "pop", 1L));
            f.stage(D2, row(1L, "b", "pop", 1L));
            f.stage(D3, row(1L, "c", "pop", 1L));
            f.scd.apply(f.target, D1, Execution.RUN);
            f.warehouse.createNamespace(f.target.tables().production().namespace());
            f.warehouse.replace(f.target.tables().production(), f.candidate());
            f.scd.apply(f.target, D2, Execution.RUN);
            f.warehouse.drop(f.candidate()); // discarded, never promoted
            assertThatThrownBy(() -> f.scd.apply(f.target, D3, Execution.RUN)).hasMessage("Cannot apply snapshot 2026-01-03 to"
                    + " music.items: the last build (through 2026-01-02) wrote 2 rows to music_candidates.items, which is gone, but"
                    + " production music.items holds 1: that candidate was never promoted; rebuild from it with: meshkit scd restate"
                    + " --from 2026-01-02");
            f.scd.restate(f.target, D2, Execution.RUN);
            assertThat(f.scd.apply(f.target, D3, Execution.RUN).counts().opened()).isEqualTo(1);
            assertThat(f.count(f.candidate())).isEqualTo(3);
        }
    }

    @Test
    void restateFromAMiddleDateRebuildsLaterHistoryOnly() {
        try (ScdFixture f = items("close"); ScdFixture fresh = items("close")) {
            Object[][] d1 = {row(1L, "a", "pop", 1L), row(2L, "b", "pop", 1L)};
            Object[][] d2 = {row(1L, "a2", "pop", 1L), row(2L, "b", "pop", 1L)};
            Object[][] d2Fixed = {row(1L, "a", "pop", 1L), row(2L, "b2", "pop", 1L)};
            Object[][] d3 = {row(1L, "a3", "pop", 1L), row(2L, "b2", "pop", 1L)};
            f.stage(D1, d1);
            f.stage(D2, d2);
            f.stage(D3, d3);
            for (LocalDate d : List.of(D1, D2, D3)) {
                f.scd.apply(f.target, d, Execution.RUN);
            }
            f.stage(D2, d2Fixed); // the D2 snapshot was wrong and is re-staged
            ScdResult r = f.scd.restate(f.target, D2, Execution.RUN);
            assertThat(r.applied()).containsExactly(T2, T3);

            fresh.stage(D1, d1);
            fresh.stage(D2, d2Fixed);
            fresh.stage(D3, d3);
            for (LocalDate d : List.of(D1, D2, D3)) {
                fresh.scd.apply(fresh.target, d, Execution.RUN);
            }
            assertThat(f.ordered(f.candidate())).isEqualTo(fresh.ordered(fresh.candidate()));
            assertThat(f.ordered(f.candidate())).contains(List.of(1L, "a", "pop", 1L, T1, T3, false));
            // and the dates are in order again: D3 was the last applied
            assertThatThrownBy(() -> f.scd.apply(f.target, D2, Execution.RUN)).hasMessageContaining("older than the last applied");
        }
    }

    @Test
    void rebuildIsARestatementFromTheFirstStagedDate() {
        try (ScdFixture f = items("tombstone")) {
            f.stage(D1, row(1L, "a", "pop", 1L), row(2L, "b", "pop", 1L));
            f.stage(D2, row(1L, "a2", "pop", 1L));
            f.stage(D3, row(1L, "a2", "pop", 1L), row(2L, "b", "rock", 1L));
            for (LocalDate d : List.of(D1, D2, D3)) {
                f.scd.apply(f.target, d, Execution.RUN);
            }
            List<List<Object>> built = f.ordered(f.candidate());
            List<String> phases = new ArrayList<>();
            AtomicLong done = new AtomicLong();
            Progress recorded = new Progress() {
                @Override
                public void phase(String name, long total, String unit) {
                    phases.add(name + " " + done.getAndSet(0) + "/" + total + " " + unit);
                }

                @Override
                public AtomicLong done() {
                    return done;
                }

                @Override
                public void close() {}
            };
            ScdResult r = f.scd.withProgress(recorded).rebuild(f.target, Execution.RUN);
            assertThat(r.applied()).containsExactly(T1, T2, T3);
            assertThat(f.ordered(f.candidate())).isEqualTo(built);
            // one step per snapshot date, then the checks (the count before each phase is the previous one's)
            assertThat(phases).containsExactly("rebuild music.items 0/3 snapshots", "check and record the candidate 3/-1 ");
        }
    }

    @Test
    void duplicateKeysAreRefusedWithHowManyAndAFewKeys() {
        try (ScdFixture f = items("close")) {
            f.stage(D1, row(7L, "a", "pop", 1L), row(7L, "b", "pop", 1L), row(3L, "c", "pop", 1L), row(3L, "c", "pop", 1L),
                    row(4L, "d", "pop", 1L));
            assertThatThrownBy(() -> f.scd.apply(f.target, D1, Execution.RUN))
                    .isInstanceOf(MeshkitException.class)
                    .hasMessage("Cannot apply snapshot 2026-01-01 to music.items: 2 keys of (id) occur more than once in"
                            + " music_staging.items, e.g. 3, 7");
            assertThat(f.warehouse.describe(f.candidate())).isEmpty();

            // a key already in the dimension, repeated unchanged: found by the change join's counts
            f.stage(D1, row(1L, "a", "pop", 1L), row(2L, "b", "pop", 1L));
            f.scd.apply(f.target, D1, Execution.RUN);
            f.stage(D2, row(1L, "a", "pop", 1L), row(2L, "b", "pop", 1L), row(2L, "b", "pop", 1L));
            assertThatThrownBy(() -> f.scd.apply(f.target, D2, Execution.RUN)).hasMessage("Cannot apply snapshot 2026-01-02 to"
                    + " music.items: 1 key of (id) occurs more than once in music_staging.items, e.g. 2");
            f.stage(D2, row(1L, "a", "pop", 1L), row(null, "b", "pop", 1L));
            assertThatThrownBy(() -> f.scd.apply(f.target, D2, Execution.RUN)).hasMessage("Cannot apply snapshot 2026-01-02 to"
                    + " music.items: 1 row has a NULL key in music_staging.items, e.g. NULL");
        }
    }

    @Test
    void addedColumnIsNullInEarlierVersionsAndRemovedColumnNeedsANewMajorVersion() {
        try (ScdFixture v1 = items("close")) {
            v1.stage(D1, row(1L, "a", "pop", 1L));
            v1.scd.apply(v1.target, D1, Execution.RUN);

            ScdTarget v11 = ScdTarget.of(Contracts.items("1.1.0", "close", """
                          - name: label
                            logicalType: string
                            physicalType: VARCHAR
                    """), (String) null);
            v1.warehouse.execute(Sql.of("ALTER TABLE music_staging.items ADD COLUMN label VARCHAR"));
            v1.stage(v11, D2, row(1L, "b", "pop", 1L, "indie"));
            // a column added with a default gives every key a first value: the note says how to avoid a version per key
            assertThat(v1.scd.apply(v11, D2, Execution.RUN).schemaChanges()).containsExactly(
                    "column label added (earlier versions NULL; a first value opens a version unless meshkit.firstFill: fill)");
            assertThat(v1.ordered(v1.candidate())).containsExactly(
                    java.util.Arrays.asList(1L, "a", "pop", 1L, null, T1, T2, false),
                    List.of(1L, "b", "pop", 1L, "indie", T2, END, true));

            // back to the contract without label: a removed column
            assertThatThrownBy(() -> v1.scd.apply(v1.target, D3, Execution.RUN))
                    .hasMessage("Cannot build music.items with contract version 1.0.0: column(s) label removed since"
                            + " music_candidates.items was built (with version 1.1.0); that needs a new major contract version");
            ScdTarget v2 = ScdTarget.of(Contracts.items("2.0.0", "close", ""), (String) null);
            v1.warehouse.execute(Sql.of("ALTER TABLE music_staging.items DROP COLUMN label"));
            v1.stage(v2, D3, row(1L, "b", "pop", 1L));
            assertThat(v1.scd.apply(v2, D3, Execution.RUN).status()).isEqualTo(ScdResult.Status.BUILT);
            // meshkit.removedColumns: keep (the default): label stays for history, after the contract's columns
            assertThat(v1.warehouse.describe(v1.candidate()).orElseThrow().columns()).hasSize(8);
            // recorded in core's meshkit_meta.retained_columns under the production table, for the linter's drift check
            assertThat(new RetainedColumns(v1.warehouse).of(v1.target.tables().production())).containsExactly(ColumnName.of("label"));
            assertThat(v1.ordered(v1.candidate())).containsExactly(
                    java.util.Arrays.asList(1L, "a", "pop", 1L, null, T1, T2, false),
                    List.of(1L, "b", "pop", 1L, "indie", T2, END, true));
            // kept from now on: the same contract builds again without a new major version
            LocalDate d4 = D3.plusDays(1);
            v1.stage(v2, d4, row(1L, "c", "pop", 1L));
            assertThat(v1.scd.apply(v2, d4, Execution.RUN).status()).isEqualTo(ScdResult.Status.BUILT);
            assertThat(v1.ordered(v1.candidate())).containsExactly(
                    java.util.Arrays.asList(1L, "a", "pop", 1L, null, T1, T2, false),
                    List.of(1L, "b", "pop", 1L, "indie", T2, d4.atStartOfDay(), false),
                    java.util.Arrays.asList(1L, "c", "pop", 1L, null, d4.atStartOfDay(), END, true));

            // label back in the contract (3.0.0): no longer kept, so the record forgets it
            ScdTarget v3 = ScdTarget.of(Contracts.items("3.0.0", "close", """
                          - name: label
                            logicalType: string
                            physicalType: VARCHAR
                    """), (String) null);
            LocalDate d5 = d4.plusDays(1);
            v1.warehouse.execute(Sql.of("ALTER TABLE music_staging.items ADD COLUMN label VARCHAR"));
            v1.stage(v3, d5, row(1L, "c", "pop", 1L, "indie"));
            assertThat(v1.scd.apply(v3, d5, Execution.RUN).status()).isEqualTo(ScdResult.Status.BUILT);
            assertThat(new RetainedColumns(v1.warehouse).of(v1.target.tables().production())).isEmpty();
        }
    }

    /** A narrowed type that a closed version's value does not fit: bad input (exit 2) in one line, not a warehouse error. */
    @Test
    void aNarrowedTypeThatHistoryDoesNotFitIsRefusedWithWhatToDo() {
        String score = """
                      - name: score
                        logicalType: integer
                        physicalType: %s
                """;
        ScdTarget v1 = ScdTarget.of(Contracts.items("1.0.0", "close", score.formatted("BIGINT")), (String) null);
        try (ScdFixture f = items("close")) {
            f.stage(v1, D1, row(1L, "a", "pop", 1L, 5_000_000_000L));
            f.scd.apply(v1, D1, Execution.RUN);
            f.stage(v1, D2, row(1L, "a", "pop", 1L, 7L));
            f.scd.apply(v1, D2, Execution.RUN);
            ScdTarget v2 = ScdTarget.of(Contracts.items("2.0.0", "close", score.formatted("INTEGER")), (String) null);
            f.stage(v2, D3, row(1L, "a", "pop", 1L, 7L));
            assertThatThrownBy(() -> f.scd.apply(v2, D3, Execution.RUN))
                    .isInstanceOfSatisfying(MeshkitException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                    .hasMessage("Cannot build music.items with contract version 2.0.0: column score (BIGINT to INTEGER): 1 version holds a"
                            + " value that does not convert in music_candidates.items; keep the old type in the contract, or give the new"
                            + " type a new column name (the old column is then removed, kept for history)");
            assertThat(f.count(f.candidate())).isEqualTo(2);
            // values that all fit: the narrowing goes through (a new major version)
            f.warehouse.execute(Sql.of("UPDATE music_candidates.items SET score = 5 WHERE score > 100"));
            assertThat(f.scd.apply(v2, D3, Execution.RUN).schemaChanges()).containsExactly("column score changed type from BIGINT to INTEGER");
        }
    }

    @Test
    void emptySnapshotAndUnstagedAppliedDatesAreRefused() {
        try (ScdFixture f = items("close")) {
            f.stage(D1, row(1L, "a", "pop", 1L));
            f.stage(D2, row(1L, "b", "pop", 1L));
            assertThatThrownBy(() -> f.scd.apply(f.target, D3, Execution.RUN)).hasMessage("Cannot apply snapshot 2026-01-03 to music.items:"
                    + " music_staging.items holds no rows for it (an empty snapshot would delete every key)");
            f.scd.apply(f.target, D1, Execution.RUN);
            f.scd.apply(f.target, D2, Execution.RUN);
            f.stage(D2); // staging retention dropped D2
            assertThatThrownBy(() -> f.scd.restate(f.target, D1, Execution.RUN)).hasMessage("Cannot restate music.items from 2026-01-01:"
                    + " snapshot(s) 2026-01-02 were applied but are no longer in music_staging.items; stage them again or restate from a"
                    + " later date");
        }
    }

    @Test
    void aBuildFailingTheInvariantsIsKeptAsideAndRecordedAsAFailedRun() {
        try (ScdFixture f = items("close")) {
            // a production table that already breaks the invariants: key 1 has two current versions
            f.warehouse.createNamespace(f.target.tables().production().namespace());
            f.warehouse.execute(Sql.of("CREATE TABLE music.items AS SELECT * FROM (VALUES"
                    + " (CAST(1 AS BIGINT), 'a', 'pop', CAST(1 AS BIGINT), TIMESTAMP '2025-12-01 00:00:00', TIMESTAMP '9999-12-31 00:00:00', TRUE),"
                    + " (1, 'b', 'pop', 1, TIMESTAMP '2025-12-02 00:00:00', TIMESTAMP '9999-12-31 00:00:00', TRUE))"
                    + " t(id, name, genre, plays, valid_from, valid_to, is_current)"));
            f.stage(D1, row(2L, "z", "pop", 1L));
            ScdResult r = f.scd.apply(f.target, D1, Execution.RUN);
            assertThat(r.status()).isEqualTo(ScdResult.Status.REJECTED);
            assertThat(r.rejected()).contains(TableId.of("music_candidates", "items_rejected"));
            assertThat(r.checks()).filteredOn(c -> !c.passed()).extracting(c -> c.check()).contains("scd2_no_overlap");
            assertThat(f.warehouse.describe(f.candidate())).isEmpty();
            assertThat(f.warehouse.describe(TableId.of("music_candidates", "items_rejected"))).isPresent();
            var run = WarehouseRunLog.of(f.warehouse).runs("music.items", 1).get(0);
            assertThat(run.tool()).isEqualTo("scd");
            assertThat(run.status()).isEqualTo(RunStatus.FAILED);
            assertThat(run.message().orElseThrow()).startsWith("candidate failed");
        }
    }

    @Test
    void runsAreRecordedWithTheirCounts() {
        try (ScdFixture f = items("close")) {
            f.stage(D1, row(1L, "a", "pop", 1L), row(2L, "b", "pop", 1L));
            f.scd.apply(f.target, D1, Execution.RUN);
            var run = WarehouseRunLog.of(f.warehouse).runs("music.items", 1).get(0);
            assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
            assertThat(run.rows()).hasValue(2);
            assertThat(run.message()).contains("apply 2026-01-01: opened 2, closed 0, corrected 0, deleted 0, unchanged 0, rows 2");
        }
    }

    @Test
    void dryRunPlansWithSqlAndWritesNothing() {
        try (ScdFixture f = items("close")) {
            f.stage(D1, row(1L, "a", "pop", 1L));
            ScdResult r = f.scd.apply(f.target, D1, Execution.DRY_RUN);
            assertThat(r.status()).isEqualTo(ScdResult.Status.PLANNED);
            assertThat(r.plan()).anySatisfy(s -> assertThat(s.sql()).isPresent());
            assertThat(r.plan().stream().flatMap(s -> s.sql().stream()).map(Sql::text)).anyMatch(t -> t.contains("FULL OUTER JOIN"));
            assertThat(f.warehouse.listTables(f.candidate().namespace())).isEmpty();
        }
    }
}
