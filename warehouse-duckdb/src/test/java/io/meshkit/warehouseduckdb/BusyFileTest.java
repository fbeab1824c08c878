package io.meshkit.warehouseduckdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshkit.core.error.MeshkitException;
import io.meshkit.core.warehouse.OpenWait;
import io.meshkit.core.warehouse.Warehouses;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file another process holds: the waiting line and the error name the holder's command in whole arguments. */
class BusyFileTest {
    private static final String QUERY = "SELECT n, n * 2 AS twice FROM range(100000000) AS t(n) WHERE n % 7 = 0 ORDER BY n DESC";

    @Test
    void theHoldersCommandIsShownInWholeArgumentsNeverCutInsideOne(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("w.duckdb");
        Process holder = hold("query", "--wait", "5", QUERY, file.toString());
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        PrintStream stderr = System.err;
        Duration wait = OpenWait.current();
        System.setErr(new PrintStream(progress, true, StandardCharsets.UTF_8));
        try {
            OpenWait.set(Duration.ofSeconds(3));
            String holderShown = "PID " + holder.pid() + " (meshkit query --wait 5 …)";
            assertThatThrownBy(() -> Warehouses.open("duckdb:" + file).close()).isInstanceOf(MeshkitException.class)
                    .hasMessageContaining("it is in use by " + holderShown + "; retry");
            assertThat(progress.toString(StandardCharsets.UTF_8)).contains("it is in use by " + holderShown + " (up to 3 s more; --wait)");
        } finally {
            OpenWait.set(wait);
            System.setErr(stderr);
            holder.getOutputStream().close();
            holder.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static Process hold(String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = Stream.concat(Stream.of(java, "-XX:TieredStopAtLevel=1", "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                HoldingProcess.class.getName()), Stream.of(args)).toList();
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        assertThat(r.readLine()).isEqualTo("open");
        return p;
    }
}
