package io.meshkit.cli.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lineage from a real pipeline run: the example domain over two days with {@code lineage:} set in
 * meshkit.yaml (file transport), then the OpenLineage events read back. Every tool run names what
 * it read and wrote, with the contract's schema, and the pipeline reports itself as one job.
 */
class PipelineLineageIT {
    private static final Path EXAMPLE = Path.of("../examples/music").toAbsolutePath().normalize();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void everyRunReportsItsInputsAndOutputsWithTheContractSchema() throws IOException {
        Path events = tmp.resolve("lineage/events.jsonl");
        Path config = tmp.resolve("meshkit.yaml");
        Files.writeString(config, "lineage:\n  transport: file\n  file: " + events + "\n  namespace: music\n");
        String uri = "duckdb:" + tmp.resolve("w.duckdb");

        MusicPipelineIT.Run r = MusicPipelineIT.run("run", EXAMPLE.resolve("pipeline.yaml").toString(), "--warehouse", uri,
                "--config", config.toString(), "--dates", "2019-04-30..2019-05-01");
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();

        List<JsonNode> all = new ArrayList<>();
        for (String line : Files.readAllLines(events)) {
            all.add(JSON.readTree(line));
        }
        // the pipeline itself: one run, START then COMPLETE, reading the snapshot files, writing the published datasets
        List<JsonNode> pipeline = job(all, "pipeline.music");
        assertThat(pipeline).extracting(e -> e.path("eventType").asText()).containsExactly("START", "COMPLETE");
        assertThat(pipeline.get(0).path("run").path("runId").asText()).isEqualTo(pipeline.get(1).path("run").path("runId").asText());
        assertThat(names(pipeline.get(0), "inputs")).contains("file " + EXAMPLE.resolve("snapshots/tracks"));
        assertThat(names(pipeline.get(0), "outputs")).contains(uri + " music.tracks", uri + " music.royalties", uri + " music.plays");
        assertThat(fields(pipeline.get(0), "outputs", "music.royalties")).contains("play_id", "track_id", "rightsholder_id", "royalty_eur");

        // scd-builder: one run per date, from staging (and the candidate so far) to the candidate
        List<JsonNode> scd = job(all, "scd.music.tracks");
        assertThat(scd).extracting(e -> e.path("eventType").asText()).containsExactly("START", "COMPLETE", "START", "COMPLETE");
        assertThat(names(scd.get(0), "inputs")).contains(uri + " music_staging.tracks");
        assertThat(names(scd.get(2), "inputs")).contains(uri + " music_staging.tracks", uri + " music_candidates.tracks");
        assertThat(names(scd.get(0), "outputs")).containsExactly(uri + " music_candidates.tracks");
        assertThat(fields(scd.get(0), "outputs", "music_candidates.tracks"))
                .contains("track_id", "title", "valid_from", "valid_to", "is_current");

        // publisher: the candidate in, the production dataset out
        List<JsonNode> publish = job(all, "publish.music.tracks");
        JsonNode promoted = publish.get(publish.size() - 1);
        assertThat(promoted.path("eventType").asText()).isEqualTo("COMPLETE");
        assertThat(names(promoted, "inputs")).containsExactly(uri + " music_candidates.tracks");
        assertThat(names(promoted, "outputs")).containsExactly(uri + " music.tracks");
        assertThat(fields(promoted, "outputs", "music.tracks")).contains("track_id", "title");

        // every event is in the configured job namespace
        assertThat(all).allSatisfy(e -> assertThat(e.path("job").path("namespace").asText()).isEqualTo("music"));
    }

    private static List<JsonNode> job(List<JsonNode> events, String name) {
        List<JsonNode> out = events.stream().filter(e -> e.path("job").path("name").asText().equals(name)).toList();
        assertThat(out).as("events of job " + name).isNotEmpty();
        return out;
    }

    private static Set<String> names(JsonNode event, String side) {
        Set<String> out = new TreeSet<>();
        event.path(side).forEach(d -> out.add(d.path("namespace").asText() + " " + d.path("name").asText()));
        return out;
    }

    private static List<String> fields(JsonNode event, String side, String dataset) {
        List<String> out = new ArrayList<>();
        event.path(side).forEach(d -> {
            if (d.path("name").asText().equals(dataset)) {
                d.path("facets").path("schema").path("fields").forEach(f -> out.add(f.path("name").asText()));
            }
        });
        return out;
    }
}
