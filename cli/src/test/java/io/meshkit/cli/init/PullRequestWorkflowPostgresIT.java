package io.meshkit.cli.init;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.meshkit.cli.CliRun;
import io.meshkit.cli.TestingPostgres;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data-diff step of a PostgreSQL project's pull-request workflow, run as GitHub runs it: its {@code run:}
 * block with its {@code env:}, in bash, with the distribution's {@code bin/} on the PATH, in a git checkout with
 * {@code origin/main} and a branch that changes one customer's segment. A fresh database stands for the job's
 * PostgreSQL service container ({@code PR_WAREHOUSE}); the pull request comes from a fork, so the diff goes to
 * the job summary and nothing is posted. Skipped only when no PostgreSQL server answers.
 */
class PullRequestWorkflowPostgresIT {
    private static final Path DIST = Path.of("target/meshkit").toAbsolutePath();

    @TempDir
    Path tmp;

    @Test
    void theDataDiffRunsOnPostgresAndShowsTheBranchsChange() throws Exception {
        Path dir = tmp.resolve("shop");
        try (TestingPostgres.Database db = TestingPostgres.createDatabase()) {
            CliRun init = InitCommandTest.run("init", dir.toString(), "-t", "snapshot-dimension", "-d", "shop.customers",
                    "--warehouse", "postgres://meshkit@db.example.com:5432/shop");
            assertThat(init.exitCode()).as(init.err()).isZero();
            JsonNode step = dataDiffStep(dir.resolve(".github/workflows/pull-request.yml"));
            assertThat(step.at("/env/PR_WAREHOUSE").asText()).isEqualTo("postgres://postgres@localhost:5432/pr");

            git(dir, "init", "-q", "-b", "main");
            git(dir, "add", "-A");
            git(dir, "commit", "-q", "-m", "base");
            git(dir, "update-ref", "refs/remotes/origin/main", "main");
            git(dir, "checkout", "-q", "-b", "segment");
            Path day3 = dir.resolve("snapshots/customers/snapshot_date=2024-01-03/part-0.csv");
            String before = Files.readString(day3);
            assertThat(before).contains("6,Barbara Liskov,business,");
            Files.writeString(day3, before.replace("6,Barbara Liskov,business,", "6,Barbara Liskov,retail,"));
            git(dir, "commit", "-q", "-am", "customer 6 is retail");

            Path runner = Files.createDirectories(tmp.resolve("runner"));
            Path summary = runner.resolve("summary.md");
            ProcessBuilder pb = new ProcessBuilder("bash", "-e", "-o", "pipefail", "-c", step.get("run").asText())
                    .directory(dir.toFile()).redirectErrorStream(true);
            Map<String, String> env = pb.environment();
            env.remove("MESHKIT_WAREHOUSE");
            step.get("env").fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
            env.putAll(Map.of("BASE_REF", "main", "PR_NUMBER", "7", "FROM_FORK", "true", "GITHUB_TOKEN", "",
                    "PR_WAREHOUSE", db.uri(), "RUNNER_TEMP", runner.toString(), "GITHUB_STEP_SUMMARY", summary.toString(),
                    "PATH", DIST.resolve("bin") + File.pathSeparator + System.getenv("PATH")));
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(out).isZero();
            // the base branch published v1 into the database, this branch's candidate differs from it in one row
            assertThat(out).contains("warehouse " + db.uri(), "promoted shop.customers v1 (was none), 8 rows");
            assertThat(Files.readString(summary)).contains("### Data diff",
                    "shop.customers           added 0, removed 0, changed 1, unchanged 4; history: 1 key changed (versions 0 added, 0 removed, 1 changed)");
        }
    }

    private static JsonNode dataDiffStep(Path workflow) throws Exception {
        JsonNode root = new YAMLMapper().readTree(workflow.toFile());
        assertThat(root.at("/jobs/lint-test-diff/services/postgres/image").asText()).contains("postgres:16");
        return StreamSupport.stream(root.at("/jobs/lint-test-diff/steps").spliterator(), false)
                .filter(s -> "data diff".equals(s.path("name").asText())).findFirst().orElseThrow();
    }

    private static void git(Path dir, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git", "-c", "user.name=t", "-c", "user.email=t@t", "-c", "commit.gpgsign=false"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", args) + ": " + out).isZero();
    }
}
