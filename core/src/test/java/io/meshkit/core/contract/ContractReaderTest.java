package io.meshkit.core.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.type.DataType;
import io.meshkit.core.type.LogicalType;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContractReaderTest {
    static final Path FIXTURES = Path.of("src/test/resources/contracts");

    private final ContractReader reader = ContractReader.create();

    @Test
    void readsFullV31Contract() {
        ParsedContract parsed = reader.parse(FIXTURES.resolve("tracks-v31.odcs.yaml"));
        assertThat(parsed.problems()).isEmpty();
        Contract c = parsed.contract().orElseThrow();

        assertThat(c.apiVersion()).isEqualTo("v3.1.0");
        assertThat(c.kind()).isEqualTo("DataContract");
        assertThat(c.id()).isEqualTo("urn:meshkit:music:tracks");
        assertThat(c.version()).isEqualTo("1.2.0");
        assertThat(c.status()).isEqualTo("active");
        assertThat(c.domain()).isEqualTo("music");
        assertThat(c.dataProduct()).isEqualTo("catalog");
        assertThat(c.description()).isEqualTo(new Description(
                "Every track in the catalog, with its history.", "Join plays on track_id.", "Titles may change."));
        assertThat(c.team()).isEqualTo(new Team("music-catalog", List.of(new TeamMember("ada", "Ada Lovelace", "owner"))));
        assertThat(c.customProperties()).containsExactly(Map.entry("costCenter", 42L));
        assertThat(c.servers()).containsExactly(new Server("local", "duckdb", Map.of("database", "music.duckdb")));

        assertThat(c.sla().freshness()).contains(Duration.ofDays(1));
        assertThat(c.sla().elementOf("freshness")).contains("tracks.valid_from");
        assertThat(c.sla().elementOf("retention")).isEmpty();
        assertThat(c.sla().retention()).contains(Duration.ofDays(730));
        assertThat(c.sla().latency()).isEmpty();
        assertThat(c.sla().all("generalAvailability")).containsExactly(
                new SlaProperty("generalAvailability", "2026-01-01", null, null));

        Dataset tracks = c.dataset("tracks").orElseThrow();
        assertThat(c.dataset("dim_tracks")).isEmpty();
        assertThat(tracks.tableName()).isEqualTo("dim_tracks");
        assertThat(tracks.kind()).isEqualTo(DatasetKind.DIMENSION);
        assertThat(tracks.timeResolution()).isEqualTo(TimeResolution.HOUR);
        assertThat(tracks.deletes()).isEqualTo(DeletesMode.TOMBSTONE);
        assertThat(tracks.samplingKey()).contains(ColumnName.of("track_id"));
        assertThat(tracks.customProperties()).containsExactly(Map.entry("retentionClass", "gold"));
        assertThat(tracks.primaryKey()).extracting(Column::name).containsExactly("track_id");

        Column trackId = tracks.column("track_id").orElseThrow();
        assertThat(trackId.logicalType()).isEqualTo(LogicalType.INTEGER);
        assertThat(trackId.physicalType()).isEqualTo(DataType.BIGINT);
        assertThat(trackId.required()).isTrue();
        assertThat(trackId.primaryKeyPosition()).isEqualTo(1);
        assertThat(trackId.quality()).extracting(QualityRule::metric, QualityRule::threshold)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(QualityMetric.NULL_VALUES, Threshold.ZERO));

        assertThat(tracks.column("title").orElseThrow().history()).isEqualTo(HistoryMode.TYPE2);
        assertThat(tracks.column("title").orElseThrow().physicalType()).isEqualTo(DataType.VARCHAR);
        assertThat(tracks.column("artist").orElseThrow().physicalType()).isEqualTo(DataType.varchar(255));
        assertThat(tracks.column("artist").orElseThrow().history()).isEqualTo(HistoryMode.TYPE2);
        Column genre = tracks.column("genre").orElseThrow();
        assertThat(genre.history()).isEqualTo(HistoryMode.TYPE1);
        assertThat(genre.customProperties()).containsExactly(Map.entry("owner_note", "curated by hand"));
        assertThat(genre.quality()).containsExactly(new QualityRule(null, null, QualityRuleType.LIBRARY,
                QualityMetric.INVALID_VALUES, "invalidValues", Map.of("validValues", List.of("pop", "rock", "jazz")),
                Threshold.of(Threshold.Operator.LT, 5), "percent", null, "warning", null, null, null));
        assertThat(genre.isPersonalData()).isFalse();
        assertThat(tracks.column("uploader_email").orElseThrow().isPersonalData()).isTrue();
        Column duration = tracks.column("duration_ms").orElseThrow();
        assertThat(duration.logicalType()).isEqualTo(LogicalType.NUMBER);
        assertThat(duration.physicalType()).isEqualTo(DataType.INTEGER);

        assertThat(tracks.quality()).hasSize(4);
        assertThat(tracks.quality().get(0).metric()).isEqualTo(QualityMetric.ROW_COUNT);
        assertThat(tracks.quality().get(0).threshold()).isEqualTo(Threshold.of(Threshold.Operator.GT, 100));
        assertThat(tracks.quality().get(1).arguments()).containsEntry("properties", List.of("track_id"));
        QualityRule sql = tracks.quality().get(2);
        assertThat(sql.type()).isEqualTo(QualityRuleType.SQL);
        assertThat(sql.name()).isEqualTo("no_future_tracks");
        assertThat(sql.query()).startsWith("SELECT COUNT(*)");
        assertThat(sql.threshold()).isEqualTo(
                new Threshold(Threshold.Operator.BETWEEN, BigDecimal.ZERO, BigDecimal.valueOf(2)));
        assertThat(tracks.quality().get(3).type()).isEqualTo(QualityRuleType.TEXT);
        assertThat(tracks.quality().get(3).metric()).isNull();
    }

    @Test
    void readsV30Contract() {
        Contract c = reader.read(FIXTURES.resolve("tracks-v30.odcs.yaml"));

        assertThat(c.apiVersion()).isEqualTo("v3.0.2");
        assertThat(c.description()).isEqualTo(Description.of("Tracks, the old way."));
        assertThat(c.sla().maxDataAge()).contains(Duration.ofHours(4)); // latency counts as freshness
        assertThat(c.team()).isEqualTo(new Team(null, List.of(
                new TeamMember("ada", null, "owner"), new TeamMember("bob", null, "steward"))));
        assertThat(c.sla().latency()).contains(Duration.ofHours(4));

        Dataset tracks = c.datasets().get(0);
        assertThat(tracks.kind()).isEqualTo(DatasetKind.DIMENSION);
        assertThat(tracks.timeResolution()).isEqualTo(TimeResolution.DAY);
        assertThat(tracks.deletes()).isEqualTo(DeletesMode.CLOSE);
        assertThat(tracks.samplingKey()).isEmpty();
        Column trackId = tracks.column("track_id").orElseThrow();
        assertThat(trackId.logicalType()).isEqualTo(LogicalType.INTEGER); // derived from physicalType bigint
        assertThat(trackId.primaryKeyPosition()).isEqualTo(-1);
        assertThat(trackId.quality()).extracting(QualityRule::metric, QualityRule::metricName, QualityRule::threshold)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(QualityMetric.NULL_VALUES, "nullCheck",
                        Threshold.ZERO));
        assertThat(tracks.column("genre").orElseThrow().quality()).containsExactly(new QualityRule(null, null,
                QualityRuleType.LIBRARY, QualityMetric.INVALID_VALUES, "validValues",
                Map.of("validValues", List.of("pop", "rock")), Threshold.of(Threshold.Operator.LE, 10), "rows", null,
                "error", null, null, null));
        assertThat(tracks.column("isrc").orElseThrow().quality().get(0).metric())
                .isEqualTo(QualityMetric.DUPLICATE_VALUES);
        assertThat(tracks.column("isrc").orElseThrow().quality().get(0).threshold())
                .isEqualTo(Threshold.of(Threshold.Operator.LE, 0));
        assertThat(tracks.quality()).extracting(QualityRule::metric).containsExactly(QualityMetric.ROW_COUNT);
        assertThat(tracks.quality().get(0).threshold()).isEqualTo(Threshold.NOT_EMPTY);
    }

    @Test
    void sourceMapPointsAtEveryNode() {
        ParsedContract parsed = reader.parse(FIXTURES.resolve("tracks-v31.odcs.yaml"));
        SourceMap map = parsed.locations();
        String path = FIXTURES.resolve("tracks-v31.odcs.yaml").toString();
        assertThat(map.locationOf("/schema/0/properties/1/logicalType"))
                .contains(new SourceLocation(path, 30, 22));
        assertThat(map.locationOf("/schema/0/properties/1")).map(SourceLocation::line).contains(29);
        assertThat(map.locationOf("/schema/0")).map(SourceLocation::line).contains(14);
        assertThat(map.locationOf("/apiVersion")).contains(new SourceLocation(path, 1, 13));
        assertThat(map.locationOf("/schema/0/properties/99")).isEmpty();
        assertThat(map.keyLocationOf("/schema/0/properties/1/logicalType"))
                .contains(new SourceLocation(path, 30, 9));
        assertThat(map.keyLocationOf("/schema/0")).isEmpty();
    }

    @Test
    void primaryKeyIsOrderedByPositionThenDeclaration() {
        Contract c = reader.parse("pk.odcs.yaml", """
                apiVersion: v3.1.0
                kind: DataContract
                id: pk
                version: 1.0.0
                status: active
                schema:
                  - name: rights
                    properties:
                      - {name: extra, logicalType: string, primaryKey: true}
                      - {name: territory, logicalType: string, primaryKey: true, primaryKeyPosition: 2}
                      - {name: track_id, logicalType: integer, primaryKey: true, primaryKeyPosition: 1}
                      - {name: share, logicalType: number}
                """).orThrow();
        assertThat(c.datasets().get(0).primaryKey()).extracting(Column::name)
                .containsExactly("track_id", "territory", "extra");
    }

    @Test
    void findsContractsRecursivelyAndSorted(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("b/nested"));
        Files.writeString(dir.resolve("b/nested/z.odcs.yml"), "");
        Files.writeString(dir.resolve("a.odcs.yaml"), "");
        Files.writeString(dir.resolve("b/c.odcs.yaml"), "");
        Files.writeString(dir.resolve("notes.yaml"), "");

        assertThat(reader.findContracts(dir)).containsExactly(
                dir.resolve("a.odcs.yaml"), dir.resolve("b/c.odcs.yaml"), dir.resolve("b/nested/z.odcs.yml"));
        assertThat(reader.findContracts(dir.resolve("notes.yaml"))).containsExactly(dir.resolve("notes.yaml"));
    }

    @Test
    void findContractsRejectsMissingPath(@TempDir Path dir) {
        Path missing = dir.resolve("nope");
        assertThatThrownBy(() -> reader.findContracts(missing))
                .isInstanceOf(MeshkitException.class)
                .hasMessage("Cannot read contract " + missing + ": no such file or directory")
                .extracting(e -> ((MeshkitException) e).code()).isEqualTo(ErrorCode.FILE_NOT_FOUND);
    }

    @Test
    void missingFileIsAProblem(@TempDir Path dir) {
        Path missing = dir.resolve("gone.odcs.yaml");
        ParsedContract parsed = reader.parse(missing);
        assertThat(parsed.contract()).isEmpty();
        assertThat(parsed.problems()).extracting(Object::toString)
                .containsExactly(missing + ":1:1: error: Cannot read contract: no such file or directory");
        assertThatThrownBy(() -> reader.read(missing))
                .isInstanceOf(ContractException.class)
                .hasMessage(missing + ":1:1: error: Cannot read contract: no such file or directory")
                .extracting(e -> ((ContractException) e).exitCode()).isEqualTo(2);
    }

    @Test
    void readThrowsWithEveryProblem() {
        assertThatThrownBy(() -> reader.read(FIXTURES.resolve("many-problems.odcs.yaml")))
                .isInstanceOfSatisfying(ContractException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CONTRACT);
                    assertThat(e.problems()).hasSizeGreaterThan(3);
                    assertThat(e.getMessage()).startsWith(e.problems().get(0).toString())
                            .endsWith("(and " + (e.problems().size() - 1) + " more problems)");
                });
    }

    @Test
    void warningsDoNotStopReading() {
        ParsedContract parsed = reader.parse("fact.odcs.yaml", """
                apiVersion: v3.1.0
                kind: DataContract
                id: plays
                version: 1.0.0
                status: active
                schema:
                  - name: plays
                    properties:
                      - {name: play_id, logicalType: integer}
                    customProperties:
                      - {property: meshkit.kind, value: fact}
                      - {property: meshkit.deletes, value: tombstone}
                """);
        assertThat(parsed.hasErrors()).isFalse();
        assertThat(parsed.contract()).map(c -> c.datasets().get(0).kind()).isEqualTo(Optional.of(DatasetKind.FACT));
        assertThat(parsed.problems()).extracting(Object::toString).containsExactly(
                "fact.odcs.yaml:12:44: warning: meshkit.deletes applies only to dimensions, and dataset 'plays' "
                        + "is a fact: it is ignored");
    }
}
