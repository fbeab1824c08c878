package io.meshkit.monitor.cli;

import io.meshkit.core.cli.CliSupport;
import io.meshkit.core.cli.ToolCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code meshkit-monitor}: failed runs, late datasets and recoveries, alerted once per change of state. */
@Command(name = "meshkit-monitor", mixinStandardHelpOptions = true, version = "meshkit-monitor 0.1.0-SNAPSHOT",
        description = "Watch datasets: failed runs, late data (freshness SLA) and recoveries, alerted once per change of state.",
        subcommands = {CheckCommand.class, StatusCommand.class, MetricsCommand.class, SnoozeCommand.class, UnsnoozeCommand.class,
                SnoozesCommand.class, HistoryCommand.class, io.meshkit.core.cli.HelpCommand.class})
public final class MonitorCli extends ToolCommand {
    /** Runs the command line. */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line; tests call {@code parseArgs} or {@code execute} on it. */
    public static CommandLine commandLine() {
        return CliSupport.configure(new CommandLine(new MonitorCli()));
    }
}
