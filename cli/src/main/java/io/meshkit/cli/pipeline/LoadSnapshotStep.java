package io.meshkit.cli.pipeline;

import io.meshkit.core.contract.Contract;
import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import io.meshkit.core.landing.LandingZone;
import io.meshkit.core.landing.LandingZones;
import io.meshkit.core.progress.Progress;
import io.meshkit.core.runlog.WarehouseRunLog;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.snapshotingest.api.FilesRequest;
import io.meshkit.snapshotingest.api.TableResult;
import io.meshkit.snapshotingest.di.IngestComponent;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The {@code load-snapshot} step: snapshot-ingest's files source ({@code meshkit ingest files}), called through its
 * api: the files of a date, {@code DIR/snapshot_date=YYYY-MM-DD/*.csv|*.parquet}, into each contract's staging table,
 * with the same key checks, schema handling, manifest and run log as {@code ingest files}. The step's {@code args:}
 * take {@code --allow-breaking} and {@code --allow-duplicate-keys}.
 */
final class LoadSnapshotStep {
    /** The landing zone of the manifests, as {@code meshkit ingest files} and the ingest step default to. */
    static final String LANDING = ".meshkit/landing";

    private LoadSnapshotStep() {}

    /** The request of a step for a date; {@code args} are the step's {@code args:}, expanded. */
    static FilesRequest request(String stepId, Path snapshots, List<Contract> contracts, LocalDate date, List<String> args) {
        for (String a : args) {
            if (!a.equals("--allow-breaking") && !a.equals("--allow-duplicate-keys")) {
                throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot run step " + stepId + ": load-snapshot takes"
                        + " only --allow-breaking and --allow-duplicate-keys in args, not " + a);
            }
        }
        return new FilesRequest(snapshots, contracts, date, args.contains("--allow-breaking"), args.contains("--allow-duplicate-keys"));
    }

    /** Runs the request on an open warehouse; returns the rows staged and the step's line. */
    static PipelineRunner.StepOutcome run(Warehouse warehouse, FilesRequest request) {
        List<TableResult> results;
        try (LandingZone landing = LandingZones.open(LANDING)) {
            results = IngestComponent.over(warehouse, WarehouseRunLog.of(warehouse), landing, Clock.systemUTC()).files(request, Progress.none());
        }
        long rows = 0;
        List<String> parts = new ArrayList<>();
        for (TableResult r : results) {
            rows += r.stagedRows();
            parts.add(r.stagedRows() + " rows into " + r.staging()
                    + r.stagingChanges().stream().map(ch -> "; " + ch.text()).collect(Collectors.joining()));
        }
        return PipelineRunner.StepOutcome.ok(rows, "staged " + String.join(", ", parts));
    }
}
