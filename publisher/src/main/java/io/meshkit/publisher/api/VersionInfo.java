package io.meshkit.publisher.api;

import static java.util.Objects.requireNonNull;

import io.meshkit.core.identifier.TableId;
import java.time.Instant;

/**
 * One published version of a dataset, as {@code history} lists it.
 *
 * @param version the version number
 * @param table the table that keeps it
 * @param rows its rows
 * @param contractVersion the contract version it was validated against
 * @param checksum its checksum
 * @param firstPublishedAt when it was first promoted
 * @param lastPublishedAt when production last switched to it (a rollback re-publishes a version)
 * @param publishedBy who first promoted it
 * @param current whether production serves it now
 * @param kept whether its table still exists, so that it can be rolled back to
 */
public record VersionInfo(long version, TableId table, long rows, String contractVersion, String checksum, Instant firstPublishedAt,
        Instant lastPublishedAt, String publishedBy, boolean current, boolean kept) {
    /** Validates. */
    public VersionInfo {
        requireNonNull(table, "table is null");
        requireNonNull(contractVersion, "contractVersion is null");
        requireNonNull(checksum, "checksum is null");
        requireNonNull(firstPublishedAt, "firstPublishedAt is null");
        requireNonNull(lastPublishedAt, "lastPublishedAt is null");
        requireNonNull(publishedBy, "publishedBy is null");
    }
}
