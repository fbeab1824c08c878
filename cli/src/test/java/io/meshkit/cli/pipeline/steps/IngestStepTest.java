package io.meshkit.cli.pipeline.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshkit.core.contract.Contract;
import io.meshkit.core.contract.ContractReader;
import io.meshkit.core.error.MeshkitException;
import io.meshkit.snapshotingest.api.LockFallback;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The pipeline's ingest and load-snapshot steps make typed requests of their {@code args:}, checked by the api. */
class IngestStepTest {
    static final LocalDate DATE = LocalDate.parse("2019-04-28");
    static final String URL = "jdbc:mysql://127.0.0.1:3306/music?user=meshkit";

    static Contract tracks() {
        return ContractReader.create().read(Path.of("../examples/music/contracts/tracks.odcs.yaml"));
    }

    @Test
    void theIngestStepsArgsBecomeTheRequest() {
        IngestStep.Settings s = IngestStep.settings("ingest", URL, Optional.empty(), List.of(tracks()), DATE,
                List.of("--threads", "4", "--chunk-rows=100000", "--on-lock-timeout", "single", "--allow-breaking", "--allow-duplicate-keys",
                        "--landing", "/tmp/landing"));
        assertThat(s.request().options().threads()).isEqualTo(4);
        assertThat(s.request().options().chunkRows()).isEqualTo(100_000);
        assertThat(s.request().options().onLockTimeout()).isEqualTo(LockFallback.SINGLE);
        assertThat(s.request().options().allowBreaking()).isTrue();
        assertThat(s.request().options().date()).isEqualTo(DATE);
        assertThat(s.request().contracts()).hasSize(1);
        assertThat(s.allowDuplicateKeys()).isTrue();
        assertThat(s.landing()).isEqualTo("/tmp/landing");
        assertThat(IngestStep.settings("ingest", URL, Optional.empty(), List.of(tracks()), DATE, List.of()).allowDuplicateKeys()).isFalse();
    }

    @Test
    void badArgsAreOneLineAndTheApisRulesHold() {
        assertThatThrownBy(() -> IngestStep.settings("ingest", URL, Optional.empty(), List.of(tracks()), DATE, List.of("--table", "x")))
                .isInstanceOf(MeshkitException.class).hasMessageStartingWith("Cannot run step ingest: ingest takes only --threads,")
                .hasMessageEndingWith(" in args, not --table");
        // one rule for chunk rows, in the api, whoever asks
        assertThatThrownBy(() -> IngestStep.settings("ingest", URL, Optional.empty(), List.of(tracks()), DATE, List.of("--chunk-rows", "10")))
                .isInstanceOf(MeshkitException.class).hasMessage("Cannot use --chunk-rows 10: expected at least 1000");
        assertThatThrownBy(() -> IngestStep.settings("ingest", URL, Optional.empty(), List.of(tracks()), DATE, List.of("--threads")))
                .isInstanceOf(MeshkitException.class).hasMessage("Cannot run step ingest: --threads in args needs a value");
        assertThatThrownBy(() -> LoadSnapshotStep.request("load", Path.of("snapshots"), List.of(tracks()), DATE, List.of("--force")))
                .isInstanceOf(MeshkitException.class).hasMessage("Cannot run step load: load-snapshot takes only --allow-breaking and"
                        + " --allow-duplicate-keys in args, not --force");
        assertThat(LoadSnapshotStep.request("load", Path.of("snapshots"), List.of(tracks()), DATE, List.of("--allow-duplicate-keys"))
                .allowDuplicateKeys()).isTrue();
    }
}
