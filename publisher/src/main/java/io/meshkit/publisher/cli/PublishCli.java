package io.meshkit.publisher.cli;

import io.meshkit.core.cli.CliSupport;
import io.meshkit.core.cli.ToolCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code meshkit-publish} (also {@code meshkit publish}): write-audit-publish of a dataset. Stage a
 * release candidate beside production, validate it against its contract, promote it atomically,
 * roll back to a kept version, list the history.
 */
@Command(name = "meshkit-publish", resourceBundle = "io.meshkit.publisher.cli.Options",
        mixinStandardHelpOptions = true,
        description = "Write-audit-publish: stage a release candidate, validate it, promote it atomically, roll back.",
        subcommands = {StageCommand.class, ValidateCommand.class, PromoteCommand.class, BackfillCommand.class, RollbackCommand.class,
                HistoryCommand.class, UnlockCommand.class, io.meshkit.core.cli.HelpCommand.class},
        exitCodeList = {"0:ok", "1:validation failed (nothing promoted)", "2:bad input, or the lease is held",
            "3:the warehouse failed", "4:internal error"})
public final class PublishCli extends ToolCommand {
    /** Runs the command line and exits with its exit code. */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line; tests call {@code parseArgs} or {@code execute} on it. */
    public static CommandLine commandLine() {
        return CliSupport.configure(new CommandLine(new PublishCli()));
    }
}
