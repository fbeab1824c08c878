package io.meshkit.publisher.internal;

import static java.util.Objects.requireNonNull;

import io.meshkit.core.contract.Column;
import io.meshkit.core.contract.Dataset;
import io.meshkit.core.contract.DatasetKind;
import io.meshkit.core.contract.DeletesMode;
import io.meshkit.core.contract.Scd2Shape;
import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.identifier.TableId;
import io.meshkit.core.quality.CheckResult;
import io.meshkit.core.quality.CheckStatus;
import io.meshkit.core.quality.QualityCheck;
import io.meshkit.core.quality.QualityChecks;
import io.meshkit.core.quality.QualityRunner;
import io.meshkit.core.runlog.RetainedColumns;
import io.meshkit.core.type.DataType;
import io.meshkit.core.warehouse.ColumnInfo;
import io.meshkit.core.warehouse.Dialect;
import io.meshkit.core.warehouse.ResultRows;
import io.meshkit.core.warehouse.Row;
import io.meshkit.core.warehouse.Sql;
import io.meshkit.core.warehouse.TableInfo;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.publisher.api.PublishPolicy;
import io.meshkit.publisher.api.PublishTarget;
import io.meshkit.publisher.api.RowChangeSeverity;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The audit of a candidate: schema against the contract, quality checks, row-count change, checksum. */
final class Auditor {
    private final Warehouse warehouse;
    private final Dialect dialect;

    Auditor(Warehouse warehouse) {
        this.warehouse = requireNonNull(warehouse, "warehouse is null");
        this.dialect = warehouse.dialect();
    }

    /** The columns a table of this dataset must have, in contract order: the SCD2 columns follow for a dimension. */
    static Map<ColumnName, DataType> expectedColumns(Dataset dataset) {
        Map<ColumnName, DataType> columns = new LinkedHashMap<>();
        for (Column c : dataset.columns()) {
            columns.put(lower(c.columnName()), c.physicalType());
        }
        if (dataset.kind() == DatasetKind.DIMENSION) {
            columns.putIfAbsent(lower(Scd2Shape.VALID_FROM), Scd2Shape.TIME_TYPE);
            columns.putIfAbsent(lower(Scd2Shape.VALID_TO), Scd2Shape.TIME_TYPE);
            columns.putIfAbsent(lower(Scd2Shape.IS_CURRENT), DataType.BOOLEAN);
            if (dataset.deletes() == DeletesMode.TOMBSTONE) {
                columns.putIfAbsent(lower(Scd2Shape.IS_DELETED), DataType.BOOLEAN);
            }
        }
        return columns;
    }

    private static ColumnName lower(ColumnName c) {
        return ColumnName.of(c.name().toLowerCase(Locale.ROOT)); // warehouses resolve column names without case
    }

    /** Columns and types exactly as the contract says: one result per problem, or one passing result. */
    List<CheckResult> schema(PublishTarget target, TableInfo table) {
        return schema(target, table, Optional.empty());
    }

    /**
     * Columns and types exactly as the contract says; a dimension that keeps removed columns for history
     * ({@code meshkit.removedColumns: keep}) may also have the columns the build recorded as kept (core's
     * {@link RetainedColumns}; a dimension removed a column before it was ever published) and, for dimensions built
     * before that record, the columns production has that the contract no longer names.
     */
    List<CheckResult> schema(PublishTarget target, TableInfo table, Optional<TableInfo> production) {
        Map<ColumnName, DataType> expected = expectedColumns(target.dataset());
        List<CheckResult> problems = new ArrayList<>();
        Map<ColumnName, ColumnInfo> actual = new LinkedHashMap<>();
        for (ColumnInfo c : table.columns()) {
            actual.put(lower(c.name()), c);
        }
        for (Map.Entry<ColumnName, DataType> e : expected.entrySet()) {
            ColumnInfo found = actual.get(e.getKey());
            // compared as the warehouse spells them (two contract types may be one engine type), shown as meshkit names them
            String want = e.getValue().toString();
            if (found == null) {
                problems.add(failed("schema_column_missing", e.getKey().name(), want,
                        "the contract's column " + e.getKey().name() + " (" + want + ") is missing"));
            } else {
                Optional<DataType> parsed = dialect.parseType(found.engineType());
                String have = parsed.map(DataType::toString).orElse(found.engineType());
                if (!parsed.map(dialect::typeName).orElse(found.engineType()).equalsIgnoreCase(dialect.typeName(e.getValue()))) {
                    problems.add(failed("schema_column_type", e.getKey().name(), want,
                            "column " + e.getKey().name() + " is " + have + ", the contract says " + want));
                }
            }
        }
        boolean keeps = target.dataset().kind() == DatasetKind.DIMENSION
                && target.dataset().removedColumns() == io.meshkit.core.contract.RemovedColumns.KEEP;
        List<ColumnName> recorded = keeps ? new RetainedColumns(warehouse).of(target.production()) : List.of();
        for (ColumnName c : actual.keySet()) {
            boolean keptForHistory = keeps && (RetainedColumns.contains(recorded, c)
                    || production.flatMap(p -> p.columns().stream().filter(x -> lower(x.name()).equals(c)).findFirst()).isPresent());
            if (!expected.containsKey(c) && !keptForHistory) {
                problems.add(failed("schema_column_unexpected", c.name(), "absent",
                        "column " + c.name() + " is not in the contract"));
            }
        }
        if (problems.isEmpty()) {
            return List.of(new CheckResult("schema", target.dataset().name(), CheckStatus.PASSED,
                    Optional.of(BigDecimal.valueOf(expected.size())), expected.size() + " columns as in the contract", List.of(),
                    "columns and types exactly as the contract says"));
        }
        return problems;
    }

