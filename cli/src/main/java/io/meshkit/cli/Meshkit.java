package io.meshkit.cli;

import io.meshkit.core.cli.CliSupport;
import io.meshkit.core.cli.ToolCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code meshkit} command: every module's commands as subcommands. */
@Command(name = "meshkit",
        mixinStandardHelpOptions = true,
        versionProvider = VersionCommand.Provider.class,
        description = "Platform tools for data-mesh domain teams: contracts, warehouse, and the module commands.",
        subcommands = {ContractCommand.class, QueryCommand.class, io.meshkit.cli.init.InitCommand.class,
            io.meshkit.cli.pipeline.RunCommand.class, io.meshkit.testing.cli.TestCommand.class, VersionCommand.class, CompletionCommand.class,
            io.meshkit.core.cli.HelpCommand.class},
        footer = {"%nExample:", "  $ meshkit run examples/music/pipeline.yaml"})
public final class Meshkit extends ToolCommand {
    /** Runs the command line and exits with its exit code. */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line; tests call {@code parseArgs} or {@code execute} on it. */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new Meshkit());
        for (Tool tool : Tool.values()) {
            CommandLine sub = tool.commandLine();
            sub.getCommandSpec().name(tool.subcommand());   // usage says "meshkit lint", not "meshkit meshkit-lint"
            commandLine.addSubcommand(tool.subcommand(), sub);
        }
        CliSupport.configure(commandLine);
        // SQL may start with a comment or a dash ("-- daily check\nSELECT 1"): an argument that is no option is the SQL
        commandLine.getSubcommands().get("query").setUnmatchedOptionsArePositionalParams(true);
        return commandLine;
    }
}
