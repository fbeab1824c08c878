package io.meshkit.sampler.internal;

import static java.util.Objects.requireNonNull;

import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.identifier.TableId;
import io.meshkit.core.progress.Progress;
import io.meshkit.core.warehouse.ResultRows;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.sampler.api.Evaluation;
import io.meshkit.sampler.api.MetricQuery;
import io.meshkit.sampler.api.PrepareResult;
import io.meshkit.sampler.api.Rate;
import io.meshkit.sampler.api.Recommendation;
import io.meshkit.sampler.api.SampledResult;
import io.meshkit.sampler.api.Sampler;
import io.meshkit.sampler.api.SamplerArguments;
import io.meshkit.sampler.api.Target;
import java.util.List;
import java.util.Optional;
import javax.inject.Inject;

/** The sampler over one warehouse. */
public final class DefaultSampler implements Sampler {
    private final Warehouse warehouse;

    /** A sampler working in a warehouse. */
    @Inject
    public DefaultSampler(Warehouse warehouse) {
        this.warehouse = requireNonNull(warehouse, "warehouse is null");
    }

    @Override
    public PrepareResult prepare(TableId table, ColumnName key) {
        return new Preparer(warehouse).rewrite(table, key);
    }

    @Override
    public PrepareResult append(TableId table, ColumnName key, TableId batch, Optional<ColumnName> replaceBy) {
        return new Preparer(warehouse).append(table, key, batch, replaceBy);
    }

    @Override
    public SampledResult query(MetricQuery query, Rate rate, int subsamples) {
        return new MetricEstimator(warehouse).run(query, rate, SamplerArguments.subsamples("query", subsamples));
    }

    @Override
    public ResultRows sql(String text, Optional<TableId> table, Rate rate) {
        return warehouse.query(SampledSql.render(warehouse, text, table, rate));
    }

    @Override
    public Recommendation recommend(MetricQuery query, Target target, Rate pilotRate, int subsamples) {
        return new Recommender(warehouse).recommend(query, target, pilotRate, SamplerArguments.subsamples("recommend", subsamples));
    }

    @Override
    public Evaluation evaluate(List<MetricQuery> queries, List<Rate> rates, int subsamples, int runs) {
        return evaluate(queries, rates, subsamples, runs, Progress.none());
    }

    @Override
    public Evaluation evaluate(List<MetricQuery> queries, List<Rate> rates, int subsamples, int runs, Progress progress) {
        return new Evaluator(warehouse).evaluate(queries, rates, SamplerArguments.subsamples("evaluate", subsamples),
                SamplerArguments.runs(runs), progress);
    }
}
