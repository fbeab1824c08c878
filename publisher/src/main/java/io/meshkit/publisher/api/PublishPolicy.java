package io.meshkit.publisher.api;

import static java.util.Objects.requireNonNull;

import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import java.time.Duration;

/**
 * How a publisher validates and promotes. An illegal policy throws {@link MeshkitException} with
 * {@link ErrorCode#INVALID_ARGUMENT} (exit 2 in a CLI), in the CLIs and in Java alike.
 *
 * @param keepVersions how many published versions are kept to roll back to (at least 1; the served
 *     one is always kept)
 * @param maxRowChangePercent the largest change of the row count against production, in percent,
 *     that passes without a warning or failure
 * @param rowChangeSeverity what a larger change does
 * @param leaseTtl how long the dataset's lease lasts if the process dies without releasing it
 * @param actor who publishes, recorded with each publication (user or CI identity)
 */
public record PublishPolicy(int keepVersions, double maxRowChangePercent, RowChangeSeverity rowChangeSeverity, Duration leaseTtl,
        String actor) {
    /** Versions kept by default. */
    public static final int DEFAULT_KEEP = 3;
    /** Row-count change allowed by default, in percent. */
    public static final double DEFAULT_MAX_ROW_CHANGE = 50;
    /** Lease time-to-live by default. */
    public static final Duration DEFAULT_LEASE_TTL = Duration.ofHours(1);

    /** Validates. */
    public PublishPolicy {
        if (keepVersions < 1) {
            throw invalid("keep at least one version (--keep), got " + keepVersions);
        }
        if (!(maxRowChangePercent >= 0)) {
            throw invalid("the row change threshold (--max-row-change) must be a percentage >= 0, got " + maxRowChangePercent);
        }
        requireNonNull(rowChangeSeverity, "rowChangeSeverity is null");
        requireNonNull(leaseTtl, "leaseTtl is null");
        if (leaseTtl.isNegative() || leaseTtl.isZero()) {
            throw invalid("the lease time-to-live (--lease-ttl) must be positive, got " + leaseTtl);
        }
        requireNonNull(actor, "actor is null");
    }

    private static MeshkitException invalid(String reason) {
        return new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot use the publish policy: " + reason);
    }

    /** The defaults, published by {@code actor}. */
    public static PublishPolicy defaults(String actor) {
        return new PublishPolicy(DEFAULT_KEEP, DEFAULT_MAX_ROW_CHANGE, RowChangeSeverity.WARN, DEFAULT_LEASE_TTL, actor);
    }

    /** The same policy keeping another number of versions. */
    public PublishPolicy withKeepVersions(int keep) {
        return new PublishPolicy(keep, maxRowChangePercent, rowChangeSeverity, leaseTtl, actor);
    }

    /** The same policy with another lease time-to-live. */
    public PublishPolicy withLeaseTtl(Duration ttl) {
        return new PublishPolicy(keepVersions, maxRowChangePercent, rowChangeSeverity, ttl, actor);
    }

    /** The same policy published by someone else. */
    public PublishPolicy withActor(String who) {
        return new PublishPolicy(keepVersions, maxRowChangePercent, rowChangeSeverity, leaseTtl, who);
    }

    /** The same policy with another row-change threshold and severity. */
    public PublishPolicy withRowChange(double maxPercent, RowChangeSeverity severity) {
        return new PublishPolicy(keepVersions, maxPercent, severity, leaseTtl, actor);
    }
}
