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
        Map<ColumnName, DataType> expected = expectedColumns(target.dataset());
        List<CheckResult> problems = new ArrayList<>();
        Map<ColumnName, ColumnInfo> actual = new LinkedHashMap<>();
        for (ColumnInfo c : table.columns()) {
            actual.put(lower(c.name()), c);
        }
        for (Map.Entry<ColumnName, DataType> e : expected.entrySet()) {
            ColumnInfo found = actual.get(e.getKey());
            String want = dialect.typeName(e.getValue());
            if (found == null) {
                problems.add(failed("schema_column_missing", e.getKey().name(), want,
                        "the contract's column " + e.getKey().name() + " (" + want + ") is missing"));
            } else {
                String have = dialect.parseType(found.engineType()).map(dialect::typeName).orElse(found.engineType());
                if (!have.equalsIgnoreCase(want)) {
                    problems.add(failed("schema_column_type", e.getKey().name(), want,
                            "column " + e.getKey().name() + " is " + have + ", the contract says " + want));
                }
            }
        }
        for (ColumnName c : actual.keySet()) {
            if (!expected.containsKey(c)) {
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
