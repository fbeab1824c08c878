package io.meshkit.publisher;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshkit.core.identifier.Namespace;
import io.meshkit.core.warehouse.Warehouse;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child JVM that promotes in a loop is killed with SIGKILL at random moments, {@code crash.kills}
 * times (default 50). After each kill, the next child reports what production serves before it writes
 * anything: it must be exactly version A or version B, and the run log's latest publication must be
 * the version production serves. The child then reruns the publish, which must converge.
 */
class CrashIT {
    private static final int KILLS = Integer.getInteger("crash.kills", 50);

    @TempDir
    Path dir;

    @Test
    void afterEverySigkillProductionIsTheOldOrTheNewVersionAndARerunConverges() throws Exception {
        Path file = dir.resolve("crash.duckdb");
        Fixtures.backfill(file, PromotingChild.ROWS_A);
        Random random = new Random(20261123);
        List<String> states = new ArrayList<>();
        for (int kill = 0; kill < KILLS; kill++) {
            Process child = Fixtures.child(PromotingChild.class, file);
            List<String> lines = new ArrayList<>();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    lines.add(line);
                    if (line.equals("ready")) {
                        break;
                    }
                }
                assertThat(lines).as("child output before kill %d", kill).contains("ready");
                Thread.sleep(random.nextInt(300)); // the child is promoting A and B alternately
                child.destroyForcibly(); // SIGKILL
                assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            } finally {
                child.destroyForcibly();
            }
            states.add(lines.get(0));
            checkState(lines.get(0), kill);
            checkConverged(lines.get(1));
        }

        // the last kill, read by this process
        try (Warehouse w = Fixtures.open(file)) {
            String last = PromotingChild.state(w, Fixtures.target());
            checkState("state " + last, KILLS);
            // K = 3 kept, plus one when the kill fell between the switch's commit and the drop of old
            // versions (the README's limit); the next promotion drops it
            assertThat(w.listTables(Namespace.of("shop_candidates")).stream().filter(t -> t.name().contains("__v")).count())
                    .as("versions kept").isLessThanOrEqualTo(3 + 1);
        }
        System.out.printf("CrashIT: %d SIGKILLs; production found serving A %d times, B %d times%n", KILLS,
                states.stream().filter(s -> s.split(" ")[1].equals(Long.toString(PromotingChild.ROWS_A))).count(),
                states.stream().filter(s -> s.split(" ")[1].equals(Long.toString(PromotingChild.ROWS_B))).count());
        // the kills landed at different moments: both versions were found serving
        assertThat(states.stream().map(s -> s.split(" ")[1]).distinct().count()).isEqualTo(2);
    }

    private static void checkState(String line, int kill) {
        assertThat(line).startsWith("state ");
        String[] f = line.split(" ");
        long rows = Long.parseLong(f[1]);
        long sum = Long.parseLong(f[2]);
        boolean isA = rows == PromotingChild.rows(1) && sum == PromotingChild.sum(1);
        boolean isB = rows == PromotingChild.rows(2) && sum == PromotingChild.sum(2);
        assertThat(isA || isB).as("after kill %d production is version A or B exactly: %s", kill, line).isTrue();
        assertThat(f[3]).as("served version is the latest publication: %s", line).isEqualTo(String.format("%06d", Long.parseLong(f[4])));
        assertThat(Long.parseLong(f[5])).as("publication rows: %s", line).isEqualTo(rows);
    }

    private static void checkConverged(String line) {
        assertThat(line).startsWith("converged ");
        String[] f = line.split(" ");
        assertThat(Long.parseLong(f[2])).isEqualTo(PromotingChild.rows(2));
        assertThat(Long.parseLong(f[3])).isEqualTo(PromotingChild.sum(2));
    }
}
