package io.meshkit.scdbuilder.cli;

import io.meshkit.core.cli.CliSupport;
import io.meshkit.core.cli.ToolCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code meshkit-scd} (also {@code meshkit scd}): type-2 dimensions from daily snapshots and change
 * events, written to the dataset's release candidate.
 */
@Command(name = "meshkit-scd", mixinStandardHelpOptions = true, version = "meshkit-scd 0.1.0",
        resourceBundle = "io.meshkit.scdbuilder.cli.Options",
        description = "Build type-2 dimension (SCD2) release candidates from daily snapshots or change events.",
        subcommands = {ApplyCommand.class, RestateCommand.class, RebuildCommand.class, FromEventsCommand.class, CheckCommand.class,
            AsOfCommand.class},
        exitCodeList = {"0:ok", "1:the candidate (or checked table) failed the SCD2 invariants", "2:bad input or configuration",
            "3:the warehouse failed", "4:internal error"})
public final class ScdCli extends ToolCommand {
    /** Runs the command line. */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line; tests parse and execute with it. */
    public static CommandLine commandLine() {
        return CliSupport.configure(new CommandLine(new ScdCli()));
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec().commandLine(), "Missing command: apply, restate, rebuild, from-events, check or as-of");
    }
}
