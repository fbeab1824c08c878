package io.meshkit.sampler.api;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The result of a metric query at one rate.
 *
 * @param query the query
 * @param rate the rate it ran at
 * @param subsamples the number of equal sub-ranges of {@code [0, rate)} the variance was estimated from
 * @param groups one entry per group, sorted by the dimension values
 * @param cost what the query cost
 */
public record SampledResult(MetricQuery query, Rate rate, int subsamples, List<GroupResult> groups, QueryCost cost) {
    /** Validates and copies. */
    public SampledResult {
        requireNonNull(query, "query is null");
        requireNonNull(rate, "rate is null");
        groups = List.copyOf(groups);
        requireNonNull(cost, "cost is null");
    }

    /** The group with these dimension values, if the sample saw it. */
    public Optional<GroupResult> group(List<?> dimensions) {
        return groups.stream().filter(g -> g.dimensions().equals(dimensions)).findFirst();
    }

    /**
     * What a query cost.
     *
     * @param elapsed wall time, as the warehouse reported it
     * @param bytesScanned bytes read, empty when neither the engine nor meshkit can tell
     * @param bytesEstimated whether {@code bytesScanned} is meshkit's estimate rather than the engine's report
     */
    public record QueryCost(Duration elapsed, OptionalLong bytesScanned, boolean bytesEstimated) {
        /** Validates. */
        public QueryCost {
            requireNonNull(elapsed, "elapsed is null");
            requireNonNull(bytesScanned, "bytesScanned is null");
        }
    }
}
