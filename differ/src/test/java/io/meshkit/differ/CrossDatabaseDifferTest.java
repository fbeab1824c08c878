package io.meshkit.differ;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.identifier.TableId;
import io.meshkit.core.warehouse.Sql;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.core.warehouse.Warehouses;
import io.meshkit.differ.api.ColumnDiff;
import io.meshkit.differ.api.ColumnRename;
import io.meshkit.differ.api.DiffReport;
import io.meshkit.differ.api.DiffRequest;
import io.meshkit.differ.api.DiffResult;
import io.meshkit.differ.api.Normalisation;
import io.meshkit.differ.api.SegmentSettings;
import io.meshkit.differ.di.Differs;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Warehouse against warehouse: two separate DuckDB databases, compared by segments. */
class CrossDatabaseDifferTest {
    private static Warehouse one;
    private static Warehouse two;
    private static final TableId PROD = TableId.of("s", "prod");
    private static final TableId CAND = TableId.of("s", "cand");

    @BeforeAll
    static void setUp() {
        one = Warehouses.open("duckdb::memory:");
        two = Warehouses.open("duckdb::memory:");
        Fixtures.create(one, "s");
        Fixtures.create(two, "s");
        two.execute(Sql.of("DROP TABLE s.prod")); // production lives only in the first database
        one.execute(Sql.of("DROP TABLE s.cand"));
    }

    @AfterAll
    static void tearDown() {
        one.close();
        two.close();
    }

    @Test
    void agreesWithTheInWarehouseDiffOnEveryColumnType() {
        Normalisation n = new Normalisation(OptionalInt.of(6), 0, 6, false, false);
        DiffRequest request = DiffRequest.of(PROD, CAND, ColumnName.list("id")).withNormalisation(n)
                .withPersonalData(Set.of(ColumnName.of("email")));
        // tiny segments so the bisection recurses several levels on ten rows
        DiffResult cross = Differs.betweenWarehouses(one, two, new SegmentSettings(2, 1)).diff(request);
        // the reference: both tables in one warehouse
        try (Warehouse both = Warehouses.open("duckdb::memory:")) {
            Fixtures.create(both, "s");
            DiffResult local = Differs.inWarehouse(both).diff(request);
            assertThat(cross.method()).isEqualTo("segments");
            assertThat(cross.productionRows()).isEqualTo(local.productionRows());
            assertThat(cross.candidateRows()).isEqualTo(local.candidateRows());
            assertThat(cross.added()).isEqualTo(local.added());
            assertThat(cross.removed()).isEqualTo(local.removed());
            assertThat(cross.changed()).isEqualTo(local.changed());
            assertThat(cross.unchanged()).isEqualTo(local.unchanged());
            assertThat(cross.addedExamples()).isEqualTo(local.addedExamples());
            assertThat(cross.removedExamples()).isEqualTo(local.removedExamples());
            assertThat(cross.schema()).isEqualTo(local.schema());
            assertThat(cross.columns()).extracting(ColumnDiff::name).isEqualTo(local.columns().stream().map(ColumnDiff::name).toList());
            for (ColumnDiff c : local.columns()) {
                ColumnDiff x = cross.columns().stream().filter(y -> y.name().equals(c.name())).findFirst().orElseThrow();
                assertThat(x.changedRows()).as(c.name()).isEqualTo(c.changedRows());
                assertThat(x.examples()).extracting(e -> e.key()).as(c.name()).isEqualTo(c.examples().stream().map(e -> e.key()).toList());
            }
            ColumnDiff email = cross.columns().stream().filter(y -> y.name().equals("email")).findFirst().orElseThrow();
            assertThat(email.examples()).allSatisfy(e -> assertThat(List.of(e.before(), e.after())).containsOnly("***"));
        }
        assertThat(cross.work().rowsDownloaded()).isLessThanOrEqualTo(cross.productionRows() + cross.candidateRows());
        // where the time went: the plan, then levels of digests and the downloads of their small differing ranges
        List<DiffResult.Step> steps = cross.work().steps();
        assertThat(steps.get(0).name()).isEqualTo("plan");
        assertThat(steps).extracting(DiffResult.Step::name).contains("level 1", "level 2");
        assertThat(steps.stream().filter(st -> st.name().startsWith("download")).mapToLong(DiffResult.Step::rows).sum())
                .isEqualTo(cross.work().rowsDownloaded());
        assertThat(steps.stream().filter(st -> st.name().startsWith("level")).mapToLong(DiffResult.Step::segments).sum())
                .isEqualTo(cross.work().segments());
        assertThat(steps.stream().mapToLong(DiffResult.Step::millis).sum()).isLessThanOrEqualTo(cross.work().elapsedMillis());
        assertThat(DiffReport.json(cross, List.of(), true)).contains("\"step\" : \"level 1\"");
    }

