package io.meshkit.differ;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.identifier.TableId;
import io.meshkit.core.sampling.SamplingValue;
import io.meshkit.core.warehouse.Sql;
import io.meshkit.core.warehouse.TableLayout;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.core.warehouse.Warehouses;
import io.meshkit.core.warehouse.WriteMode;
import io.meshkit.differ.api.ColumnDiff;
import io.meshkit.differ.api.ColumnRename;
import io.meshkit.differ.api.DiffReport;
import io.meshkit.differ.api.DiffRequest;
import io.meshkit.differ.api.DiffResult;
import io.meshkit.differ.api.DimensionDiff;
import io.meshkit.differ.api.Expectation;
import io.meshkit.differ.api.Normalisation;
import io.meshkit.differ.api.SchemaDiff;
import io.meshkit.differ.di.Differs;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class WarehouseDifferTest {
    private static Warehouse warehouse;
    private static final TableId PROD = TableId.of("s", "prod");
    private static final TableId CAND = TableId.of("s", "cand");
    private static final Set<ColumnName> PII = Set.of(ColumnName.of("email"));

    @BeforeAll
    static void setUp() {
        warehouse = Warehouses.open("duckdb::memory:");
        Fixtures.create(warehouse, "s");
    }

    @AfterAll
    static void tearDown() {
        warehouse.close();
    }

    private static DiffResult diff(DiffRequest r) {
        return Differs.inWarehouse(warehouse).diff(r);
    }

    private static ColumnDiff column(DiffResult r, String name) {
        return r.columns().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void exactDiffOfEveryColumnType() {
        DiffResult r = diff(DiffRequest.of(PROD, CAND, ColumnName.list("id")).withPersonalData(PII));
        assertThat(r.productionRows()).isEqualTo(8);
        assertThat(r.candidateRows()).isEqualTo(9);
        assertThat(r.added()).isEqualTo(2);
        assertThat(r.removed()).isEqualTo(1);
        assertThat(r.changed()).isEqualTo(6);
        assertThat(r.unchanged()).isEqualTo(1);
        assertThat(r.schema().added()).containsExactly("extra");
        assertThat(column(r, "score").changedRows()).isEqualTo(2); // noise counts when exact
        assertThat(column(r, "name").changedRows()).isEqualTo(3); // case, trailing space, '' vs 'Gus'
        assertThat(column(r, "qty").changedRows()).isEqualTo(2); // NULL -> 30 and 70 -> NULL
        assertThat(column(r, "price").changedRows()).isEqualTo(2);
        List<String> expectations = Expectation.NO_CHANGE.violations(r);
        assertThat(expectations).hasSize(1);
        Golden.assertMatches(DiffReport.markdown(r, expectations), "exact.md");
        Golden.assertMatches(DiffReport.json(r, expectations, false), "exact.json");
        Golden.assertMatches(DiffReport.text(r, expectations), "exact.txt");
    }

    @Test
    void personalDataIsMaskedInEveryExampleAndOutput() {
        DiffResult r = diff(DiffRequest.of(PROD, CAND, ColumnName.list("id")).withPersonalData(PII));
        ColumnDiff email = column(r, "email");
        assertThat(email.changedRows()).isEqualTo(1);
        assertThat(email.masked()).isTrue();
        assertThat(email.examples()).allSatisfy(e -> {
            assertThat(e.before()).isEqualTo("***");
            assertThat(e.after()).isEqualTo("***");
        });
        for (String out : List.of(DiffReport.markdown(r, List.of()), DiffReport.json(r, List.of(), true), DiffReport.text(r, List.of()))) {
            assertThat(out).doesNotContain("robert@example.com").doesNotContain("bob@example.com");
        }
        // a personal-data key masks the keys too
        DiffResult masked = diff(DiffRequest.of(PROD, CAND, ColumnName.list("id")).withPersonalData(Set.of(ColumnName.of("ID"))));
        assertThat(masked.addedExamples()).containsExactly(List.of("***"), List.of("***"));
        assertThat(column(masked, "price").examples()).allSatisfy(e -> assertThat(e.key()).containsExactly("***"));
    }

    @Test
    void normalisationMakesEqualDataCompareEqual() {
        Normalisation n = new Normalisation(OptionalInt.of(6), 0, 3, true, true);
        DiffResult r = diff(DiffRequest.of(PROD, CAND, ColumnName.list("id")).withNormalisation(n));
        assertThat(column(r, "score").changedRows()).as("noise within 6 places is equal, 100.0 -> 100.5 is not").isEqualTo(1);
        assertThat(column(r, "seen").changedRows()).as("microseconds beyond millisecond precision").isZero();
        assertThat(column(r, "name").changedRows()).as("trim and case folding leave '' vs 'Gus'").isEqualTo(1);
        assertThat(column(r, "name").examples().get(0).after()).isEqualTo("");
        // decimals apply to DECIMAL columns too: 5.50 -> 5.51 is equal at 1 place
        DiffResult coarse = diff(DiffRequest.of(PROD, CAND, ColumnName.list("id"))
                .withNormalisation(new Normalisation(OptionalInt.of(1), 0, 6, false, false)));
        assertThat(column(coarse, "price").examples()).extracting(e -> e.key().get(0)).containsExactly("4");
        // relative tolerance: 0.5% covers 100.0 -> 100.5 and the noise
        DiffResult tolerant = diff(DiffRequest.of(PROD, CAND, ColumnName.list("id"))
                .withNormalisation(new Normalisation(OptionalInt.empty(), 0.005, 6, false, false)));
        assertThat(column(tolerant, "score").changedRows()).isZero();
        assertThat(column(tolerant, "price").changedRows()).as("NULL vs value is never within tolerance").isEqualTo(1);
        Golden.assertMatches(DiffReport.text(r, List.of()), "normalised.txt");
    }

    @Test
    void duplicateKeysAreReportedAndLeftOutNeverJoined() {
        warehouse.execute(Sql.of("CREATE SCHEMA IF NOT EXISTS d"));
        warehouse.execute(Sql.of("CREATE OR REPLACE TABLE d.prod AS SELECT * FROM s.prod UNION ALL SELECT * FROM s.prod WHERE id IN (2, 8)"));
        warehouse.execute(Sql.of("CREATE OR REPLACE TABLE d.cand AS SELECT * FROM s.cand UNION ALL SELECT * FROM s.cand WHERE id = 9"));
        DiffResult r = diff(DiffRequest.of(TableId.of("d", "prod"), TableId.of("d", "cand"), ColumnName.list("id")));
        assertThat(r.productionDuplicates().keys()).isEqualTo(2);
        assertThat(r.productionDuplicates().examples()).containsExactly(List.of("2"), List.of("8"));
        assertThat(r.candidateDuplicates().keys()).isEqualTo(1);
        assertThat(r.candidateDuplicates().examples()).containsExactly(List.of("9"));
        // the row counts are the tables' own; the duplicated keys' rows are counted apart
        assertThat(r.productionRows()).isEqualTo(10);
        assertThat(r.candidateRows()).isEqualTo(10);
        assertThat(r.productionDuplicates().rows()).isEqualTo(4);
        assertThat(r.candidateDuplicates().rows()).isEqualTo(2);
        // keys 2, 8 and 9 are out on both sides: 1,3..7 remain in production, 1,3..7,10 in the candidate
        assertThat(r.productionComparedRows()).isEqualTo(6);
        assertThat(r.candidateComparedRows()).isEqualTo(7);
        assertThat(DiffReport.json(r, List.of(), false)).contains("\"production\" : 10,").contains("\"productionCompared\" : 6,")
                .contains("\"rows\" : 4,");
        assertThat(DiffReport.markdown(r, List.of())).contains("| rows | 10 | 10 |").contains("| rows of duplicated keys | 4 | 2 |")
                .contains("| rows compared | 6 | 7 |");
        assertThat(r.added()).isEqualTo(1);
        assertThat(r.removed()).isZero();
        assertThat(r.changed() + r.unchanged()).isEqualTo(6);
        assertThat(Expectation.ANY.violations(r)).hasSize(2);
        Golden.assertMatches(DiffReport.text(r, Expectation.ANY.violations(r)), "duplicates.txt");
    }

    /**
     * A column dropped from the candidate (here a country every row had) is reported in the schema diff, and the
     * rows are compared on the columns both sides have: only the row whose name changed is a changed row.
     */
    @Test
    void aDroppedColumnIsASchemaChangeAndTheRowsAreComparedOnTheCommonColumns() {
        warehouse.execute(Sql.of("CREATE SCHEMA IF NOT EXISTS ev"));
        warehouse.execute(Sql.of("CREATE OR REPLACE TABLE ev.dprod AS SELECT range AS id, 'n' || range AS name, 'DE' AS country,"
                + " range * 2 AS visits FROM range(1, 101)"));
        warehouse.execute(Sql.of("CREATE OR REPLACE TABLE ev.dcand AS SELECT range AS id,"
                + " CASE WHEN range = 42 THEN 'renamed' ELSE 'n' || range END AS name, range * 2 AS visits FROM range(1, 101)"));
        DiffResult r = diff(DiffRequest.of(TableId.of("ev", "dprod"), TableId.of("ev", "dcand"), ColumnName.list("id")));
        assertThat(r.schema().removed()).containsExactly("country");
        assertThat(r.changed()).isEqualTo(1);
        assertThat(r.unchanged()).isEqualTo(99);
        assertThat(r.columns()).extracting(ColumnDiff::name).containsExactly("name", "visits");
        assertThat(column(r, "name").examples()).singleElement().satisfies(e -> assertThat(e.key()).containsExactly("42"));
        assertThat(DiffReport.text(r, List.of())).contains("keys: 0 added, 0 removed, 1 changed, 99 unchanged\nschema: - country (removed)\n");
    }

    /**
     * A column the candidate adds is compared as NULL in production: the keys that gained a value are
     * changed (the summary counts them), and the column has its count, profile and examples. A column it
     * removes is a schema change only: the rows are compared on the other columns, so the keys that had a
     * value in it are not changed keys.
     */
    @Test
    void addedColumnsCountTheRowsThatGainedAValueAndARemovedColumnIsASchemaChangeOnly() {
        warehouse.execute(Sql.of("CREATE SCHEMA IF NOT EXISTS ev"));
        warehouse.execute(Sql.of("CREATE OR REPLACE TABLE ev.prod AS SELECT range AS id, 'n' || range AS name,"
                + " CASE WHEN range <= 3 THEN 'old' END AS legacy FROM range(1, 51)"));
        warehouse.execute(Sql.of("CREATE OR REPLACE TABLE ev.cand AS SELECT range AS id, 'n' || range AS name,"
                + " CASE WHEN range % 2 = 0 THEN 'u' || range || '@example.com' END AS email,"
                + " CASE WHEN range % 5 = 0 THEN CAST(range AS DECIMAL(10,2)) END AS credit FROM range(1, 51)"));
        DiffResult r = diff(DiffRequest.of(TableId.of("ev", "prod"), TableId.of("ev", "cand"), ColumnName.list("id"))
                .withPersonalData(PII).withExamples(3));
        assertThat(r.schema().added()).containsExactly("email", "credit");
        assertThat(r.schema().removed()).containsExactly("legacy");
        // even keys gained an email, multiples of 5 a credit: 25 + 5 odd multiples of 5; keys 1..3 had a legacy
        // value, which the candidate no longer has as a column: not a change of those rows
        assertThat(r.changed()).isEqualTo(30);
        assertThat(r.unchanged()).isEqualTo(20);
        ColumnDiff email = column(r, "email");
        assertThat(email.added()).isTrue();
        assertThat(email.productionType()).isNull();
        assertThat(email.changedRows()).isEqualTo(25);
        assertThat(email.production()).isNull();
        assertThat(email.candidate().nulls()).isEqualTo(25);
        assertThat(email.examples()).extracting(e -> e.key().get(0)).containsExactly("2", "4", "6");
        assertThat(email.examples()).allSatisfy(e -> assertThat(e.after()).isEqualTo("***"));
        ColumnDiff credit = column(r, "credit");
        assertThat(credit.changedRows()).isEqualTo(10);
        assertThat(credit.candidate().sum()).isEqualByComparingTo("275");
        assertThat(credit.candidate().max()).isEqualByComparingTo("50");
        assertThat(credit.examples().get(0).before()).isEqualTo("NULL");
        assertThat(credit.examples().get(0).after()).isEqualTo("5.00");
        assertThat(r.columns()).extracting(ColumnDiff::name).containsExactly("name", "email", "credit");
        assertThat(column(r, "name").changedRows()).isZero();
        List<String> violations = Expectation.NO_CHANGE.violations(r);
        Golden.assertMatches(DiffReport.text(r, violations), "evolved.txt");
        Golden.assertMatches(DiffReport.markdown(r, violations), "evolved.md");
        Golden.assertMatches(DiffReport.json(r, violations, false), "evolved.json");
    }

    /**
     * A column the candidate renamed (declared, as a contract's {@code meshkit.renamedFrom}) is production's old
     * column compared with the candidate's new one: a pure rename changes no row, a value that changed in it on the
     * same day is a changed row under the new name, and the schema diff says renamed instead of added and removed.
     */
    @Test
    void aDeclaredRenameComparesTheOldColumnWithTheNewOne() {
        TableId prod = TableId.of("rn", "prod");
        TableId cand = TableId.of("rn", "cand");
        create(prod, "SELECT range AS id, 'n' || range AS name,"
                + " CASE WHEN range % 3 = 0 THEN 'business' WHEN range = 5 THEN NULL ELSE 'retail' END AS segment,"
                + " CAST(range * 2 AS INTEGER) AS visits FROM range(1, 11)");
        create(cand, "SELECT range AS id, 'n' || range AS name,"
                + " CASE WHEN range % 3 = 0 OR range = 7 THEN 'business' WHEN range = 5 THEN NULL ELSE 'retail' END AS tier,"
                + " CAST(CASE WHEN range = 4 THEN 9 ELSE range * 2 END AS BIGINT) AS visit_count FROM range(1, 11)");
        DiffRequest request = DiffRequest.of(prod, cand, ColumnName.list("id"))
                .withRenames(List.of(ColumnRename.of("segment", "tier"), ColumnRename.of("visits", "visit_count")));
        DiffResult r = diff(request);
        // 7 moved to business, 4's visits changed: the other eight rows are unchanged by the renames
        assertThat(r.changed()).isEqualTo(2);
        assertThat(r.unchanged()).isEqualTo(8);
        assertThat(r.schema().added()).isEmpty();
        assertThat(r.schema().removed()).isEmpty();
        assertThat(r.schema().renamed()).containsExactly(new SchemaDiff.Renamed("segment", "tier"),
                new SchemaDiff.Renamed("visits", "visit_count"));
        assertThat(r.schema().retyped()).containsExactly(new SchemaDiff.Retyped("visit_count", "INTEGER", "BIGINT"));
        assertThat(r.columns()).extracting(ColumnDiff::name).containsExactly("name", "tier", "visit_count");
        ColumnDiff tier = column(r, "tier");
        assertThat(tier.renamed()).isTrue();
        assertThat(tier.renamedFrom()).isEqualTo("segment");
        assertThat(tier.changedRows()).isEqualTo(1);
        assertThat(tier.examples()).singleElement().satisfies(e -> {
            assertThat(e.key()).containsExactly("7");
            assertThat(e.before() + " -> " + e.after()).isEqualTo("retail -> business");
        });
        // each side profiled under the new name: production's from segment, the candidate's from tier
        assertThat(tier.production().nulls()).isEqualTo(1);
        assertThat(tier.candidate().nulls()).isEqualTo(1);
        ColumnDiff visits = column(r, "visit_count");
        assertThat(visits.changedRows()).isEqualTo(1);
        assertThat(visits.production().sum()).isEqualByComparingTo("110");
        assertThat(visits.candidate().sum()).isEqualByComparingTo("111");
        Golden.assertMatches(DiffReport.text(r, List.of()), "renamed.txt");
        Golden.assertMatches(DiffReport.markdown(r, List.of()), "renamed.md");
        Golden.assertMatches(DiffReport.json(r, List.of(), false), "renamed.json");
        // undeclared, the same tables read as two columns added to every row and two removed
        DiffResult undeclared = diff(DiffRequest.of(prod, cand, ColumnName.list("id")));
        assertThat(undeclared.changed()).isEqualTo(10);
        assertThat(undeclared.schema().added()).containsExactly("tier", "visit_count");
        assertThat(undeclared.schema().removed()).containsExactly("segment", "visits");
        // personal data is masked by the new name
        assertThat(column(diff(request.withPersonalData(Set.of(ColumnName.of("tier")))), "tier").examples())
                .singleElement().satisfies(e -> assertThat(List.of(e.before(), e.after())).containsOnly("***"));
        // a rename production already has (tier there, segment gone) pairs nothing: the columns pair by name
        DiffResult applied = diff(DiffRequest.of(cand, cand, ColumnName.list("id")).withRenames(request.renames()));
        assertThat(applied.hasDifferences()).isFalse();
    }

    /**
     * Two type-2 dimensions (tombstones for deletes): the current state compares the live versions by the business key,
     * the history every version by (key, valid_from), summed up per key. Key 2 changes its name in a new version, 3 is
     * deleted (a tombstone), 4 only moves its valid_from (its current values are equal), 5 comes back after a delete,
     * 6 is new, 7 has no version left in the candidate; 1 is untouched.
     */
    @Test
    void dimensionsCompareTheCurrentStateByKeyAndTheHistoryByVersion() {
        String columns = "SELECT * FROM (VALUES ";
        String shape = ") t(id, name, tier, valid_from, valid_to, is_current, is_deleted)";
        String open = "TIMESTAMP '9999-12-31 00:00:00'";
        create(TableId.of("dim", "prod"), columns
                + "(1, 'A', 1, TIMESTAMP '2024-01-01 00:00:00', " + open + ", true, false),"
                + " (2, 'B', 2, TIMESTAMP '2024-01-01 00:00:00', TIMESTAMP '2024-01-02 00:00:00', false, false),"
                + " (2, 'B2', 2, TIMESTAMP '2024-01-02 00:00:00', " + open + ", true, false),"
                + " (3, 'C', 3, TIMESTAMP '2024-01-01 00:00:00', " + open + ", true, false),"
                + " (4, 'D', 4, TIMESTAMP '2024-01-01 00:00:00', " + open + ", true, false),"
                + " (5, 'E', 5, TIMESTAMP '2024-01-01 00:00:00', TIMESTAMP '2024-01-02 00:00:00', false, false),"
                + " (7, 'G', 7, TIMESTAMP '2024-01-01 00:00:00', " + open + ", true, false)" + shape);
        create(TableId.of("dim", "cand"), columns
                + "(1, 'A', 1, TIMESTAMP '2024-01-01 00:00:00', " + open + ", true, false),"
                + " (2, 'B', 2, TIMESTAMP '2024-01-01 00:00:00', TIMESTAMP '2024-01-02 00:00:00', false, false),"
                + " (2, 'B2', 2, TIMESTAMP '2024-01-02 00:00:00', TIMESTAMP '2024-01-03 00:00:00', false, false),"
                + " (2, 'B3', 2, TIMESTAMP '2024-01-03 00:00:00', " + open + ", true, false),"
                + " (3, 'C', 3, TIMESTAMP '2024-01-01 00:00:00', TIMESTAMP '2024-01-03 00:00:00', false, false),"
                + " (3, 'C', 3, TIMESTAMP '2024-01-03 00:00:00', " + open + ", true, true),"
                + " (4, 'D', 4, TIMESTAMP '2024-01-02 00:00:00', " + open + ", true, false),"
                + " (5, 'E', 5, TIMESTAMP '2024-01-01 00:00:00', TIMESTAMP '2024-01-02 00:00:00', false, false),"
                + " (5, 'E', 5, TIMESTAMP '2024-01-03 00:00:00', " + open + ", true, false),"
                + " (6, 'F', 6, TIMESTAMP '2024-01-03 00:00:00', " + open + ", true, false)" + shape);
        DiffRequest request = DiffRequest.of(TableId.of("dim", "prod"), TableId.of("dim", "cand"), ColumnName.list("id")).asDimension();
        DiffResult r = diff(request);
        // the current state: live 1, 2, 3, 4, 7 against 1, 2, 4, 5, 6
        assertThat(r.productionRows()).isEqualTo(5);
        assertThat(r.candidateRows()).isEqualTo(5);
        assertThat(List.of(r.added(), r.removed(), r.changed(), r.unchanged())).containsExactly(2L, 2L, 1L, 2L);
        assertThat(r.columns()).extracting(ColumnDiff::name).containsExactly("name", "tier");
        assertThat(column(r, "name").examples()).singleElement().satisfies(e -> {
            assertThat(e.key()).containsExactly("2");
            assertThat(e.before() + " -> " + e.after()).isEqualTo("B2 -> B3");
        });
        assertThat(r.schema().isEmpty()).isTrue();
        DimensionDiff d = r.dimension();
        assertThat(d.newKeys().examples()).containsExactly(List.of("6"));
        assertThat(d.returnedKeys().examples()).containsExactly(List.of("5"));
        assertThat(d.deletedKeys().examples()).containsExactly(List.of("3"));
        assertThat(d.droppedKeys().examples()).containsExactly(List.of("7"));
        // the history: 7 versions against 10
        assertThat(List.of(d.productionVersions(), d.candidateVersions(), d.versionsAdded(), d.versionsRemoved(), d.versionsChanged(),
                d.versionsUnchanged())).containsExactly(7L, 10L, 5L, 2L, 2L, 3L);
        assertThat(d.keys()).isEqualTo(7);
        assertThat(d.keysWithChangedHistory()).isEqualTo(6);
        assertThat(d.histories()).containsExactly(new DimensionDiff.KeyHistory(List.of("2"), 2, 3, 1, 0, 1),
                new DimensionDiff.KeyHistory(List.of("3"), 1, 2, 1, 0, 1), new DimensionDiff.KeyHistory(List.of("4"), 1, 1, 1, 1, 0),
                new DimensionDiff.KeyHistory(List.of("5"), 1, 2, 1, 0, 0), new DimensionDiff.KeyHistory(List.of("6"), 0, 1, 1, 0, 0));
        List<String> violations = Expectation.NO_CHANGE.violations(r);
        assertThat(violations).containsExactly("expected no change, found 2 added, 2 removed, 1 changed, and 6 key(s) with a changed history");
        Golden.assertMatches(DiffReport.text(r, violations), "dimension.txt");
        Golden.assertMatches(DiffReport.markdown(r, violations), "dimension.md");
        Golden.assertMatches(DiffReport.json(r, violations, false), "dimension.json");
        // valid_from moved for every key, nothing else: the current state is unchanged, every history differs
        create(TableId.of("dim", "shifted"), "SELECT id, name, tier, valid_from + INTERVAL 1 HOUR AS valid_from, valid_to, is_current,"
                + " is_deleted FROM dim.prod");
        DiffResult shifted = diff(DiffRequest.of(TableId.of("dim", "prod"), TableId.of("dim", "shifted"), ColumnName.list("id")).asDimension());
        assertThat(List.of(shifted.added(), shifted.removed(), shifted.changed(), shifted.unchanged())).containsExactly(0L, 0L, 0L, 5L);
        assertThat(shifted.dimension().keysWithChangedHistory()).isEqualTo(6);
        assertThat(shifted.dimension().versionsAdded()).isEqualTo(7);
        assertThat(shifted.hasDifferences()).isTrue();
        // the same tables as plain rows by (key, valid_from): what the diff of a dimension was before
        DiffResult rows = diff(DiffRequest.of(TableId.of("dim", "prod"), TableId.of("dim", "cand"), ColumnName.list("id", "valid_from")));
        assertThat(rows.isDimension()).isFalse();
        assertThat(List.of(rows.added(), rows.removed(), rows.changed())).containsExactly(5L, 2L, 2L);
        // a table without the shape of a dimension, or valid_from in the business key, is refused in one line
        assertRefused(DiffRequest.of(PROD, CAND, ColumnName.list("id")).asDimension(),
                "Cannot diff s.cand against s.prod as dimensions: s.prod has no column valid_from (a type-2 dimension has valid_from,"
                        + " valid_to and is_current)");
        assertThatThrownBy(() -> DiffRequest.of(PROD, CAND, ColumnName.list("id", "valid_from")).asDimension())
                .isInstanceOfSatisfying(MeshkitException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessageContaining("the key of a dimension diff is the business key, without valid_from");
        // across databases a dimension compares its versions as rows: the api says so instead of keying them by the business key
        assertThatThrownBy(request::requireComparableAcrossDatabases)
                .isInstanceOfSatisfying(MeshkitException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessage("Cannot diff dimensions across databases by their business key: it works for tables in one warehouse;"
                        + " give --key with valid_from to compare their versions");
    }

    /** A declared rename that does not fit the tables is refused in one line before anything runs, by the api. */
    @Test
    void aRenameThatDoesNotFitTheTablesIsRefused() {
        DiffRequest base = DiffRequest.of(TableId.of("rn", "bprod"), TableId.of("rn", "bcand"), ColumnName.list("id"));
        create(base.production(), "SELECT range AS id, 'x' AS segment, DATE '2024-01-01' AS born FROM range(3)");
        create(base.candidate(), "SELECT range AS id, 'x' AS tier, 'x' AS segment2, 1 AS born_year FROM range(3)");
        String refused = "Cannot diff rn.bcand against rn.bprod with ";
        assertRefused(base.withRenames(List.of(ColumnRename.of("sgment", "tier"))),
                refused + "sgment renamed to tier: rn.bprod has no column sgment");
        assertRefused(base.withRenames(List.of(ColumnRename.of("segment", "tire"))),
                refused + "segment renamed to tire: rn.bcand has no column tire");
        assertRefused(base.withRenames(List.of(ColumnRename.of("born", "born_year"))),
                refused + "born renamed to born_year: DATE and INTEGER are not comparable (a renamed column holds numbers on both"
                        + " sides, or values of one logical type)");
        assertRefused(base.withRenames(List.of(ColumnRename.of("id", "tier"))),
                refused + "id renamed to tier: a key column pairs by its name (give --key with the columns both sides have)");
        assertThatThrownBy(() -> base.withRenames(List.of(ColumnRename.of("segment", "tier"), ColumnRename.of("segment", "segment2"))))
                .isInstanceOfSatisfying(MeshkitException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessage("Cannot diff rn.bcand against rn.bprod with the rename segment -> segment2: the rename segment -> tier"
                        + " names one of its columns too");
    }

    /** A table of the query's rows, replacing one of that name. */
    private static void create(TableId table, String select) {
        warehouse.createNamespace(table.namespace());
        warehouse.createTableAs(table, Sql.of(select), TableLayout.NONE, WriteMode.REPLACE);
    }

    private static void assertRefused(DiffRequest request, String message) {
        assertThatThrownBy(() -> diff(request))
                .isInstanceOfSatisfying(MeshkitException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessage(message);
    }

    @Test
    void sampledDiffFindsOnlySampledKeys() {
        warehouse.execute(Sql.of("CREATE SCHEMA IF NOT EXISTS big"));
        warehouse.execute(Sql.of("CREATE OR REPLACE TABLE big.prod AS SELECT range AS id, range * 2 AS v FROM range(1, 2001)"));
        warehouse.execute(Sql.of("CREATE OR REPLACE TABLE big.cand AS SELECT range AS id,"
                + " CASE WHEN range % 10 = 0 THEN -1 ELSE range * 2 END AS v FROM range(1, 2001) WHERE range % 97 <> 0"));
        double rate = 0.25;
        DiffResult r = diff(DiffRequest.of(TableId.of("big", "prod"), TableId.of("big", "cand"), ColumnName.list("id"))
                .withSampleRate(rate).withExamples(1000));
        List<Long> sampled = LongStream.rangeClosed(1, 2000).filter(k -> SamplingValue.of(k) < rate).boxed().toList();
        long changed = sampled.stream().filter(k -> k % 10 == 0 && k % 97 != 0).count();
        long removed = sampled.stream().filter(k -> k % 97 == 0).count();
        assertThat(r.productionRows()).isEqualTo(sampled.size());
        assertThat(r.changed()).isEqualTo(changed);
        assertThat(r.removed()).isEqualTo(removed);
        assertThat(r.productionRows()).isBetween(400L, 600L);
        Set<String> sampledKeys = sampled.stream().map(String::valueOf).collect(Collectors.toSet());
        assertThat(column(r, "v").examples()).hasSize((int) changed)
                .allSatisfy(e -> assertThat(sampledKeys).contains(e.key().get(0)));
        assertThat(r.removedExamples()).allSatisfy(k -> assertThat(sampledKeys).contains(k.get(0)));
        // the sample is a subset of the larger sample
        DiffResult half = diff(DiffRequest.of(TableId.of("big", "prod"), TableId.of("big", "cand"), ColumnName.list("id")).withSampleRate(0.5));
        assertThat(half.changed()).isGreaterThan(r.changed());
    }

    @Test
    void compositeKeysAndExamplesSmallestFirst() {
        warehouse.execute(Sql.of("CREATE SCHEMA IF NOT EXISTS ck"));
        warehouse.execute(Sql.of("CREATE OR REPLACE TABLE ck.prod AS SELECT 'k' || (range % 7) AS a, range AS b, range AS v FROM range(0, 100)"));
        warehouse.execute(Sql.of("CREATE OR REPLACE TABLE ck.cand AS SELECT 'k' || (range % 7) AS a, range AS b,"
                + " CASE WHEN range % 5 = 0 THEN NULL ELSE range END AS v FROM range(0, 100)"));
        DiffResult r = diff(DiffRequest.of(TableId.of("ck", "prod"), TableId.of("ck", "cand"), ColumnName.list("a", "b")).withExamples(3));
        assertThat(r.changed()).isEqualTo(20);
        assertThat(column(r, "v").examples()).extracting(e -> e.key())
                .containsExactly(List.of("k0", "0"), List.of("k0", "35"), List.of("k0", "70"));
        assertThat(column(r, "v").examples().get(0).after()).isEqualTo("NULL");
    }

    /** A STRUCT, LIST or MAP value is one value: a change anywhere inside it changes the column, nothing else. */
    @Test
    void nestedValuesCompareAsAWhole() {
        warehouse.execute(Sql.of("CREATE SCHEMA IF NOT EXISTS nest"));
        warehouse.execute(Sql.of("CREATE OR REPLACE TABLE nest.prod AS SELECT range AS id,"
                + " {'os': 'ios', 'screen': {'w': range, 'h': 2}} AS device, [range, range + 1] AS hits,"
                + " MAP {'a': range} AS counters FROM range(0, 10)"));
        warehouse.execute(Sql.of("CREATE OR REPLACE TABLE nest.cand AS SELECT range AS id,"
                + " {'os': 'ios', 'screen': {'w': range, 'h': CASE WHEN range = 3 THEN 9 ELSE 2 END}} AS device,"
                + " CASE WHEN range = 5 THEN [range + 1, range] ELSE [range, range + 1] END AS hits,"
                + " MAP {'a': CASE WHEN range = 7 THEN NULL ELSE range END} AS counters FROM range(0, 10)"));
        DiffResult r = diff(DiffRequest.of(TableId.of("nest", "prod"), TableId.of("nest", "cand"), ColumnName.list("id"))
                .withExamples(3));
        assertThat(r.changed()).isEqualTo(3);
        assertThat(r.unchanged()).isEqualTo(7);
        assertThat(column(r, "device").changedRows()).isEqualTo(1);
        assertThat(column(r, "hits").changedRows()).isEqualTo(1);
        assertThat(column(r, "counters").changedRows()).isEqualTo(1);
        assertThat(column(r, "device").examples().get(0).after()).contains("'h': 9");
    }

    @Test
    void badInputIsAUserError() {
        assertThatThrownBy(() -> diff(DiffRequest.of(PROD, TableId.of("s", "nope"), ColumnName.list("id"))))
                .isInstanceOf(MeshkitException.class).hasMessage("Cannot diff table s.nope: it does not exist");
        assertThatThrownBy(() -> diff(DiffRequest.of(PROD, CAND, ColumnName.list("nope"))))
                .isInstanceOf(MeshkitException.class).extracting(e -> ((MeshkitException) e).code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    }
}
