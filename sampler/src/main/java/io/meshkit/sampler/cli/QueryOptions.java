package io.meshkit.sampler.cli;

import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import io.meshkit.core.identifier.ColumnName;
import io.meshkit.sampler.api.Filter;
import io.meshkit.sampler.api.Metric;
import io.meshkit.sampler.api.MetricQuery;
import io.meshkit.sampler.api.SamplingLayout;
import io.meshkit.sampler.internal.QueryFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The metric query of a command: from {@code --metric}, {@code --by} and {@code --where}, or from {@code --query FILE}. */
final class QueryOptions {
    @Mixin
    TableOptions tableOptions;

    @Option(names = {"-m", "--metric"}, paramLabel = "NAME=EXPR",
            description = "A metric: count, users, sum(col), count(col), mean(col), or A/B of those (e.g. lessons_per_user=count/users). Repeatable.")
    List<String> metrics = new ArrayList<>();

    @Option(names = "--by", paramLabel = "COLUMN", split = ",", description = "Group-by dimensions, comma-separated or repeated.")
    List<String> dimensions = new ArrayList<>();

    @Option(names = "--where", paramLabel = "FILTER", description = "A filter COLUMN OP VALUE (OP: = != < <= > >=), value bound. Repeatable.")
    List<String> filters = new ArrayList<>();

    @Option(names = "--query", paramLabel = "FILE", description = "A YAML query file (table, key, metrics, dimensions, filters; or a list under queries).")
    Path queryFile;

    @Option(names = "--subsamples", paramLabel = "B", defaultValue = "" + SamplingLayout.DEFAULT_SUBSAMPLES,
            description = "No longer used: the variance is estimated from the sampled users. Accepted so that existing scripts run.")
    int subsamples;

    List<MetricQuery> queries(String verb) {
        if (queryFile != null) {
            if (!metrics.isEmpty() || !dimensions.isEmpty() || !filters.isEmpty()) {
                throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot " + verb + ": give --query FILE or --metric/--by/--where, not both");
            }
            return QueryFiles.read(queryFile, tableOptions.tableIfAny(), tableOptions.keyIfAny());
        }
        List<Metric> ms = metrics.stream().map(Metric::parse).toList();
        List<ColumnName> dims = dimensions.stream().map(String::trim).filter(s -> !s.isEmpty()).map(ColumnName::of).toList();
        List<Filter> fs = filters.stream().map(Filter::parse).toList();
        return List.of(new MetricQuery(tableOptions.table(verb), tableOptions.key(verb), ms, dims, fs));
    }

    MetricQuery single(String verb) {
        List<MetricQuery> qs = queries(verb);
        if (qs.size() != 1) {
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot " + verb + ": the query file holds " + qs.size() + " queries; this command takes one");
        }
        return qs.get(0);
    }
}
