package io.meshkit.cli.pipeline.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshkit.cli.pipeline.PipelineFileException;
import io.meshkit.cli.pipeline.PipelineReader;
import io.meshkit.cli.pipeline.StepKind;
import io.meshkit.cli.pipeline.StepOptions;
import io.meshkit.core.contract.Contract;
import io.meshkit.core.contract.ContractReader;
import io.meshkit.core.error.MeshkitException;
import io.meshkit.snapshotingest.api.LockFallback;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline's ingest and load-snapshot steps make typed requests of their {@code args:}, which are declared
 * options checked when the file is read; the api checks what makes a request legal.
 */
class IngestStepTest {
    static final LocalDate DATE = LocalDate.parse("2019-04-28");
    static final String URL = "jdbc:mysql://127.0.0.1:3306/music?user=meshkit";

    @TempDir
    Path tmp;

    static Contract tracks() {
        return ContractReader.create().read(Path.of("../examples/music/contracts/tracks.odcs.yaml"));
    }

    private static IngestStep.Settings settings(String... args) {
        return IngestStep.settings(URL, Optional.empty(), List.of(tracks()), DATE, StepOptions.parse(StepKind.INGEST, List.of(args)),
                PipelineFiles.DEFAULT_LANDING);
    }

    @Test
    void theIngestStepsArgsBecomeTheRequest() {
        IngestStep.Settings s = settings("--threads", "4", "--chunk-rows=100000", "--on-lock-timeout", "SINGLE", "--allow-breaking",
                "--allow-duplicate-keys", "--landing", "/tmp/landing", "--source-time-zone", "Europe/Berlin", "--staging", "raw");
        assertThat(s.request().options().threads()).isEqualTo(4);
        assertThat(s.request().options().chunkRows()).isEqualTo(100_000);
        assertThat(s.request().options().onLockTimeout()).isEqualTo(LockFallback.SINGLE);
        assertThat(s.request().options().allowBreaking()).isTrue();
        assertThat(s.request().options().allowAdditive()).isFalse();
        assertThat(s.request().options().sourceZone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(s.request().options().date()).isEqualTo(DATE);
        assertThat(s.request().staging()).contains("raw");
        assertThat(s.request().contracts()).hasSize(1);
        assertThat(s.allowDuplicateKeys()).isTrue();
        assertThat(s.landing()).isEqualTo("/tmp/landing");
        IngestStep.Settings defaults = settings();
        assertThat(defaults.allowDuplicateKeys()).isFalse();
        assertThat(defaults.request().options().threads()).isEqualTo(2);
        assertThat(defaults.request().options().onLockTimeout()).isEqualTo(LockFallback.FAIL);
        assertThat(defaults.landing()).isEqualTo(PipelineFiles.DEFAULT_LANDING);
    }

    @Test
    void theApisRulesHoldForTheStepAsForTheCommand() {
        // one rule for chunk rows, in the api, whoever asks
        assertThatThrownBy(() -> settings("--chunk-rows", "10"))
                .isInstanceOf(MeshkitException.class).hasMessage("Cannot use --chunk-rows 10: expected at least 1000");
        assertThat(LoadSnapshotStep.request(Path.of("snapshots"), List.of(tracks()), DATE,
                StepOptions.parse(StepKind.LOAD_SNAPSHOT, List.of("--allow-duplicate-keys"))).allowDuplicateKeys()).isTrue();
    }

    /** A typo in an ingest or load-snapshot step's args is refused when the file is read, at its line and column. */
    @Test
    void badArgsAreRefusedWhenThePipelineIsRead() throws IOException {
        Path file = tmp.resolve("pipeline.yaml");
        String head = "steps:\n  - id: ingest\n    kind: ingest\n    contract: c.odcs.yaml\n    source: jdbc:mysql://db/shop\n";
        Files.writeString(file, head + "    args: [--threads, 4, --chunk-row, \"100000\"]\n");
        assertThatThrownBy(() -> PipelineReader.read(file)).isInstanceOfSatisfying(PipelineFileException.class, e -> {
            assertThat(e.line()).startsWith(file + ":6:11: error: step 'ingest': unknown option '--chunk-row' in args of an ingest step"
                    .replace("an ingest", "a ingest")).contains("--chunk-rows N");
            assertThat(e.exitCode()).isEqualTo(2);
        });
        Files.writeString(file, head + "    args: [--on-lock-timeout, wait]\n");
        assertThatThrownBy(() -> PipelineReader.read(file)).isInstanceOfSatisfying(PipelineFileException.class, e -> assertThat(e.line())
                .isEqualTo(file + ":6:11: error: step 'ingest': option --on-lock-timeout takes fail|single, not 'wait'"));
        Files.writeString(file, head + "    args: [--source-time-zone, Mars/Olympus]\n");
        assertThatThrownBy(() -> PipelineReader.read(file)).isInstanceOfSatisfying(PipelineFileException.class, e -> assertThat(e.line())
                .isEqualTo(file + ":6:11: error: step 'ingest': option --source-time-zone takes ZONE, not 'Mars/Olympus'"));
        Files.writeString(file, head + "    args: [--threads]\n");
        assertThatThrownBy(() -> PipelineReader.read(file)).isInstanceOfSatisfying(PipelineFileException.class, e -> assertThat(e.line())
                .isEqualTo(file + ":6:11: error: step 'ingest': option --threads of a ingest step needs a value (--threads N)"));
        Files.writeString(file, "steps:\n  - id: load\n    kind: load-snapshot\n    contract: c.odcs.yaml\n    snapshots: s\n    args: [--force]\n");
        assertThatThrownBy(() -> PipelineReader.read(file)).isInstanceOfSatisfying(PipelineFileException.class, e -> assertThat(e.line())
                .startsWith(file + ":6:11: error: step 'load': unknown option '--force' in args of a load-snapshot step (it takes --allow-breaking"));
        // a value from the environment is checked once expanded
        Files.writeString(file, head + "    args: [--threads, \"${THREADS}\"]\n");
        StepOptions o = PipelineReader.read(file).steps().get(0).options();
        assertThat(o.expanded(StepKind.INGEST, v -> v.replace("${THREADS}", "8")).integer("--threads")).contains(8);
        assertThatThrownBy(() -> o.expanded(StepKind.INGEST, v -> v.replace("${THREADS}", "eight")))
                .hasMessage("option --threads takes N, not 'eight'");
    }
}
