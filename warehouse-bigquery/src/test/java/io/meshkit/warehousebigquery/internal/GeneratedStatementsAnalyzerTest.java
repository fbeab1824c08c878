package io.meshkit.warehousebigquery.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshkit.core.contract.ContractReader;
import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.identifier.Namespace;
import io.meshkit.core.identifier.TableId;
import io.meshkit.core.quality.QualityChecks;
import io.meshkit.core.quality.QualityRunner;
import io.meshkit.core.runlog.Publication;
import io.meshkit.core.runlog.RunOutcome;
import io.meshkit.core.runlog.WarehouseRunLog;
import io.meshkit.core.warehouse.ResultRows;
import io.meshkit.core.warehouse.Sql;
import io.meshkit.core.warehouse.TableLayout;
import io.meshkit.core.warehouse.WriteMode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Every GoogleSQL statement meshkit generates, checked by ZetaSQL's analyzer as sent, against a
 * catalog of the tables' schemas at that moment ({@link AnalyzingClient}): layouts and write
 * modes, copies of views, the run log, the quality checks of a dimension, sampling and fingerprints.
 */
class GeneratedStatementsAnalyzerTest {
    private static final String CONTRACT = String.join("\n",
            "apiVersion: v3.1.0", "kind: DataContract", "id: urn:test:tracks", "version: 1.0.0", "status: active", "schema:",
            "  - name: tracks",
            "    customProperties:", "      - {property: meshkit.kind, value: dimension}",
            "    quality:", "      - {metric: rowCount, mustBeGreaterThan: 0}",
            "    properties:",
            "      - {name: track_id, logicalType: integer, physicalType: bigint, primaryKey: true}",
            "      - {name: title, logicalType: string, required: true}",
            "      - name: genre", "        logicalType: string", "        quality:",
            "          - metric: invalidValues", "            arguments: {validValues: [rock, pop]}",
            "          - {metric: nullValues, unit: percent, mustBeLessThan: 50}",
            "      - {name: valid_from, logicalType: timestamp}", "      - {name: valid_to, logicalType: timestamp}",
            "      - {name: is_current, logicalType: boolean}", "");

