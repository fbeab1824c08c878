package io.meshkit.publisher;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshkit.core.runlog.WarehouseRunLog;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.publisher.cli.PublishCli;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.meshkit.testing.CliRun;

/** A mistyped --candidate is bad input (exit 2), not a failed run of the healthy production dataset. */
class MistypedCandidateTest {
    @TempDir
    Path dir;

    @Test
    void aMistypedCandidateRecordsNoFailedRunOfProduction() {
        Path file = dir.resolve("w.duckdb");
        Fixtures.backfill(file, 10);
        CliRun promote = CliRun.of(PublishCli.commandLine(), "promote", "--contract", Fixtures.contractFile().toString(), "--candidate", "shop_candidates.evnets",
                "--warehouse", "duckdb:" + file);
        assertThat(promote.exitCode()).as(promote.err()).isEqualTo(2);
        assertThat(promote.err()).contains("shop_candidates.evnets").contains("does not exist");
        try (Warehouse w = Fixtures.open(file)) {
            assertThat(WarehouseRunLog.of(w).runs(Fixtures.target().datasetId(), 10))
                    .allSatisfy(r -> assertThat(r.status()).isNotEqualTo(io.meshkit.core.runlog.RunStatus.FAILED));
        }
    }
}
