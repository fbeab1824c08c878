package io.meshkit.differ.cli;

import io.meshkit.core.cli.CliSupport;
import io.meshkit.core.cli.DatasetOption;
import io.meshkit.core.cli.Formats;
import io.meshkit.core.cli.OutputFormat;
import io.meshkit.core.cli.ProgressOption;
import io.meshkit.core.cli.WarehouseOption;
import io.meshkit.core.cli.OutputOptions;
import io.meshkit.core.contract.Column;
import io.meshkit.core.contract.Dataset;
import io.meshkit.core.contract.DatasetKind;
import io.meshkit.core.contract.DatasetTables;
import io.meshkit.core.contract.Scd2Shape;
import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import io.meshkit.core.error.NoSuchTableException;
import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.identifier.TableId;
import io.meshkit.core.progress.Progress;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.core.warehouse.Warehouses;
import io.meshkit.differ.api.ColumnRename;
import io.meshkit.differ.api.DiffReport;
import io.meshkit.differ.api.DiffRequest;
import io.meshkit.differ.api.DiffResult;
import io.meshkit.differ.api.Expectation;
import io.meshkit.differ.api.Normalisation;
import io.meshkit.differ.api.PullRequestComments;
import io.meshkit.differ.api.SegmentSettings;
import io.meshkit.differ.di.DiffComponent;
import io.meshkit.differ.di.Differs;
import io.meshkit.differ.internal.MySqlSegmentSource;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * {@code meshkit-diff}: what a change does to the data. Diffs a candidate table against production
 * in the warehouse, or across databases with {@code --source}; prints text, JSON or a Markdown PR
 * comment, posts the comment with {@code --post-to-github}, and exits 1 when an expectation breaks.
 */
@Command(name = "meshkit-diff", versionProvider = io.meshkit.core.cli.MeshkitVersion.class, mixinStandardHelpOptions = true, sortOptions = false, resourceBundle = "io.meshkit.differ.cli.Options",
        description = {"Diff a candidate table against production: keys added, removed and changed, per-column changes with"
                + " examples, profiles and schema. In the warehouse by default; across databases (MySQL or another warehouse)"
                + " with --source."},
        exitCodeList = {"0:as expected", "1:an expectation is not met (or duplicate keys)", "2:bad input",
            "3:an external system failed (warehouse, MySQL, GitHub)", "4:internal error"},
        footer = {"%nExample:", "  $ ${COMMAND-FULL-NAME} --contract examples/music/contracts/tracks.odcs.yaml --expect no-change"})
@Formats({OutputFormat.TEXT, OutputFormat.JSON, OutputFormat.MARKDOWN})
public final class DiffCli implements Callable<Integer> {
    /** What the author expects. */
    enum Expect {
        ANY, NO_CHANGE;
    }

    @Option(names = "--production", paramLabel = "NAMESPACE.TABLE", description = "The production table (\"before\"). Default: from --contract.")
    TableId production;

    @Option(names = "--candidate", paramLabel = "NAMESPACE.TABLE", description = "The candidate table (\"after\"). Default: from --contract.")
    TableId candidate;

    /** {@code --contract} and {@code --dataset}, worded for the differ in {@code Options.properties}. */
    @Mixin
    DatasetOption contract;

    @Option(names = "--key", paramLabel = "COLUMN", split = ",", description = "Key columns (default: the contract's primary key).")
    List<String> key;

    @Option(names = "--source", paramLabel = "URL",
            description = "Where production lives when not in the warehouse: jdbc:mysql://HOST:PORT/DB?user=U (password from"
                    + " MESHKIT_MYSQL_PASSWORD; --production is then DATABASE.TABLE) or the URI of another warehouse.")
    String source;

    @Mixin
    WarehouseOption warehouse;

    @Mixin
    OutputOptions output;

    @Mixin
    ProgressOption progressOption;

    @Option(names = "--decimals", paramLabel = "N", description = "Compare numbers (every numeric type) rounded to N places.")
    Integer decimals;

    @Option(names = "--rel-tolerance", paramLabel = "R", description = "Numbers within this fraction of each other are equal (in the warehouse).")
    double relativeTolerance;

