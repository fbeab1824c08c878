package io.meshkit.publisher;

import static io.meshkit.publisher.Fixtures.rows;
import static io.meshkit.publisher.Fixtures.scalar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshkit.core.contract.Contract;
import io.meshkit.core.contract.ContractReader;
import io.meshkit.core.error.WarehouseException;
import io.meshkit.core.error.MeshkitException;
import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.identifier.Namespace;
import io.meshkit.core.identifier.TableId;
import io.meshkit.core.quality.CheckResult;
import io.meshkit.core.quality.CheckStatus;
import io.meshkit.core.runlog.LeaseHeldException;
import io.meshkit.core.runlog.Publication;
import io.meshkit.core.runlog.RetainedColumns;
import io.meshkit.core.runlog.WarehouseRunLog;
import io.meshkit.core.warehouse.Sql;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.publisher.api.Mode;
import io.meshkit.publisher.api.PublishOutcome;
import io.meshkit.publisher.api.PublishResult;
import io.meshkit.publisher.api.PublishTarget;
import io.meshkit.publisher.api.RowChangeSeverity;
import io.meshkit.publisher.api.StageSource;
import io.meshkit.publisher.api.ValidationReport;
import io.meshkit.publisher.api.VersionInfo;
import io.meshkit.publisher.internal.DefaultPublisher;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PublisherTest {
    @TempDir
    Path dir;

    private Warehouse w;
    private DefaultPublisher publisher;
    private final PublishTarget target = Fixtures.target();

    @BeforeEach
    void open() {
        w = Fixtures.open(dir.resolve("w.duckdb"));
        publisher = Fixtures.publisher(w);
    }

    @AfterEach
    void close() {
        w.close();
    }

    private long prodCount() {
        return scalar(w, "SELECT count(*) FROM shop.events");
    }

    private long prodSum() {
        return scalar(w, "SELECT CAST(sum(amount) AS BIGINT) FROM shop.events");
    }

    @Test
    void stageWritesTheCandidateAndNeverTouchesProduction() {
        publisher.backfill(target, rows(10, 1), Fixtures.policy(), Mode.RUN);
        var staged = publisher.stage(target, rows(25, 2), Fixtures.policy(), Mode.RUN);

        assertThat(staged.candidate()).isEqualTo(TableId.of("shop_candidates", "events"));
        assertThat(staged.rows()).hasValue(25);
        assertThat(scalar(w, "SELECT count(*) FROM shop_candidates.events")).isEqualTo(25);
        assertThat(prodCount()).isEqualTo(10);
        assertThat(prodSum()).isEqualTo(45);
    }

    @Test
    void stageFromTheCandidateTableAdoptsItWithoutACopyAndFromAnotherTableCopiesIt() {
        w.createNamespace(Namespace.of("shop_candidates"));
        w.execute(Sql.of("CREATE TABLE shop_candidates.events AS SELECT range AS event_id, 'k' AS kind, 1.0 AS amount FROM range(7)"));
        var adopted = publisher.stage(target, new StageSource.FromTable(target.candidate()), Fixtures.policy(), Mode.RUN);
        assertThat(adopted.adopted()).isTrue();
        assertThat(adopted.rows()).hasValue(7);

        w.createNamespace(Namespace.of("scratch"));
        w.execute(Sql.of("CREATE TABLE scratch.scd_out AS SELECT range AS event_id, 'k' AS kind, 2.0 AS amount FROM range(9)"));
        var copied = publisher.stage(target, new StageSource.FromTable(TableId.of("scratch", "scd_out")), Fixtures.policy(), Mode.RUN);
        assertThat(copied.adopted()).isFalse();
        assertThat(scalar(w, "SELECT count(*) FROM shop_candidates.events")).isEqualTo(9);
        assertThat(scalar(w, "SELECT count(*) FROM scratch.scd_out")).isEqualTo(9);
    }

    /**
     * A query file as people write them: a final semicolon, a comment on its last line, or both; a
     * comment holding ")" or ";"; a "--" in a string, which is no comment.
     */
    @Test
    void aQueryEndingInASemicolonOrALineCommentIsStaged() {
        String select = "SELECT range AS event_id, 'k' AS kind, 1.0 AS amount FROM range(";
        List<String> queries = List.of(select + "3);", select + "4) -- four rows\n", select + "5); -- five rows", select + "6);\n-- six rows\n",
                select + "7) /* seven rows */", select + "8); /* eight; rows */", select + "9) -- nine (not ten) rows;",
                select + "10);\n-- ten\n-- rows\n", "SELECT range AS event_id, '--' AS kind, 1.0 AS amount FROM range(11) -- '");
        for (int i = 0; i < queries.size(); i++) {
            var staged = publisher.stage(target, new StageSource.Query(queries.get(i)), Fixtures.policy(), Mode.RUN);
            assertThat(staged.rows()).as(queries.get(i)).hasValue(3 + i);
        }
    }

    @Test
    void aQueryOfOnlyCommentsIsRefused() {
        assertThatThrownBy(() -> publisher.stage(target, new StageSource.Query("-- SELECT 1\n;"), Fixtures.policy(), Mode.RUN))
                .isInstanceOf(MeshkitException.class).hasMessage("Cannot stage from a query that is only comments");
    }

    @Test
    void promoteServesTheCandidateRecordsThePublicationAndTheCatalogShowsIt() {
        publisher.stage(target, rows(100, 1), Fixtures.policy(), Mode.RUN);
        PublishResult r = publisher.promote(target, Fixtures.policy(), Mode.RUN);

        assertThat(r.outcome()).isEqualTo(PublishOutcome.PROMOTED);
        assertThat(r.version()).hasValue(1);
        assertThat(r.release()).contains(TableId.of("shop_candidates", "events__v000001"));
        assertThat(prodCount()).isEqualTo(100);
        assertThat(w.describe(target.candidate())).isEmpty();

        List<Publication> pubs = WarehouseRunLog.of(w).publications("shop.events", 10);
        assertThat(pubs).singleElement().satisfies(p -> {
            assertThat(p.version()).isEqualTo(1);
            assertThat(p.contractVersion()).isEqualTo("2.1.0");
            assertThat(p.rows()).isEqualTo(100);
            assertThat(p.checksum()).isEqualTo(r.checksum().orElseThrow());
            assertThat(p.publishedBy()).isEqualTo("tester");
            assertThat(p.table()).isEqualTo(TableId.of("shop", "events"));
        });
        assertThat(scalar(w, "SELECT version FROM meshkit_meta.datasets WHERE dataset = 'shop.events'")).isEqualTo(1);
        assertThat(scalar(w, "SELECT count(*) FROM meshkit_meta.runs WHERE tool = 'publish' AND status = 'SUCCEEDED'")).isEqualTo(2);
    }

    @Test
    void promotingTheSameContentAgainChangesNothingSoARerunConverges() {
        publisher.backfill(target, rows(50, 3), Fixtures.policy(), Mode.RUN);
        PublishResult again = publisher.backfill(target, rows(50, 3), Fixtures.policy(), Mode.RUN);

        assertThat(again.outcome()).isEqualTo(PublishOutcome.UNCHANGED);
        assertThat(again.version()).hasValue(1);
        assertThat(w.describe(target.candidate())).isEmpty();
        assertThat(publisher.history(target)).hasSize(1);
    }

    /**
     * A declared rename keeps every value, so the rows' checksum is the same: the new shape is still a new
     * version (production must have the new column name), not "unchanged" with the candidate dropped.
     */
    @Test
    void aRenamedColumnWithTheSameValuesIsPromoted() throws Exception {
        publisher.backfill(target, rows(20, 1), Fixtures.policy(), Mode.RUN);
        String renamed = java.nio.file.Files.readString(Fixtures.contractFile()).replace("version: 2.1.0", "version: 3.0.0")
                .replace("      - name: kind\n", "      - name: category\n        customProperties:\n"
                        + "          - {property: meshkit.renamedFrom, value: kind}\n");
        var contract = io.meshkit.core.contract.ContractReader.create().parse("events.odcs.yaml", renamed).orThrow();
        PublishTarget v3 = PublishTarget.of(contract, contract.datasets().get(0));
        PublishResult r = publisher.backfill(v3, new StageSource.Query("SELECT range AS event_id, 'kind-' || (range % 7) || '-g1' AS category,"
                + " CAST(range AS DOUBLE) AS amount FROM range(20)"), Fixtures.policy(), Mode.RUN);

        assertThat(r.outcome()).isEqualTo(PublishOutcome.PROMOTED);
        assertThat(r.version()).hasValue(2);
        assertThat(w.describe(TableId.of("shop", "events")).orElseThrow().columns()).extracting(c -> c.name().name())
                .containsExactly("event_id", "category", "amount");
    }

    @Test
    void aFailingCandidateIsNeverPromotedAndStaysForInspection() {
        publisher.backfill(target, rows(10, 1), Fixtures.policy(), Mode.RUN);
        // duplicate keys and a NULL in a required column
        publisher.stage(target, new StageSource.Query("SELECT range % 3 AS event_id, CASE WHEN range = 0 THEN NULL ELSE 'k' END AS kind,"
                + " 1.0::DOUBLE AS amount FROM range(10)"), Fixtures.policy(), Mode.RUN);
        PublishResult r = publisher.promote(target, Fixtures.policy(), Mode.RUN);

        assertThat(r.outcome()).isEqualTo(PublishOutcome.REFUSED);
        assertThat(r.validation().orElseThrow().checks()).filteredOn(c -> c.status() == CheckStatus.FAILED)
                .extracting(CheckResult::check).contains("primary_key_unique", "required_not_null");
        assertThat(prodSum()).isEqualTo(45);
        assertThat(scalar(w, "SELECT count(*) FROM shop_candidates.events")).isEqualTo(10);
        assertThat(scalar(w, "SELECT count(*) FROM meshkit_meta.runs WHERE status = 'FAILED'")).isEqualTo(1);
    }

    @Test
    void validationChecksColumnsAndTypesExactly() {
        publisher.stage(target, new StageSource.Query("SELECT range AS event_id, CAST(range AS INTEGER) AS kind, 'x' AS extra FROM range(3)"),
                Fixtures.policy(), Mode.RUN);
        ValidationReport r = publisher.validate(target, Fixtures.policy(), Mode.RUN);

        assertThat(r.passed()).isFalse();
        assertThat(r.checks()).extracting(CheckResult::check, CheckResult::target).contains(
                org.assertj.core.groups.Tuple.tuple("schema_column_type", "kind"),
                org.assertj.core.groups.Tuple.tuple("schema_column_missing", "amount"),
                org.assertj.core.groups.Tuple.tuple("schema_column_unexpected", "extra"));
        assertThat(r.checks()).extracting(CheckResult::check).contains("quality").doesNotContain("primary_key_unique");
    }

    /**
     * A dimension whose build kept a removed column for history before it was ever published: the column is recorded
     * in core's RetainedColumns, so validation takes it as kept, not as unexpected; an unrecorded one still fails.
     */
    @Test
    void aColumnTheDimensionRecordedAsKeptIsNotUnexpected() {
        Contract c = ContractReader.create().parse("dim.odcs.yaml", """
                apiVersion: v3.1.0
                kind: DataContract
                id: urn:meshkit:test:members
                name: Members
                version: 2.0.0
                status: active
                domain: shop
                schema:
                  - name: members
                    properties:
                      - name: member_no
                        logicalType: integer
                        physicalType: BIGINT
                        required: true
                        primaryKey: true
                    customProperties:
                      - property: meshkit.kind
                        value: dimension
                """).orThrow();
        PublishTarget dim = PublishTarget.of(c, c.datasets().get(0));
        publisher.stage(dim, new StageSource.Query("SELECT range AS member_no, 'x' AS note, 'y' AS debug, TIMESTAMP '2026-01-01' AS valid_from,"
                + " TIMESTAMP '9999-12-31' AS valid_to, TRUE AS is_current FROM range(3)"), Fixtures.policy(), Mode.RUN);
        RetainedColumns kept = new RetainedColumns(w);
        kept.initialise();
        kept.record(dim.production(), List.of(ColumnName.of("note")), "scd", java.time.Instant.now()).forEach(w::execute);

        ValidationReport r = publisher.validate(dim, Fixtures.policy(), Mode.RUN);
        assertThat(r.checks()).filteredOn(k -> k.status() == CheckStatus.FAILED).extracting(CheckResult::check, CheckResult::target)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("schema_column_unexpected", "debug"));
    }

    @Test
    void aRowCountChangeBeyondTheThresholdWarnsOrFails() {
        publisher.backfill(target, rows(100, 1), Fixtures.policy(), Mode.RUN);
        publisher.stage(target, rows(30, 2), Fixtures.policy(), Mode.RUN);

        ValidationReport warned = publisher.validate(target, Fixtures.policy().withRowChange(50, RowChangeSeverity.WARN), Mode.RUN);
        assertThat(warned.passed()).isTrue();
        assertThat(warned.checks()).filteredOn(c -> c.check().equals("row_count_change")).singleElement()
                .satisfies(c -> {
                    assertThat(c.status()).isEqualTo(CheckStatus.WARNED);
                    assertThat(c.observed()).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("70"));
                });

        ValidationReport failed = publisher.validate(target, Fixtures.policy().withRowChange(50, RowChangeSeverity.FAIL), Mode.RUN);
        assertThat(failed.passed()).isFalse();
        assertThat(publisher.promote(target, Fixtures.policy().withRowChange(80, RowChangeSeverity.FAIL), Mode.RUN).outcome())
                .isEqualTo(PublishOutcome.PROMOTED);
    }

    @Test
    void keepsTheLastKVersionsAndRollsBackToAnyOfThem() {
        for (int gen = 1; gen <= 5; gen++) {
            publisher.backfill(target, rows(10 + gen, gen), Fixtures.policy(), Mode.RUN);
        }
        assertThat(w.listTables(Namespace.of("shop_candidates"))).extracting(TableId::name)
                .containsExactly("events__v000003", "events__v000004", "events__v000005");

        PublishResult back = publisher.rollback(target, OptionalLong.empty(), Fixtures.policy(), Mode.RUN);
        assertThat(back.version()).hasValue(4);
        assertThat(prodCount()).isEqualTo(14);

        publisher.rollback(target, OptionalLong.of(3), Fixtures.policy(), Mode.RUN);
        assertThat(prodCount()).isEqualTo(13);
        assertThatThrownBy(() -> publisher.rollback(target, OptionalLong.of(1), Fixtures.policy(), Mode.RUN))
                .hasMessage("Cannot roll back dataset shop.events to v1: that version is not kept (kept: v5, v4, v3)");

        List<VersionInfo> history = publisher.history(target);
        assertThat(history).extracting(VersionInfo::version).containsExactly(5L, 4L, 3L, 2L, 1L);
        assertThat(history).filteredOn(VersionInfo::current).extracting(VersionInfo::version).containsExactly(3L);
        assertThat(history).filteredOn(VersionInfo::kept).extracting(VersionInfo::version).containsExactly(5L, 4L, 3L);
        assertThat(history.get(2).lastPublishedAt()).isAfter(history.get(2).firstPublishedAt());

        // a new version after a rollback: the served one (v3) is the oldest kept and is dropped only when no longer served
        publisher.backfill(target, rows(99, 9), Fixtures.policy(), Mode.RUN);
        assertThat(prodCount()).isEqualTo(99);
        assertThat(w.listTables(Namespace.of("shop_candidates"))).extracting(TableId::name)
                .containsExactly("events__v000004", "events__v000005", "events__v000006");
    }

    @Test
    void anUnmanagedProductionTableIsKeptBesideTheFirstPromotion() {
        w.createNamespace(Namespace.of("shop"));
        w.execute(Sql.of("CREATE TABLE shop.events AS SELECT range AS event_id, 'old' AS kind, 0.0 AS amount FROM range(4)"));
        String keep = "ALTER TABLE \"shop\".\"events\" RENAME TO \"events__before_meshkit\"";
        List<String> planned = publisher.backfill(target, rows(5, 1), Fixtures.policy(), Mode.DRY_RUN).plan();
        PublishResult r = publisher.backfill(target, rows(5, 1), Fixtures.policy(), Mode.RUN);

        assertThat(prodCount()).isEqualTo(5);
        assertThat(scalar(w, "SELECT count(*) FROM shop.events__before_meshkit")).isEqualTo(4);
        assertThat(r.plan()).contains(keep).noneMatch(l -> l.startsWith("DROP"));
        // the dry run shows the switch the run reports: the table moved aside is not dropped after its rename
        assertThat(planned.subList(planned.indexOf("BEGIN TRANSACTION"), planned.indexOf("COMMIT") + 1)).isEqualTo(r.plan());
    }

    /**
     * A dry run looks the candidate and production up in the catalog and reads none of their rows: both may be
     * views that fail when read.
     */
    @Test
    void aDryRunReadsNoRowsOfTheCandidateOrProduction() {
        w.createNamespace(Namespace.of("raw"));
        w.createNamespace(Namespace.of("shop"));
        w.createNamespace(Namespace.of("shop_candidates"));
        w.execute(Sql.of("CREATE TABLE raw.events AS SELECT CAST(1 AS BIGINT) AS id, 'not a number' AS code"));
        String unreadable = " AS SELECT id FROM raw.events WHERE CAST(code AS BIGINT) > 0";
        w.execute(Sql.of("CREATE VIEW shop_candidates.events" + unreadable));
        w.execute(Sql.of("CREATE VIEW shop.events" + unreadable));
        assertThatThrownBy(this::prodCount).as("reading the view's rows fails").isInstanceOf(WarehouseException.class);

        List<String> planned = publisher.promote(target, Fixtures.policy(), Mode.DRY_RUN).plan();
        assertThat(planned).contains("ALTER TABLE \"shop_candidates\".\"events\" RENAME TO \"events__v000001\"");
        assertThat(publisher.stage(target, new StageSource.FromTable(target.candidate()), Fixtures.policy(), Mode.DRY_RUN).plan())
                .containsExactly("-- adopt shop_candidates.events as the candidate as it is (no copy)");
    }

    /**
     * The switch a dry run shows is the one the run reports: the publisher's renames, the warehouse's
     * promotion statements and the record, in one transaction that the publisher opens and commits.
     */
    @Test
    void aDryRunShowsTheSwitchTheRunReportsInOneTransaction() {
        publisher.backfill(target, rows(10, 1), Fixtures.policy(), Mode.RUN);
        publisher.stage(target, rows(12, 2), Fixtures.policy(), Mode.RUN);
        List<String> planned = publisher.promote(target, Fixtures.policy(), Mode.DRY_RUN).plan();
        PublishResult ran = publisher.promote(target, Fixtures.policy(), Mode.RUN);

        assertThat(ran.plan()).containsExactly(
                "BEGIN TRANSACTION",
                "ALTER TABLE \"shop_candidates\".\"events\" RENAME TO \"events__v000002\"",
                "CREATE OR REPLACE VIEW \"shop\".\"events\" AS SELECT * FROM \"shop_candidates\".\"events__v000002\"",
                "COMMENT ON VIEW \"shop\".\"events\" IS 'meshkit-promoted:73686f705f63616e64696461746573.6576656e74735f5f76303030303032'",
                "INSERT INTO \"meshkit_meta\".\"publications\" -- version 2",
                "COMMIT");
        assertThat(planned.subList(planned.indexOf("BEGIN TRANSACTION"), planned.indexOf("COMMIT") + 1)).isEqualTo(ran.plan());

        List<String> rollback = publisher.rollback(target, OptionalLong.empty(), Fixtures.policy(), Mode.DRY_RUN).plan();
        assertThat(rollback).first().isEqualTo("BEGIN TRANSACTION");
        assertThat(rollback).endsWith("INSERT INTO \"meshkit_meta\".\"publications\" -- version 1", "COMMIT");
        assertThat(rollback).filteredOn(l -> l.startsWith("BEGIN") || l.startsWith("COMMIT")).hasSize(2);
    }

    @Test
    void dryRunsChangeNothingNotEvenTheRunLog() {
        var before = tablesEverywhere();
        var stage = publisher.stage(target, rows(10, 1), Fixtures.policy(), Mode.DRY_RUN);
        var backfill = publisher.backfill(target, rows(10, 1), Fixtures.policy(), Mode.DRY_RUN);
        assertThat(tablesEverywhere()).isEqualTo(before);
        assertThat(stage.plan()).anyMatch(l -> l.startsWith("CREATE OR REPLACE TABLE \"shop_candidates\".\"events\""));
        assertThat(backfill.outcome()).isEqualTo(PublishOutcome.DRY_RUN);
        assertThat(backfill.plan()).anyMatch(l -> l.contains("CREATE OR REPLACE VIEW \"shop\".\"events\""))
                .anyMatch(l -> l.contains("check primary_key_unique"));

        publisher.backfill(target, rows(10, 1), Fixtures.policy(), Mode.RUN);
        publisher.backfill(target, rows(12, 2), Fixtures.policy(), Mode.RUN);
        publisher.stage(target, rows(13, 3), Fixtures.policy(), Mode.RUN);
        var snapshot = tablesEverywhere();
        long pubs = scalar(w, "SELECT count(*) FROM meshkit_meta.publications");
        long runs = scalar(w, "SELECT count(*) FROM meshkit_meta.runs");
        assertThat(publisher.promote(target, Fixtures.policy(), Mode.DRY_RUN).version()).hasValue(3);
        assertThat(publisher.rollback(target, OptionalLong.empty(), Fixtures.policy(), Mode.DRY_RUN).outcome()).isEqualTo(PublishOutcome.DRY_RUN);
        assertThat(publisher.validate(target, Fixtures.policy(), Mode.DRY_RUN).checks()).isEmpty();
        assertThat(tablesEverywhere()).isEqualTo(snapshot);
        assertThat(scalar(w, "SELECT count(*) FROM meshkit_meta.publications")).isEqualTo(pubs);
        assertThat(scalar(w, "SELECT count(*) FROM meshkit_meta.runs")).isEqualTo(runs);
        assertThat(prodSum()).isEqualTo(132);
    }

    private List<String> tablesEverywhere() {
        return List.of("shop", "shop_candidates", "meshkit_meta").stream()
                .flatMap(n -> w.listTables(Namespace.of(n)).stream()).map(t -> t + "=" + w.describe(t).orElseThrow().rowCount()).toList();
    }

    @Test
    void aSecondPublishWhileTheLeaseIsHeldFailsAtOnceAndChangesNothing() {
        publisher.backfill(target, rows(10, 1), Fixtures.policy(), Mode.RUN);
        publisher.stage(target, rows(11, 2), Fixtures.policy(), Mode.RUN);
        var lease = WarehouseRunLog.of(w).acquireLease("shop.events", "publish by alice (pid 4242 on ci-7)", Duration.ofMinutes(5));

        assertThatThrownBy(() -> publisher.promote(target, Fixtures.policy(), Mode.RUN))
                .isInstanceOf(LeaseHeldException.class)
                .hasMessageStartingWith("Cannot lock dataset shop.events: it is held by publish by alice (pid 4242 on ci-7) since ");
        assertThat(prodCount()).isEqualTo(10);
        assertThat(scalar(w, "SELECT count(*) FROM shop_candidates.events")).isEqualTo(11);

        WarehouseRunLog.of(w).releaseLease(lease);
        assertThat(publisher.promote(target, Fixtures.policy(), Mode.RUN).outcome()).isEqualTo(PublishOutcome.PROMOTED);
    }

    @Test
    void aLeaseLeftByACrashedProcessExpires() throws Exception {
        WarehouseRunLog.of(w).acquireLease("shop.events", "publish by a process that died", Duration.ofMillis(200));
        Thread.sleep(250);
        assertThat(publisher.backfill(target, rows(3, 1), Fixtures.policy(), Mode.RUN).outcome()).isEqualTo(PublishOutcome.PROMOTED);
    }
}
