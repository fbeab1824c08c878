package io.meshkit.scdbuilder;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshkit.scdbuilder.api.Execution;
import io.meshkit.scdbuilder.api.ScdResult;
import io.meshkit.testing.GoldenTables;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The two example datasets of the SoundCloud write-up, built from daily snapshots, row by row. */
class ScdGoldenTest {
    private static final LocalDate FEB_5 = LocalDate.of(2019, 2, 5);
    private static final LocalDate MAY_1 = LocalDate.of(2019, 5, 1);

    @Test
    void trackMetadataTitleChangesOnMayFirst() {
        try (ScdFixture f = ScdFixture.of("tracks.odcs.yaml")) {
            f.stage(FEB_5, ScdFixture.row(1L, "Longer, Better, Stronger Passwords", "Adept Surfer"),
                    ScdFixture.row(2L, "Think Before You Click", "Cautious Mouse"));
            f.stage(MAY_1, ScdFixture.row(1L, "Longer, Better, Stronger Passwords", "Adept Surfer"),
                    ScdFixture.row(2L, "Think Before You Click (On My Heart)", "Cautious Mouse"));

            ScdResult first = f.scd.apply(f.target, FEB_5, Execution.RUN);
            assertThat(first.status()).isEqualTo(ScdResult.Status.BUILT);
            assertThat(first.counts().opened()).isEqualTo(2);
            ScdResult second = f.scd.apply(f.target, MAY_1, Execution.RUN);
            assertThat(second.counts().opened()).isEqualTo(1);
            assertThat(second.counts().closed()).isEqualTo(1);
            assertThat(second.counts().unchanged()).isEqualTo(1);

            GoldenTables.assertTableMatches(f.warehouse, f.candidate(), ScdFixture.resource("golden/tracks.csv"));
        }
    }

    @Test
    void trackRightsholdersPerTerritory() {
        try (ScdFixture f = ScdFixture.of("rightsholders.odcs.yaml")) {
            f.stage(FEB_5, ScdFixture.row(1L, "DE", 182L), ScdFixture.row(1L, "FR", 182L), ScdFixture.row(2L, "DE", 42L));
            f.stage(MAY_1, ScdFixture.row(1L, "DE", 182L), ScdFixture.row(1L, "FR", 182L), ScdFixture.row(2L, "DE", 42L));

            f.scd.apply(f.target, FEB_5, Execution.RUN);
            ScdResult r = f.scd.apply(f.target, MAY_1, Execution.RUN);
            assertThat(r.counts().unchanged()).isEqualTo(3);
            assertThat(r.counts().opened()).isZero();

            GoldenTables.assertTableMatches(f.warehouse, f.candidate(), ScdFixture.resource("golden/rightsholders.csv"));
        }
    }
}
