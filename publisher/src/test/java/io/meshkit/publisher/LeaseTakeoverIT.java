package io.meshkit.publisher;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshkit.core.runlog.RunRecord;
import io.meshkit.core.runlog.RunStatus;
import io.meshkit.core.runlog.WarehouseRunLog;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.publisher.api.Mode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dead holder blocks nobody: a real promote process is killed (SIGKILL) after it took the lease
 * (an hour's time-to-live) and started its run; the next promote takes the lease over at once and
 * closes the dead run as killed, a rollback works right after, and an operator can unlock.
 */
class LeaseTakeoverIT {
    @TempDir
    Path dir;

    @Test
    void aKilledPromoteBlocksNeitherPromoteNorRollback() throws Exception {
        Path file = dir.resolve("w.duckdb");
        try (Warehouse w = Fixtures.open(file)) {
            var p = Fixtures.publisher(w);
            p.backfill(Fixtures.target(), Fixtures.rows(10, 1), Fixtures.policy(), Mode.RUN);
            p.stage(Fixtures.target(), Fixtures.rows(20, 2), Fixtures.policy(), Mode.RUN);
        }
        Process child = Fixtures.child(StuckPromoteChild.class, file);
        try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(r.readLine()).isEqualTo("swapping");
        } finally {
            child.destroyForcibly(); // SIGKILL, holding the lease with an hour to go
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        try (Warehouse w = Fixtures.open(file)) {
            assertThat(WarehouseRunLog.of(w).currentLease(Fixtures.target().datasetId())).isPresent();
        }

        String[] promote = run(file, "promote");
        assertThat(promote[0]).as(promote[2]).isEqualTo("0");
        String[] rollback = run(file, "rollback");
        assertThat(rollback[0]).as(rollback[2]).isEqualTo("0");
        assertThat(rollback[1]).contains("v1");

        try (Warehouse w = Fixtures.open(file)) {
            WarehouseRunLog log = WarehouseRunLog.of(w);
            String dataset = Fixtures.target().datasetId();
            assertThat(log.leaseHistory(dataset, 10)).anySatisfy(l -> assertThat(l).contains("taken over")
                    .contains("pid " + child.pid()).contains("is gone"));
            List<RunRecord> runs = log.runs(dataset, 20);
            assertThat(runs).noneMatch(x -> x.status() == RunStatus.RUNNING);
            assertThat(runs).anySatisfy(x -> {
                assertThat(x.status()).isEqualTo(RunStatus.FAILED);
                assertThat(x.message()).hasValueSatisfying(m -> assertThat(m).startsWith("killed: its process (pid " + child.pid()));
            });
            assertThat(log.currentLease(dataset)).isEmpty();
            // an operator's unlock: nothing held now
            assertThat(log.unlock(dataset, false, "tester")).isEmpty();
        }
        String[] history = run(file, "history");
        assertThat(history[0]).isEqualTo("0");
        assertThat(history[1]).contains("lease: ").contains("taken over by").contains("pid " + child.pid());
        String[] unlock = run(file, "unlock", Fixtures.target().datasetId());
        assertThat(unlock[0]).as(unlock[2]).isEqualTo("0");
        assertThat(unlock[1]).contains("no lease is held").contains("taken over");
    }

    private static String[] run(Path file, String... args) {
        List<String> all = new java.util.ArrayList<>(List.of(args));
        all.addAll(List.of("--warehouse", "duckdb:" + file));
        if (!args[0].equals("unlock")) {
            all.addAll(List.of("--contract", Fixtures.contractFile().toString()));
        }
        return Fixtures.cli(all.toArray(String[]::new));
    }
}
