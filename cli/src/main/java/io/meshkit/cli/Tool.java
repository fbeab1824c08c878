package io.meshkit.cli;

import io.meshkit.linter.cli.LintCli;
import io.meshkit.monitor.cli.MonitorCli;
import io.meshkit.publisher.cli.PublishCli;
import io.meshkit.sampler.cli.SampleCli;
import io.meshkit.scdbuilder.cli.ScdCli;
import io.meshkit.differ.cli.DiffCli;
import io.meshkit.snapshotingest.cli.IngestCli;
import java.util.function.Supplier;
import picocli.CommandLine;

/**
 * The module commands: each is {@code meshkit <subcommand>} here and {@code bin/meshkit-<tool>} in
 * the distribution, the same command under two names.
 */
enum Tool {
    LINT("lint", LintCli::commandLine),
    MONITOR("monitor", MonitorCli::commandLine),
    PUBLISH("publish", PublishCli::commandLine),
    SAMPLE("sample", SampleCli::commandLine),
    SCD("scd", ScdCli::commandLine),
    DIFF("diff", DiffCli::commandLine),
    INGEST("ingest", IngestCli::commandLine);

    private final String subcommand;
    private final Supplier<CommandLine> factory;

    Tool(String subcommand, Supplier<CommandLine> factory) {
        this.subcommand = subcommand;
        this.factory = factory;
    }

    String subcommand() {
        return subcommand;
    }

    CommandLine commandLine() {
        return factory.get();
    }
}
