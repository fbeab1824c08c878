package io.meshkit.snapshotingest.cli;

import io.meshkit.core.cli.CliSupport;
import io.meshkit.core.cli.Formats;
import io.meshkit.core.cli.OutputFormat;
import io.meshkit.core.config.MeshkitConfig;
import io.meshkit.core.landing.LandingZone;
import io.meshkit.core.landing.LandingZones;
import io.meshkit.snapshotingest.api.SnapshotRequest;
import io.meshkit.snapshotingest.di.IngestComponent;
import java.io.PrintWriter;
import java.net.URI;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code meshkit-ingest snapshot}: land a consistent snapshot of MySQL tables and stage it. */
@Command(name = "snapshot", description = "Snapshot MySQL tables at one point in time into the landing zone (Parquet) and load them into staging.",
        footer = {"%nExample:", "  $ ${COMMAND-FULL-NAME} --source 'jdbc:mysql://127.0.0.1:3306/music?user=meshkit' --contract examples/music/contracts/tracks.odcs.yaml --date 2019-04-28"})
@Formats({OutputFormat.TEXT, OutputFormat.JSON})
final class SnapshotCommand extends IngestCommand {
    @Mixin
    SourceOptions sourceOptions;

    @Option(names = "--landing", paramLabel = "DIR|URI", defaultValue = ".meshkit/landing",
            description = "Landing zone: a directory or file: URI (default ${DEFAULT-VALUE}); gs://BUCKET/PREFIX where a GCS landing zone is installed.")
    String landing;

    @Option(names = "--staging", paramLabel = "NAMESPACE[.TABLE]", description = "Staging namespace, or table for a single source table "
            + "(default: <domain>_staging.<table> with a contract, <database>_staging.<table> without).")
    String staging;

    @Option(names = "--dry-run", description = "Show the plan (as the plan command does) and read nothing.")
    boolean dryRun;

    @Override
    public Integer call() {
        OutputFormat f = options.format();
        SnapshotRequest request = sourceOptions.request(staging, true);
        PrintWriter out = options.out();
        if (dryRun) {
            try (LandingZone none = LandingZones.open(".")) {
                PlanCommand.print(out, f, request, IngestComponent.of(MeshkitConfig.defaults(), none).ingest().plan(request));
            }
            return 0;
        }
        Run run = ingest(landing, (ingest, shown) -> ingest.snapshot(request, shown));
        print(f, request.options().date(), run, false);
        return run.results().stream().anyMatch(r -> r.duplicateKeys() > 0) ? CliSupport.FINDINGS : CliSupport.OK;
    }
}