    @Option(names = "--timestamp-precision", paramLabel = "DIGITS", defaultValue = "6",
            description = "Fractional-second digits compared (0..6, default ${DEFAULT-VALUE}); timestamps compare in UTC.")
    int timestampPrecision;

    @Option(names = "--trim", description = "Ignore leading and trailing spaces of strings.")
    boolean trim;

    @Option(names = "--ignore-case", description = "Compare strings case-insensitively (keys stay exact).")
    boolean ignoreCase;

    @Option(names = "--sample", paramLabel = "RATE", description = "Compare only keys whose sampling value is below RATE, e.g. 0.01.")
    Double sample;

    @Option(names = "--examples", paramLabel = "N", defaultValue = "5", description = "Examples per column and kind of change (default ${DEFAULT-VALUE}).")
    int examples;

    @Option(names = "--expect", paramLabel = "any|no-change", defaultValue = "any", converter = ExpectConverter.class,
            description = "no-change: any difference exits 1 (a refactor). Default: any.")
    Expect expect;

    @Option(names = "--max-changed-pct", paramLabel = "P", description = "Exit 1 when more than P%% of production keys are added, removed or changed.")
    Double maxChangedPct;

    @Option(names = "--post-to-github", description = "Post the Markdown comment on a pull request (GITHUB_TOKEN, GITHUB_API_URL), updating meshkit's earlier one.")
    boolean postToGithub;

    @Option(names = "--pr", paramLabel = "NUMBER", description = "The pull request to post to.")
    int pullRequest;

    @Option(names = "--repo", paramLabel = "OWNER/NAME", description = "The repository (default: GITHUB_REPOSITORY).")
    String repository;

    @Option(names = "--dry-run", description = "With --post-to-github: print the comment instead of posting it.")
    boolean dryRun;

    @Option(names = "--segments", paramLabel = "N", defaultValue = "" + SegmentSettings.DEFAULT_FANOUT,
            description = "Across databases: parts a differing segment is split into (default ${DEFAULT-VALUE}).")
    int segments;

    @Option(names = "--download-threshold", paramLabel = "ROWS", defaultValue = "" + SegmentSettings.DEFAULT_DOWNLOAD_THRESHOLD,
            description = "Across databases: segments of at most ROWS rows are compared row by row (default: 256 for one integer key, 4000 for other keys).")
    int downloadThreshold;

    /** Runs the command. */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, for tests and the {@code meshkit} umbrella command. */
    public static CommandLine commandLine() {
        return CliSupport.configure(new CommandLine(new DiffCli()));
    }

    static final class ExpectConverter implements CommandLine.ITypeConverter<Expect> {
        @Override
        public Expect convert(String value) {
            return switch (value.trim().toLowerCase(Locale.ROOT)) {
                case "any" -> Expect.ANY;
                case "no-change", "no_change", "none" -> Expect.NO_CHANGE;
                default -> throw new CommandLine.TypeConversionException("expected any or no-change, got '" + value + "'");
            };
        }
    }

    @Override
    public Integer call() {
        OutputFormat f = output.format();
        if (source != null) {
            // the secret policy, on every form a driver reads a password from (SECURITY.md)
            io.meshkit.core.secret.SourceUrl.parse(source).requireNoSecret(io.meshkit.core.secret.Secrets.MYSQL_PASSWORD_VARIABLE);
        }
        DiffRequest request = request();
        Expectation expectation = new Expectation(expect == Expect.NO_CHANGE,
                maxChangedPct == null ? OptionalDouble.empty() : OptionalDouble.of(maxChangedPct));
        DiffComponent component = DiffComponent.of(warehouse.existingConfig());
        DiffResult result = component.closing(() -> diff(component.warehouse(), request));
        List<String> violations = expectation.violations(result);
        PrintWriter out = output.out();
        switch (f) {
            case JSON -> out.print(DiffReport.json(result, violations, true));
            case MARKDOWN -> out.print(DiffReport.markdown(result, violations));
            default -> out.print(DiffReport.text(result, violations));
        }
        out.flush();
        if (postToGithub) {
            post(component.pullRequestComments(), result, violations);
        }
        return violations.isEmpty() ? CliSupport.OK : CliSupport.FINDINGS;
    }

