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
}
