package io.meshkit.publisher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two processes on one DuckDB file: while another process holds it, a command waits up to --wait
 * with a progress line, then fails with one clear line naming the holder (exit 3); when the holder
 * lets go within the wait, the command just runs.
 */
class BusyWarehouseIT {
    @TempDir
    Path dir;

    @Test
    void aBusyWarehouseIsWaitedForThenRefusedInClearWords() throws Exception {
        Path file = dir.resolve("w.duckdb");
        Fixtures.backfill(file, 10);
        Process holder = hold(file);
        try {
            ByteArrayOutputStream progress = new ByteArrayOutputStream();
            PrintStream stderr = System.err;
            String[] r;
            long t0 = System.nanoTime();
            System.setErr(new PrintStream(progress, true, StandardCharsets.UTF_8));
            try {
                r = run(file, "history", "--wait", "2");
            } finally {
                System.setErr(stderr);
            }
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertThat(r[0]).as(r[2]).isEqualTo("3");
            assertThat(r[2]).startsWith("error: Cannot open warehouse duckdb:" + file + ": it is in use by PID " + holder.pid())
                    .contains("retry, or use --wait").doesNotContain("IO Error").hasLineCount(1);
            assertThat(progress.toString(StandardCharsets.UTF_8)).contains("waiting for warehouse", "in use by PID " + holder.pid());
            assertThat(ms).isBetween(1_900L, 20_000L);
            assertThat(run(file, "history", "--wait", "-1")[0]).isEqualTo("2");
        } finally {
            holder.getOutputStream().close();
            holder.waitFor(30, TimeUnit.SECONDS);
        }
        // the holder lets go a moment after the command started: the command waits and runs
        Process brief = hold(file);
        new Thread(() -> {
            try {
                Thread.sleep(1500);
                brief.getOutputStream().close();
            } catch (Exception e) {
                brief.destroy();
            }
        }).start();
        String[] r = run(file, "history", "--wait", "30");
        assertThat(r[0]).as(r[2]).isEqualTo("0");
        assertThat(r[1]).contains("v1");
        brief.waitFor(30, TimeUnit.SECONDS);
    }

    private static Process hold(Path file) throws Exception {
        Process p = Fixtures.child(HoldingChild.class, file);
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        assertThat(r.readLine()).isEqualTo("open");
        return p;
    }

    private static String[] run(Path file, String... args) {
        String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(args),
                java.util.stream.Stream.of("--warehouse", "duckdb:" + file, "--contract", Fixtures.contractFile().toString())).toArray(String[]::new);
        return Fixtures.cli(all);
    }
}
