package io.meshkit.cli.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshkit.core.contract.Contract;
import io.meshkit.core.contract.ContractReader;
import io.meshkit.core.contract.Dataset;
import io.meshkit.core.contract.DatasetTables;
import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import io.meshkit.core.identifier.TableId;
import io.meshkit.core.lineage.Lineage;
import io.meshkit.core.lineage.LineageConfig;
import io.meshkit.core.lineage.LineageDataset;
import io.meshkit.core.lineage.LineageEmitter;
import io.meshkit.core.lineage.LineageRunLog;
import io.meshkit.core.runlog.RunOutcome;
import io.meshkit.core.runlog.RunRecord;
import io.meshkit.core.runlog.RunStatus;
import io.meshkit.core.runlog.WarehouseRunLog;
import io.meshkit.core.secret.Secrets;
import io.meshkit.core.warehouse.TableLayout;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.core.warehouse.Warehouses;
import io.meshkit.core.warehouse.WriteMode;
import io.meshkit.differ.cli.DiffCli;
import io.meshkit.monitor.cli.MonitorCli;
import io.meshkit.publisher.cli.PublishCli;
import io.meshkit.sampler.cli.SampleCli;
import io.meshkit.scdbuilder.cli.ScdCli;
import io.meshkit.snapshotingest.api.FilesRequest;
import io.meshkit.snapshotingest.cli.IngestCli;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * Runs a {@link Pipeline}: dated steps once per date (each dated step for every date, in order,
 * before the steps that need it), the other steps once; every step in this JVM through the module
 * commands ({@code XxxCli.commandLine()}, {@code --format json}) so that one process holds the
 * embedded warehouse. One pipeline run id across the steps, one run record per step in the run
 * log (tool {@code pipeline}), and the outcome of each unit in {@code meshkit_meta.pipeline_steps}
 * for {@code --resume}. Stops at the first failing step.
 */
public final class PipelineRunner {
    private static final Pattern ENV = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");
    private static final Pattern MYSQL = Pattern.compile("mysql://(?:[^/@]*@)?([^/:?]+)(:\\d+)?/([^/?]+)");

    private final Pipeline pipeline;
    private final String warehouseUri;
    private final Map<String, String> settings;
    private final List<LocalDate> dates;
    private final Function<String, String> env;
    private final PrintWriter out;
    private final Report report;
    private LineageConfig lineage = LineageConfig.NONE;
    private Optional<Path> configFile = Optional.empty();

    /** A unit of work: a step, for one date when the step is dated. */
    record Unit(Pipeline.Step step, Optional<LocalDate> date) {
        String key() {
            return step.id() + date.map(d -> "@" + d).orElse("");
        }
    }

    /** A runner of a pipeline on a warehouse, for the given dates, reading environment variables through {@code env}. */
    public PipelineRunner(Pipeline pipeline, String warehouseUri, Map<String, String> settings, List<LocalDate> dates,
            Function<String, String> env, PrintWriter out) {
        this.pipeline = pipeline;
        this.warehouseUri = warehouseUri;
        this.settings = Map.copyOf(settings);
        this.dates = List.copyOf(dates);
        this.env = env;
        this.out = out;
        this.report = new Report(pipeline.name());
    }

    /**
     * Reports the pipeline run as one lineage job ({@code pipeline.NAME}) besides the runs of the
     * tools its steps call, which report themselves.
     */
    public PipelineRunner withLineage(LineageConfig config) {
        this.lineage = java.util.Objects.requireNonNull(config, "config is null");
        return this;
    }

