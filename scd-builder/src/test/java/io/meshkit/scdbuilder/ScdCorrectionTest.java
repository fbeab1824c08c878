package io.meshkit.scdbuilder;

import static io.meshkit.scdbuilder.ScdFixture.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshkit.core.identifier.TableId;
import io.meshkit.core.warehouse.Warehouses;
import io.meshkit.scdbuilder.api.Execution;
import io.meshkit.scdbuilder.api.ScdResult;
import io.meshkit.scdbuilder.api.ScdTarget;
import io.meshkit.testing.GoldenTables;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Corrections of staged snapshots: every documented way to take one in (apply the last date again, restate from
 * that date or an earlier one, rebuild) gives the same table, and nothing of the retracted snapshot survives.
 */
class ScdCorrectionTest {
    private static final LocalDate FEB_5 = LocalDate.of(2019, 2, 5);
    private static final LocalDate MAY_1 = LocalDate.of(2019, 5, 1);
    private static final LocalDate MAY_2 = LocalDate.of(2019, 5, 2);

    /** Three dates of the SoundCloud tracks, the last one staged with a wrong artist for track 2. */
    private static ScdFixture soundCloud() {
        ScdFixture f = ScdFixture.of("tracks-type1.odcs.yaml");
        f.stage(FEB_5, row(1L, "Longer, Better, Stronger Passwords", "Adept Surfer"), row(2L, "Think Before You Click", "Cautious Mouse"));
        f.stage(MAY_1, row(1L, "Longer, Better, Stronger Passwords", "Adept Surfer"),
                row(2L, "Think Before You Click (On My Heart)", "Cautious Mouse"));
        f.stage(MAY_2, row(1L, "Longer, Better, Stronger Passwords", "Adept Surfer"),
                row(2L, "Think Before You Click (On My Heart)", "Cautious Mouse (retracted)"));
        for (LocalDate d : List.of(FEB_5, MAY_1, MAY_2)) {
            assertThat(f.scd.apply(f.target, d, Execution.RUN).status()).isEqualTo(ScdResult.Status.BUILT);
        }
        // the source retracts May 2: track 2 was not in it
        f.stage(MAY_2, row(1L, "Longer, Better, Stronger Passwords", "Adept Surfer"));
        return f;
    }

    @Test
    void aCorrectedSnapshotLeavesNoStaleTypeOneValueWhicheverWayItIsTakenIn() {
        List<Consumer<ScdFixture>> ways = List.of(
                f -> f.scd.apply(f.target, MAY_2, Execution.RUN),
                f -> f.scd.restate(f.target, MAY_2, Execution.RUN),
                f -> f.scd.restate(f.target, MAY_1, Execution.RUN),
                f -> f.scd.restate(f.target, FEB_5, Execution.RUN),
                f -> f.scd.rebuild(f.target, Execution.RUN));
        for (Consumer<ScdFixture> way : ways) {
            try (ScdFixture f = soundCloud()) {
                way.accept(f);
                GoldenTables.assertTableMatches(f.warehouse, f.candidate(), ScdFixture.resource("golden/tracks-corrected.csv"));
            }
        }
    }

    @Test
    void aFailedApplyLeavesNoWorkTables() {
        try (ScdFixture f = ScdFixture.of("tracks-type1.odcs.yaml")) {
            f.stage(FEB_5, row(1L, "a", "x"), row(2L, "b", "y"));
            f.scd.apply(f.target, FEB_5, Execution.RUN);
            f.stage(MAY_1, row(1L, "a", "x"), row(null, "b", "y"), row(3L, "c", "z"), row(3L, "c", "z"));
            assertThatThrownBy(() -> f.scd.apply(f.target, MAY_1, Execution.RUN))
                    .hasMessageContaining("occurs more than once").hasMessageContaining("a NULL key");
            assertThat(workTables(f)).isEmpty();
            f.stage(MAY_2); // an empty date
            assertThatThrownBy(() -> f.scd.restate(f.target, FEB_5, Execution.RUN)).hasMessageContaining("more than once");
            assertThat(workTables(f)).isEmpty();
        }
    }

    private static List<TableId> workTables(ScdFixture f) {
        return f.warehouse.listTables(f.candidate().namespace()).stream().filter(t -> t.name().contains("__scd_")).toList();
    }

    @Test
    void firstFillOpensVersionsByDefaultAndFillsTheCurrentOnesWhenTheContractSaysFill() {
        for (String mode : List.of("version", "fill")) {
            ScdTarget v11 = ScdTarget.of(Contracts.items("1.1.0", "close", """
                          - name: label
                            logicalType: string
                            physicalType: VARCHAR
                            customProperties:
                              - property: meshkit.firstFill
                                value: %s
                    """.formatted(mode)), (String) null);
            try (ScdFixture f = ScdFixture.of(Warehouses.open("duckdb::memory:"), Contracts.items("close"))) {
                f.stage(FEB_5, row(1L, "a", "pop", 1L), row(2L, "b", "pop", 1L));
                f.scd.apply(f.target, FEB_5, Execution.RUN);
                f.warehouse.execute(io.meshkit.core.warehouse.Sql.of("ALTER TABLE music_staging.items ADD COLUMN label VARCHAR"));
                f.stage(v11, MAY_1, row(1L, "a", "pop", 1L, "indie"), row(2L, "b", "pop", 1L, null));
                ScdResult r = f.scd.apply(v11, MAY_1, Execution.RUN);
                f.stage(v11, MAY_2, row(1L, "a", "pop", 1L, "major"), row(2L, "b", "pop", 1L, null));
                f.scd.apply(v11, MAY_2, Execution.RUN);
                List<List<Object>> built = f.ordered(f.candidate());
                if (mode.equals("version")) {
                    assertThat(r.counts().opened()).isEqualTo(1);
                    assertThat(built).containsExactlyInAnyOrder(
                            Arrays.asList(1L, "a", "pop", 1L, null, FEB_5.atStartOfDay(), MAY_1.atStartOfDay(), false),
                            Arrays.asList(1L, "a", "pop", 1L, "indie", MAY_1.atStartOfDay(), MAY_2.atStartOfDay(), false),
                            Arrays.asList(1L, "a", "pop", 1L, "major", MAY_2.atStartOfDay(), END, true),
                            Arrays.asList(2L, "b", "pop", 1L, null, FEB_5.atStartOfDay(), END, true));
                } else {
                    assertThat(r.counts().opened()).isZero();
                    assertThat(r.counts().corrected()).isEqualTo(1);
                    assertThat(built).containsExactlyInAnyOrder(
                            Arrays.asList(1L, "a", "pop", 1L, "indie", FEB_5.atStartOfDay(), MAY_2.atStartOfDay(), false),
                            Arrays.asList(1L, "a", "pop", 1L, "major", MAY_2.atStartOfDay(), END, true),
                            Arrays.asList(2L, "b", "pop", 1L, null, FEB_5.atStartOfDay(), END, true));
                }
                // the same table however it is built again
                f.scd.rebuild(v11, Execution.RUN);
                assertThat(f.ordered(f.candidate())).as("rebuild, %s", mode).isEqualTo(built);
                f.scd.restate(v11, MAY_1, Execution.RUN);
                assertThat(f.ordered(f.candidate())).as("restate, %s", mode).isEqualTo(built);
            }
        }
    }

    private static final java.time.LocalDateTime END = java.time.LocalDateTime.of(9999, 12, 31, 0, 0);
}
