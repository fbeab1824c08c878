package io.meshkit.cli.init;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.meshkit.cli.CliRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated GitHub workflows and actions of every template, for a DuckDB and a BigQuery project, as
 * GitHub would take them: {@code release/lint-workflows.sh} (action-validator on every file, shellcheck on every
 * {@code run:} block, every {@code uses:} pinned to a release tag) passes them, and fails a workflow that breaks
 * each of the three. CI installs both tools ({@code .ci/run}); elsewhere the test is skipped with the reason
 * unless {@code CI} is set, where a missing tool fails it.
 */
class WorkflowsIT {
    private static final Path LINT = Path.of("../release/lint-workflows.sh").toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    record Result(int exit, String out) {}

    @BeforeAll
    static void toolsInstalled() throws Exception {
        List<String> missing = new ArrayList<>();
        for (String tool : List.of("shellcheck", "action-validator")) {
            if (new ProcessBuilder("sh", "-c", "command -v " + tool).start().waitFor() != 0) {
                missing.add(tool);
            }
        }
        if (System.getenv("CI") != null) {
            assertThat(missing).as("tools .ci/run installs (apt: shellcheck, npm: @action-validator/cli)").isEmpty();
        }
        assumeTrue(missing.isEmpty(), "skipped: not installed here: " + missing
                + " (apt-get install shellcheck; npm install -g @action-validator/cli @action-validator/core); CI has them");
    }

    private Result lint(Path... dirs) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(LINT.toString()));
        for (Path d : dirs) {
            command.add(d.toString());
        }
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), out);
    }

    @Test
    void everyTemplatesWorkflowsAreValidShellcheckCleanAndPinned() throws Exception {
        List<Path> projects = new ArrayList<>();
        for (Template t : Template.values()) {
            for (String warehouse : List.of("duckdb:.meshkit/warehouse.duckdb", "bigquery:my-project/EU", "postgres://meshkit@db.example.com:5432/shop")) {
                Path dir = tmp.resolve(t.id() + "-" + warehouse.substring(0, warehouse.indexOf(':')));
                CliRun r = InitCommandTest.run("init", dir.toString(), "-t", t.id(), "-d", "shop.customers", "--warehouse", warehouse);
                assertThat(r.exitCode()).as(r.err()).isZero();
                projects.add(dir);
            }
        }
        Result r = lint(projects.toArray(Path[]::new));
        assertThat(r.exit()).as(r.out()).isZero();
        // 9 projects x (pull-request.yml + setup-meshkit) + 3 BigQuery and 3 PostgreSQL projects x (publish.yml + monitor.yml)
        assertThat(r.out()).contains("lint-workflows: 30 files");
    }

    @Test
    void failsAnInvalidWorkflowAnUnquotedVariableAndAMovingTag() throws Exception {
        Path workflows = Files.createDirectories(tmp.resolve("bad/.github/workflows"));
        Files.writeString(workflows.resolve("ci.yml"), """
                name: ci
                on:
                  push:
                jobs:
                  build:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: actions/checkout@v4
                      - run: |
                          echo start
                          cp $SOURCE ${{ github.workspace }}/copy
                    timeout: 5
                """);
        Result r = lint(tmp.resolve("bad"));
        assertThat(r.exit()).isEqualTo(1);
        String file = workflows.resolve("ci.yml").toString();
        assertThat(r.out()).contains(file + ": action-validator:", "Additional property 'timeout' is not allowed",
                file + ":8: uses: actions/checkout@v4 is not pinned", file + ":11:", "[SC2086]");
    }
}
