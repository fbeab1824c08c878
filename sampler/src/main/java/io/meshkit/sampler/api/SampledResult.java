package io.meshkit.sampler.api;

import static java.util.Objects.requireNonNull;

import io.meshkit.core.warehouse.StatementTiming;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The result of a metric query at one rate.
 *
 * @param query the query
 * @param rate the rate it ran at
 * @param groups one entry per group, sorted by the dimension values
 * @param cost what the query cost
 */
public record SampledResult(MetricQuery query, Rate rate, List<GroupResult> groups, QueryCost cost) {
    /** Validates and copies. */
    public SampledResult {
        requireNonNull(query, "query is null");
        requireNonNull(rate, "rate is null");
        groups = List.copyOf(groups);
        requireNonNull(cost, "cost is null");
    }

    /** Sampled users over all groups (a user in two groups counts twice); 0 at 100%, where users are not counted. */
    public long sampledUsers() {
        return groups.stream().mapToLong(g -> g.estimates().stream().mapToLong(Estimate::users).max().orElse(0)).sum();
    }

    /** Every number whose interval should not be trusted ({@link Estimate#unreliable()}), with its group. */
    public List<Flagged> unreliable() {
        List<Flagged> list = new java.util.ArrayList<>();
        for (GroupResult g : groups) {
            for (Estimate e : g.estimates()) {
                if (e.unreliable()) {
                    list.add(new Flagged(g.dimensions(), e));
                }
            }
        }
        return list;
    }

    /**
     * A number flagged as unreliable.
     *
     * @param dimensions its group
     * @param estimate the number
     */
    public record Flagged(List<Object> dimensions, Estimate estimate) {
        /** The warning line: which number, how many users, the effective sample size and the skewness. */
        public String message() {
            return String.format(java.util.Locale.ROOT,
                    "%s%s: %,d users, effective sample size %,.0f, skewness %.2f: %s; read a larger rate",
                    estimate.metric(), dimensions.isEmpty() ? "" : " " + dimensions, estimate.users(),
                    estimate.effectiveSampleSize(), estimate.skewness(),
                    Math.abs(estimate.skewness()) > Estimate.SKEWNESS_LIMIT
                            ? "a few users carry it (skewness above " + Estimate.SKEWNESS_LIMIT + "), the interval is skew-corrected but rests on them"
                            : "too few users for the interval");
        }
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
     * @param metadata time spent before the statement: reading the table's description to check the columns
     * @param estimating time spent after it estimating the bytes from the warehouse's storage metadata
     * @param timing where the statement's {@code elapsed} time went (preparing, executing, reading its
     *     result rows), where the warehouse measures it
     */
    public record QueryCost(Duration elapsed, OptionalLong bytesScanned, boolean bytesEstimated, Duration metadata, Duration estimating,
            Optional<StatementTiming> timing) {
        /** Validates. */
        public QueryCost {
            requireNonNull(elapsed, "elapsed is null");
            requireNonNull(bytesScanned, "bytesScanned is null");
            requireNonNull(metadata, "metadata is null");
            requireNonNull(estimating, "estimating is null");
            requireNonNull(timing, "timing is null");
        }

        /** A cost without the statement's timing. */
        public QueryCost(Duration elapsed, OptionalLong bytesScanned, boolean bytesEstimated, Duration metadata, Duration estimating) {
            this(elapsed, bytesScanned, bytesEstimated, metadata, estimating, Optional.empty());
        }

        /** A cost with no time outside the statement. */
        public QueryCost(Duration elapsed, OptionalLong bytesScanned, boolean bytesEstimated) {
            this(elapsed, bytesScanned, bytesEstimated, Duration.ZERO, Duration.ZERO);
        }
    }
}