    private void post(PullRequestComments comments, DiffResult result, List<String> violations) {
        String repo = repository != null ? repository : System.getenv("GITHUB_REPOSITORY");
        PrintWriter err = output.err();
        String body = DiffReport.markdown(result, violations);
        if (dryRun) {
            err.println("dry run: would post this comment to " + repo + "#" + pullRequest + ":");
            err.print(body);
        } else {
            PullRequestComments.Posted posted = comments.post(repo, pullRequest, DiffReport.marker(result), body);
            err.println((posted.created() ? "posted" : "updated") + " the diff comment on " + repo + "#" + pullRequest
                    + (posted.url().isEmpty() ? "" : ": " + posted.url()));
        }
        err.flush();
    }

    private DiffResult diff(Warehouse w, DiffRequest request) {
        if (candidate == null && w.columns(request.candidate()).isEmpty()) {
            throw NoSuchTableException.candidate("diff", request.candidate()); // the contract's, which promote consumes
        }
        if (source == null) {
            return Differs.inWarehouse(w).diff(request);
        }
        SegmentSettings settings = new SegmentSettings(segments, downloadThreshold);
        if (source.startsWith("jdbc:mysql:") || source.startsWith("jdbc:mariadb:")) {
            String url = source.startsWith("jdbc:mariadb:") ? "jdbc:mysql:" + source.substring("jdbc:mariadb:".length()) : source;
            return progressOption.start("diff", output.err()).run(shown ->
                    Differs.mysqlAgainstWarehouse(url, System.getenv("MESHKIT_MYSQL_PASSWORD"), w, settings).diff(request, shown));
        }
        if (source.startsWith("jdbc:")) {
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot use source " + MySqlSegmentSource.redact(source)
                    + ": supported sources are jdbc:mysql: URLs and warehouse URIs (" + String.join(", ", Warehouses.providers().keySet()) + ")");
        }
        Warehouses.requireExisting(source);   // a mistyped file is not an empty warehouse to diff against
        try (Warehouse other = Warehouses.open(source)) {
            return progressOption.start("diff", output.err()).run(shown -> Differs.betweenWarehouses(other, w, settings).diff(request, shown));
        }
    }

    private DiffRequest request() {
        TableId prod = production;
        TableId cand = candidate;
        List<ColumnName> keyColumns = key == null ? List.of() : key.stream().map(String::trim).map(ColumnName::of).toList();
        Set<ColumnName> personal = Set.of();
        List<ColumnRename> renames = List.of();
        boolean dimension = false;
        if (contract.selection().isPresent()) {
            Dataset d = contract.selection().get().dataset();
            DatasetTables tables = contract.selection().get().tables();
            prod = prod != null ? prod : tables.production();
            cand = cand != null ? cand : tables.candidate();
            if (keyColumns.isEmpty()) {
                // a dimension in one warehouse: its current state by the business key, its history by version;
                // across databases its rows, the versions, by (key, valid_from)
                dimension = d.kind() == DatasetKind.DIMENSION && source == null && !d.primaryKey().isEmpty();
                keyColumns = dimension ? d.primaryKey().stream().map(Column::columnName).toList() : Scd2Shape.rowKey(d);
            }
            personal = d.columns().stream().filter(Column::isPersonalData).map(Column::columnName).collect(Collectors.toSet());
            renames = ColumnRename.declaredBy(d);   // meshkit.renamedFrom: production's old column against the new one
        }
        if (prod == null || cand == null) {
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT,
                    "Cannot diff: name both tables with --production and --candidate, or give --contract");
        }
        Normalisation n = new Normalisation(decimals == null ? OptionalInt.empty() : OptionalInt.of(decimals), relativeTolerance,
                timestampPrecision, trim, ignoreCase);
        DiffRequest request = new DiffRequest(prod, cand, keyColumns, n, sample == null ? OptionalDouble.empty() : OptionalDouble.of(sample),
                examples, personal, renames);
        return dimension ? request.asDimension() : request;
    }

}
