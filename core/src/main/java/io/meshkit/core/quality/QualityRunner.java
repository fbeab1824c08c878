package io.meshkit.core.quality;

import static java.util.Objects.requireNonNull;

import io.meshkit.core.identifier.TableId;
import io.meshkit.core.warehouse.ResultRows;
import io.meshkit.core.warehouse.Row;
import io.meshkit.core.warehouse.Sql;
import io.meshkit.core.warehouse.SqlBuilder;
import io.meshkit.core.warehouse.Warehouse;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Runs quality checks in the warehouse. The aggregate checks of a table share one scan
 * ({@code SELECT COUNT(*), agg1, agg2, … FROM t}); the others run one query each. Sample keys are
 * fetched only for checks that did not pass.
 */
public final class QualityRunner {
    private final Warehouse warehouse;

    /** A runner for a warehouse. */
    public QualityRunner(Warehouse warehouse) {
        this.warehouse = requireNonNull(warehouse, "warehouse is null");
    }

    /** Runs the checks against {@code table} and returns one result per check, in order. */
    public List<CheckResult> run(TableId table, List<QualityCheck> checks) {
        List<QualityCheck> aggregates = checks.stream().filter(c -> c.measure() instanceof QualityCheck.Aggregate).toList();
        SqlBuilder scan = warehouse.dialect().sql().sql("SELECT COUNT(*)");
        for (QualityCheck c : aggregates) {
            scan.sql(", ").append(((QualityCheck.Aggregate) c.measure()).expression());
        }
        List<Object> scanned;
        try (ResultRows rows = warehouse.query(scan.sql(" FROM ").table(table).build())) {
            scanned = rows.iterator().next().values();
        }
        BigDecimal rowCount = number(scanned.get(0));
        List<CheckResult> results = new ArrayList<>(checks.size());
        for (QualityCheck c : checks) {
            Optional<BigDecimal> raw;
            if (c.measure() instanceof QualityCheck.Aggregate) {
                raw = Optional.of(number(scanned.get(1 + aggregates.indexOf(c))));
            } else if (c.measure() instanceof QualityCheck.Query q) {
                raw = Optional.of(scalar(q.query()));
            } else {
                raw = Optional.empty();
            }
            results.add(result(c, raw, rowCount));
        }
        return results;
    }

    private CheckResult result(QualityCheck c, Optional<BigDecimal> raw, BigDecimal rowCount) {
        if (raw.isEmpty()) {
            String reason = ((QualityCheck.NotRunnable) c.measure()).reason();
            return new CheckResult(c.id(), c.target(), CheckStatus.SKIPPED, Optional.empty(), c.threshold().describe(), List.of(),
                    c.description() + " (not run: " + reason + ")");
        }
        BigDecimal observed = raw.get();
        if (c.percent()) {
            observed = rowCount.signum() == 0 ? BigDecimal.ZERO
                    : observed.multiply(BigDecimal.valueOf(100)).divide(rowCount, MathContext.DECIMAL64).stripTrailingZeros();
        }
        boolean ok = c.threshold().accepts(observed);
        CheckStatus status = ok ? CheckStatus.PASSED : c.warningOnly() ? CheckStatus.WARNED : CheckStatus.FAILED;
        List<String> samples = ok || c.sampleKeys().isEmpty() ? List.of() : sampleKeys(c.sampleKeys().get());
        String expectation = c.threshold().describe() + (c.percent() ? " %" : "");
        return new CheckResult(c.id(), c.target(), status, Optional.of(observed), expectation, samples, c.description());
    }

    private BigDecimal scalar(Sql query) {
        try (ResultRows rows = warehouse.query(query)) {
            var it = rows.iterator();
            return it.hasNext() ? number(it.next().get(0)) : BigDecimal.ZERO;
        }
    }

    private List<String> sampleKeys(Sql query) {
        List<String> keys = new ArrayList<>();
        try (ResultRows rows = warehouse.query(query)) {
            for (Row r : rows) {
                keys.add(r.values().stream().map(String::valueOf).collect(Collectors.joining(", ")));
            }
        }
        return keys;
    }

    private static BigDecimal number(Object v) {
        if (v == null) {
            return BigDecimal.ZERO; // SUM over no rows
        }
        if (v instanceof BigDecimal d) {
            return d;
        }
        if (v instanceof Double d) {
            return BigDecimal.valueOf(d);
        }
        return new BigDecimal(v.toString());
    }
}
