package io.meshkit.core.landing;

import static java.util.Objects.requireNonNull;

import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import io.meshkit.core.identifier.Identifiers;
import java.time.LocalDate;
import java.util.regex.Pattern;

/**
 * One snapshot in a landing zone: a dataset on a date, stored under
 * {@code <dataset>/snapshot_date=YYYY-MM-DD/}.
 *
 * @param dataset the dataset, e.g. {@code music.tracks}: letters, digits, {@code _ . -} only, so it is a safe
 *     directory or object-name segment
 * @param date the snapshot date
 */
public record SnapshotKey(String dataset, LocalDate date) {
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");

    /** Validates that the dataset is a safe path segment. */
    public SnapshotKey {
        requireNonNull(dataset, "dataset is null");
        requireNonNull(date, "date is null");
        if (!SAFE.matcher(dataset).matches() || dataset.contains("..") || dataset.length() > 200) {
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot use dataset name " + Identifiers.describe(dataset)
                    + " in the landing zone: use letters, digits, '_', '.' and '-' only");
        }
    }

    /** The snapshot's directory relative to the landing zone's root, e.g. {@code music.tracks/snapshot_date=2026-11-23}. */
    public String relativePath() {
        return dataset + "/snapshot_date=" + date;
    }

    @Override
    public String toString() {
        return relativePath();
    }
}