    /**
     * How the candidate's columns differ from production's: added and widened columns are non-breaking (a passed
     * {@code schema_change}); a column gone, renamed, narrowed or of another type is breaking
     * ({@code schema_breaking}), which fails unless the contract's major version is higher than the one production
     * was published with. Nothing when there is no production yet, or one meshkit did not publish.
     */
    List<CheckResult> schemaChanges(PublishTarget target, TableInfo candidate, Optional<TableInfo> production,
            Optional<String> publishedWith) {
        if (production.isEmpty() || publishedWith.isEmpty()) {
            return List.of();
        }
        Map<ColumnName, ColumnInfo> before = new LinkedHashMap<>();
        production.get().columns().forEach(c -> before.put(lower(c.name()), c));
        Map<ColumnName, ColumnInfo> after = new LinkedHashMap<>();
        candidate.columns().forEach(c -> after.put(lower(c.name()), c));
        List<String> compatible = new ArrayList<>();
        List<String> breaking = new ArrayList<>();
        for (Map.Entry<ColumnName, ColumnInfo> e : after.entrySet()) {
            ColumnInfo was = before.get(e.getKey());
            String now = e.getValue().type().toString();
            if (was == null) {
                Optional<String> from = target.dataset().columns().stream().filter(c -> lower(c.columnName()).equals(e.getKey()))
                        .findFirst().flatMap(Column::renamedFrom).filter(f -> before.containsKey(lower(ColumnName.of(f))));
                if (from.isPresent()) {
                    breaking.add("column " + from.get() + " renamed to " + e.getKey().name());
                } else {
                    compatible.add("column " + e.getKey().name() + " " + now + " added");
                }
                continue;
            }
            String then = was.type().toString();
            if (!dialect.typeName(was.type()).equals(dialect.typeName(e.getValue().type()))) {
                if (was.type().widensTo(e.getValue().type())) {
                    compatible.add("column " + e.getKey().name() + " widened from " + then + " to " + now);
                } else {
                    breaking.add("column " + e.getKey().name() + (e.getValue().type().widensTo(was.type()) ? " narrowed from " : " changed type from ")
                            + then + " to " + now);
                }
            }
        }
        for (ColumnName c : before.keySet()) {
            boolean renamedAway = target.dataset().columns().stream().anyMatch(x -> x.renamedFrom().map(f -> lower(ColumnName.of(f)).equals(c))
                    .orElse(false) && after.containsKey(lower(x.columnName())));
            if (!after.containsKey(c) && !renamedAway) {
                breaking.add("column " + c.name() + " removed");
            }
        }
        List<CheckResult> out = new ArrayList<>();
        String name = target.dataset().name();
        for (String c : compatible) {
            out.add(new CheckResult("schema_change", name, CheckStatus.PASSED, Optional.empty(), "non-breaking", List.of(),
                    c + " since production (non-breaking)"));
        }
        String version = target.contract().version();
        boolean majorUp = publishedWith.map(v -> major(version) > major(v)).orElse(false);
        for (String c : breaking) {
            out.add(new CheckResult("schema_breaking", name, majorUp ? CheckStatus.PASSED : CheckStatus.FAILED, Optional.empty(),
                    "a new major contract version", List.of(), c + " since production" + (majorUp
                            ? " (breaking; allowed: the contract's major version went up from " + publishedWith.get() + " to " + version + ")"
                            : ": a breaking change for consumers; production was published with contract version "
                                    + publishedWith.orElse("(unknown)") + ", and " + version + " is not a new major version")));
        }
        return out;
    }

