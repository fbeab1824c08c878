package io.meshkit.lineage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.meshkit.core.identifier.TableId;
import io.meshkit.core.lineage.Lineage;
import io.meshkit.core.lineage.LineageConfig;
import io.meshkit.core.lineage.LineageDataset;
import io.meshkit.core.lineage.LineageEmitter;
import io.meshkit.lineage.internal.OpenLineageEmitter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenLineageEmitterTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);
    private static final LineageDataset INPUT = new LineageDataset("mysql://db.example:3306", "shop.tracks", List.of(
            new LineageDataset.Field("track_id", "BIGINT", "The track"), new LineageDataset.Field("title", "VARCHAR", null)));
    private static final LineageDataset OUTPUT = LineageDataset.of("duckdb:.meshkit/warehouse.duckdb", TableId.of("music_staging", "tracks"));

    private HttpServer server;
    private final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();

    @BeforeEach
    void startServer() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/lineage", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            int status = failuresLeft.getAndDecrement() > 0 ? 503 : 201;
            if (status == 201) {
                received.add(JSON.readTree(body));
                authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private LineageConfig http() {
        return new LineageConfig("http", Optional.of("http://127.0.0.1:" + server.getAddress().getPort()), "/api/v1/lineage",
                Optional.of("LINEAGE_KEY"), Optional.empty(), "music", Duration.ofSeconds(5));
    }

    @Test
    void sendsStartAndCompleteWithDatasetsAndSchemaToAnHttpEndpoint() {
        String runId = UUID.randomUUID().toString();
        try (LineageEmitter emitter = OpenLineageEmitter.create(http(), Map.of("LINEAGE_KEY", "s3cret"), System.err)) {
            Lineage.start(emitter, http(), CLOCK, runId, "ingest.music.tracks", List.of(INPUT), List.of(OUTPUT)).complete();
        }
        assertThat(received).hasSize(2);
        JsonNode start = received.get(0);
        assertThat(start.get("eventType").asText()).isEqualTo("START");
        assertThat(start.at("/run/runId").asText()).isEqualTo(runId);
        assertThat(start.at("/job/namespace").asText()).isEqualTo("music");
        assertThat(start.at("/job/name").asText()).isEqualTo("ingest.music.tracks");
        assertThat(start.at("/inputs/0/name").asText()).isEqualTo("shop.tracks");
        assertThat(start.at("/inputs/0/facets/schema/fields/0/name").asText()).isEqualTo("track_id");
        assertThat(start.at("/inputs/0/facets/schema/fields/0/type").asText()).isEqualTo("BIGINT");
        assertThat(start.at("/outputs/0/namespace").asText()).isEqualTo("duckdb:.meshkit/warehouse.duckdb");
        assertThat(start.at("/outputs/0/name").asText()).isEqualTo("music_staging.tracks");
        assertThat(start.get("eventTime").asText()).startsWith("2026-11-23T10:00");
        assertThat(start.get("producer").asText()).isEqualTo(OpenLineageEmitter.PRODUCER.toString());
        assertThat(start.get("schemaURL").asText()).contains("openlineage.io");
        assertThat(received.get(1).get("eventType").asText()).isEqualTo("COMPLETE");
        assertThat(authorizations).containsOnly("Bearer s3cret");
    }

    @Test
    void aFailedRunCarriesItsErrorAndEndsOnce() {
        try (LineageEmitter emitter = OpenLineageEmitter.create(http(), Map.of("LINEAGE_KEY", "k"), System.err)) {
            Lineage.Run run = Lineage.start(emitter, http(), CLOCK, UUID.randomUUID().toString(), "scd.music.tracks",
                    List.of(OUTPUT), List.of());
            run.fail("Cannot apply snapshot 2026-11-20: 3 duplicate keys");
            run.complete();
        }
        assertThat(received).extracting(e -> e.get("eventType").asText()).containsExactly("START", "FAIL");
        assertThat(received.get(1).at("/run/facets/errorMessage/message").asText())
                .isEqualTo("Cannot apply snapshot 2026-11-20: 3 duplicate keys");
    }

    @Test
    void aFailingEndpointIsOneWarningLineAndNeverFailsTheRunOrPrintsTheKey() {
        failuresLeft.set(100);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (LineageEmitter emitter = OpenLineageEmitter.create(http(), Map.of("LINEAGE_KEY", "s3cret"),
                new PrintStream(err, true, StandardCharsets.UTF_8))) {
            Lineage.start(emitter, http(), CLOCK, UUID.randomUUID().toString(), "publish.music.tracks", List.of(), List.of(OUTPUT))
                    .complete();
        }
        String warnings = err.toString(StandardCharsets.UTF_8);
        assertThat(warnings.lines()).hasSize(2).allMatch(l -> l.startsWith("warning: Cannot send lineage event"));
        assertThat(warnings).contains("/api/v1/lineage").doesNotContain("s3cret");
    }

    @Test
    void writesOneEventPerLineToAFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("out/lineage.jsonl");
        LineageConfig config = new LineageConfig("file", Optional.empty(), "/api/v1/lineage", Optional.empty(),
                Optional.of(file), "meshkit", Duration.ofSeconds(5));
        try (LineageEmitter emitter = Lineage.open(config)) {
            Lineage.start(emitter, config, CLOCK, UUID.randomUUID().toString(), "ingest.music.plays", List.of(INPUT), List.of(OUTPUT))
                    .complete();
        }
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(2);
        assertThat(JSON.readTree(lines.get(1)).get("eventType").asText()).isEqualTo("COMPLETE");
    }

    @Test
    void theProviderIsFoundThroughTheServiceLoader() {
        assertThat(Lineage.open(http().transport().equals("http") ? fileConfig() : http())).isInstanceOf(OpenLineageEmitter.class);
        assertThat(Lineage.open(LineageConfig.NONE)).isSameAs(LineageEmitter.NONE);
    }

    private static LineageConfig fileConfig() {
        return new LineageConfig("console", Optional.empty(), "/api/v1/lineage", Optional.empty(), Optional.empty(), "meshkit",
                Duration.ofSeconds(1));
    }
}
