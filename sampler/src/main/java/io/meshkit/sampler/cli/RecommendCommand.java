package io.meshkit.sampler.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshkit.core.cli.CliSupport;
import io.meshkit.core.cli.Formats;
import io.meshkit.core.cli.OutputFormat;
import io.meshkit.core.cli.WarehouseCommandOptions;
import io.meshkit.sampler.api.MetricQuery;
import io.meshkit.sampler.api.Rate;
import io.meshkit.sampler.api.Recommendation;
import io.meshkit.sampler.api.Target;
import io.meshkit.sampler.di.SamplerComponent;
import io.meshkit.sampler.internal.Format;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code recommend}: the rate of the ladder that meets an error target or a budget. */
@Command(name = "recommend", mixinStandardHelpOptions = true, description = {
    "Run a small pilot and recommend a sampling rate that meets the target.",
    "The rate is of the ladder 100/10/1/0.1%%: the smallest within --max-error (and any budget), or with budgets only the largest within them.",
    "Exit code 1 when no rate meets the target."},
        footer = {"%nExample:", "  $ ${COMMAND-FULL-NAME} --contract examples/music/contracts/plays.odcs.yaml --table music_sampled.plays -m plays=count --max-error 10%%"})
@Formats({OutputFormat.TABLE, OutputFormat.CSV, OutputFormat.JSON})
final class RecommendCommand implements Callable<Integer> {
    @Mixin
    WarehouseCommandOptions options;

    @Mixin
    QueryOptions query;

    @Option(names = "--max-error", paramLabel = "PCT", description = "Largest half-width of any 95%% interval relative to its estimate, e.g. 0.5%%.")
    String maxError;

    @Option(names = "--max-time", paramLabel = "TIME", description = "Time budget per query, e.g. 2s or 500ms.")
    String maxTime;

    @Option(names = "--max-bytes", paramLabel = "SIZE", description = "Bytes budget per query, e.g. 10GB.")
    String maxBytes;

    @Option(names = "--pilot-rate", paramLabel = "RATE", defaultValue = "1%", description = "Rate of the pilot run (default 1%%; raised when it reads too few rows).")
    Rate pilotRate;

    @Override
    public Integer call() {
        OutputFormat f = options.format();
        Target target = new Target(
                maxError == null ? OptionalDouble.empty() : OptionalDouble.of(Budgets.fraction("--max-error", maxError)),
                maxTime == null ? Optional.empty() : Optional.of(Budgets.duration("--max-time", maxTime)),
                maxBytes == null ? OptionalLong.empty() : OptionalLong.of(Budgets.bytes("--max-bytes", maxBytes)));
        MetricQuery q = query.single("recommend a rate");
        Recommendation r = options.call(SamplerComponent::of, c -> c.sampler().recommend(q, target, pilotRate, query.subsamples));
        PrintWriter out = options.out();
        switch (f) {
            case JSON -> {
                ObjectNode root = Output.JSON.createObjectNode();
                root.put("table", q.table().toString());
                if (r.rate().isPresent()) {
                    root.put("recommendedRate", r.rate().get().fraction());
                } else {
                    root.putNull("recommendedRate");
                }
                root.put("pilotRate", r.pilot().rate().fraction());
                root.put("pilotElapsedMs", r.pilot().cost().elapsed().toMillis());
                root.putArray("tablesChanged");
                ArrayNode cs = root.putArray("candidates");
                for (Recommendation.Candidate cand : r.candidates()) {
                    ObjectNode n = cs.addObject();
                    n.put("rate", cand.rate().fraction());
                    Output.putNumber(n, "maxRelativeError", cand.maxRelativeError());
                    Output.putNumber(n, "pointRelativeError", cand.pointRelativeError());
                    n.put("worst", cand.worst());
                    n.put("predictedMs", cand.time().toMillis());
                    if (cand.bytes().isPresent()) {
                        n.put("predictedBytes", cand.bytes().getAsLong());
                    } else {
                        n.putNull("predictedBytes");
                    }
                    n.put("meetsTarget", cand.meetsTarget());
                }
                root.put("explanation", r.explanation());
                out.println(root);
            }
            case CSV -> {
                out.println("rate,max_relative_error,point_relative_error,worst,predicted_ms,predicted_bytes,meets_target,recommended");
                for (Recommendation.Candidate cand : r.candidates()) {
                    out.println(String.join(",", Double.toString(cand.rate().fraction()), Double.toString(cand.maxRelativeError()),
                            Double.toString(cand.pointRelativeError()),
                            Output.csvCell(cand.worst()), Long.toString(cand.time().toMillis()),
                            cand.bytes().isPresent() ? Long.toString(cand.bytes().getAsLong()) : "",
                            Boolean.toString(cand.meetsTarget()), Boolean.toString(r.rate().equals(Optional.of(cand.rate())))));
                }
            }
            default -> {
                out.println(r.rate().map(rate -> "recommended rate: " + rate).orElse("no rate of the ladder meets the target"));
                List<List<String>> rows = new ArrayList<>();
                for (Recommendation.Candidate cand : r.candidates()) {
                    rows.add(List.of(cand.rate().toString(), Format.percent(cand.maxRelativeError()),
                            cand.rate().isFull() ? "0%" : Format.percent(cand.pointRelativeError()), cand.worst(),
                            String.format(Locale.ROOT, "%,d", cand.time().toMillis()), Format.bytes(cand.bytes()),
                            cand.meetsTarget() ? "yes" : "no"));
                }
                Output.table(out, List.of("rate", "predicted max ±", "from estimate", "worst number", "predicted ms", "bytes", "meets target"), rows);
                out.println(r.explanation());
            }
        }
        out.flush();
        return r.rate().isPresent() ? CliSupport.OK : CliSupport.FINDINGS;
    }
}
