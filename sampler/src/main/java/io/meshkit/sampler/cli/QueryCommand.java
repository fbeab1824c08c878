package io.meshkit.sampler.cli;

import io.meshkit.core.cli.Formats;
import io.meshkit.core.cli.OutputFormat;
import io.meshkit.core.cli.WarehouseCommandOptions;
import io.meshkit.sampler.api.MetricQuery;
import io.meshkit.sampler.api.Rate;
import io.meshkit.sampler.api.SampledResult;
import io.meshkit.sampler.di.SamplerComponent;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code query}: metrics at a rate, with 95% intervals. */
@Command(name = "query", mixinStandardHelpOptions = true, description = {
    "Estimate metrics from a rate of users, each with a 95%% interval.",
    "Counts and sums are scaled by 1/rate, means and ratios unscaled; the intervals are estimated at the level of the sampling key."},
        footer = {"%nExample:", "  $ ${COMMAND-FULL-NAME} --contract examples/music/contracts/plays.odcs.yaml --table music_sampled.plays --rate 50%% -m plays_per_listener=count/users"})
@Formats({OutputFormat.TABLE, OutputFormat.CSV, OutputFormat.JSON})
final class QueryCommand implements Callable<Integer> {
    @Mixin
    WarehouseCommandOptions options;

    @Mixin
    QueryOptions query;

    @Option(names = "--rate", paramLabel = "RATE", defaultValue = "1%", description = "Share of users read: 100%%, 10%%, 1%%, 0.1%% or any in (0, 100%%] (default 1%%).")
    Rate rate;

    @Override
    public Integer call() {
        OutputFormat f = options.format();
        MetricQuery q = query.single("query");
        SampledResult r = options.call(SamplerComponent::of, c -> c.sampler().query(q, rate, query.subsamples));
        PrintWriter out = options.out();
        switch (f) {
            case JSON -> out.println(Output.resultJson(r));
            case CSV -> {
                Output.resultCsv(out, r);
                PrintWriter err = options.err();
                Output.warnings(err, r); // the CSV stays a table
                err.flush();
            }
            default -> Output.resultTable(out, r);
        }
        out.flush();
        return 0;
    }
}