    /** A column added by the candidate reads as NULL in production and a removed one is a schema change only, as in the warehouse. */
    @Test
    void addedColumnsCountTheRowsThatGainedAValueAndARemovedColumnIsASchemaChangeOnly() {
        one.execute(Sql.of("CREATE OR REPLACE TABLE s.ev AS SELECT range AS id, 'n' || range AS name,"
                + " CASE WHEN range <= 3 THEN 'old' END AS legacy FROM range(1, 501)"));
        two.execute(Sql.of("CREATE SCHEMA IF NOT EXISTS s"));
        two.execute(Sql.of("CREATE OR REPLACE TABLE s.ev AS SELECT range AS id, 'n' || range AS name,"
                + " CASE WHEN range % 2 = 0 THEN 'u' || range || '@example.com' END AS email,"
                + " CASE WHEN range % 5 = 0 THEN CAST(range AS DECIMAL(10,2)) END AS credit FROM range(1, 501)"));
        TableId ev = TableId.of("s", "ev");
        DiffResult r = Differs.betweenWarehouses(one, two, new SegmentSettings(4, 20)).diff(DiffRequest.of(ev, ev, ColumnName.list("id")).withExamples(2));
        // even keys gained an email, multiples of 5 a credit: 250 + 50 odd multiples of 5; legacy is not compared
        assertThat(r.changed()).isEqualTo(300);
        assertThat(r.unchanged()).isEqualTo(200);
        ColumnDiff email = r.columns().stream().filter(c -> c.name().equals("email")).findFirst().orElseThrow();
        assertThat(email.added()).isTrue();
        assertThat(email.changedRows()).isEqualTo(250);
        assertThat(email.examples()).extracting(e -> e.before() + " -> " + e.after())
                .containsExactly("NULL -> u2@example.com", "NULL -> u4@example.com");
        assertThat(r.schema().removed()).containsExactly("legacy");
        assertThat(r.columns()).extracting(ColumnDiff::name).doesNotContain("legacy");
        assertThat(DiffReport.text(r, List.of())).contains("schema: + email (added), 250 rows gained a value")
                .contains("schema: - legacy (removed)\n");
    }

    /** A declared rename pairs production's old column with the candidate's new one, as in the warehouse. */
    @Test
    void aDeclaredRenameIsComparedAsInTheWarehouse() {
        String prod = "SELECT range AS id, CASE WHEN range % 3 = 0 THEN 'business' ELSE 'retail' END AS segment,"
                + " CAST(range AS INTEGER) AS visits FROM range(1, 301)";
        String cand = "SELECT range AS id, CASE WHEN range % 3 = 0 OR range IN (7, 200) THEN 'business' ELSE 'retail' END AS tier,"
                + " CAST(range AS BIGINT) AS visit_count FROM range(1, 301)";
        one.execute(Sql.of("CREATE OR REPLACE TABLE s.rn AS " + prod));
        two.execute(Sql.of("CREATE SCHEMA IF NOT EXISTS s"));
        two.execute(Sql.of("CREATE OR REPLACE TABLE s.rn AS " + cand));
        TableId rn = TableId.of("s", "rn");
        DiffRequest request = DiffRequest.of(rn, rn, ColumnName.list("id"))
                .withRenames(List.of(ColumnRename.of("segment", "tier"), ColumnRename.of("visits", "visit_count")));
        DiffResult cross = Differs.betweenWarehouses(one, two, new SegmentSettings(4, 20)).diff(request);
        assertThat(cross.changed()).isEqualTo(2);
        assertThat(cross.unchanged()).isEqualTo(298);
        assertThat(cross.schema().renamed()).extracting(n -> n.from() + " -> " + n.to())
                .containsExactly("segment -> tier", "visits -> visit_count");
        assertThat(cross.schema().added()).isEmpty();
        assertThat(cross.schema().removed()).isEmpty();
        assertThat(cross.columns()).extracting(ColumnDiff::name, ColumnDiff::renamedFrom, ColumnDiff::changedRows)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("tier", "segment", 2L),
                        org.assertj.core.groups.Tuple.tuple("visit_count", "visits", 0L));
        try (Warehouse both = Warehouses.open("duckdb::memory:")) {
            both.execute(Sql.of("CREATE SCHEMA p"));
            both.execute(Sql.of("CREATE SCHEMA c"));
            both.execute(Sql.of("CREATE TABLE p.rn AS " + prod));
            both.execute(Sql.of("CREATE TABLE c.rn AS " + cand));
            DiffResult local = Differs.inWarehouse(both).diff(DiffRequest.of(TableId.of("p", "rn"), TableId.of("c", "rn"),
                    ColumnName.list("id")).withRenames(request.renames()));
            assertThat(cross.schema()).isEqualTo(local.schema());
            assertThat(cross.columns()).extracting(ColumnDiff::examples).isEqualTo(local.columns().stream().map(ColumnDiff::examples).toList());
        }
        // refused like in the warehouse
        assertThatThrownBy(() -> Differs.betweenWarehouses(one, two, SegmentSettings.DEFAULTS)
                .diff(DiffRequest.of(rn, rn, ColumnName.list("id")).withRenames(List.of(ColumnRename.of("segmnt", "tier")))))
                .isInstanceOfSatisfying(MeshkitException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessage("Cannot diff s.rn against s.rn with segmnt renamed to tier: s.rn has no column segmnt");
    }