    @Test
    void everyGeneratedStatementPassesTheAnalyzer() {
        FakeBigQueryClient fake = new FakeBigQueryClient();
        AnalyzingClient analyzing = new AnalyzingClient(fake);
        BigQueryWarehouse w = new BigQueryWarehouse("bigquery:meshkit-test/EU", BigQuerySettings.parse("bigquery:meshkit-test/EU", Map.of()),
                analyzing, new Retry(1, Duration.ZERO, Duration.ZERO, d -> {}));
        Namespace music = Namespace.of("music");
        w.createNamespace(music);
        Sql source = Sql.of("SELECT n AS track_id, CONCAT('title ', CAST(n AS STRING)) AS title, IF(MOD(n, 2) = 0, 'rock', 'pop') AS genre,"
                + " DATETIME '2026-11-01 00:00:00' AS valid_from, DATETIME '9999-12-31 00:00:00' AS valid_to, TRUE AS is_current FROM ("
                + BigQueryWarehouseContractTest.series(50).text() + ")");
        TableId tracks = music.table("tracks");
        TableLayout full = new TableLayout(ColumnName.list("track_id"), ColumnName.list("title"), Optional.of(ColumnName.of("valid_from")));
        w.createTableAs(tracks, source, full, WriteMode.CREATE);
        w.createTableAs(tracks, source, TableLayout.orderedBy(ColumnName.list("genre")), WriteMode.REPLACE);
        w.createTableAs(tracks, source, TableLayout.NONE, WriteMode.APPEND);
        w.createTableAs(music.table("fresh"), source, TableLayout.clusteredBy(ColumnName.list("genre")), WriteMode.APPEND);
        w.execute(w.dialect().sql().sql("CREATE VIEW ").table(music.table("current")).sql(" AS SELECT * FROM ").table(tracks)
                .sql(" WHERE is_current").build());
        assertThat(w.describe(music.table("current")).orElseThrow().rowCount()).isEqualTo(100); // a COUNT(*) query
        w.copy(music.table("current"), music.table("snapshot"), WriteMode.CREATE); // a view is copied by a query
        w.replace(music.table("fresh"), music.table("snapshot"));

        WarehouseRunLog log = new WarehouseRunLog(w, java.time.Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), java.time.ZoneOffset.UTC));
        var run = log.startRun("publish", "music.tracks");
        log.finishRun(run.runId(), RunOutcome.succeeded(100));
        log.runs("music.tracks", 5);
        log.recordPublication(new Publication("music.tracks", 1, "1.0.0", tracks, 100, "abc", Instant.parse("2026-11-23T10:00:00Z"), "ci",
                run.runId()));
        log.publications("music.tracks", 5);
        var lease = log.acquireLease("music.tracks", "ci", Duration.ofMinutes(5));
        log.currentLease("music.tracks");
        log.releaseLease(lease);

        var dataset = ContractReader.create().parse("tracks.odcs.yaml", CONTRACT).orThrow().datasets().get(0);
        // the table was appended to itself, so every key has two current versions from the same time: the
        // checks implied by the cheap ones (their GROUP BYs) run too, and every failing check fetches sample keys
        var results = new QualityRunner(w).run(tracks, QualityChecks.forDataset(dataset, tracks, w.dialect()));
        assertThat(results).filteredOn(r -> !r.passed()).extracting(r -> r.check())
                .contains("primary_key_unique", "scd2_no_overlap", "scd2_one_current");

        Sql sampled = w.dialect().sql().sql("SELECT track_id, title, ").append(w.dialect().samplingValue(ColumnName.of("track_id")))
                .sql(" AS sv, ").append(w.dialect().samplingValue(ColumnName.of("title"))).sql(" AS sv_title, ")
                .append(w.dialect().rowFingerprint(ColumnName.list("title", "genre", "valid_from", "is_current"))).sql(" AS fp FROM ")
                .table(tracks).sql(" WHERE ").append(w.dialect().samplingValue(ColumnName.of("track_id"))).sql(" < ").bind(0.1).build();
        try (ResultRows rows = w.query(sampled)) {
            rows.forEach(r -> assertThat(r.getDouble("sv")).isLessThan(0.1));
        }
        w.estimateBytes(sampled);

        List<String> statements = analyzing.analyzed;
        assertThat(statements).anyMatch(s -> s.startsWith("CREATE TABLE `music`.`tracks` PARTITION BY DATE(`valid_from`) CLUSTER BY"
                + " `track_id`, `title` AS SELECT"));
        assertThat(statements).anyMatch(s -> s.startsWith("CREATE OR REPLACE TABLE `music`.`tracks` CLUSTER BY `genre` AS"));
        assertThat(statements).anyMatch(s -> s.startsWith("INSERT INTO `music`.`tracks` SELECT * FROM ("));
        assertThat(statements).anyMatch(s -> s.startsWith("CREATE TABLE IF NOT EXISTS `meshkit_meta`.`runs`"));
        assertThat(statements).anyMatch(s -> s.startsWith("UPDATE `meshkit_meta`.`runs` SET"));
        assertThat(statements).anyMatch(s -> s.startsWith("INSERT INTO `meshkit_meta`.`leases`"));
        assertThat(statements).anyMatch(s -> s.startsWith("DELETE FROM `meshkit_meta`.`leases`"));
        assertThat(statements).anyMatch(s -> s.contains("LEAD(`valid_from`) OVER (PARTITION BY `track_id`"));
        assertThat(statements).anyMatch(s -> s.contains("GROUP BY `track_id`, `valid_from` HAVING COUNT(*) > 1"));
        assertThat(statements).anyMatch(s -> s.contains("WHERE `is_current` GROUP BY `track_id` HAVING COUNT(*) > 1"));
        assertThat(statements).anyMatch(s -> s.contains("TO_HEX(MD5(TO_JSON_STRING(STRUCT(`title` AS f0"));
        assertThat(statements).hasSizeGreaterThan(30);
    }
}
