package io.meshkit.cli.pipeline.steps;

import io.meshkit.cli.pipeline.Pipeline;
import io.meshkit.cli.pipeline.StepOptions;
import io.meshkit.core.contract.Contract;
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
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code ingest}: a MySQL snapshot of the step's contracts for a date, through snapshot-ingest's api (one
 * consistent snapshot of every contract's tables) in the run's warehouse. The step's {@code args:} take the options
 * of {@code meshkit ingest snapshot} that shape a run (declared in {@link io.meshkit.cli.pipeline.StepKind#options()},
 * so checked when the file is read) ({@code --threads}, {@code --chunk-rows},
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
            Settings settings = settings(context.files().expand(s.string("source").orElseThrow()),
                    Optional.ofNullable(context.files().env(Secrets.MYSQL_PASSWORD_VARIABLE)),
                    s.strings("contract").stream().map(context::contract).toList(), unit.date().orElseThrow(),
                    s.options().expanded(s.kind(), context.files()::expand), context.files().landing());
            StepOutcome o = run(context.warehouse(), context.runLog(), context.clock(), settings);
            return new StepOutcome(o.exitCode(), o.rows(), o.message(), o.exitCode() == 0 ? "" : shown, false);
        } catch (RuntimeException e) {
            MeshkitException m = StepContext.asMeshkit(e);
            return StepOutcome.failed(m.exitCode(), Secrets.redact(ContractStep.oneLine(m.getMessage())), shown);
        }
    }

    /** {@code meshkit ingest snapshot ...} for the step's contracts, with {@code ${VAR}} shown by name and secrets redacted. */
    private static String display(Unit unit, StepContext context) {
        Pipeline.Step s = unit.step();
        List<String> a = new ArrayList<>(List.of("snapshot", "--source", Secrets.redact(s.string("source").orElseThrow())));
        s.strings("contract").forEach(c -> a.addAll(List.of("--contract", context.files().path(c).toString())));
        a.addAll(List.of("--date", unit.date().map(LocalDate::toString).orElse("")));
        s.options().raw().forEach(x -> a.add(Secrets.redact(x)));
        return CommandText.of("ingest").words(a).global(context).toString();
    }

    /** What the step's args ask for. */
    record Settings(SnapshotRequest request, String landing, boolean allowDuplicateKeys) {}

    /** The request of a step for a date, from its {@code args:} (read and checked with the file, {@code ${VAR}} expanded). */
    static Settings settings(String source, Optional<String> password, List<Contract> contracts, LocalDate date, StepOptions args,
            String defaultLanding) {
        SnapshotOptions options = new SnapshotOptions(date, args.integer("--threads").orElse(2), args.integer("--chunk-rows").orElse(250_000),
                Duration.ofSeconds(args.integer("--lock-wait-timeout").orElse(10)),
                args.text("--on-lock-timeout").map(v -> LockFallback.valueOf(v.toUpperCase(Locale.ROOT))).orElse(LockFallback.FAIL),
                args.has("--allow-additive"), args.zone("--source-time-zone").orElse(ZoneOffset.UTC), args.has("--force"),
                args.has("--allow-breaking"));
        return new Settings(new SnapshotRequest(source, password, List.of(), contracts, args.text("--staging"), options),
                args.text("--landing").orElse(defaultLanding), args.has("--allow-duplicate-keys"));
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
