package io.meshkit.cli.pipeline.steps;

import io.meshkit.cli.pipeline.Pipeline;
import io.meshkit.cli.pipeline.SnapshotLoader;
import io.meshkit.cli.pipeline.StepOptions;
import io.meshkit.core.contract.Contract;
import io.meshkit.core.contract.Dataset;
import io.meshkit.core.contract.DatasetTables;
import io.meshkit.core.error.MeshkitException;
import io.meshkit.core.staging.StagingSchema;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code load-snapshot}: the date's files ({@code DIR/snapshot_date=D/*.csv|*.parquet}) into each dataset's
 * staging table in the run's warehouse, through {@link SnapshotLoader}. Loading files is snapshot-ingest's
 * job: when it has its API (the {@code ingest} helper's work) this class calls it instead.
 */
public final class LoadSnapshotStep implements PipelineStep {
    @Override
    public List<String> plan(Unit unit, StepContext context) {
        Pipeline.Step s = unit.step();
        String date = unit.date().map(LocalDate::toString).orElse("");
        return s.strings("contract").stream().map(c -> "load " + context.files().path(s.string("snapshots").orElseThrow())
                .resolve("snapshot_date=" + date) + " into the staging table of " + context.files().path(c) + " (replacing " + date + ")").toList();
    }

    @Override
    public StepOutcome run(Unit unit, StepContext context) {
        Pipeline.Step s = unit.step();
        LocalDate date = unit.date().orElseThrow();
        long rows = 0;
        List<String> parts = new ArrayList<>();
        try {
            StepOptions o = s.options().expanded(s.kind(), context.files()::expand);
            for (String c : s.strings("contract")) {
                Contract contract = context.contract(c);
                for (Dataset ds : contract.datasets()) {
                    Path dir = context.files().path(s.string("snapshots").orElseThrow());
                    if (contract.datasets().size() > 1) {
                        dir = dir.resolve(ds.name());
                    }
                    List<Path> files = SnapshotLoader.files(dir, date);
                    List<StagingSchema.Change> changes = new ArrayList<>();
                    long n = SnapshotLoader.load(context.warehouse(), contract, ds, files, date, o.has("--allow-breaking"),
                            o.has("--allow-duplicate-keys"), changes);
                    DatasetTables t = DatasetTables.of(contract, ds);
                    changes.forEach(ch -> context.report().schemaChange(t.production().toString(), unit.key(), ch.text()));
                    rows += n;
                    parts.add(n + " rows into " + t.staging() + changes.stream().map(ch -> "; " + ch.text()).collect(Collectors.joining()));
                }
            }
        } catch (RuntimeException e) {
            MeshkitException m = StepContext.asMeshkit(e);
            return StepOutcome.failed(m.exitCode(), ContractStep.firstLine(m.getMessage()));
        }
        return StepOutcome.ok(rows, "staged " + String.join(", ", parts));
    }
}
