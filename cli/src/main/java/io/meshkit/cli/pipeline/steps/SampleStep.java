package io.meshkit.cli.pipeline.steps;

import io.meshkit.cli.pipeline.Pipeline;
import io.meshkit.core.contract.Contract;
import io.meshkit.core.contract.DatasetTables;
import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.identifier.TableId;
import io.meshkit.sampler.api.Estimate;
import io.meshkit.sampler.api.GroupResult;
import io.meshkit.sampler.api.Metric;
import io.meshkit.sampler.api.MetricQuery;
import io.meshkit.sampler.api.PrepareResult;
import io.meshkit.sampler.api.Rate;
import io.meshkit.sampler.api.SampledResult;
import io.meshkit.sampler.api.SamplingLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code sample}: {@link io.meshkit.sampler.api.Sampler#prepare(TableId, TableId, ColumnName)} of the published
 * dataset (a view over its served version) into {@code <domain>_sampled.<table>} (or {@code table:}) by the
 * contract's sampling key (or {@code key:}), then one {@link io.meshkit.sampler.api.Sampler#query} of
 * {@code metrics:} at {@code rate:} with its 95% intervals.
 */
public final class SampleStep implements PipelineStep {
    private static final String DEFAULT_RATE = "10%";

    @Override
    public List<String> plan(Unit unit, StepContext context) {
        Pipeline.Step s = unit.step();
        String contract = s.strings("contract").get(0);
        TableId sampled = sampled(s, context);
        String key = s.string("key").orElseGet(() -> samplingKey(context, contract).name());
        CommandText query = CommandText.of("sample query").option("--table", sampled).option("--key", key)
                .option("--rate", s.string("rate").orElse(DEFAULT_RATE));
        s.string("subsamples").ifPresent(b -> query.option("--subsamples", b));
        s.strings("by").forEach(b -> query.option("--by", b));
        s.map("metrics").forEach((name, expr) -> query.option("-m", name + "=" + expr));
        return List.of(CommandText.of("sample prepare").option("--from", production(context, contract)).option("--table", sampled)
                .option("--key", key).global(context).toString(), query.global(context).toString());
    }

    @Override
    public StepOutcome run(Unit unit, StepContext context) {
        Pipeline.Step s = unit.step();
        String contract = s.strings("contract").get(0);
        String step = "";
        try {
            List<String> shown = plan(unit, context);
            step = shown.get(0);
            TableId sampled = sampled(s, context);
            ColumnName key = s.string("key").map(k -> ColumnName.of(context.files().expand(k))).orElseGet(() -> samplingKey(context, contract));
            PrepareResult prepared = context.sampler().prepare(production(context, contract), sampled, key);
            step = shown.get(1);
            List<Metric> metrics = new ArrayList<>();
            s.map("metrics").forEach((name, expr) -> metrics.add(Metric.parse(name, expr)));
            List<ColumnName> by = s.strings("by").stream().map(ColumnName::of).toList();
            int subsamples = s.string("subsamples").map(String::trim).map(Integer::parseInt).orElse(SamplingLayout.DEFAULT_SUBSAMPLES);
            SampledResult r = context.sampler().query(new MetricQuery(sampled, key, metrics, by, List.of()),
                    Rate.parse(s.string("rate").orElse(DEFAULT_RATE)), subsamples);
            List<String> lines = new ArrayList<>();
            for (GroupResult g : r.groups()) {
                for (Estimate e : g.estimates()) {
                    String line = String.format(Locale.ROOT, "%s%s = %s, 95%% interval [%s, %s]", e.metric(),
                            g.dimensions().isEmpty() ? "" : " " + g.dimensions(), num(e.value()), num(e.lower()), num(e.upper()));
                    context.report().sampled(line + " at " + num(r.rate().fraction() * 100) + "% of " + key + " values ("
                            + g.sampledRows() + " rows read)");
                    lines.add(line);
                }
            }
            return StepOutcome.ok(prepared.rowsWritten(), "prepared " + prepared.table() + " by " + prepared.samplingKey() + " ("
                    + prepared.rowsWritten() + " rows)" + (lines.isEmpty() ? "" : "; " + String.join("; ", lines)));
        } catch (RuntimeException e) {
            MeshkitException m = StepContext.asMeshkit(e);
            return StepOutcome.failed(m.exitCode(), ContractStep.firstLine(m.getMessage()), step);
        }
    }

    private static TableId production(StepContext context, String contract) {
        Contract c = context.contract(contract);
        return DatasetTables.of(c, c.datasets().get(0)).production();
    }

    /** {@code table:}, else {@code <domain>_sampled.<table>}. */
    static TableId sampled(Pipeline.Step s, StepContext context) {
        if (s.string("table").isPresent()) {
            return TableId.parse(context.files().expand(s.string("table").get()));
        }
        TableId production = production(context, s.strings("contract").get(0));
        return TableId.of(production.namespace().name() + "_sampled", production.name());
    }

    private static ColumnName samplingKey(StepContext context, String contract) {
        Contract c = context.contract(contract);
        return c.datasets().get(0).samplingKey().orElseThrow(() -> new MeshkitException(ErrorCode.INVALID_ARGUMENT,
                "Cannot sample " + contract + ": the dataset has no meshkit.samplingKey; set 'key:' in the sample step"));
    }

    static String num(double v) {
        if (Math.abs(v) >= 1000 || v == Math.rint(v)) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        return String.format(Locale.ROOT, "%.3g", v);
    }
}
