package io.meshkit.sampler.internal;

import io.meshkit.core.warehouse.Sql;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.sampler.api.MetricQuery;
import io.meshkit.sampler.api.Rate;
import java.util.List;

/** The estimator's statement, for profiling by hand. */
public final class EstimatorSql {
    private EstimatorSql() {}

    public static Sql of(Warehouse w, MetricQuery q, Rate rate) {
        return MetricEstimator.sql(w.dialect(), q, rate, MetricEstimator.measures(q), List.of());
    }

    /** The plain query (no sampling) that {@code evaluate} times as the baseline. */
    public static Sql plain(Warehouse w, MetricQuery q) {
        return new Evaluator(w).plainSql(q);
    }
}
