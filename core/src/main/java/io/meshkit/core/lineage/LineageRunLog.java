package io.meshkit.core.lineage;

import static java.util.Objects.requireNonNull;

import io.meshkit.core.identifier.TableId;
import io.meshkit.core.runlog.DatasetActivity;
import io.meshkit.core.runlog.Lease;
import io.meshkit.core.runlog.Publication;
import io.meshkit.core.runlog.RunDatasets;
import io.meshkit.core.runlog.RunLog;
import io.meshkit.core.runlog.RunOutcome;
import io.meshkit.core.runlog.RunRecord;
import io.meshkit.core.runlog.RunStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * A run log that also reports every run as lineage: START when a tool starts a run on a dataset,
 * COMPLETE or FAIL when it finishes, with the dataset as the run's output in the warehouse's
 * namespace. Every tool that records runs (ingest, scd-builder, publisher) emits lineage this way
 * without code of its own. The run log stays the record; lineage never fails a run.
 */
public final class LineageRunLog implements RunLog, LineageReporting {
    private final RunLog delegate;
    private final LineageEmitter emitter;
    private final LineageConfig config;
    private final String namespace;
    private final Clock clock;
    private final Map<String, Lineage.Run> open = new ConcurrentHashMap<>();

    private LineageRunLog(RunLog delegate, LineageEmitter emitter, LineageConfig config, String namespace, Clock clock) {
        this.delegate = requireNonNull(delegate, "delegate is null");
        this.emitter = requireNonNull(emitter, "emitter is null");
        this.config = requireNonNull(config, "config is null");
        this.namespace = requireNonNull(namespace, "namespace is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * The run log itself when lineage is off, else one that reports its runs.
     *
     * @param namespace where the datasets live, e.g. the warehouse URI
     */
    public static RunLog wrap(RunLog runLog, LineageConfig config, String namespace, Clock clock) {
        LineageEmitter emitter = Lineage.open(config);
        return emitter.enabled() ? new LineageRunLog(runLog, emitter, config, namespace, clock) : runLog;
    }

    /** A run log that reports its runs to the given emitter (an embedding application's, or a test's). */
    public static LineageRunLog wrap(RunLog runLog, LineageEmitter emitter, LineageConfig config, String namespace, Clock clock) {
        return new LineageRunLog(runLog, emitter, config, namespace, clock);
    }

    /** A run that declares nothing is reported as writing its dataset, schema unknown. */
    @Override
    public RunRecord startRun(String tool, String dataset) {
        RunRecord run = delegate.startRun(tool, dataset);
        open.put(run.runId(), Lineage.start(emitter, config, clock, run.runId(), tool + "." + run.dataset(), List.of(),
                List.of(datasetOf(dataset))));
        return run;
    }

    @Override
    public RunRecord startRun(String tool, String dataset, RunDatasets datasets) {
        if (datasets.inputs().isEmpty() && datasets.outputs().isEmpty()) {
            return startRun(tool, dataset);
        }
        RunRecord run = delegate.startRun(tool, dataset, datasets);
        open.put(run.runId(), Lineage.start(emitter, config, clock, run.runId(), tool + "." + run.dataset(),
                datasets.inputs().stream().map(this::datasetOf).toList(),
                datasets.outputs().stream().map(this::datasetOf).toList()));
        return run;
    }

    @Override
    public Lineage.Run startJob(String job, RunDatasets datasets) {
        return Lineage.start(emitter, config, clock, java.util.UUID.randomUUID().toString(), job,
                datasets.inputs().stream().map(this::datasetOf).toList(),
                datasets.outputs().stream().map(this::datasetOf).toList());
    }

    private LineageDataset datasetOf(RunDatasets.Ref ref) {
        String ns = ref.namespace().orElse(namespace);
        return ref.schema()
                .map(schema -> ref.published() ? LineageDataset.published(ns, ref.name(), schema) : LineageDataset.of(ns, ref.name(), schema))
                .orElseGet(() -> new LineageDataset(ns, ref.name(), List.of()));
    }

    @Override
    public RunRecord finishRun(String runId, RunOutcome outcome) {
        RunRecord run = delegate.finishRun(runId, outcome);
        Lineage.Run lineage = open.remove(runId);
        if (lineage != null) {
            if (outcome.status() == RunStatus.FAILED) {
                lineage.fail(outcome.message().orElse("failed"));
            } else {
                lineage.complete();
            }
        }
        return run;
    }

    private LineageDataset datasetOf(String dataset) {
        int dot = dataset.indexOf('.');
        if (dot > 0 && dot < dataset.length() - 1 && dataset.indexOf('.', dot + 1) < 0) {
            return LineageDataset.of(namespace, TableId.of(dataset.substring(0, dot), dataset.substring(dot + 1)));
        }
        return new LineageDataset(namespace, dataset, List.of());
    }

    @Override
    public Optional<RunRecord> run(String runId) {
        return delegate.run(runId);
    }

    @Override
    public List<RunRecord> runs(String dataset, int limit) {
        return delegate.runs(dataset, limit);
    }

    @Override
    public void recordPublication(Publication publication) {
        delegate.recordPublication(publication);
    }

    @Override
    public List<Publication> publications(String dataset, int limit) {
        return delegate.publications(dataset, limit);
    }

    @Override
    public void forEachDatasetActivity(Instant recentSince, int recentRuns, Consumer<DatasetActivity> action) {
        delegate.forEachDatasetActivity(recentSince, recentRuns, action);
    }

    @Override
    public Lease acquireLease(String dataset, String holder, Duration ttl) {
        return delegate.acquireLease(dataset, holder, ttl);
    }

    @Override
    public void releaseLease(Lease lease) {
        delegate.releaseLease(lease);
    }

    @Override
    public Optional<Lease> currentLease(String dataset) {
        return delegate.currentLease(dataset);
    }

    @Override
    public Optional<Lease> unlock(String dataset, boolean force, String by) {
        return delegate.unlock(dataset, force, by);
    }

    @Override
    public java.util.List<String> leaseHistory(String dataset, int limit) {
        return delegate.leaseHistory(dataset, limit);
    }
}
