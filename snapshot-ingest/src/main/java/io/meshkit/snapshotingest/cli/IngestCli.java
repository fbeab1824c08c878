package io.meshkit.snapshotingest.cli;

import io.meshkit.core.cli.CliSupport;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code meshkit-ingest} (also {@code meshkit ingest}): consistent, chunked, resumable MySQL snapshots. */
@Command(name = "meshkit-ingest", mixinStandardHelpOptions = true, versionProvider = io.meshkit.core.cli.MeshkitVersion.class,
        description = "Stage consistent snapshots of MySQL tables (landed as Parquet), or snapshot files, into a warehouse staging table.",
        subcommands = {SnapshotCommand.class, FilesCommand.class, PlanCommand.class, ContractCommand.class},
        footer = {"%nExample:", "  $ ${COMMAND-FULL-NAME} files --snapshots examples/music/snapshots/tracks --contract examples/music/contracts/tracks.odcs.yaml --date 2019-04-28"})
public final class IngestCli {
    /** Runs the command line. */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, for the umbrella CLI and tests. */
    public static CommandLine commandLine() {
        return CliSupport.configure(new CommandLine(new IngestCli()));
    }
}
