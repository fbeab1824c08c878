package io.meshkit.core.runlog;

import static java.util.Objects.requireNonNull;

import io.meshkit.core.identifier.TableId;
import java.time.Instant;

/**
 * A dataset version promoted into production.
 *
 * @param dataset the dataset, e.g. {@code music.tracks}
 * @param version the published version (monotonic per dataset)
 * @param contractVersion the contract version it was validated against
 * @param table the production table
 * @param rows its row count
 * @param checksum a checksum of its content
 * @param publishedAt when it was promoted
 * @param publishedBy who promoted it (user or CI identity)
 * @param runId the run that promoted it
 */
public record Publication(String dataset, long version, String contractVersion, TableId table, long rows, String checksum,
        Instant publishedAt, String publishedBy, String runId) {
    /** Validates the fields. */
    public Publication {
        requireNonNull(dataset, "dataset is null");
        requireNonNull(contractVersion, "contractVersion is null");
        requireNonNull(table, "table is null");
        requireNonNull(checksum, "checksum is null");
        requireNonNull(publishedAt, "publishedAt is null");
        requireNonNull(publishedBy, "publishedBy is null");
        requireNonNull(runId, "runId is null");
    }
}
