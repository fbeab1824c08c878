package io.meshkit.core.lineage;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * One lifecycle event of a run, in the shape OpenLineage defines: which job ran, which datasets it
 * read and wrote, and how it ended.
 *
 * @param type START, COMPLETE or FAIL
 * @param eventTime when it happened
 * @param runId the meshkit run id (a UUID, the run log's id)
 * @param jobNamespace the namespace of the job, e.g. the team's domain
 * @param jobName the job, e.g. {@code ingest.music.tracks}
 * @param inputs the datasets read
 * @param outputs the datasets written
 * @param error the one-line error of a failed run
 */
public record LineageEvent(Type type, Instant eventTime, UUID runId, String jobNamespace, String jobName,
        List<LineageDataset> inputs, List<LineageDataset> outputs, Optional<String> error) {
    /** The run state an event reports. */
    public enum Type { START, COMPLETE, FAIL }

    /** Validates and copies. */
    public LineageEvent {
        requireNonNull(type, "type is null");
        requireNonNull(eventTime, "eventTime is null");
        requireNonNull(runId, "runId is null");
        requireNonNull(jobNamespace, "jobNamespace is null");
        requireNonNull(jobName, "jobName is null");
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        requireNonNull(error, "error is null");
        error = error.map(io.meshkit.core.secret.Secrets::redact);
    }
}
