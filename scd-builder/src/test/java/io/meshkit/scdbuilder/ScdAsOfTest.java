package io.meshkit.scdbuilder;

import static io.meshkit.scdbuilder.ScdFixture.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshkit.core.error.WarehouseException;
import io.meshkit.core.quality.CheckResult;
import io.meshkit.core.warehouse.Sql;
import io.meshkit.scdbuilder.api.Execution;
import io.meshkit.scdbuilder.api.ScdBuilder.DeletedKeys;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The dimension as of a time, the fact join pattern, and the invariant check of a broken table. */
class ScdAsOfTest {
    @Test
    void asOfReturnsTheVersionValidAtThatTime() {
        try (ScdFixture f = ScdFixture.of("tracks.odcs.yaml")) {
            f.stage(LocalDate.of(2019, 2, 5), row(1L, "One", "X"), row(2L, "Think Before You Click", "Cautious Mouse"));
            f.stage(LocalDate.of(2019, 5, 1), row(1L, "One", "X"), row(2L, "Think Before You Click (On My Heart)", "Cautious Mouse"));
            f.scd.apply(f.target, LocalDate.of(2019, 2, 5), Execution.RUN);
            f.scd.apply(f.target, LocalDate.of(2019, 5, 1), Execution.RUN);

            Sql march = f.scd.asOf(f.target, f.candidate(), LocalDateTime.of(2019, 3, 1, 12, 0), DeletedKeys.EXCLUDE);
            assertThat(f.rows(march)).extracting(r -> r.get(1)).containsExactly("One", "Think Before You Click");
            Sql may = f.scd.asOf(f.target, f.candidate(), LocalDateTime.of(2019, 5, 1, 0, 0), DeletedKeys.EXCLUDE);
            assertThat(f.rows(may)).extracting(r -> r.get(1)).containsExactly("One", "Think Before You Click (On My Heart)");
            assertThat(f.rows(f.scd.asOf(f.target, f.candidate(), LocalDateTime.of(2019, 1, 1, 0, 0), DeletedKeys.EXCLUDE))).isEmpty();

            // the documented join: each play with the title valid when it was played
            f.warehouse.execute(Sql.of("CREATE TABLE main.plays AS SELECT * FROM (VALUES (2, TIMESTAMP '2019-02-15 11:20:00'),"
                    + " (2, TIMESTAMP '2019-05-02 08:00:00')) p(track_id, played_at)"));
            assertThat(f.rows(Sql.of("SELECT p.played_at, t.title FROM main.plays p JOIN music_candidates.tracks t"
                    + " ON t.track_id = p.track_id AND t.valid_from <= p.played_at AND p.played_at < t.valid_to ORDER BY 1")))
                    .extracting(r -> r.get(1)).containsExactly("Think Before You Click", "Think Before You Click (On My Heart)");
        }
    }

    @Test
    void checkFindsTwoCurrentVersions() {
        try (ScdFixture f = ScdFixture.of("tracks.odcs.yaml")) {
            f.warehouse.createNamespace(f.candidate().namespace());
            f.warehouse.execute(Sql.of("CREATE TABLE music_candidates.tracks AS SELECT * FROM (VALUES"
                    + " (1, 'a', 'x', TIMESTAMP '2026-01-01 00:00:00', TIMESTAMP '9999-12-31 00:00:00', TRUE),"
                    + " (1, 'b', 'x', TIMESTAMP '2026-01-02 00:00:00', TIMESTAMP '9999-12-31 00:00:00', TRUE))"
                    + " t(track_id, title, artist, valid_from, valid_to, is_current)"));
            List<CheckResult> results = f.scd.check(f.target, f.candidate());
            assertThat(results).filteredOn(r -> !r.passed()).extracting(CheckResult::check)
                    .containsExactlyInAnyOrder("scd2_no_overlap", "scd2_one_current");
        }
    }

    /** The query as of a time needs the table's columns only: it reads them from the catalog, never a row. */
    @Test
    void asOfReadsNoRows() {
        try (ScdFixture f = ScdFixture.of("tracks.odcs.yaml")) {
            f.warehouse.createNamespace(f.candidate().namespace());
            f.warehouse.execute(Sql.of("CREATE TABLE main.raw_tracks AS SELECT 1 AS track_id, 'a' AS title, 'x' AS artist,"
                    + " TIMESTAMP '2026-01-01 00:00:00' AS valid_from, TIMESTAMP '9999-12-31 00:00:00' AS valid_to, TRUE AS is_current,"
                    + " 'not a number' AS code"));
            f.warehouse.execute(Sql.of("CREATE VIEW music_candidates.tracks AS SELECT track_id, title, artist, valid_from, valid_to, is_current"
                    + " FROM main.raw_tracks WHERE CAST(code AS BIGINT) > 0"));
            assertThatThrownBy(() -> f.count(f.candidate())).as("reading the view's rows fails").isInstanceOf(WarehouseException.class);

            Sql june = f.scd.asOf(f.target, f.candidate(), LocalDateTime.of(2026, 6, 1, 0, 0), DeletedKeys.EXCLUDE);
            assertThatThrownBy(() -> f.rows(june)).as("the query reads the view when it is run").isInstanceOf(WarehouseException.class);
        }
    }
}
