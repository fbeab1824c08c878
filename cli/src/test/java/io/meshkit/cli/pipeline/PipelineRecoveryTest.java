package io.meshkit.cli.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshkit.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A step whose contract cannot be read fails under the pipeline's own name ({@code pipeline:NAME}), since its
 * dataset is not known; once the contract is fixed, a run that gets past it has recovered: its monitor step
 * says so ({@code recovered}), not {@code failing}, and a check after the run finds nothing failing.
 */
class PipelineRecoveryTest {
    private static final Path MUSIC = Path.of("../examples/music").toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    @Test
    void aRunThatGetsPastAnUnreadableContractRecovers() throws Exception {
        Path contracts = Files.createDirectories(tmp.resolve("contracts"));
        String good = Files.readString(MUSIC.resolve("contracts/tracks.odcs.yaml"));
        Path contract = contracts.resolve("tracks.odcs.yaml");
        Path pipeline = tmp.resolve("pipeline.yaml");
        Files.writeString(pipeline, "name: Tracks\ndates: 2019-04-28..2019-04-28\nsteps:\n"
                + "  - id: load\n    kind: load-snapshot\n    contract: " + contract + "\n    snapshots: "
                + MUSIC.resolve("snapshots/tracks") + "\n"
                + "  - id: monitor\n    kind: monitor\n    needs: [load]\n    contract: " + contracts + "\n");
        String warehouse = "duckdb:" + tmp.resolve("w.duckdb");

        Files.writeString(contract, good + "  - broken: [\n");
        CliRun failed = CliRun.of("run", pipeline.toString(), "--warehouse", warehouse);
        assertThat(failed.exitCode()).as(failed.out()).isEqualTo(2);
        CliRun told = CliRun.of("monitor", "check", "--warehouse", warehouse, "--contract", MUSIC.resolve("contracts/tracks.odcs.yaml").toString());
        assertThat(told.out()).contains("alert failed: pipeline:tracks failed");

        Files.writeString(contract, good);
        CliRun fixed = CliRun.of("run", pipeline.toString(), "--warehouse", warehouse);
        assertThat(fixed.exitCode()).as(fixed.out() + fixed.err()).isZero();
        assertThat(fixed.out()).contains("0 failing").contains("recovered pipeline:tracks").doesNotContain("failed pipeline:tracks");
        CliRun after = CliRun.of("monitor", "status", "--warehouse", warehouse, "--contract", contracts.toString());
        assertThat(after.out()).containsPattern("pipeline:tracks +ok").contains("0 failing");
    }

    /**
     * A step whose tool records its own run under the dataset adds no run of the pipeline's there: the dataset's
     * history is the tool's runs (rows, real durations), not a few-ms echo of each.
     */
    @Test
    void aDatasetsHistoryIsItsToolsRunsWithoutThePipelinesEcho() throws Exception {
        Path pipeline = tmp.resolve("pipeline.yaml");
        Files.writeString(pipeline, "name: Tracks\ndates: 2019-04-28..2019-04-29\nsteps:\n"
                + "  - id: load\n    kind: load-snapshot\n    contract: " + MUSIC.resolve("contracts/tracks.odcs.yaml") + "\n    snapshots: "
                + MUSIC.resolve("snapshots/tracks") + "\n");
        String warehouse = "duckdb:" + tmp.resolve("w.duckdb");
        CliRun run = CliRun.of("run", pipeline.toString(), "--warehouse", warehouse);
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        CliRun history = CliRun.of("monitor", "history", "music.tracks", "--warehouse", warehouse, "--contract",
                MUSIC.resolve("contracts").toString(), "--format", "csv");
        assertThat(history.exitCode()).as(history.err()).isZero();
        assertThat(history.out().lines().skip(1).map(l -> l.split(",")[1]).toList()).containsExactly("ingest", "ingest");
    }
}
