package io.meshkit.cli.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Where the option goes that a failed pipeline step's message names ({@code --allow-breaking}): in the step's
 * {@code args:}, since {@code meshkit run} does not take the tools' options (the whole run: TemplateSchemaChangeIT).
 */
class ArgsHintTest {
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
