package io.meshkit.sampler.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshkit.core.cli.Formats;
import io.meshkit.core.cli.OutputFormat;
import io.meshkit.core.cli.ProgressOption;
import io.meshkit.core.cli.WarehouseCommandOptions;
import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import io.meshkit.core.progress.Progress;
import io.meshkit.sampler.api.Evaluation;
import io.meshkit.sampler.api.MetricQuery;
import io.meshkit.sampler.api.Rate;
import io.meshkit.sampler.di.SamplerComponent;
import io.meshkit.sampler.internal.Format;
import io.meshkit.sampler.internal.SvgChart;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code evaluate}: the Duolingo table (time, bytes, average and max error) for a set of queries, and a chart. */
@Command(name = "evaluate", mixinStandardHelpOptions = true, description = {
    "Compare sampled answers with the exact ones, rate by rate.",
    "Runs queries at 100%%, 10%%, 1%% and 0.1%% and compares every number with the exact answer: query time, bytes scanned, average and max error, interval coverage, speed-up over the plain full query; and an SVG chart."},
        footer = {"%nExample:", "  $ ${COMMAND-FULL-NAME} --contract examples/music/contracts/plays.odcs.yaml --table music_sampled.plays -m plays=count --rates 100%%,50%% --chart plays.svg"})
@Formats({OutputFormat.TABLE, OutputFormat.MARKDOWN, OutputFormat.CSV, OutputFormat.JSON})
final class EvaluateCommand implements Callable<Integer> {
    @Mixin
    WarehouseCommandOptions options;

    @Mixin
    QueryOptions query;

    @Mixin
    ProgressOption progressOption;

    @Option(names = "--rates", paramLabel = "RATE", split = ",", defaultValue = "100%,10%,1%,0.1%", description = "Rates to evaluate (default 100%%,10%%,1%%,0.1%%).")
    List<Rate> rates;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "3", description = "Timed runs per query and rate after a warm-up; the median counts (default ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--chart", paramLabel = "FILE", description = "Write the chart of error and time against rate to this SVG file.")
    Path chart;

    @Option(names = "--max-error", paramLabel = "PCT", description = "The target error, drawn as a line on the chart, e.g. 5%%.")
    String maxError;

    /** {@code Sampling music.plays: plays, plays_per_listener — error and query time against rate}. */
    static String chartTitle(List<MetricQuery> qs) {
        String tables = qs.stream().map(q -> q.table().toString()).distinct().collect(java.util.stream.Collectors.joining(", "));
        String metrics = qs.stream().flatMap(q -> q.metrics().stream()).map(m -> m.name()).distinct()
                .collect(java.util.stream.Collectors.joining(", "));
        return "Sampling " + tables + ": " + metrics + " \u2014 error and query time against rate";
    }

    @Override
    public Integer call() {
        OutputFormat f = options.format();
        List<MetricQuery> qs = query.queries("evaluate");
        Evaluation e = options.call(SamplerComponent::of, c -> progressOption.start("sample evaluate", options.err())
                .run(shown -> c.sampler().evaluate(qs, rates, query.subsamples, runs, shown)));
        PrintWriter out = options.out();
        if (chart != null) {
            try {
                Path parent = chart.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                Files.writeString(chart, SvgChart.render(e, chartTitle(qs), maxError == null ? OptionalDouble.empty()
                        : OptionalDouble.of(Budgets.fraction("--max-error", maxError))));
            } catch (IOException ex) {
                throw new MeshkitException(ErrorCode.FILE_NOT_FOUND, "Cannot write chart " + chart + ": " + ex.getMessage(), ex);
            }
        }
        switch (f) {
            case JSON -> out.println(json(e));
            case CSV -> {
                out.println("rate,time_ms,bytes,bytes_estimated,numbers,average_error,max_error,coverage,speed_up");
                for (Evaluation.RateRow r : e.rows()) {
                    out.println(String.join(",", Double.toString(r.rate().fraction()), Long.toString(r.time().toMillis()),
                            r.bytes().isPresent() ? Long.toString(r.bytes().getAsLong()) : "", Boolean.toString(r.bytesEstimated()),
                            Integer.toString(r.numbers()), Double.toString(r.averageError()), Double.toString(r.maxError()),
                            Double.toString(r.coverage()), Double.toString(r.speedUp(e.baselineTime()))));
                }
            }
            case MARKDOWN -> out.print(markdown(e));
            default -> {
                List<List<String>> rows = new ArrayList<>();
                for (Evaluation.RateRow r : e.rows()) {
                    rows.add(List.of(r.rate().toString(), String.format(Locale.ROOT, "%,d", r.time().toMillis()),
                            String.format(Locale.ROOT, "%.1fx", r.speedUp(e.baselineTime())), Format.bytes(r.bytes()),
                            Format.percent(r.averageError()), Format.percent(r.maxError()), Format.percent(r.coverage())));
                }
                Output.table(out, List.of("rate", "query ms", "speed-up", "bytes scanned", "avg error", "max error", "coverage"), rows);
                out.printf(Locale.ROOT, "%d queries, %d numbers each rate; plain full query %,d ms (the speed-up's baseline)%s%n",
                        e.queries(), e.rows().get(0).numbers(), e.baselineTime().toMillis(),
                        e.rows().stream().anyMatch(Evaluation.RateRow::bytesEstimated) ? "; bytes estimated from storage metadata" : "");
            }
        }
        if (chart != null && f != OutputFormat.JSON) {
            out.println("chart written to " + chart);
        }
        out.flush();
        return 0;
    }

    /** The Duolingo table as Markdown. */
    static String markdown(Evaluation e) {
        StringBuilder b = new StringBuilder();
        b.append("| sampling rate | query time | speed-up | bytes scanned | average error | max error | 95% coverage |\n");
        b.append("|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Evaluation.RateRow r : e.rows()) {
            b.append(String.format(Locale.ROOT, "| %s | %,d ms | %.1fx | %s | %s | %s | %s |%n", r.rate(), r.time().toMillis(),
                    r.speedUp(e.baselineTime()), Format.bytes(r.bytes()), Format.percent(r.averageError()), Format.percent(r.maxError()),
                    Format.percent(r.coverage())));
        }
        return b.toString();
    }

    private ObjectNode json(Evaluation e) {
        ObjectNode root = Output.JSON.createObjectNode();
        root.put("queries", e.queries());
        root.put("baselineMs", e.baselineTime().toMillis());
        root.putArray("tablesChanged");
        if (chart != null) {
            root.put("chart", chart.toString());
        }
        ArrayNode rows = root.putArray("rates");
        for (Evaluation.RateRow r : e.rows()) {
            ObjectNode n = rows.addObject();
            n.put("rate", r.rate().fraction());
            n.put("timeMs", r.time().toMillis());
            n.put("speedUp", r.speedUp(e.baselineTime()));
            if (r.bytes().isPresent()) {
                n.put("bytesScanned", r.bytes().getAsLong());
            } else {
                n.putNull("bytesScanned");
            }
            n.put("bytesEstimated", r.bytesEstimated());
            n.put("numbers", r.numbers());
            n.put("averageError", r.averageError());
            n.put("maxError", r.maxError());
            n.put("coverage", r.coverage());
        }
        return root;
    }
}
