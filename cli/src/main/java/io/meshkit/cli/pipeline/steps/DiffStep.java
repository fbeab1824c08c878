package io.meshkit.cli.pipeline.steps;

import io.meshkit.cli.pipeline.StepOptions;
import io.meshkit.core.contract.Column;
import io.meshkit.core.contract.Contract;
import io.meshkit.core.contract.Dataset;
import io.meshkit.core.contract.DatasetKind;
import io.meshkit.core.contract.DatasetTables;
import io.meshkit.core.contract.Scd2Shape;
import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.identifier.TableId;
import io.meshkit.differ.api.ColumnRename;
import io.meshkit.differ.api.DiffReport;
import io.meshkit.differ.api.DiffRequest;
import io.meshkit.differ.api.DiffResult;
import io.meshkit.differ.api.DimensionDiff;
import io.meshkit.differ.api.Expectation;
import io.meshkit.differ.api.Normalisation;
import io.meshkit.differ.api.PullRequestComments;
import io.meshkit.differ.api.SchemaDiff;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code diff}: each contract's candidate against production with {@link io.meshkit.differ.api.WarehouseDiffer}
 * (a dataset without production yet is reported as new); with {@code --post-to-github --pr N} the diff's
 * Markdown is posted on the pull request, updating meshkit's earlier comment. An unmet expectation
 * ({@code --expect no-change}, {@code --max-changed-pct}) fails the step with exit 1.
 */
public final class DiffStep extends ContractStep {
    /** The step. */
    public DiffStep() {
        super("diff");
    }

    @Override
    Call call(Unit unit, StepContext context, String contract) {
        StepOptions o = options(unit, context);
        Contract c = context.contract(contract);
        Dataset d = c.chooseDataset(o.text("--dataset").orElse(null), contract);
        DatasetTables tables = DatasetTables.of(c, d);
        TableId production = o.table("--production").orElse(tables.production());
        TableId candidate = o.table("--candidate").orElse(tables.candidate());
        if (context.warehouse().columns(production).isEmpty()) {
            context.report().diff(production.toString(), "new dataset (no production yet)");
            return Call.ok(0, production + ": new dataset, no production to compare");
        }
        DiffResult r = context.differ().diff(request(o, d, production, candidate));
        List<String> violations = new Expectation(o.text("--expect").map(StepOptions::expectNoChange).orElse(false),
                o.number("--max-changed-pct").map(OptionalDouble::of).orElse(OptionalDouble.empty())).violations(r);
        String text = "added " + r.added() + ", removed " + r.removed() + ", changed " + r.changed() + ", unchanged " + r.unchanged()
                + history(r) + schema(r.schema(), r.production(), unit, context);
        context.report().diff(r.production(), text);
        String posted = o.has("--post-to-github") ? "; " + post(o, r, violations, context) : "";
        if (!violations.isEmpty()) {
            return Call.found("meshkit diff found something (exit 1): " + String.join("; ", violations) + posted);
        }
        return Call.ok(r.candidateRows(), r.production() + ": " + text + posted);
    }

    private static DiffRequest request(StepOptions o, Dataset d, TableId production, TableId candidate) {
        List<ColumnName> key = o.columns("--key");
        // a dimension: its current state by the business key, its history by version (--key with valid_from: its versions)
        boolean dimension = key.isEmpty() && d.kind() == DatasetKind.DIMENSION && !d.primaryKey().isEmpty();
        if (key.isEmpty()) {
            key = dimension ? d.primaryKey().stream().map(Column::columnName).toList() : Scd2Shape.rowKey(d);
        }
        Set<ColumnName> personal = d.columns().stream().filter(Column::isPersonalData).map(Column::columnName).collect(Collectors.toSet());
        Normalisation n = new Normalisation(o.integer("--decimals").map(OptionalInt::of).orElse(OptionalInt.empty()),
                o.number("--rel-tolerance").orElse(0.0), o.integer("--timestamp-precision").orElse(6), o.has("--trim"), o.has("--ignore-case"));
        DiffRequest request = new DiffRequest(production, candidate, key, n,
                o.number("--sample").map(OptionalDouble::of).orElse(OptionalDouble.empty()), o.integer("--examples").orElse(5), personal,
                ColumnRename.declaredBy(d));
        return dimension ? request.asDimension() : request;
    }

    /** Of a dimension (whose counts are its current state's keys): the versions, compared by (key, valid_from). */
    private static String history(DiffResult r) {
        if (!r.isDimension()) {
            return "";
        }
        DimensionDiff d = r.dimension();
        if (!d.hasDifferences()) {
            return "; history unchanged";
        }
        return "; history: " + d.keysWithChangedHistory() + (d.keysWithChangedHistory() == 1 ? " key" : " keys") + " changed (versions "
                + d.versionsAdded() + " added, " + d.versionsRemoved() + " removed, " + d.versionsChanged() + " changed)";
    }

    /** The schema change, in the line and in the report's schema section. */
    private static String schema(SchemaDiff s, String dataset, Unit unit, StepContext context) {
        if (s.isEmpty()) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        s.added().forEach(c -> parts.add("+ " + c + " (added)"));
        s.removed().forEach(c -> parts.add("- " + c + " (removed)"));
        s.renamed().forEach(n -> parts.add("renamed " + n.from() + " -> " + n.to()));
        s.retyped().forEach(t -> parts.add("~ " + t.column() + " " + t.from() + " -> " + t.to()));
        s.added().forEach(c -> context.report().schemaChange(dataset, unit.key(), "column " + c + " added"));
        s.removed().forEach(c -> context.report().schemaChange(dataset, unit.key(), "column " + c + " removed"));
        s.renamed().forEach(n -> context.report().schemaChange(dataset, unit.key(), "column " + n.from() + " renamed to " + n.to()));
        s.retyped().forEach(t -> context.report().schemaChange(dataset, unit.key(), "column " + t.column() + " " + t.from() + " -> " + t.to()));
        return "; schema: " + String.join(", ", parts);
    }

    /** Posts (or with {@code --dry-run} prints) the diff's comment on the pull request; says what it did. */
    private static String post(StepOptions o, DiffResult r, List<String> violations, StepContext context) {
        int pr = o.integer("--pr").orElseThrow(() -> new MeshkitException(ErrorCode.INVALID_ARGUMENT,
                "Cannot post the diff of " + r.production() + ": --post-to-github needs --pr NUMBER in the step's args"));
        String repo = o.text("--repo").orElseGet(() -> context.files().env("GITHUB_REPOSITORY"));
        String body = DiffReport.markdown(r, violations);
        if (o.has("--dry-run")) {
            context.out().println("dry run: would post this comment to " + repo + "#" + pr + ":");
            context.out().print(body);
            context.out().flush();
            return "would post the diff comment on " + repo + "#" + pr;
        }
        PullRequestComments.Posted posted = context.pullRequests().post(repo, pr, DiffReport.marker(r), body);
        return (posted.created() ? "posted" : "updated") + " the diff comment on " + repo + "#" + pr
                + (posted.url().isEmpty() ? "" : ": " + posted.url());
    }
}
