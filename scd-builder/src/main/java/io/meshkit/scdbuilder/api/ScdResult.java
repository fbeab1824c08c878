package io.meshkit.scdbuilder.api;

import static java.util.Objects.requireNonNull;

import io.meshkit.core.identifier.TableId;
import io.meshkit.core.quality.CheckResult;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of a build (apply, restate, rebuild, from-events).
 *
 * @param operation {@code apply}, {@code restate}, {@code rebuild} or {@code from-events}
 * @param dataset the dataset id (the production table)
 * @param status planned (dry run), built (the candidate passed the SCD2 invariants) or rejected
 * @param base the table the build started from, or empty when the dimension did not exist yet
 * @param candidate the candidate table
 * @param rejected where a candidate that failed its checks was kept for inspection
 * @param applied the times applied, in order (snapshot dates, or the last event period)
 * @param counts what changed
 * @param events for a build from events, what it read
 * @param checks the SCD2 invariant checks of the built table
 * @param tablesChanged every table created or replaced
 * @param plan the steps, with their SQL
 * @param runId the run record's id, empty for a dry run
 * @param schemaChanges how the dimension followed its contract's columns (added, widened, renamed, kept for history,
 *     dropped), as written to the run log; empty when nothing changed
 */
public record ScdResult(String operation, String dataset, Status status, Optional<TableId> base, TableId candidate,
        Optional<TableId> rejected, List<LocalDateTime> applied, ScdCounts counts, Optional<EventCounts> events, List<CheckResult> checks,
        List<TableId> tablesChanged, List<PlanStep> plan, Optional<String> runId, List<String> schemaChanges) {

    /** A result without schema changes. */
    public ScdResult(String operation, String dataset, Status status, Optional<TableId> base, TableId candidate,
            Optional<TableId> rejected, List<LocalDateTime> applied, ScdCounts counts, Optional<EventCounts> events, List<CheckResult> checks,
            List<TableId> tablesChanged, List<PlanStep> plan, Optional<String> runId) {
        this(operation, dataset, status, base, candidate, rejected, applied, counts, events, checks, tablesChanged, plan, runId, List.of());
    }

    /** Validates and copies. */
    public ScdResult {
        requireNonNull(operation, "operation is null");
        requireNonNull(dataset, "dataset is null");
        requireNonNull(status, "status is null");
        requireNonNull(base, "base is null");
        requireNonNull(candidate, "candidate is null");
        requireNonNull(rejected, "rejected is null");
        applied = List.copyOf(applied);
        requireNonNull(counts, "counts is null");
        requireNonNull(events, "events is null");
        checks = List.copyOf(checks);
        tablesChanged = List.copyOf(tablesChanged);
        plan = List.copyOf(plan);
        requireNonNull(runId, "runId is null");
        schemaChanges = List.copyOf(schemaChanges);
    }

    /** Where a build ended. */
    public enum Status {
        /** A dry run: nothing was written. */
        PLANNED,
        /** The candidate was written and passed the SCD2 invariants: it can be promoted. */
        BUILT,
        /** The build failed the SCD2 invariants: kept in {@link #rejected()}, the candidate is unchanged. */
        REJECTED
    }
}
