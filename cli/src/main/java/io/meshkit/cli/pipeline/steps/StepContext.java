package io.meshkit.cli.pipeline.steps;

import static java.util.Objects.requireNonNull;

import io.meshkit.cli.pipeline.PipelineState;
import io.meshkit.cli.pipeline.Report;
import io.meshkit.core.config.MeshkitConfig;
import io.meshkit.core.contract.Contract;
import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import io.meshkit.core.progress.Progress;
import io.meshkit.core.runlog.RunLog;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.differ.api.PullRequestComments;
import io.meshkit.differ.api.Differ;
import io.meshkit.differ.di.Differs;
import io.meshkit.differ.di.PullRequests;
import io.meshkit.publisher.api.PublishListener;
import io.meshkit.publisher.api.Publisher;
import io.meshkit.publisher.di.Publishers;
import io.meshkit.sampler.api.Sampler;
import io.meshkit.sampler.di.Samplers;
import io.meshkit.scdbuilder.api.ScdBuilder;
import io.meshkit.scdbuilder.di.ScdBuilders;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What every step of one pipeline run shares: the one warehouse (opened once per run, closed by the runner),
 * the run log the tools record in (reporting lineage when it is on), the contracts (each read once), the run
 * id, the dates, progress and output, and the tools' APIs over that warehouse, each built once.
 */
public final class StepContext {
    private final PipelineFiles files;
    private final Optional<Warehouse> warehouse;
    private final Optional<RunLog> runLog;
    private final Clock clock;
    private final String warehouseUri;
    private final Optional<Path> configFile;
    private final String runId;
    private final List<LocalDate> dates;
    private final Report report;
    private final PrintWriter out;
    private final Progress progress;
    private final Set<String> coveredByRestate = new HashSet<>();
    private Supplier<PullRequestComments> pullRequests = PullRequests::gitHubFromEnvironment;
    private ScdBuilder scd;
    private Publisher publisher;
    private Differ differ;
    private Sampler sampler;

    /**
     * The context of a run.
     *
     * @param warehouse the run's warehouse; empty for a plan, which touches none
     * @param runLog where the tools record their runs, over that warehouse
     * @param configFile {@code --config}, passed on in the commands shown
     */
    public StepContext(PipelineFiles files, Optional<Warehouse> warehouse, Optional<RunLog> runLog, Clock clock, String warehouseUri,
            Optional<Path> configFile, String runId, List<LocalDate> dates, Report report, PrintWriter out, Progress progress) {
        this.files = requireNonNull(files, "files is null");
        this.warehouse = requireNonNull(warehouse, "warehouse is null");
        this.runLog = requireNonNull(runLog, "runLog is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.warehouseUri = requireNonNull(warehouseUri, "warehouseUri is null");
        this.configFile = requireNonNull(configFile, "configFile is null");
        this.runId = requireNonNull(runId, "runId is null");
        this.dates = List.copyOf(dates);
        this.report = requireNonNull(report, "report is null");
        this.out = requireNonNull(out, "out is null");
        this.progress = requireNonNull(progress, "progress is null");
    }

    /** Where a diff step's {@code --post-to-github} posts (GitHub, from the environment, unless a test says otherwise). */
    public StepContext withPullRequests(Supplier<PullRequestComments> comments) {
        this.pullRequests = requireNonNull(comments, "comments is null");
        return this;
    }

    /** Paths, environment and contracts. */
    public PipelineFiles files() {
        return files;
    }

    /** A contract of the pipeline file, read once per run. */
    public Contract contract(String relative) {
        return files.contract(relative);
    }

    /** The run's warehouse. */
    public Warehouse warehouse() {
        return warehouse.orElseThrow(() -> new IllegalStateException("a plan opens no warehouse"));
    }

    /** Where the tools record their runs. */
    public RunLog runLog() {
        return runLog.orElseThrow(() -> new IllegalStateException("a plan records no run"));
    }

    /** The clock. */
    public Clock clock() {
        return clock;
    }

    /** The warehouse URI, for messages and the commands shown. */
    public String warehouseUri() {
        return warehouseUri;
    }

    /** {@code --config} as given. */
    public Optional<Path> configFile() {
        return configFile;
    }

    /** The configuration the tools read their settings from: {@code --config}, else meshkit.yaml here if there is one. */
    public MeshkitConfig config() {
        return MeshkitConfig.load(configFile);
    }

    /** The pipeline run id. */
    public String runId() {
        return runId;
    }

    /** The run's dates. */
    public List<LocalDate> dates() {
        return dates;
    }

    /** The end-of-run report the steps add to. */
    public Report report() {
        return report;
    }

    /** The run's output. */
    public PrintWriter out() {
        return out;
    }

    /** Progress of the long steps. */
    public Progress progress() {
        return progress;
    }

    /** The run's bookkeeping in the warehouse. */
    public PipelineState state() {
        return new PipelineState(warehouse());
    }

    /** The units a restatement already replayed in this run. */
    public Set<String> coveredByRestate() {
        return coveredByRestate;
    }

    /** Who publishes: {@code MESHKIT_ACTOR} (e.g. the CI identity), else the user name. */
    public String actor() {
        String env = files.env("MESHKIT_ACTOR");
        return env != null && !env.isBlank() ? env.strip() : System.getProperty("user.name", "unknown");
    }

    /** The SCD builder over the run's warehouse. */
    public ScdBuilder scd() {
        if (scd == null) {
            scd = ScdBuilders.create(warehouse(), runLog(), clock).withProgress(progress);
        }
        return scd;
    }

    /** The publisher over the run's warehouse. */
    public Publisher publisher() {
        if (publisher == null) {
            publisher = Publishers.create(warehouse(), runLog(), clock, PublishListener.NONE);
        }
        return publisher;
    }

    /** The differ over the run's warehouse. */
    public Differ differ() {
        if (differ == null) {
            differ = Differs.inWarehouse(warehouse());
        }
        return differ;
    }

    /** Where diffs are posted for review. */
    public PullRequestComments pullRequests() {
        return pullRequests.get();
    }

    /** The sampler over the run's warehouse. */
    public Sampler sampler() {
        if (sampler == null) {
            sampler = Samplers.over(warehouse());
        }
        return sampler;
    }

    /** A tool's error as the step's failure, exit code kept. */
    static MeshkitException asMeshkit(RuntimeException e) {
        return e instanceof MeshkitException m ? m : new MeshkitException(ErrorCode.INTERNAL_ERROR, "Internal error: "
                + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()), e);
    }
}
