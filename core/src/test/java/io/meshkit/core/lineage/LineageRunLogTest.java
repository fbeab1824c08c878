package io.meshkit.core.lineage;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshkit.core.contract.ContractReader;
import io.meshkit.core.contract.Dataset;
import io.meshkit.core.identifier.TableId;
import io.meshkit.core.runlog.Lease;
import io.meshkit.core.runlog.Publication;
import io.meshkit.core.runlog.RunDatasets;
import io.meshkit.core.runlog.RunLog;
import io.meshkit.core.runlog.RunOutcome;
import io.meshkit.core.runlog.RunRecord;
import io.meshkit.core.runlog.RunStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class LineageRunLogTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);
    private static final LineageConfig CONFIG = new LineageConfig("console", Optional.empty(), "/api/v1/lineage",
            Optional.empty(), Optional.empty(), "music", Duration.ofSeconds(1));

    /** Records runs in memory: only what the lineage decorator passes through. */
    private static final class MemoryRunLog implements RunLog {
        final List<RunRecord> runs = new ArrayList<>();

        @Override
        public RunRecord startRun(String tool, String dataset) {
            RunRecord r = new RunRecord(UUID.randomUUID().toString(), tool, dataset, CLOCK.instant(), Optional.empty(),
                    RunStatus.RUNNING, OptionalLong.empty(), OptionalLong.empty(), Optional.empty());
            runs.add(r);
            return r;
        }

        @Override
        public RunRecord finishRun(String runId, RunOutcome outcome) {
            RunRecord r = run(runId).orElseThrow();
            return new RunRecord(runId, r.tool(), r.dataset(), r.startedAt(), Optional.of(CLOCK.instant()), outcome.status(),
                    outcome.rows(), outcome.bytes(), outcome.message());
        }

        @Override
        public Optional<RunRecord> run(String runId) {
            return runs.stream().filter(r -> r.runId().equals(runId)).findFirst();
        }

        @Override
        public List<RunRecord> runs(String dataset, int limit) {
            return runs;
        }

        @Override
        public void recordPublication(Publication publication) {}

        @Override
        public List<Publication> publications(String dataset, int limit) {
            return List.of();
        }

        @Override
        public Lease acquireLease(String dataset, String holder, Duration ttl) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void releaseLease(Lease lease) {}

        @Override
        public Optional<Lease> currentLease(String dataset) {
            return Optional.empty();
        }
    }

    @Test
    void reportsEachRunAsStartThenCompleteOrFailUnderTheRunLogsId() {
        List<LineageEvent> events = new ArrayList<>();
        MemoryRunLog memory = new MemoryRunLog();
        RunLog log = LineageRunLog.wrap(memory, events::add, CONFIG, "duckdb:w.duckdb", CLOCK);

        RunRecord ok = log.startRun("ingest", "music.tracks");
        log.finishRun(ok.runId(), RunOutcome.succeeded(1000));
        RunRecord bad = log.startRun("scd", "music.tracks");
        log.finishRun(bad.runId(), RunOutcome.failed("Cannot apply snapshot 2026-11-20: 3 duplicate keys"));

        assertThat(events).extracting(LineageEvent::type).containsExactly(
                LineageEvent.Type.START, LineageEvent.Type.COMPLETE, LineageEvent.Type.START, LineageEvent.Type.FAIL);
        assertThat(events.get(0).runId()).isEqualTo(UUID.fromString(ok.runId()));
        assertThat(events.get(0).jobName()).isEqualTo("ingest.music.tracks");
        assertThat(events.get(0).jobNamespace()).isEqualTo("music");
        assertThat(events.get(0).outputs()).containsExactly(new LineageDataset("duckdb:w.duckdb", "music.tracks", List.of()));
        assertThat(events.get(3).error()).contains("Cannot apply snapshot 2026-11-20: 3 duplicate keys");
        assertThat(memory.runs).hasSize(2);
    }

    @Test
    void namesTheDeclaredInputsAndOutputsWithTheirSchemas() throws Exception {
        Dataset tracks = ContractReader.create()
                .read(java.nio.file.Path.of(getClass().getResource("/contracts/tracks-v30.odcs.yaml").toURI()))
                .datasets().get(0);
        List<LineageEvent> events = new ArrayList<>();
        RunLog log = LineageRunLog.wrap(new MemoryRunLog(), events::add, CONFIG, "duckdb:w.duckdb", CLOCK);

        RunRecord run = log.startRun("scd", "music.tracks", new RunDatasets(
                List.of(RunDatasets.Ref.external("mysql://db:3306", "catalog.tracks", tracks),
                        RunDatasets.Ref.sourceRows(TableId.of("music_staging", "tracks"), tracks)),
                List.of(RunDatasets.Ref.table(TableId.of("music_candidates", "tracks"), tracks))));
        log.finishRun(run.runId(), RunOutcome.succeeded(10));

        LineageEvent start = events.get(0);
        assertThat(start.inputs()).extracting(LineageDataset::namespace, LineageDataset::name).containsExactly(
                org.assertj.core.groups.Tuple.tuple("mysql://db:3306", "catalog.tracks"),
                org.assertj.core.groups.Tuple.tuple("duckdb:w.duckdb", "music_staging.tracks"));
        List<String> declared = tracks.columns().stream().map(c -> c.columnName().name()).toList();
        // source rows carry the declared columns; the published dimension adds its type-2 columns
        assertThat(start.inputs().get(1).fields()).extracting(LineageDataset.Field::name).containsExactlyElementsOf(declared);
        List<String> published = new ArrayList<>(declared);
        published.addAll(List.of("valid_from", "valid_to", "is_current"));
        assertThat(start.outputs()).singleElement().satisfies(d -> {
            assertThat(d.name()).isEqualTo("music_candidates.tracks");
            assertThat(d.fields()).extracting(LineageDataset.Field::name).containsExactlyElementsOf(published);
        });
        assertThat(events.get(1).type()).isEqualTo(LineageEvent.Type.COMPLETE);
        assertThat(events.get(1).outputs()).isEqualTo(start.outputs());
    }

    @Test
    void isTheRunLogItselfWhenLineageIsOff() {
        MemoryRunLog memory = new MemoryRunLog();
        assertThat(LineageRunLog.wrap(memory, LineageConfig.NONE, "duckdb:w.duckdb", CLOCK)).isSameAs(memory);
    }
}
