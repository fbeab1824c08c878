package io.meshkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MeshkitTest {
    @Test
    void parsesEverySubcommandWithoutRunningIt() {
        CommandLine cmd = Meshkit.commandLine();
        java.util.List<java.nio.file.Path> paths = cmd.parseArgs("contract", "validate", "a", "b").subcommand().subcommand()
                .matchedPositionalValue(0, java.util.List.of());
        assertThat(paths).containsExactly(java.nio.file.Path.of("a"), java.nio.file.Path.of("b"));
        Object format = cmd.parseArgs("query", "--format", "csv", "SELECT 1").subcommand().matchedOptionValue("--format", null);
        assertThat(format)
                .hasToString("CSV");
        assertThat(cmd.parseArgs("version").subcommand().commandSpec().name()).isEqualTo("version");
    }

    @Test
    void helpListsTheCommandsAndExitCodes() {
        CliRun run = CliRun.of("--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("contract").contains("query").contains("version")
                .contains("Exit codes:", "  2   bad input", "Environment:", "  MESHKIT_JAVA_OPTS");
    }

    @Test
    void versionNamesTheWarehouses() {
        CliRun run = CliRun.of("version");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("meshkit 0.1.0-SNAPSHOT").contains("warehouses: bigquery, duckdb");
    }

    @Test
    void unknownCommandsAreBadInputWithASuggestion() {
        CliRun run = CliRun.of("contracts");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Unmatched argument").contains("contract");
    }

    @Test
    void completionScriptsLoadInBashAndKnowNestedCommandsAndOptions(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        CliRun bash = CliRun.of("completion", "bash");
        assertThat(bash.exitCode()).isZero();
        assertThat(bash.out()).contains("complete -F").contains("apply", "restate", "--contract", "snapshot", "--progress");
        java.nio.file.Path script = java.nio.file.Files.writeString(dir.resolve("meshkit.bash"), bash.out());
        Process p = new ProcessBuilder("bash", "-c", "source '" + script + "' && complete -p meshkit").redirectErrorStream(true).start();
        String loaded = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(loaded).isZero();
        assertThat(loaded).contains("meshkit");
        assertThat(CliRun.of("completion", "zsh").out()).startsWith("autoload -U +X compinit && compinit");
        CliRun fish = CliRun.of("completion", "fish");
        assertThat(fish.exitCode()).isEqualTo(2);
        assertThat(fish.err()).isEqualTo("error: Cannot print completion for shell 'fish': expected bash or zsh" + System.lineSeparator());
    }
}
