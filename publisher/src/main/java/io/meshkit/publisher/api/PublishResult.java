package io.meshkit.publisher.api;

import static java.util.Objects.requireNonNull;

import io.meshkit.core.identifier.TableId;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What {@code promote}, {@code backfill} or {@code rollback} did.
 *
 * @param dataset the dataset id
 * @param outcome how it ended
 * @param production the production table
 * @param version the version production serves afterwards (would serve, in a dry run); empty when refused
 * @param previousVersion the version it served before, if any
 * @param release the version table production serves afterwards; empty when refused
 * @param rows the rows production serves afterwards; empty when refused or in a dry run
 * @param checksum the checksum of what production serves afterwards, where known
 * @param stage the staging step of a backfill
 * @param validation the audit of the candidate (promote, backfill)
 * @param droppedVersions version tables dropped because more than the kept number existed
 * @param swapTime the time of the atomic promotion itself (zero in a dry run)
 * @param plan the statements run or that would run
 */
public record PublishResult(String dataset, PublishOutcome outcome, TableId production, OptionalLong version, OptionalLong previousVersion,
        Optional<TableId> release, OptionalLong rows, Optional<String> checksum, Optional<StageResult> stage,
        Optional<ValidationReport> validation, List<TableId> droppedVersions, Duration swapTime, List<String> plan) {
    /** Validates and copies. */
    public PublishResult {
        requireNonNull(dataset, "dataset is null");
        requireNonNull(outcome, "outcome is null");
        requireNonNull(production, "production is null");
        requireNonNull(version, "version is null");
        requireNonNull(previousVersion, "previousVersion is null");
        requireNonNull(release, "release is null");
        requireNonNull(rows, "rows is null");
        requireNonNull(checksum, "checksum is null");
        requireNonNull(stage, "stage is null");
        requireNonNull(validation, "validation is null");
        droppedVersions = List.copyOf(droppedVersions);
        requireNonNull(swapTime, "swapTime is null");
        plan = List.copyOf(plan);
    }
}
