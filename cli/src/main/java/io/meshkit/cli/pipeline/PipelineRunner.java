package io.meshkit.cli.pipeline;

import io.meshkit.cli.pipeline.steps.PipelineFiles;
import io.meshkit.cli.pipeline.steps.StepContext;
import io.meshkit.cli.pipeline.steps.StepOutcome;
import io.meshkit.cli.pipeline.steps.Steps;
import io.meshkit.cli.pipeline.steps.Unit;
import io.meshkit.core.contract.Contract;
import io.meshkit.core.contract.Dataset;
import io.meshkit.core.contract.DatasetTables;
import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import io.meshkit.core.lineage.Lineage;
import io.meshkit.core.lineage.LineageConfig;
import io.meshkit.core.lineage.LineageDataset;
import io.meshkit.core.lineage.LineageEmitter;
import io.meshkit.core.lineage.LineageRunLog;
import io.meshkit.core.progress.Progress;
import io.meshkit.core.runlog.DatasetKey;
import io.meshkit.core.runlog.RunLog;
import io.meshkit.core.runlog.RunOutcome;
import io.meshkit.core.runlog.RunRecord;
import io.meshkit.core.runlog.RunStatus;
import io.meshkit.core.runlog.WarehouseRunLog;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.core.warehouse.Warehouses;
import io.meshkit.differ.api.PullRequestComments;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a {@link Pipeline}: dated steps once per date (each dated step for every date, in order,
 * before the steps that need it), the other steps once. The runner is the loop, the plan, resume and
 * the report; what each kind of step does is its {@link io.meshkit.cli.pipeline.steps.PipelineStep},
 * which calls its tool's Java API with a typed request and reads the typed result. The warehouse is
 * opened once per run and shared by every step and the bookkeeping; each contract is read once. One
 * pipeline run id across the steps, one run record per step in the run log (tool {@code pipeline}),
 * and the outcome of each unit in {@code meshkit_meta.pipeline_steps} for {@code --resume}. Stops at
 * the first failing step.
 */
public final class PipelineRunner {
    private static final Pattern MYSQL = Pattern.compile("mysql://(?:[^/@]*@)?([^/:?]+)(:\\d+)?/([^/?]+)");

    private final Pipeline pipeline;
    private final String warehouseUri;
    private final Map<String, String> settings;
    private final List<LocalDate> dates;
    private final PrintWriter out;
    private final Report report;
    private final PipelineFiles files;
    private LineageConfig lineage = LineageConfig.NONE;
    private Optional<Path> configFile = Optional.empty();
    private boolean datesGiven = true;
    private boolean fresh;
    private Supplier<PullRequestComments> pullRequests;

    /** A runner of a pipeline on a warehouse, for the given dates, reading environment variables through {@code env}. */
    public PipelineRunner(Pipeline pipeline, String warehouseUri, Map<String, String> settings, List<LocalDate> dates,
            java.util.function.Function<String, String> env, PrintWriter out) {
        this.pipeline = pipeline;
        this.warehouseUri = warehouseUri;
        this.settings = Map.copyOf(settings);
        this.dates = List.copyOf(dates);
        this.out = out;
        this.report = new Report(pipeline.name());
        this.files = new PipelineFiles(pipeline, env);
    }

    /**
     * Reports the pipeline run as one lineage job ({@code pipeline.NAME}) besides the runs of the
     * tools its steps call, which report themselves through the same emitter.
     */
    public PipelineRunner withLineage(LineageConfig config) {
        this.lineage = Objects.requireNonNull(config, "config is null");
        return this;
    }

    /** The configuration file ({@code --config}; default meshkit.yaml in the working directory) the steps read settings from. */
    public PipelineRunner withConfigFile(Optional<Path> file) {
        this.configFile = Objects.requireNonNull(file, "file is null");
        return this;
    }

    /**
     * Whether the dates were given on the command line ({@code --date}, {@code --dates}) rather than taken from the
     * pipeline file's {@code dates:}, which belong to its sample files: a step that reads a live source runs only
     * for dates given.
     */
    public PipelineRunner withDatesGiven(boolean given) {
        this.datesGiven = given;
        return this;
    }

    /** Lands in {@code root} what the steps land when their args name no landing zone (a golden test's own directory). */
    public PipelineRunner withLanding(String root) {
        files.withLanding(root);
        return this;
    }

    /** Whether the run starts the pipeline's datasets over first ({@code --fresh}, see {@link #fresh(boolean)}). */
    public PipelineRunner withFresh(boolean start) {
        this.fresh = start;
        return this;
    }