    @Test
    void identicalTablesNeedNoDownload() {
        DiffRequest request = DiffRequest.of(PROD, PROD, ColumnName.list("id"));
        DiffResult r = Differs.betweenWarehouses(one, one, new SegmentSettings(4, 1)).diff(request);
        assertThat(r.hasDifferences()).isFalse();
        assertThat(r.unchanged()).isEqualTo(8);
        assertThat(r.work().rowsDownloaded()).isZero();
    }

    @Test
    void compositeAndStringKeysWithDuplicates() {
        one.execute(Sql.of("CREATE OR REPLACE TABLE s.ck AS SELECT ['a', 'B', 'c', 'D'][1 + range % 4] || lpad(CAST(range % 50 AS VARCHAR), 3, '0') AS region,"
                + " range AS n, range * 3 AS v FROM range(0, 400)"));
        two.execute(Sql.of("CREATE SCHEMA IF NOT EXISTS s"));
        two.execute(Sql.of("CREATE OR REPLACE TABLE s.ck AS SELECT ['a', 'B', 'c', 'D'][1 + range % 4] || lpad(CAST(range % 50 AS VARCHAR), 3, '0') AS region,"
                + " range AS n, CASE WHEN range IN (0, 199, 200, 399) THEN -1 ELSE range * 3 END AS v FROM range(0, 400)"
                + " UNION ALL SELECT 'B001', 1, 3")); // (B001, 1) twice in the candidate
        TableId ck = TableId.of("s", "ck");
        DiffResult r = Differs.betweenWarehouses(one, two, new SegmentSettings(3, 10)).diff(DiffRequest.of(ck, ck, ColumnName.list("region", "n")));
        assertThat(r.changed()).isEqualTo(4);
        assertThat(r.candidateDuplicates().keys()).isEqualTo(1);
        assertThat(r.candidateDuplicates().examples()).containsExactly(List.of("B001", "1"));
        // the tables' own counts; the duplicated key's rows (two in the candidate, one in production) are left out
        assertThat(r.productionRows()).isEqualTo(400);
        assertThat(r.candidateRows()).isEqualTo(401);
        assertThat(r.candidateDuplicates().rows()).isEqualTo(2);
        assertThat(r.productionComparedRows()).isEqualTo(399);
        assertThat(r.candidateComparedRows()).isEqualTo(399);
        assertThat(r.unchanged()).isEqualTo(395);
        // binary order: upper case before lower case
        assertThat(r.columns().get(0).examples()).extracting(e -> e.key())
                .containsExactly(List.of("D049", "199"), List.of("D049", "399"), List.of("a000", "0"), List.of("a000", "200"));
    }

    @Test
    void samplingIsRefusedAcrossDatabases() {
        assertThatThrownBy(() -> Differs.betweenWarehouses(one, two, new SegmentSettings(4, 10))
                .diff(DiffRequest.of(PROD, CAND, ColumnName.list("id")).withSampleRate(0.1)))
                .isInstanceOf(MeshkitException.class).hasMessageContaining("--sample");
    }

    @Test
    void aRelativeToleranceIsRefusedAcrossDatabasesByTheApiNotOnlyByTheCli() {
        DiffRequest request = DiffRequest.of(PROD, CAND, ColumnName.list("id"))
                .withNormalisation(new Normalisation(OptionalInt.empty(), 0.01, 6, false, false));
        assertThatThrownBy(() -> Differs.betweenWarehouses(one, two, SegmentSettings.DEFAULTS).diff(request))
                .isInstanceOfSatisfying(MeshkitException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessage("Cannot diff across databases with --rel-tolerance: checksums need exact normalised values; use --decimals");
        // the same request is legal in one warehouse, where a tolerance is compared in SQL
        assertThat(Differs.inWarehouse(one).diff(DiffRequest.of(PROD, PROD, ColumnName.list("id"))
                .withNormalisation(request.normalisation())).changed()).isZero();
    }

    @Test
    void illegalSegmentSettingsAreTypedErrors() {
        assertThatThrownBy(() -> new SegmentSettings(1, 0))
                .isInstanceOfSatisfying(MeshkitException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessage("Cannot diff across databases: --segments must be 2..1024, got 1");
        assertThatThrownBy(() -> new SegmentSettings(256, -1))
                .isInstanceOfSatisfying(MeshkitException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessageContaining("--download-threshold must be at least 1");
    }
}
