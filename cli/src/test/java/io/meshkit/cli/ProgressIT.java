package io.meshkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshkit.testing.MySqlDatabase;
import io.meshkit.testing.MySqlExtension;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A snapshot of 2,000,000 MySQL rows through the built distribution shows its progress on standard
 * error: in a CI log (stderr a pipe) a line per phase and at least one every 10 s; on a terminal
 * (under {@code script}, a pseudo-terminal) a bar with the total, percent and ETA. Standard output
 * holds the result only.
 */
@ExtendWith(MySqlExtension.class)
class ProgressIT {
    private static final Path DIST = Path.of("target/meshkit").toAbsolutePath();
    private static final int ROWS = 2_000_000;

    @TempDir
    Path tmp;

    private String url;

    @BeforeEach
    void twoMillionRows(MySqlDatabase db) throws Exception {
        try (Connection c = db.openConnection(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS help_events");
            s.execute("CREATE TABLE help_events (id BIGINT PRIMARY KEY, user_id BIGINT NOT NULL, kind VARCHAR(20) NOT NULL,"
                    + " amount DECIMAL(12,2), created_at DATETIME NOT NULL)");
            // MariaDB's sequence engine makes the rows in the server
            s.execute("INSERT INTO help_events SELECT seq, seq % 50000, ELT(1 + seq % 3, 'view', 'click', 'buy'), (seq % 1000) / 10,"
                    + " TIMESTAMP '2024-01-01 00:00:00' + INTERVAL (seq % 86400) SECOND FROM seq_1_to_" + ROWS);
            s.execute("ANALYZE TABLE help_events");
        }
        url = db.jdbcUrl();
    }

    private ProcessBuilder ingest(String... extra) {
        List<String> command = new ArrayList<>(List.of(DIST.resolve("bin/meshkit-ingest").toString(), "snapshot", "--source", url,
                "--table", "help_events", "--date", "2024-01-02", "--landing", tmp.resolve("landing").toString(),
                "--warehouse", "duckdb:" + tmp.resolve("w.duckdb")));
        command.addAll(List.of(extra));
        ProcessBuilder pb = new ProcessBuilder(command).directory(tmp.toFile());
        pb.environment().remove("MESHKIT_WAREHOUSE");
        pb.environment().put("MESHKIT_CACHE_DIR", tmp.resolve("cache").toString());
        String password = System.getenv("MESHKIT_TEST_MYSQL_PASSWORD");
        if (password != null) {
            pb.environment().put("MESHKIT_MYSQL_PASSWORD", password);
        }
        return pb;
    }

    @Test
    void aLogGetsALinePerPhaseAndOneAtLeastEveryTenSeconds() throws Exception {
        Path out = tmp.resolve("out.txt");
        Process p = ingest().redirectOutput(out.toFile()).start();
        List<Long> arrivals = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        long start = System.nanoTime();
        try (BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
            for (String line = err.readLine(); line != null; line = err.readLine()) {
                arrivals.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
                lines.add(line);
            }
        }
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(String.join("\n", lines)).isZero();
        assertThat(lines).as("no bar, no carriage return in a log").noneMatch(l -> l.contains("\r") || l.contains("█"));
        assertThat(lines).anyMatch(l -> l.startsWith("ingest: planning"))
                .anyMatch(l -> l.startsWith("ingest: reading (") && l.contains("rows estimated"))
                .anyMatch(l -> l.startsWith("ingest: staging"))
                .anyMatch(l -> l.matches("ingest: reading finished, 2,000,000 of [0-9,]+ rows, .*"))
                .last().asString().startsWith("ingest: done in ");
        long total = arrivals.get(arrivals.size() - 1);
        for (int i = 1; i < arrivals.size(); i++) {
            assertThat(arrivals.get(i) - arrivals.get(i - 1)).as("gap before " + lines.get(i) + " (run " + total + " ms)\n" + lines)
                    .isLessThanOrEqualTo(11_500);
        }
        assertThat(arrivals.get(0)).as("the first line comes at once").isLessThan(11_500);
        assertThat(Files.readString(out)).contains(".help_events 2024-01-02: 2,000,000 rows").doesNotContain("ingest:");
    }

    @Test
    void aTerminalGetsABarWithTotalPercentAndEta() throws Exception {
        // script gives the command a pseudo-terminal; what the terminal showed lands in the typescript
        Path typescript = tmp.resolve("typescript");
        List<String> command = ingest("--format", "json").command();
        String line = String.join(" ", command.stream().map(a -> "'" + a.replace("'", "'\\''") + "'").toList()) + " > "
                + tmp.resolve("out.json");
        ProcessBuilder pb = new ProcessBuilder("script", "-q", "-e", "-c", line, typescript.toString()).directory(tmp.toFile());
        pb.environment().putAll(ingest().environment());
        pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        String shown = Files.readString(typescript);
        assertThat(p.exitValue()).as(shown).isZero();
        assertThat(shown).contains("ingest reading  [", "%", "rows/s", "ETA ").contains("\r").containsPattern("\\] +[0-9,]+/[0-9,]{9} rows +[0-9]+%");
        assertThat(Files.readString(tmp.resolve("out.json"))).startsWith("{").doesNotContain("ingest");
    }
}