    /** Passes {@code --config FILE} on to every step's command (the default is meshkit.yaml in the working directory). */
    public PipelineRunner withConfigFile(Optional<Path> file) {
        this.configFile = java.util.Objects.requireNonNull(file, "file is null");
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

    private boolean datesGiven = true;

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

    /** Prints the plan and changes nothing. */
    public int dryRun(boolean resume) {
        Set<String> done = resume ? withWarehouse(w -> new PipelineState(w).succeeded(runKey())) : Set.of();
        List<Unit> units = plan();
        out.println("Plan for pipeline " + pipeline.name() + " on " + warehouseUri + " (dry run: nothing written)");
        int n = 1;
        for (Unit u : units) {
            String prefix = String.format("%3d. %-30s", n++, u.key());
            if (done.contains(u.key())) {
                out.println(prefix + " skip (succeeded earlier for this run key)");
                continue;
            }
            for (String line : describe(u)) {
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

    /** Runs the pipeline and prints the report; returns the exit code. */
    public int run(boolean resume) {
        long started = System.nanoTime();
        List<Unit> units = plan();
        String runKey = runKey();
        String[] runIdHolder = new String[1];
        Set<String> done = withWarehouse(w -> {
            PipelineState state = new PipelineState(w);
            state.initialise();
            WarehouseRunLog.of(w).initialise();
            if (resume) {
                runIdHolder[0] = state.lastRun(runKey).orElse(null);
                return state.succeeded(runKey);
            }
            return Set.<String>of();
        });
        String runId = runIdHolder[0] != null ? runIdHolder[0] : UUID.randomUUID().toString();
        report.runId(runId, dates);
        out.println("pipeline " + pipeline.name() + ": run " + runId + ", " + units.size() + " steps"
                + (dates.isEmpty() ? "" : ", dates " + DateText.of(dates)) + ", warehouse " + warehouseUri);
        out.flush();
        Set<String> coveredByRestate = new HashSet<>();
        int exit = 0;
        try (LineageEmitter emitter = Lineage.open(lineage)) {
            Lineage.Run lineageRun = Lineage.start(emitter, lineage, java.time.Clock.systemUTC(), runId, "pipeline." + pipeline.name(),
                    lineageInputs(units), lineageOutputs(units));
            exit = runUnits(units, done, coveredByRestate, runKey, runId);
            // a step that only found something (exit 1, run on) does not fail the pipeline's run
            report.failure().ifPresentOrElse(lineageRun::fail, lineageRun::complete);
        }
        report.print(out, (System.nanoTime() - started) / 1_000_000);
        out.flush();
        return exit;
    }

    private int runUnits(List<Unit> units, Set<String> done, Set<String> coveredByRestate, String runKey, String runId) {
        int exit = 0;
        for (Unit u : units) {
            if (done.contains(u.key())) {
                out.println("  skip " + u.key() + " (succeeded earlier in run " + runId + ")");
                report.skipped();
                continue;
            }
            if (coveredByRestate.contains(u.key())) {
                out.println("  done " + u.key() + " (replayed by the restatement above)");
                recordUnit(runKey, runId, u, datasetOf(u.step()), new RunOutcome(RunStatus.SUCCEEDED, OptionalLong.empty(), OptionalLong.empty(),
                        Optional.empty()), "replayed by restatement");
                continue;
            }
            long t0 = System.nanoTime();
            StepOutcome outcome;
            try {
                outcome = execute(u, coveredByRestate);
            } catch (MeshkitException e) {
                outcome = StepOutcome.failed(e.exitCode(), e.getMessage().lines().findFirst().orElse(""));
            }
            long ms = (System.nanoTime() - t0) / 1_000_000;
            // no row count on the step's record: a pipeline step's rows (a day's load, a whole
            // candidate) are not the dataset's, and the monitor watches row counts per dataset
            RunOutcome ro = outcome.exitCode() == 0 || outcome.findingsOnly()
                    ? new RunOutcome(RunStatus.SUCCEEDED, OptionalLong.empty(), OptionalLong.empty(), Optional.empty())
                    : new RunOutcome(RunStatus.FAILED, OptionalLong.empty(), OptionalLong.empty(), Optional.of(outcome.message()));
            recordUnit(runKey, runId, u, datasetOf(u.step()), ro, outcome.message());
            String status = outcome.exitCode() == 0 ? "ok  " : outcome.findingsOnly() ? "warn" : "FAIL";
            out.println(String.format("  %s %-30s %6d ms  %s", status, u.key(), ms, outcome.message()));
            out.flush();
            if (outcome.exitCode() != 0) {
                if (outcome.findingsOnly()) {
                    exit = Math.max(exit, outcome.exitCode());
                    continue;
                }
                report.failed(u.key(), outcome.message(), outcome.command());
                exit = outcome.exitCode();
                break;
            }
        }
        return exit;
    }

    /**
     * For lineage: what the pipeline reads from outside the warehouse (the snapshot files it loads,
     * the MySQL database it ingests).
     */
    private List<LineageDataset> lineageInputs(List<Unit> units) {
        Map<String, LineageDataset> inputs = new java.util.LinkedHashMap<>();
        for (Unit u : units) {
            Pipeline.Step s = u.step();
            if (s.kind() == StepKind.LOAD_SNAPSHOT) {
                for (String c : s.strings("contract")) {
                    Contract contract = quietly(() -> contract(c));
                    Optional<String> dir = s.string("snapshots");
                    if (contract != null && dir.isPresent() && contract.datasets().size() == 1) {
                        Path root = path(dir.get()).toAbsolutePath().normalize();
                        inputs.putIfAbsent(root.toString(), LineageDataset.of("file", root.toString(), contract.datasets().get(0)));
                    }
                }
            } else if (s.kind() == StepKind.INGEST) {
                Matcher m = MYSQL.matcher(expand(s.string("source").orElse("")));
                if (m.find()) {
                    for (String c : s.strings("contract")) {
                        Contract contract = quietly(() -> contract(c));
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
        Map<String, LineageDataset> published = new java.util.LinkedHashMap<>();
        Map<String, LineageDataset> built = new java.util.LinkedHashMap<>();
        for (Unit u : units) {
            Pipeline.Step s = u.step();
            boolean publishes = s.kind() == StepKind.PUBLISH;
            if (!publishes && s.kind() != StepKind.SCD && s.kind() != StepKind.TRANSFORM) {
                continue;
            }
            for (String c : s.strings("contract")) {
                Contract contract = quietly(() -> contract(c));
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

    private void recordUnit(String runKey, String runId, Unit u, String dataset, RunOutcome outcome, String message) {
        withWarehouse(w -> {
            WarehouseRunLog log = WarehouseRunLog.of(w);
            RunRecord r = log.startRun("pipeline", dataset);
            log.finishRun(r.runId(), outcome.message().isPresent() ? outcome
                    : new RunOutcome(outcome.status(), outcome.rows(), outcome.bytes(), Optional.of("pipeline run " + runId + ", step " + u.key())));
            new PipelineState(w).record(runKey, runId, u.key(), outcome.status() == RunStatus.SUCCEEDED ? "succeeded" : "failed",
                    r.runId(), message);
            return null;
        });
    }

    private String datasetOf(Pipeline.Step step) {
        List<String> contracts = step.strings("contract");
        if (contracts.size() == 1 && step.kind() != StepKind.MONITOR) {
            try {
                Contract c = contract(contracts.get(0));
                if (c.datasets().size() == 1) {
                    return DatasetTables.of(c, c.datasets().get(0)).production().toString();
                }
            } catch (MeshkitException e) {
                // fall through: the step's failure says what is wrong with the contract
            }
        }
        return "pipeline:" + pipeline.name();
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
        String value = env.apply(var);
        boolean set = value != null && !value.isBlank();
        return negate != set;
    }

    // ---- what each step does ----

    private List<String> describe(Unit u) {
        Pipeline.Step s = u.step();
        String date = u.date().map(LocalDate::toString).orElse("");
        List<String> lines = new ArrayList<>();
        switch (s.kind()) {
            case LOAD_SNAPSHOT -> s.strings("contract").forEach(c -> lines.add("meshkit ingest files --snapshots "
                    + path(s.string("snapshots").orElseThrow()) + " --contract " + path(c) + " --date " + date));
            default -> commands(u, false).forEach(c -> lines.add(c.display));
        }
        if (s.kind() == StepKind.SAMPLE) {
            lines.add(0, "copy the production table into " + sampledTable(s) + " (prepare rewrites a table; production is a view)");
        }
        return lines;
    }

    record Command(String name, Supplier<CommandLine> factory, List<String> args, String display) {
        Command(String name, Supplier<CommandLine> factory, List<String> args) {
            this(name, factory, args, ToolCall.display(name, args));
        }
    }

    /**
     * The commands of a unit: run with every {@code ${VAR}} expanded, shown with the variable's name
     * instead of its value (a value may be a secret, and the plan and a failure's command line land in
     * CI logs), and with any secret written literally redacted.
     */
    private List<Command> commands(Unit u, boolean restate) {
        List<Command> run = commands(u, restate, this::expand);
        List<Command> shown = commands(u, restate, Secrets::redact);
        List<Command> out = new ArrayList<>();
        for (int i = 0; i < run.size(); i++) {
            Command r = run.get(i);
            out.add(new Command(r.name(), r.factory(), r.args(), ToolCall.display(r.name(), shown.get(i).args().stream().map(Secrets::redact).toList())));
        }
        return out;
    }

    private List<Command> commands(Unit u, boolean restate, UnaryOperator<String> expand) {
        Pipeline.Step s = u.step();
        List<Command> out = new ArrayList<>();
        List<String> extra = s.strings("args").stream().map(expand).toList();
        for (String contract : s.strings("contract")) {
            String c = path(contract).toString();
            switch (s.kind()) {
                case INGEST -> out.add(new Command("ingest", IngestCli::commandLine,
                        args(List.of("snapshot", "--source", expand.apply(s.string("source").orElseThrow()), "--contract", c,
                                "--date", u.date().orElseThrow().toString()), extra)));
                case SCD -> {
                    if (s.string("events").isPresent()) {
                        out.add(new Command("scd", ScdCli::commandLine, args(List.of("from-events", "--contract", c, "--events",
                                s.string("events").get()), extra)));
                    } else if (restate) {
                        out.add(new Command("scd", ScdCli::commandLine, args(List.of("restate", "--contract", c, "--from",
                                u.date().orElseThrow().toString()), extra)));
                    } else {
                        out.add(new Command("scd", ScdCli::commandLine, args(List.of("apply", "--contract", c, "--date",
                                u.date().orElseThrow().toString()), extra)));
                    }
                }
                case TRANSFORM -> out.add(new Command("publish", PublishCli::commandLine,
                        args(List.of("stage", "--contract", c, "--query-file", path(s.string("sql").orElseThrow()).toString()), List.of())));
                case VALIDATE -> out.add(new Command("publish", PublishCli::commandLine, args(List.of("validate", "--contract", c), extra)));
                case DIFF -> out.add(new Command("diff", DiffCli::commandLine, args(List.of("--contract", c), extra)));
                case PUBLISH -> out.add(new Command("publish", PublishCli::commandLine, args(List.of("promote", "--contract", c), extra)));
                case SAMPLE -> {
                    String table = sampledTable(s).toString();
                    List<String> prepare = new ArrayList<>(List.of("prepare", "--table", table));
                    s.string("key").ifPresent(k -> prepare.addAll(List.of("--key", k)));
                    if (s.string("key").isEmpty()) {
                        prepare.addAll(List.of("--key", samplingKey(contract)));
                    }
                    out.add(new Command("sample", SampleCli::commandLine, args(prepare, List.of())));
                    List<String> query = new ArrayList<>(List.of("query", "--table", table, "--key", s.string("key").orElseGet(() -> samplingKey(contract)),
                            "--rate", s.string("rate").orElse("10%")));
                    s.string("subsamples").ifPresent(b -> query.addAll(List.of("--subsamples", b)));
                    s.strings("by").forEach(b -> query.addAll(List.of("--by", b)));
                    s.map("metrics").forEach((name, expr) -> query.addAll(List.of("-m", name + "=" + expr)));
                    out.add(new Command("sample", SampleCli::commandLine, args(query, List.of())));
                }
                case MONITOR -> { }
                case LOAD_SNAPSHOT -> { }
            }
        }
        if (s.kind() == StepKind.MONITOR) {
            List<String> a = new ArrayList<>(List.of("check"));
            for (String c : s.strings("contract")) {
                a.addAll(List.of("--contract", path(c).toString()));
            }
            out.add(new Command("monitor", MonitorCli::commandLine, args(a, extra)));
        }
        return out;
    }

    private List<String> args(List<String> base, List<String> extra) {
        List<String> a = new ArrayList<>(base);
        a.addAll(extra);
        a.addAll(List.of("--warehouse", warehouseUri, "--format", "json"));
        configFile.ifPresent(f -> a.addAll(List.of("--config", f.toString())));
        return a;
    }

    private StepOutcome execute(Unit u, Set<String> coveredByRestate) {
        Pipeline.Step s = u.step();
        switch (s.kind()) {
            case LOAD_SNAPSHOT -> {
                FilesRequest request = LoadSnapshotStep.request(s.id(), path(s.string("snapshots").orElseThrow()),
                        s.strings("contract").stream().map(this::contract).toList(), u.date().orElseThrow(),
                        s.strings("args").stream().map(this::expand).toList());
                return withWarehouse(w -> LoadSnapshotStep.run(w, request));
            }
            case INGEST -> {
                String shown = String.join("; ", commands(u, false).stream().map(Command::display).toList()); // to rerun it by hand
                try {
                    IngestStep.Settings settings = IngestStep.settings(s.id(), expand(s.string("source").orElseThrow()),
                            Optional.ofNullable(env.apply(Secrets.MYSQL_PASSWORD_VARIABLE)), s.strings("contract").stream().map(this::contract).toList(),
                            u.date().orElseThrow(), s.strings("args").stream().map(this::expand).toList());
                    StepOutcome o = withWarehouse(w -> IngestStep.run(w, LineageRunLog.wrap(WarehouseRunLog.of(w), lineage, w.uri(),
                            java.time.Clock.systemUTC()), settings));
                    return new StepOutcome(o.exitCode(), o.rows(), o.message(), shown, false);
                } catch (MeshkitException e) {
                    // the whole message: a breaking change lists its columns on the lines after the first
                    return StepOutcome.failed(e.exitCode(), Secrets.redact(String.join(" ", e.getMessage().lines().map(String::strip).toList())), shown);
                }
            }
            case SCD -> {
                boolean restate = false;
                if (!s.dated()) {
                    return runAll(u, commands(u, false));
                }
                LocalDate date = u.date().orElseThrow();
                String dataset = datasetOf(s);
                Optional<java.time.LocalDateTime> last = withWarehouse(w -> new PipelineState(w).lastApplied(dataset));
                if (last.isPresent() && last.get().toLocalDate().isAfter(date)) {
                    // re-running dates already applied: replay them all from the first one, once
                    restate = true;
                    for (LocalDate d : dates) {
                        if (d.isAfter(date)) {
                            coveredByRestate.add(new Unit(s, Optional.of(d)).key());
                        }
                    }
                }
                return runAll(u, commands(u, restate));
            }
            case DIFF -> {
                List<String> notes = new ArrayList<>();
                List<Command> run = new ArrayList<>();
                for (String c : s.strings("contract")) {
                    Contract contract = contract(c);
                    DatasetTables t = DatasetTables.of(contract, contract.datasets().get(0));
                    boolean exists = withWarehouse(w -> w.describe(t.production()).isPresent());
                    if (exists) {
                        run.add(commands(new Unit(withContract(s, c), u.date()), false).get(0));
                    } else {
                        notes.add(t.production() + ": new dataset, no production to compare");
                        report.diff(t.production().toString(), "new dataset (no production yet)");
                    }
                }
                StepOutcome o = runAll(u, run);
                if (!notes.isEmpty()) {
                    String msg = String.join("; ", notes) + (o.message().isEmpty() ? "" : "; " + o.message());
                    return new StepOutcome(o.exitCode(), o.rows(), msg, o.command(), o.findingsOnly());
                }
                return o;
            }
            case SAMPLE -> {
                String contractPath = s.strings("contract").get(0);
                Contract contract = contract(contractPath);
                TableId production = DatasetTables.of(contract, contract.datasets().get(0)).production();
                TableId sampled = sampledTable(s);
                withWarehouse(w -> {
                    w.createNamespace(sampled.namespace());
                    return w.createTableAs(sampled, w.dialect().sql().sql("SELECT * FROM ").table(production).build(), TableLayout.NONE,
                            WriteMode.REPLACE);
                });
                return runAll(u, commands(u, false));
            }
            default -> {
                return runAll(u, commands(u, false));
            }
        }
    }

    private static Pipeline.Step withContract(Pipeline.Step s, String contract) {
        return s.with(Map.of("contract", contract));
    }

    private StepOutcome runAll(Unit u, List<Command> commands) {
        long rows = 0;
        List<String> messages = new ArrayList<>();
        for (Command c : commands) {
            ToolCall call = ToolCall.run(c.name(), c.factory(), c.args());
            Optional<JsonNode> json = call.json();
            boolean findings = call.exitCode() == 1 && u.step().kind() == StepKind.MONITOR;
            if (call.exitCode() != 0 && !findings) {
                String what = call.exitCode() == 1 ? c.display().replaceFirst(" --.*", "") + " found something (exit 1)" : call.errorLine();
                return StepOutcome.failed(call.exitCode(), what + summaryOnFailure(json), c.display());
            }
            Summary summary = Summaries.of(u.step().kind(), c.args().get(0), json.orElse(null), report);
            rows += summary.rows();
            if (!summary.text().isEmpty()) {
                messages.add(summary.text());
            }
            if (findings) {
                return new StepOutcome(1, rows, String.join("; ", messages), c.display(), true);
            }
        }
        return StepOutcome.ok(rows, String.join("; ", messages));
    }

    private static String summaryOnFailure(Optional<JsonNode> json) {
        if (json.isEmpty()) {
            return "";
        }
        JsonNode n = json.get();
        if (n.path("expectation").path("violations").size() > 0) {
            List<String> v = new ArrayList<>();
            n.path("expectation").path("violations").forEach(x -> v.add(x.asText()));
            return ": " + String.join("; ", v);
        }
        if (n.path("validation").path("counts").has("failed")) {
            return ": " + n.path("validation").path("counts").path("failed").asLong() + " checks failed (" + n.path("outcome").asText() + ")";
        }
        if (n.path("counts").has("failed") && n.path("counts").path("failed").asLong() > 0) {
            return ": " + n.path("counts").path("failed").asLong() + " checks failed";
        }
        if (n.has("outcome")) {
            return " (" + n.path("outcome").asText() + ")";
        }
        if (n.has("status")) {
            return " (" + n.path("status").asText() + ")";
        }
        return "";
    }

    private TableId sampledTable(Pipeline.Step s) {
        if (s.string("table").isPresent()) {
            return TableId.parse(s.string("table").get());
        }
        Contract contract = contract(s.strings("contract").get(0));
        TableId production = DatasetTables.of(contract, contract.datasets().get(0)).production();
        return TableId.of(production.namespace().name() + "_sampled", production.name());
    }

    private String samplingKey(String contractPath) {
        Contract contract = contract(contractPath);
        return contract.datasets().get(0).samplingKey().map(k -> k.name()).orElseThrow(() -> new MeshkitException(ErrorCode.INVALID_ARGUMENT,
                "Cannot sample " + contractPath + ": the dataset has no meshkit.samplingKey; set 'key:' in the sample step"));
    }

    private Contract contract(String relative) {
        return ContractReader.create().read(path(relative));
    }

    private Path path(String relative) {
        Path p = Path.of(expand(relative));
        Path absolute = p.isAbsolute() ? p : pipeline.baseDir().resolve(p).normalize();
        // relative to the working directory when under it: the commands run there, and read better
        Path cwd = Path.of("").toAbsolutePath();
        return absolute.startsWith(cwd) && !absolute.equals(cwd) ? cwd.relativize(absolute) : absolute;
    }

    private String expand(String text) {
        Matcher m = ENV.matcher(text);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String v = env.apply(m.group(1));
            if (v == null) {
                throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot run pipeline " + pipeline.name() + ": environment variable "
                        + m.group(1) + " is not set");
            }
            m.appendReplacement(b, Matcher.quoteReplacement(v));
        }
        m.appendTail(b);
        return b.toString();
    }

    /**
     * {@code meshkit run --fresh}: removes what earlier runs left of the pipeline's datasets, so the next run starts
     * over: for each dataset its production, staging, candidate, rejected, work, version and sampled tables, and
     * its rows in the run log ({@code meshkit_meta}: runs, publications, applied snapshots, leases, alerts). Other
     * datasets of the warehouse are left alone. Returns what it removed (or would remove, on a dry run), one line each.
     */
    public List<String> fresh(boolean dryRun) {
        Set<String> datasets = new java.util.TreeSet<>();
        List<TableId> exact = new ArrayList<>();
        List<TableId> prefixes = new ArrayList<>();
        ContractReader reader = ContractReader.create();
        for (Pipeline.Step s : pipeline.steps()) {
            for (String c : s.strings("contract")) {
                Path p = path(c);
                if (!java.nio.file.Files.exists(p)) {
                    continue;
                }
                for (Path file : reader.findContracts(p)) {
                    Contract contract = reader.read(file);
                    for (Dataset ds : contract.datasets()) {
                        DatasetTables t = DatasetTables.of(contract, ds);
                        datasets.add(t.production().toString());
                        exact.addAll(List.of(t.production(), t.staging(), t.candidate(),
                                t.candidate().withName(t.candidate().name() + "_rejected"),
                                TableId.of(t.production().namespace().name() + "_sampled", t.production().name())));
                        prefixes.addAll(List.of(t.candidate().withName(t.candidate().name() + "__"),
                                t.staging().withName(t.staging().name() + "__"), t.staging().withName("_meshkit_load_" + t.staging().name() + "_"),
                                t.production().withName(t.production().name() + "__")));
                    }
                }
            }
        }
        return withWarehouse(w -> {
            List<String> removed = new ArrayList<>();
            java.util.Set<io.meshkit.core.identifier.Namespace> namespaces = new java.util.LinkedHashSet<>();
            exact.forEach(t -> namespaces.add(t.namespace()));
            // views (production) first: they read the version tables
            for (TableId t : exact) {
                if (w.describe(t).isPresent()) {
                    removed.add("table " + t);
                    if (!dryRun) {
                        w.drop(t);
                    }
                }
            }
            for (io.meshkit.core.identifier.Namespace ns : namespaces) {
                for (TableId t : w.listTables(ns)) {
                    boolean ours = prefixes.stream().anyMatch(pre -> pre.namespace().equals(ns)
                            && t.name().toLowerCase(java.util.Locale.ROOT).startsWith(pre.name().toLowerCase(java.util.Locale.ROOT)));
                    if (ours && removed.stream().noneMatch(r -> r.equals("table " + t))) {
                        removed.add("table " + t);
                        if (!dryRun) {
                            w.drop(t);
                        }
                    }
                }
            }
            for (TableId t : w.listTables(io.meshkit.core.identifier.Namespace.META)) {
                Optional<io.meshkit.core.warehouse.TableInfo> info = w.describe(t);
                if (info.isEmpty() || info.get().column(io.meshkit.core.identifier.ColumnName.of("dataset")).isEmpty()) {
                    continue;
                }
                io.meshkit.core.warehouse.SqlBuilder where = w.dialect().sql().sql(" WHERE ").id(io.meshkit.core.identifier.ColumnName.of("dataset"))
                        .sql(" IN (");
                where.join(List.copyOf(datasets), d -> where.bind(d));
                io.meshkit.core.warehouse.Sql cond = where.sql(")").build();
                long n;
                try (io.meshkit.core.warehouse.ResultRows r = w.query(w.dialect().sql().sql("SELECT COUNT(*) FROM ").table(t).append(cond).build())) {
                    n = ((Number) r.iterator().next().get(0)).longValue();
                }
                if (n == 0) {
                    continue;
                }
                try {
                    if (!dryRun) {
                        w.execute(w.dialect().sql().sql("DELETE FROM ").table(t).append(cond).build());
                    }
                    removed.add(n + " row" + (n == 1 ? "" : "s") + " of " + t);
                } catch (MeshkitException e) {
                    // a view over the run log (meshkit_meta.datasets): its tables are cleaned
                }
            }
            return removed;
        });
    }

    private <T> T withWarehouse(Function<Warehouse, T> work) {
        try (Warehouse w = Warehouses.open(warehouseUri, settings)) {
            return work.apply(w);
        }
    }

    /** How a step ended. */
    record StepOutcome(int exitCode, long rows, String message, String command, boolean findingsOnly) {
        static StepOutcome ok(long rows, String message) {
            return new StepOutcome(0, rows, message, "", false);
        }

        static StepOutcome failed(int exitCode, String message) {
            return new StepOutcome(exitCode, 0, message, "", false);
        }

        static StepOutcome failed(int exitCode, String message, String command) {
            return new StepOutcome(exitCode, 0, message, command, false);
        }
    }

}