    private static int major(String version) {
        String v = version == null ? "" : version.trim();
        if (v.startsWith("v") || v.startsWith("V")) {
            v = v.substring(1);
        }
        int end = 0;
        while (end < v.length() && Character.isDigit(v.charAt(end))) {
            end++;
        }
        return end == 0 ? 0 : Integer.parseInt(v.substring(0, Math.min(end, 9)));
    }

    private static CheckResult failed(String id, String target, String expectation, String description) {
        return new CheckResult(id, target, CheckStatus.FAILED, Optional.empty(), expectation, List.of(), description);
    }

    /** The contract's quality checks on the candidate. */
    List<QualityCheck> qualityChecks(PublishTarget target) {
        return QualityChecks.forDataset(target.dataset(), target.candidate(), dialect);
    }

    List<CheckResult> quality(PublishTarget target) {
        return new QualityRunner(warehouse).run(target.candidate(), qualityChecks(target));
    }

    /**
     * The quality checks and the checksum of the candidate's contract columns in one scan of it (a
     * check whose shortcut is not 0, e.g. a repeated key, runs its own query after it).
     */
    Audit qualityAndChecksum(PublishTarget target, List<ColumnName> columns) {
        QualityRunner.Scan scan = new QualityRunner(warehouse).scan(target.candidate(), qualityChecks(target), List.of(fingerprintSum(columns)));
        Object sum = scan.aggregates().get(0);
        return new Audit(scan.results(), checksum(scan.rowCount(), sum == null ? null : ((Number) sum).longValue()));
    }

    /** What the fused scan found. */
    record Audit(List<CheckResult> quality, Checksum checksum) {}

    /** The change of the row count against production, in percent of production's rows. */
    static CheckResult rowChange(PublishTarget target, long candidateRows, Optional<Long> productionRows, PublishPolicy policy) {
        String expectation = "at most " + BigDecimal.valueOf(policy.maxRowChangePercent()).stripTrailingZeros().toPlainString() + " %";
        if (productionRows.isEmpty()) {
            return new CheckResult("row_count_change", target.dataset().name(), CheckStatus.PASSED, Optional.empty(), expectation,
                    List.of(), "no production table yet: nothing to compare the row count with");
        }
        long before = productionRows.get();
        BigDecimal percent = before == 0
                ? (candidateRows == 0 ? BigDecimal.ZERO : BigDecimal.valueOf(100))
                : BigDecimal.valueOf(Math.abs(candidateRows - before)).multiply(BigDecimal.valueOf(100))
                        .divide(BigDecimal.valueOf(before), 2, RoundingMode.HALF_UP).stripTrailingZeros();
        boolean ok = percent.compareTo(BigDecimal.valueOf(policy.maxRowChangePercent())) <= 0;
        CheckStatus status = ok ? CheckStatus.PASSED : policy.rowChangeSeverity() == RowChangeSeverity.FAIL ? CheckStatus.FAILED
                : CheckStatus.WARNED;
        return new CheckResult("row_count_change", target.dataset().name(), status, Optional.of(percent), expectation, List.of(),
                "rows change from " + before + " in production to " + candidateRows + " in the candidate");
    }

    /**
     * An order-independent checksum of a table's contract columns, the same on every warehouse: the
     * row count and the sum over rows of the top 31 bits of the sampling value of the row fingerprint
     * (exact integer arithmetic, so parallel scans and engines agree).
     */
    Checksum checksum(TableId table, List<ColumnName> columns) {
        Sql sql = checksumSql(table, columns);
        try (ResultRows rows = warehouse.query(sql)) {
            Row r = rows.iterator().next();
            return checksum(r.getLong("row_count"), r.getLong("fingerprint_sum"));
        }
    }

    private static Checksum checksum(long count, Long sum) {
        return new Checksum(count, String.format(Locale.ROOT, "%d:%016x", count, sum == null ? 0L : sum));
    }

    Sql checksumSql(TableId table, List<ColumnName> columns) {
        return dialect.sql().sql("SELECT COUNT(*) AS row_count, ").append(fingerprintSum(columns)).sql(" AS fingerprint_sum FROM ").table(table)
                .build();
    }

    /** The aggregate of the checksum: the sum of the top 31 bits of each row's fingerprint's sampling value. */
    private Sql fingerprintSum(List<ColumnName> columns) {
        Sql value = dialect.samplingValue(dialect.rowFingerprint(columns));
        return dialect.sql().sql("SUM(CAST(FLOOR(").append(value).sql(" * 2147483648.0) AS ").type(DataType.BIGINT).sql("))").build();
    }

    /** A table's row count and checksum. */
    record Checksum(long rows, String value) {}
}
