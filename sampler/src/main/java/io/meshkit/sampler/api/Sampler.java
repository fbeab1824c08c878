package io.meshkit.sampler.api;

import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.identifier.TableId;
import io.meshkit.core.progress.Progress;
import io.meshkit.core.warehouse.ResultRows;
import java.util.List;
import java.util.Optional;

/**
 * Consistent per-user sampling in a warehouse: lay tables out by sampling value, estimate metrics
 * from a rate of users with 95% intervals, recommend a rate, and evaluate rates against the truth.
 * Instances come from {@code io.meshkit.sampler.di.Samplers}.
 */
public interface Sampler {
    /** Rewrites a table with a {@code sampling_value} column of {@code key}, ordered or clustered by it. */
    PrepareResult prepare(TableId table, ColumnName key);

    /**
     * Appends a batch to a prepared table, sorted by sampling value within the batch; with
     * {@code replaceBy} the table's rows sharing a {@code replaceBy} value with the batch are replaced.
     */
    PrepareResult append(TableId table, ColumnName key, TableId batch, Optional<ColumnName> replaceBy);

    /**
     * Runs a metric query at a rate: totals scaled by {@code 1/rate}, ratios unscaled, every number with a 95% interval
     * estimated from the sampled users; {@code subsamples} is no longer used (kept for compatibility).
     */
    SampledResult query(MetricQuery query, Rate rate, int subsamples);

    /**
     * Runs raw SQL in which {@code {sample}} (the given table) and {@code {sample:NS.TABLE}} stand for
     * sampled tables. The result is not scaled. The caller closes it.
     */
    ResultRows sql(String text, Optional<TableId> table, Rate rate);

    /** Runs a pilot and recommends the rate of {@link Rate#LADDER} that meets the target. */
    Recommendation recommend(MetricQuery query, Target target, Rate pilotRate, int subsamples);

    /** Runs the queries at each rate and compares them with the exact answer. */
    Evaluation evaluate(List<MetricQuery> queries, List<Rate> rates, int subsamples, int runs);

    /** As {@link #evaluate(List, List, int, int)}, showing how far it got on {@code progress}. */
    default Evaluation evaluate(List<MetricQuery> queries, List<Rate> rates, int subsamples, int runs, Progress progress) {
        return evaluate(queries, rates, subsamples, runs);
    }
}
