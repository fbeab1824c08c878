package io.meshkit.cli.pipeline.steps;

import io.meshkit.cli.pipeline.Pipeline;
import io.meshkit.core.contract.Contract;
import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import io.meshkit.core.landing.LandingZone;
import io.meshkit.core.landing.LandingZones;
import io.meshkit.core.progress.Progress;
import io.meshkit.core.runlog.RunLog;
import io.meshkit.core.secret.Secrets;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.snapshotingest.api.LockFallback;
import io.meshkit.snapshotingest.api.SnapshotOptions;
import io.meshkit.snapshotingest.api.SnapshotRequest;
import io.meshkit.snapshotingest.api.TableResult;
import io.meshkit.snapshotingest.di.IngestComponent;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code ingest}: a MySQL snapshot of the step's contracts for a date, through snapshot-ingest's api (one
 * consistent snapshot of every contract's tables) in the run's warehouse. The step's {@code args:} take the options
 * of {@code meshkit ingest snapshot} that shape a run ({@code --threads}, {@code --chunk-rows},
 * {@code --lock-wait-timeout}, {@code --on-lock-timeout}, {@code --source-time-zone}, {@code --allow-additive},
 * {@code --allow-breaking}, {@code --force}, {@code --landing}, {@code --staging}) and {@code --allow-duplicate-keys}:
 * without it, a source with repeated key values fails the step (exit 1, as {@code ingest snapshot} exits), with it
 * the step goes on. The plan shows the {@code meshkit ingest snapshot} command a user could run by hand.
 */
public final class IngestStep implements PipelineStep {
    @Override
    public List<String> plan(Unit unit, StepContext context) {
        return List.of(display(unit, context));
    }

    @Override
    public StepOutcome run(Unit unit, StepContext context) {
        Pipeline.Step s = unit.step();
        String shown = display(unit, context); // to rerun it by hand
        try {
            Settings settings = settings(s.id(), context.files().expand(s.string("source").orElseThrow()),
                    Optional.ofNullable(context.files().env(Secrets.MYSQL_PASSWORD_VARIABLE)),
                    s.strings("contract").stream().map(context::contract).toList(), unit.date().orElseThrow(),
                    s.strings("args").stream().map(context.files()::expand).toList());
            StepOutcome o = run(context.warehouse(), context.runLog(), context.clock(), settings);
            return new StepOutcome(o.exitCode(), o.rows(), o.message(), o.exitCode() == 0 ? "" : shown, false);
        } catch (RuntimeException e) {
            MeshkitException m = StepContext.asMeshkit(e);
            // the whole message: a breaking change lists its columns on the lines after the first
            return StepOutcome.failed(m.exitCode(), Secrets.redact(String.join(" ", m.getMessage().lines().map(String::strip).toList())), shown);
        }
    }

    /** {@code meshkit ingest snapshot ...} for the step's contracts, with {@code ${VAR}} shown by name and secrets redacted. */
    private static String display(Unit unit, StepContext context) {
        Pipeline.Step s = unit.step();
        List<String> a = new ArrayList<>(List.of("snapshot", "--source", Secrets.redact(s.string("source").orElseThrow())));
        s.strings("contract").forEach(c -> a.addAll(List.of("--contract", context.files().path(c).toString())));
        a.addAll(List.of("--date", unit.date().map(LocalDate::toString).orElse("")));
        s.strings("args").forEach(x -> a.add(Secrets.redact(x)));
        return CommandText.of("ingest").words(a).global(context).toString();
    }

    /** What the step's args ask for. */
    record Settings(SnapshotRequest request, String landing, boolean allowDuplicateKeys) {}

    /** The request of a step for a date; {@code args} are the step's {@code args:}, expanded. */
    static Settings settings(String stepId, String source, Optional<String> password, List<Contract> contracts, LocalDate date,
            List<String> args) {
        int threads = 2;
        long chunkRows = 250_000;
        long lockWait = 10;
        LockFallback onLockTimeout = LockFallback.FAIL;
        ZoneId zone = ZoneOffset.UTC;
        boolean allowAdditive = false;
        boolean allowBreaking = false;
        boolean force = false;
        boolean allowDuplicateKeys = false;
        String landing = LoadSnapshotStep.LANDING;
        Optional<String> staging = Optional.empty();
        List<String> a = new ArrayList<>();
        for (String arg : args) { // --name=value as --name value
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                a.add(arg.substring(0, eq));
                a.add(arg.substring(eq + 1));
            } else {
                a.add(arg);
            }
        }
        for (int i = 0; i < a.size(); i++) {
            String name = a.get(i);
            switch (name) {
                case "--allow-additive" -> allowAdditive = true;
                case "--allow-breaking" -> allowBreaking = true;
                case "--force" -> force = true;
                case "--allow-duplicate-keys" -> allowDuplicateKeys = true;
                case "--threads", "--chunk-rows", "--lock-wait-timeout", "--on-lock-timeout", "--source-time-zone", "--landing", "--staging" -> {
                    if (i + 1 >= a.size()) {
                        throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot run step " + stepId + ": " + name + " in args needs a value");
                    }
                    String value = a.get(++i);
                    try {
                        switch (name) {
                            case "--threads" -> threads = Integer.parseInt(value);
                            case "--chunk-rows" -> chunkRows = Long.parseLong(value);
                            case "--lock-wait-timeout" -> lockWait = Long.parseLong(value);
                            case "--on-lock-timeout" -> onLockTimeout = LockFallback.valueOf(value.toUpperCase(Locale.ROOT));
                            case "--source-time-zone" -> zone = ZoneId.of(value);
                            case "--landing" -> landing = value;
                            default -> staging = Optional.of(value);
                        }
                    } catch (IllegalArgumentException | DateTimeException e) {
                        throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot run step " + stepId + ": " + name + " " + value
                                + " in args is not a valid value", e);
                    }
                }
                default -> throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot run step " + stepId + ": ingest takes only"
                        + " --threads, --chunk-rows, --lock-wait-timeout, --on-lock-timeout, --source-time-zone, --allow-additive,"
                        + " --allow-breaking, --allow-duplicate-keys, --force, --landing and --staging in args, not " + name);
            }
        }
        SnapshotOptions options = new SnapshotOptions(date, threads, chunkRows, Duration.ofSeconds(lockWait), onLockTimeout, allowAdditive, zone,
                force, allowBreaking);
        return new Settings(new SnapshotRequest(source, password, List.of(), contracts, staging, options), landing, allowDuplicateKeys);
    }

    /** Runs the snapshot on an open warehouse, recording in {@code runLog}; returns the rows staged and the step's line. */
    static StepOutcome run(Warehouse warehouse, RunLog runLog, Clock clock, Settings settings) {
        List<TableResult> results;
        try (LandingZone landing = LandingZones.open(settings.landing())) {
            results = IngestComponent.over(warehouse, runLog, landing, clock).snapshot(settings.request(), Progress.none());
        }
        long rows = 0;
        List<String> parts = new ArrayList<>();
        List<String> repeated = new ArrayList<>();
        for (TableResult r : results) {
            rows += r.stagedRows();
            parts.add(r.stagedRows() + " rows of MySQL " + r.sourceTable() + " into " + r.staging());
            if (r.duplicateKeys() > 0) {
                repeated.add(r.duplicateKeys() + " repeated key value" + (r.duplicateKeys() == 1 ? "" : "s") + " in " + r.staging());
            }
        }
        String text = "staged " + String.join(", ", parts);
        if (!repeated.isEmpty()) {
            if (!settings.allowDuplicateKeys()) {
                return new StepOutcome(1, rows, text + "; " + String.join(", ", repeated)
                        + " (the source has no unique index on the key; args: [--allow-duplicate-keys] goes on)", "", false);
            }
            text += "; " + String.join(", ", repeated) + " (allowed)";
        }
        return StepOutcome.ok(rows, text);
    }
}
