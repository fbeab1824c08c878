package io.meshkit.snapshotingest.cli;

import io.meshkit.core.cli.CliSupport;
import io.meshkit.core.cli.FormatOption;
import io.meshkit.core.cli.OutputFormat;
import io.meshkit.core.cli.ProgressOption;
import io.meshkit.core.cli.VerboseOption;
import io.meshkit.core.cli.WarehouseOption;
import io.meshkit.core.landing.LandingZone;
import io.meshkit.core.landing.LandingZones;
import io.meshkit.core.progress.Progress;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.snapshotingest.api.FilesRequest;
import io.meshkit.snapshotingest.api.TableResult;
import io.meshkit.snapshotingest.di.IngestComponent;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code meshkit-ingest files}: the snapshot files of a date into the staging table, with the checks of a MySQL snapshot. */
@Command(name = "files", description = "Stage the snapshot files of a date (DIR/snapshot_date=YYYY-MM-DD/*.csv or *.parquet) into the "
        + "dataset's staging table: the contract's columns and key are checked and nothing is staged on a NULL or repeated key.",
        footer = {"%nExample:", "  $ ${COMMAND-FULL-NAME} --snapshots examples/music/snapshots/tracks --contract examples/music/contracts/tracks.odcs.yaml --date 2019-04-28"})
final class FilesCommand implements Callable<Integer> {
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

    @Mixin
    WarehouseOption warehouseOption;

    @Mixin
    FormatOption format;

    @Mixin
    VerboseOption verbose;

    @Mixin
    ProgressOption progressOption;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        OutputFormat f = format.require(OutputFormat.TEXT, OutputFormat.JSON);
        LocalDate d = SourceOptions.date(date);
        FilesRequest request = new FilesRequest(snapshots, SourceOptions.contracts(contracts), d, allowBreaking, allowDuplicateKeys);
        long start = System.nanoTime();
        try (LandingZone zone = LandingZones.open(landing)) {
            IngestComponent component = IngestComponent.of(warehouseOption.resolvedConfig(), zone);
            try (Warehouse warehouse = component.warehouse();
                    Progress shown = progressOption.start("ingest", spec.commandLine().getErr())) {
                List<TableResult> results = component.ingest().files(request, shown);
                shown.close();
                SnapshotCommand.print(spec.commandLine().getOut(), f, d, results, Duration.ofNanos(System.nanoTime() - start), zone.uri(), true);
                return CliSupport.OK;
            }
        }
    }
}
