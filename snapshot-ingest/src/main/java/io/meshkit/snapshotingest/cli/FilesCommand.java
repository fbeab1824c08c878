package io.meshkit.snapshotingest.cli;

import io.meshkit.core.cli.CliSupport;
import io.meshkit.core.cli.Formats;
import io.meshkit.core.cli.OutputFormat;
import io.meshkit.snapshotingest.api.FilesRequest;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code meshkit-ingest files}: the snapshot files of a date into the staging table, with the checks of a MySQL snapshot. */
@Command(name = "files", description = "Stage the snapshot files of a date (DIR/snapshot_date=YYYY-MM-DD/*.csv or *.parquet) into the "
        + "dataset's staging table: the contract's columns and key are checked and nothing is staged on a NULL or repeated key.",
        footer = {"%nExample:", "  $ ${COMMAND-FULL-NAME} --snapshots examples/music/snapshots/tracks --contract examples/music/contracts/tracks.odcs.yaml --date 2019-04-28"})
@Formats({OutputFormat.TEXT, OutputFormat.JSON})
final class FilesCommand extends IngestCommand {
    @Option(names = "--snapshots", required = true, paramLabel = "DIR",
            description = "The directory holding snapshot_date=YYYY-MM-DD directories of .csv or .parquet files (a contract with several datasets: DIR/<dataset>/snapshot_date=...).")
    Path snapshots;

    @Option(names = "--contract", required = true, paramLabel = "FILE", description = "A contract file or directory (repeatable): the columns "
            + "(by physical name in the files), their types and the primary key; staged as <domain>_staging.<table>.")
    List<Path> contracts = new ArrayList<>();

    @Option(names = "--date", required = true, paramLabel = "YYYY-MM-DD|today",
            description = "The snapshot date: which directory to read, and the snapshot_date of the staged rows; 'today' is today in UTC.")
    String date;

    @Option(names = "--allow-duplicate-keys", description = "Stage repeated primary-key values as they came (an event log delivered at least "
            + "once, deduplicated later); a NULL key is refused all the same.")
    boolean allowDuplicateKeys;

    @Option(names = "--allow-breaking", description = SourceOptions.ALLOW_BREAKING)
    boolean allowBreaking;

    @Option(names = "--landing", paramLabel = "DIR|URI", defaultValue = ".meshkit/landing",
            description = "Landing zone for the manifest (the files are read in place): a directory or file: URI (default ${DEFAULT-VALUE}).")
    String landing;

    @Override
    public Integer call() {
        OutputFormat f = options.format();
        LocalDate d = SourceOptions.date(date);
        FilesRequest request = new FilesRequest(snapshots, SourceOptions.contracts(contracts), d, allowBreaking, allowDuplicateKeys);
        print(f, d, ingest(landing, (ingest, shown) -> ingest.files(request, shown)), true);
        return CliSupport.OK;
    }
}
