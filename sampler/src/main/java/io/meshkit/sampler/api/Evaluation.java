package io.meshkit.sampler.api;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;

/**
 * Queries run at several rates and compared with the exact answer, as in the Duolingo write-up.
 *
 * @param queries how many queries were run at every rate
 * @param baselineTime the plain query (no sampling, no per-user grouping) summed over the queries: the speed-up's baseline
 * @param rows one row per rate, largest rate first
 */
public record Evaluation(int queries, Duration baselineTime, List<RateRow> rows) {
    /** Validates and copies. */
    public Evaluation {
        requireNonNull(baselineTime, "baselineTime is null");
        rows = List.copyOf(rows);
    }

    /**
     * The figures of one rate, over every number (metric × group) of every query.
     *
     * @param rate the rate
     * @param time the query time summed over the queries (median of the timed runs of each)
     * @param bytes the bytes scanned summed over the queries, where known
     * @param bytesEstimated whether the bytes are meshkit's estimate
     * @param numbers how many numbers were compared with the exact answer
     * @param averageError the mean of |estimate - exact| / |exact|
     * @param maxError the largest of them (a group the sample missed counts as 100%)
     * @param coverage the share of exact answers inside their 95% interval
     */
    public record RateRow(Rate rate, Duration time, OptionalLong bytes, boolean bytesEstimated, int numbers,
            double averageError, double maxError, double coverage) {
        /** Validates. */
        public RateRow {
            requireNonNull(rate, "rate is null");
            requireNonNull(time, "time is null");
            requireNonNull(bytes, "bytes is null");
        }

        /** How many times faster than the plain query. */
        public double speedUp(Duration baseline) {
            return (double) baseline.toNanos() / Math.max(1, time.toNanos());
        }
    }
}
