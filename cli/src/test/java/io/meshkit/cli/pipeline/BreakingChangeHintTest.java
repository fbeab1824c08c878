package io.meshkit.cli.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshkit.cli.CliRun;
import io.meshkit.cli.VersionCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A column removed from a template project's snapshots, run with {@code meshkit run} as a team would: the failed
 * step says which column changed (not only that something did), and where the option that lets it go on goes,
 * since {@code meshkit run} does not take {@code --allow-breaking} itself: in the step's {@code args:}.
 */
class BreakingChangeHintTest {
    @TempDir
    Path tmp;

    @Test
    void aRemovedColumnNamesTheColumnAndWhereTheOptionGoes() throws Exception {
        Path project = tmp.resolve("shop");
        CliRun init = CliRun.of("init", project.toString(), "--template", "snapshot-dimension", "--dataset", "shop.customers",
                "--maven-repository", "file:///opt/meshkit-" + VersionCommand.version() + "/maven");
        assertThat(init.exitCode()).as(init.err()).isZero();
        Path pipeline = project.resolve("pipeline.yaml");
        String warehouse = "duckdb:" + tmp.resolve("w.duckdb");
        CliRun first = CliRun.of("run", pipeline.toString(), "--warehouse", warehouse);
        assertThat(first.exitCode()).as(first.out() + first.err()).isZero();

        // country dropped in the source: contract 2.0.0 without it, and a day of snapshot files without it
        Path contract = project.resolve("contracts/customers.odcs.yaml");
        String c = Files.readString(contract).replace("version: 1.0.0", "version: 2.0.0");
        Files.writeString(contract, c.substring(0, c.indexOf("      - name: country")) + c.substring(c.indexOf("      - name: created_date")));
        Path day4 = Files.createDirectories(project.resolve("snapshots/customers/snapshot_date=2024-01-04"));
        Files.writeString(day4.resolve("part-0.csv"), """
                id,name,segment,created_date
                1,Ada King,retail,2023-11-02
                2,Grace Hopper,business,2023-12-14
                """);

        CliRun refused = CliRun.of("run", pipeline.toString(), "--warehouse", warehouse, "--date", "2024-01-04");
        assertThat(refused.exitCode()).as(refused.out() + refused.err()).isEqualTo(2);
        String text = Files.readString(pipeline);
        int line = (int) text.substring(0, text.indexOf("  - id: load")).lines().count() + 1;
        assertThat(refused.out())
                .contains("FAIL load@2024-01-04", "column country removed")
                .contains("    in a pipeline the option is the step's: args: [--allow-breaking] on step load (pipeline.yaml:" + line + ":5), for the run that takes the change")
                .doesNotContain("Exception");

        Files.writeString(pipeline, text.replace("    snapshots: snapshots/customers\n", "    snapshots: snapshots/customers\n    args: [--allow-breaking]\n"));
        CliRun resumed = CliRun.of("run", pipeline.toString(), "--warehouse", warehouse, "--date", "2024-01-04", "--resume");
        assertThat(resumed.exitCode()).as(resumed.out() + resumed.err()).isZero();
        assertThat(resumed.out()).contains("pipeline customers finished");
    }

    @Test
    void theHintAddsToArgsTheStepHasAndIsLeftOutWhenTheStepHasTheOptionOrTheMessageNamesNone() {
        Pipeline p = new Pipeline(Path.of("pipelines/shop.yaml"), "shop", List.of(), List.of());
        String message = "Cannot snapshot table shop.customers: it has drifted from its contract (... needs --allow-breaking): - column country";
        Pipeline.Step landing = new Pipeline.Step("ingest", StepKind.INGEST, List.of(), Map.of("args", List.of("--threads", "4")), 14, 5);
        assertThat(PipelineRunner.argsHint(p, landing, message)).contains(
                "in a pipeline the option is the step's: add --allow-breaking to the args: of step ingest (shop.yaml:14:5), for the run that takes the change");
        Pipeline.Step allowed = new Pipeline.Step("ingest", StepKind.INGEST, List.of(), Map.of("args", List.of("--allow-breaking")), 14, 5);
        assertThat(PipelineRunner.argsHint(p, allowed, message)).isEmpty();
        assertThat(PipelineRunner.argsHint(p, landing, "Cannot read MySQL: connection refused (--allow-breakings is no option)")).isEqualTo(Optional.empty());
    }
}
