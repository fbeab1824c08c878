package io.meshkit.core.runlog;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What the run log knows about one dataset, as read for all datasets at once by
 * {@link RunLog#forEachDatasetActivity}: its newest runs, its newest publication and the row counts
 * of its recent successful runs.
 *
 * @param dataset the dataset, e.g. {@code music.tracks}
 * @param runCount how many runs the dataset has in the log
 * @param latestRun the newest run by start time, whatever its status (may be {@link RunStatus#RUNNING})
 * @param latestFinishedRun the newest run that succeeded or failed
 * @param latestSuccessfulRun the newest run that succeeded
 * @param latestPublication the newest publication
 * @param recentMedianRows the median row count of the successful runs of the same tool before {@code latestSuccessfulRun}
 *     (at most the number asked for, and only those started since the time asked for); empty when there are none
 * @param recentRunsCounted how many runs that median is taken over
 */
public record DatasetActivity(String dataset, long runCount, Optional<RunRecord> latestRun, Optional<RunRecord> latestFinishedRun,
        Optional<RunRecord> latestSuccessfulRun, Optional<Publication> latestPublication, OptionalDouble recentMedianRows,
        int recentRunsCounted) {
    /** Validates the fields. */
    public DatasetActivity {
        requireNonNull(dataset, "dataset is null");
        requireNonNull(latestRun, "latestRun is null");
        requireNonNull(latestFinishedRun, "latestFinishedRun is null");
        requireNonNull(latestSuccessfulRun, "latestSuccessfulRun is null");
        requireNonNull(latestPublication, "latestPublication is null");
        requireNonNull(recentMedianRows, "recentMedianRows is null");
        if (recentRunsCounted < 0) {
            throw new IllegalArgumentException("recentRunsCounted is negative");
        }
    }
}