    /** Where diff steps post with {@code --post-to-github} (default: GitHub, from the environment); for tests. */
    public PipelineRunner withPullRequests(Supplier<PullRequestComments> comments) {
        this.pullRequests = Objects.requireNonNull(comments, "comments is null");
        return this;
    }

    /** How many contract files this runner read (each at most once). */
    int contractReads() {
        return files.contractReads();
    }

    /** The units in the order they run. */
    List<Unit> plan() {
        boolean anyDated = pipeline.steps().stream().anyMatch(s -> s.dated() && enabled(s));
        if (anyDated && dates.isEmpty()) {
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot run pipeline " + pipeline.name()
                    + ": it has dated steps but no dates: pass --date D or --dates FROM..TO, or set 'dates:' in " + pipeline.file());
        }
        if (!datesGiven) {
            for (Pipeline.Step s : pipeline.steps()) {
                if (s.kind() == StepKind.INGEST && s.dated() && enabled(s)) {
                    throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot run pipeline " + pipeline.name() + ": step " + s.id()
                            + " reads a live source" + s.string("when").map(w -> " (" + w.trim() + ")").orElse("")
                            + ", and the dates in " + pipeline.file().getFileName() + " (" + DateText.of(dates)
                            + ") are for its sample files: pass --date YYYY-MM-DD, or --date today");
                }
            }
        }
        List<Unit> units = new ArrayList<>();
        for (Pipeline.Step s : pipeline.steps()) {
            if (!enabled(s)) {
                continue;
            }
            if (s.dated()) {
                dates.forEach(d -> units.add(new Unit(s, Optional.of(d))));
            } else {
                units.add(new Unit(s, Optional.empty()));
            }
        }
        return units;
    }

    /** The run key: the same pipeline over the same dates. */
    String runKey() {
        String range = dates.isEmpty() ? "-" : dates.get(0) + ".." + dates.get(dates.size() - 1) + "/" + dates.size();
        return pipeline.name() + "|" + pipeline.file().toAbsolutePath().normalize() + "|" + range;
    }

    /** Prints the plan (each step's commands, built from its typed request) and changes nothing. */
    public int dryRun(boolean resume) {
        List<Unit> units = plan();
        readContracts();
        Set<String> done = Set.of();
        if (resume || fresh) {
            try (Warehouse w = open()) {
                if (fresh) {
                    printFresh(fresh(w, true), true);
                }
                done = resume ? new PipelineState(w).succeeded(runKey()) : Set.of();
            }
        }
        StepContext plan = context(Optional.empty(), Optional.empty(), "-", Clock.systemUTC());
        out.println("Plan for pipeline " + pipeline.name() + " on " + warehouseUri + " (dry run: nothing written)");
        int n = 1;
        for (Unit u : units) {
            String prefix = String.format("%3d. %-30s", n++, u.key());
            if (done.contains(u.key())) {
                out.println(prefix + " skip (succeeded earlier for this run key)");
                continue;
            }
            for (String line : Steps.of(u.step().kind()).plan(u, plan)) {
                out.println(prefix + " " + line);
                prefix = " ".repeat(prefix.length());
            }
        }
        for (Pipeline.Step s : pipeline.steps()) {
            if (!enabled(s)) {
                out.println("     " + s.id() + ": disabled by 'when: " + s.string("when").orElse("") + "'");
            }
        }
        out.flush();
        return 0;
    }

    /**
     * Reads every contract an enabled step names, as the run would, so a dry run stops with exit 2 at a missing or
     * broken contract's file:line:col instead of printing a plan that cannot run.
     */
    private void readContracts() {
        for (Pipeline.Step s : pipeline.steps()) {
            if (enabled(s)) {
                for (String c : s.strings("contract")) {
                    files.findContracts(files.path(c)).forEach(files::contract);
                }
            }
        }
    }

    /** Runs the pipeline and prints the report; returns the exit code. */
    public int run(boolean resume) {
        long started = System.nanoTime();
        List<Unit> units = plan();
        String runKey = runKey();
        Clock clock = Clock.systemUTC();
        int exit;
        try (Warehouse w = open(); LineageEmitter emitter = Lineage.open(lineage)) {
            if (fresh) {
                printFresh(fresh(w, false), false);
            }
            PipelineState state = new PipelineState(w);
            state.initialise();
            WarehouseRunLog bookkeeping = WarehouseRunLog.of(w);
            bookkeeping.initialise();
            Set<String> done = resume ? state.succeeded(runKey) : Set.of();
            String runId = (resume ? state.lastRun(runKey) : Optional.<String>empty()).orElseGet(() -> UUID.randomUUID().toString());
            report.runId(runId, dates);
            out.println("pipeline " + pipeline.name() + ": run " + runId + ", " + units.size() + " steps"
                    + (dates.isEmpty() ? "" : ", dates " + DateText.of(dates)) + ", warehouse " + warehouseUri);
            out.flush();
            // the tools record their runs in the same warehouse, and report them to the run's lineage emitter
            RunLog tools = emitter.enabled() ? LineageRunLog.wrap(new WarehouseRunLog(w, clock), emitter, lineage, w.uri(), clock)
                    : new WarehouseRunLog(w, clock);
            StepContext context = context(Optional.of(w), Optional.of(tools), runId, clock);
            Lineage.Run lineageRun = Lineage.start(emitter, lineage, clock, runId, "pipeline." + pipeline.name(),
                    lineageInputs(units), lineageOutputs(units));
            exit = runUnits(units, done, runKey, context, state, bookkeeping);
            // a step that only found something (exit 1, run on) does not fail the pipeline's run
            report.failure().ifPresentOrElse(lineageRun::fail, lineageRun::complete);
        }
        report.print(out, (System.nanoTime() - started) / 1_000_000);
        out.flush();
        return exit;
    }

    private StepContext context(Optional<Warehouse> w, Optional<RunLog> runLog, String runId, Clock clock) {
        StepContext c = new StepContext(files, w, runLog, clock, warehouseUri, configFile, runId, dates, report, out, Progress.none());
        return pullRequests == null ? c : c.withPullRequests(pullRequests);
    }

    private Warehouse open() {
        return Warehouses.open(warehouseUri, settings);
    }

    private int runUnits(List<Unit> units, Set<String> done, String runKey, StepContext context, PipelineState state, WarehouseRunLog log) {
        int exit = 0;
        String runId = context.runId();
        for (Unit u : units) {
            if (done.contains(u.key())) {
                out.println("  skip " + u.key() + " (succeeded earlier in run " + runId + ")");
                report.skipped();
                continue;
            }
            if (u.step().kind() == StepKind.MONITOR) {
                recordRecovery(log, runId, u.key());
            }
            if (context.coveredByRestate().contains(u.key())) {
                out.println("  done " + u.key() + " (replayed by the restatement above)");
                recordUnit(log, state, runKey, runId, u, new RunOutcome(RunStatus.SUCCEEDED, OptionalLong.empty(), OptionalLong.empty(),
                        Optional.empty()), "replayed by restatement");
                continue;
            }
            String dataset = datasetOf(u.step());
            Set<String> earlier = runIds(log, dataset);
            long t0 = System.nanoTime();
            StepOutcome outcome;
            try {
                outcome = Steps.of(u.step().kind()).run(u, context);
            } catch (MeshkitException e) {
                outcome = StepOutcome.failed(e.exitCode(), e.getMessage().lines().findFirst().orElse(""));
            }
            long ms = (System.nanoTime() - t0) / 1_000_000;
            // no row count on the step's record: a pipeline step's rows (a day's load, a whole
            // candidate) are not the dataset's, and the monitor watches row counts per dataset
            RunOutcome ro = outcome.exitCode() == 0 || outcome.findingsOnly()
                    ? new RunOutcome(RunStatus.SUCCEEDED, OptionalLong.empty(), OptionalLong.empty(), Optional.empty())
                    : new RunOutcome(RunStatus.FAILED, OptionalLong.empty(), OptionalLong.empty(), Optional.of(outcome.message()));
            Optional<RunRecord> own = log.runs(dataset, RECENT).stream()
                    .filter(r -> !earlier.contains(r.runId()) && !r.tool().equals("pipeline") && r.status() != RunStatus.RUNNING)
                    .findFirst();
            if (own.isPresent()) {
                // the step's tool recorded its run under the dataset: that run is the step's, with its real
                // duration and rows; a record of the pipeline's beside it only doubled the dataset's history
                state.record(runKey, runId, u.key(), ro.status() == RunStatus.SUCCEEDED ? "succeeded" : "failed", own.get().runId(),
                        outcome.message());
            } else {
                recordUnit(log, state, runKey, runId, u, ro, outcome.message());
            }
            String status = outcome.exitCode() == 0 ? "ok  " : outcome.findingsOnly() ? "warn" : "FAIL";
            out.println(String.format("  %s %-30s %6d ms  %s", status, u.key(), ms, outcome.message()));
            out.flush();
            if (outcome.exitCode() != 0) {
                if (outcome.findingsOnly()) {
                    exit = Math.max(exit, outcome.exitCode());
                    continue;
                }
                report.failed(u.key(), outcome.message(), outcome.command(), argsHint(pipeline, u.step(), outcome.message()));
                exit = outcome.exitCode();
                return exit;
            }
        }
        recordRecovery(log, runId, null);
        return exit;
    }

    /**
     * Where the option goes that a failed step's message names to let it go on ({@code --allow-breaking}): in the
     * step's {@code args:}, since {@code meshkit run} does not take the tools' options. Empty when the message names
     * no flag the step's kind takes, or the step has it already.
     */
    static Optional<String> argsHint(Pipeline pipeline, Pipeline.Step step, String message) {
        List<String> args = step.strings("args");
        List<String> named = step.kind().options().stream()
                .filter(o -> o.type() == StepOptions.Type.FLAG && !args.contains(o.name()))
                .map(StepOptions.Option::name)
                .filter(n -> Pattern.compile("(?<![\\w-])" + Pattern.quote(n) + "(?![\\w-])").matcher(message).find())
                .toList();
        if (named.isEmpty()) {
            return Optional.empty();
        }
        String flags = String.join(", ", named);
        String where = " step " + step.id() + " (" + pipeline.file().getFileName() + ":" + step.line() + ":" + step.column() + ")";
        return Optional.of("in a pipeline the option is the step's: " + (args.isEmpty() ? "args: [" + flags + "] on" + where
                : "add " + flags + " to the args: of" + where) + ", for the run that takes the change");
    }

    /**
     * The pipeline's own dataset ({@code pipeline:NAME}) holds the runs of steps without one dataset (several
     * contracts, the monitor) and the failures of steps whose dataset could not be known (a contract that could not
     * be read). Once a run gets past such a failure, the pipeline has recovered: that success is recorded there
     * before a monitor step looks and at the end, or the monitor would call the pipeline failing until a step
     * happened to be recorded under its name again.
     */
    private void recordRecovery(WarehouseRunLog log, String runId, String beforeStep) {
        String key = pipelineKey();
        Optional<RunRecord> finished = log.runs(key, 10).stream().filter(r -> r.status() != RunStatus.RUNNING).findFirst();
        if (finished.isEmpty() || finished.get().status() != RunStatus.FAILED) {
            return;
        }
        RunRecord r = log.startRun("pipeline", key);
        log.finishRun(r.runId(), new RunOutcome(RunStatus.SUCCEEDED, OptionalLong.empty(), OptionalLong.empty(),
                Optional.of("pipeline run " + runId + ": every step " + (beforeStep == null ? "" : "before " + beforeStep + " ")
                        + "succeeded after the failure of run " + finished.get().runId())));
    }

    private String pipelineKey() {
        return DatasetKey.of("pipeline:" + pipeline.name());
    }

    /** How many of a dataset's latest runs are looked at for the one a step's tool recorded. */
    private static final int RECENT = 20;

    private static Set<String> runIds(WarehouseRunLog log, String dataset) {
        return log.runs(dataset, RECENT).stream().map(RunRecord::runId).collect(java.util.stream.Collectors.toSet());
    }

    /**
     * Records a step under its dataset (or the pipeline's) as the pipeline's run: for a step whose tool records no
     * run of its own there (it failed before it began, or it is a tool that records none), so the monitor sees it.
     */
    private void recordUnit(WarehouseRunLog log, PipelineState state, String runKey, String runId, Unit u, RunOutcome outcome, String message) {
        RunRecord r = log.startRun("pipeline", datasetOf(u.step()));
        log.finishRun(r.runId(), outcome.message().isPresent() ? outcome
                : new RunOutcome(outcome.status(), outcome.rows(), outcome.bytes(), Optional.of("pipeline run " + runId + ", step " + u.key())));
        state.record(runKey, runId, u.key(), outcome.status() == RunStatus.SUCCEEDED ? "succeeded" : "failed", r.runId(), message);
    }

    /**
     * For lineage: what the pipeline reads from outside the warehouse (the snapshot files it loads,
     * the MySQL database it ingests).
     */
    private List<LineageDataset> lineageInputs(List<Unit> units) {
        Map<String, LineageDataset> inputs = new LinkedHashMap<>();
        for (Unit u : units) {
            Pipeline.Step s = u.step();
            if (s.kind() == StepKind.LOAD_SNAPSHOT) {
                for (String c : s.strings("contract")) {
                    Contract contract = quietly(() -> files.contract(c));
                    Optional<String> dir = s.string("snapshots");
                    if (contract != null && dir.isPresent() && contract.datasets().size() == 1) {
                        Path root = files.path(dir.get()).toAbsolutePath().normalize();
                        inputs.putIfAbsent(root.toString(), LineageDataset.of("file", root.toString(), contract.datasets().get(0)));
                    }
                }
            } else if (s.kind() == StepKind.INGEST) {
                String source = quietly(() -> files.expand(s.string("source").orElse("")));
                Matcher m = MYSQL.matcher(source == null ? "" : source);
                if (m.find()) {
                    for (String c : s.strings("contract")) {
                        Contract contract = quietly(() -> files.contract(c));
                        if (contract != null) {
                            for (Dataset d : contract.datasets()) {
                                String name = m.group(3) + "." + d.tableName();
                                inputs.putIfAbsent("mysql:" + name, LineageDataset.of("mysql://" + m.group(1)
                                        + (m.group(2) == null ? ":3306" : m.group(2)), name, d));
                            }
                        }
                    }
                }
            }
        }
        return List.copyOf(inputs.values());
    }

    /** For lineage: the datasets the pipeline publishes, and the candidates of the ones it builds without publishing. */
    private List<LineageDataset> lineageOutputs(List<Unit> units) {
        Map<String, LineageDataset> published = new LinkedHashMap<>();
        Map<String, LineageDataset> built = new LinkedHashMap<>();
        for (Unit u : units) {
            Pipeline.Step s = u.step();
            boolean publishes = s.kind() == StepKind.PUBLISH;
            if (!publishes && s.kind() != StepKind.SCD && s.kind() != StepKind.TRANSFORM) {
                continue;
            }
            for (String c : s.strings("contract")) {
                Contract contract = quietly(() -> files.contract(c));
                if (contract == null) {
                    continue;
                }
                for (Dataset d : contract.datasets()) {
                    DatasetTables t = DatasetTables.of(contract, d);
                    if (publishes) {
                        published.putIfAbsent(t.production().toString(), LineageDataset.of(warehouseUri, t.production(), d));
                    } else {
                        built.putIfAbsent(t.production().toString(), LineageDataset.of(warehouseUri, t.candidate(), d));
                    }
                }
            }
        }
        built.keySet().removeAll(published.keySet());
        List<LineageDataset> outputs = new ArrayList<>(published.values());
        outputs.addAll(built.values());
        return outputs;
    }

    private static <T> T quietly(Supplier<T> read) {
        try {
            return read.get();
        } catch (MeshkitException e) {
            return null; // the step itself reports what is wrong with its contract
        }
    }

    private String datasetOf(Pipeline.Step step) {
        List<String> contracts = step.strings("contract");
        if (contracts.size() == 1 && step.kind() != StepKind.MONITOR) {
            Contract c = quietly(() -> files.contract(contracts.get(0)));
            if (c != null && c.datasets().size() == 1) {
                return DatasetKey.of(DatasetTables.of(c, c.datasets().get(0)).production());
            }
        }
        return pipelineKey();
    }

    private boolean enabled(Pipeline.Step s) {
        Optional<String> when = s.string("when");
        if (when.isEmpty()) {
            return true;
        }
        String w = when.get().trim();
        boolean negate = w.startsWith("!");
        String var = (negate ? w.substring(1) : w).trim();
        if (var.startsWith("env.")) {
            var = var.substring(4);
        }
        String value = files.env(var);
        boolean set = value != null && !value.isBlank();
        return negate != set;
    }

    /**
     * {@code meshkit run --fresh}: removes what earlier runs left of the pipeline's datasets, so the next run starts
     * over (see {@link FreshStart}). Returns what it removed (or would remove, on a dry run), one line each.
     */
    public List<String> fresh(boolean dryRun) {
        try (Warehouse w = open()) {
            return fresh(w, dryRun);
        }
    }

    private List<String> fresh(Warehouse w, boolean dryRun) {
        return new FreshStart(pipeline, files).remove(w, dryRun);
    }

    private void printFresh(List<String> removed, boolean dryRun) {
        out.println("fresh start" + (dryRun ? " (dry run: would remove)" : "") + ": " + (removed.isEmpty()
                ? "nothing to remove in " + warehouseUri : removed.size() + " removed in " + warehouseUri));
        removed.forEach(r -> out.println("  removed " + r));
        out.flush();
    }
}
