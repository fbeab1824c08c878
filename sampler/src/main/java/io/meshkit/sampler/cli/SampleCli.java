package io.meshkit.sampler.cli;

import io.meshkit.core.cli.CliSupport;
import io.meshkit.core.cli.ToolCommand;
import io.meshkit.sampler.api.Rate;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code meshkit-sample} (also {@code meshkit sample}): consistent per-user sampling. */
@Command(name = "meshkit-sample", versionProvider = io.meshkit.core.cli.MeshkitVersion.class, resourceBundle = "io.meshkit.sampler.cli.Options",
        mixinStandardHelpOptions = true,
        description = "Consistent per-user sampling: prepare tables, query a rate of users with 95%% intervals, recommend and evaluate rates.",
        subcommands = {PrepareCommand.class, QueryCommand.class, SqlCommand.class, RecommendCommand.class, EvaluateCommand.class,
            io.meshkit.core.cli.HelpCommand.class},
        footer = {"%nExample:", "  $ ${COMMAND-FULL-NAME} query --contract examples/music/contracts/plays.odcs.yaml --table music_sampled.plays --rate 50%% -m plays_per_listener=count/users"},
        exitCodeList = {"0:ok", "1:no rate meets the target (recommend)", "2:bad input", "3:the warehouse failed", "4:internal error"})
public final class SampleCli extends ToolCommand {
    /** Runs the command line and exits with its exit code. */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line; tests call {@code parseArgs} or {@code execute} on it. */
    public static CommandLine commandLine() {
        CommandLine cmd = CliSupport.configure(new CommandLine(new SampleCli()));
        cmd.registerConverter(Rate.class, Rate::parse);
        return cmd;
    }
}
