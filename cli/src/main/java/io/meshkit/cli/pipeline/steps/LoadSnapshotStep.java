package io.meshkit.cli.pipeline.steps;

import io.meshkit.cli.pipeline.Pipeline;
import io.meshkit.cli.pipeline.StepOptions;
import io.meshkit.core.contract.Contract;
import io.meshkit.core.contract.DatasetTables;
import io.meshkit.core.error.MeshkitException;
import io.meshkit.core.landing.LandingZone;
import io.meshkit.core.landing.LandingZones;
import io.meshkit.core.progress.Progress;
import io.meshkit.snapshotingest.api.FilesRequest;
import io.meshkit.snapshotingest.api.TableResult;
import io.meshkit.snapshotingest.di.IngestComponent;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code load-snapshot}: snapshot-ingest's files source ({@code meshkit ingest files}) through its api, in the run's
 * warehouse: the files of a date, {@code DIR/snapshot_date=YYYY-MM-DD/*.csv|*.parquet}, into each contract's staging
 * table, with the same key checks, schema handling, manifest and run log as {@code ingest files}. The step's
 * {@code args:} take {@code --allow-breaking} and {@code --allow-duplicate-keys}.
 */
public final class LoadSnapshotStep implements PipelineStep {
    @Override
    public List<String> plan(Unit unit, StepContext context) {
        Pipeline.Step s = unit.step();
        String date = unit.date().map(LocalDate::toString).orElse("");
        return s.strings("contract").stream().map(c -> CommandText.of("ingest").words(List.of("files", "--snapshots",
                context.files().path(s.string("snapshots").orElseThrow()).toString(), "--contract", context.files().path(c).toString(),
                "--date", date)).words(s.strings("args")).global(context).toString()).toList();
    }

    @Override
    public StepOutcome run(Unit unit, StepContext context) {
        Pipeline.Step s = unit.step();
        List<TableResult> results;
        try {
            FilesRequest request = request(context.files().path(s.string("snapshots").orElseThrow()),
                    s.strings("contract").stream().map(context::contract).toList(), unit.date().orElseThrow(), s.options());
            try (LandingZone landing = LandingZones.open(context.files().landing())) {
                results = IngestComponent.over(context.warehouse(), context.runLog(), landing, context.clock()).files(request, Progress.none());
            }
        } catch (RuntimeException e) {
            MeshkitException m = StepContext.asMeshkit(e);
            return StepOutcome.failed(m.exitCode(), ContractStep.oneLine(m.getMessage()));
        }
        long rows = 0;
        List<String> parts = new ArrayList<>();
        for (TableResult r : results) {
            rows += r.stagedRows();
            r.stagingChanges().forEach(ch -> context.report().schemaChange(productionOf(r, s, context), unit.key(), ch.text()));
            // the result's other warnings (a column the contract does not declare, keys staged twice); its staging changes are above
            List<String> changes = r.stagingChanges().stream().map(ch -> ch.warning(r.staging())).toList();
            parts.add(r.stagedRows() + " rows into " + r.staging()
                    + r.stagingChanges().stream().map(ch -> "; " + ch.text()).collect(Collectors.joining())
                    + r.warnings().stream().filter(w -> !changes.contains(w)).map(w -> "; warning: " + w).collect(Collectors.joining()));
        }
        return StepOutcome.ok(rows, "staged " + String.join(", ", parts));
    }

    /** The dataset a staged table belongs to, as the report names datasets (its production table). */
    private static String productionOf(TableResult r, Pipeline.Step s, StepContext context) {
        for (String c : s.strings("contract")) {
            Contract contract = context.contract(c);
            for (var ds : contract.datasets()) {
                DatasetTables t = DatasetTables.of(contract, ds);
                if (t.staging().toString().equals(String.valueOf(r.staging()))) {
                    return t.production().toString();
                }
            }
        }
        return String.valueOf(r.staging());
    }

    /** The request of a step for a date, from its {@code args:} (read and checked with the file). */
    static FilesRequest request(Path snapshots, List<Contract> contracts, LocalDate date, StepOptions args) {
        return new FilesRequest(snapshots, contracts, date, args.has("--allow-breaking"), args.has("--allow-duplicate-keys"));
    }
}
