package io.meshkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshkit.core.cli.MeshkitVersion;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code --version} answers the same build version for {@code meshkit} and every tool's own launcher. */
class VersionOptionTest {
    private static final Map<String, Supplier<CommandLine>> COMMANDS = Map.of(
            "meshkit", Meshkit::commandLine,
            "meshkit-diff", io.meshkit.differ.cli.DiffCli::commandLine,
            "meshkit-lint", io.meshkit.linter.cli.LintCli::commandLine,
            "meshkit-monitor", io.meshkit.monitor.cli.MonitorCli::commandLine,
            "meshkit-publish", io.meshkit.publisher.cli.PublishCli::commandLine,
            "meshkit-sample", io.meshkit.sampler.cli.SampleCli::commandLine,
            "meshkit-scd", io.meshkit.scdbuilder.cli.ScdCli::commandLine,
            "meshkit-ingest", io.meshkit.snapshotingest.cli.IngestCli::commandLine);

    @Test
    void everyLauncherPrintsItsNameAndTheBuildVersion() {
        assertThat(MeshkitVersion.version()).as("the filtered build properties").matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
        COMMANDS.forEach((name, command) -> {
            CommandLine c = command.get();
            StringWriter out = new StringWriter();
            c.setOut(new PrintWriter(out));
            assertThat(c.execute("--version")).as(name).isZero();
            assertThat(out.toString().strip()).as(name).isEqualTo(name + " " + MeshkitVersion.version());
        });
    }
}
