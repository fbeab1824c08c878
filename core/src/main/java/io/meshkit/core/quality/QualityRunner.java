package io.meshkit.core.quality;

import static java.util.Objects.requireNonNull;

import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.identifier.TableId;
import io.meshkit.core.warehouse.ResultRows;
import io.meshkit.core.warehouse.Row;
import io.meshkit.core.warehouse.Sql;
import io.meshkit.core.warehouse.SqlBuilder;
import io.meshkit.core.warehouse.Warehouse;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Runs quality checks in the warehouse. The aggregate checks of a table share one scan
 * ({@code SELECT COUNT(*), agg1, agg2, … FROM t}), with the shortcuts of the query checks
 * ({@link QualityCheck.Query#zeroWhen}) and any aggregates of the caller's; the others run one query
 * each, except a check whose shortcut is 0 or that is {@linkplain QualityCheck#impliedBy() implied}
 * by others that all observed 0, which passes with 0 without its query. Sample keys are fetched only for checks that did not pass.
 */
public final class QualityRunner {
    private final Warehouse warehouse;

    /** A runner for a warehouse. */
    public QualityRunner(Warehouse warehouse) {
        this.warehouse = requireNonNull(warehouse, "warehouse is null");
    }

    /** Runs the checks against {@code table} and returns one result per check, in order. */
    public List<CheckResult> run(TableId table, List<QualityCheck> checks) {
        return scan(table, checks, List.of()).results();
    }

    /**
     * What one run observed: a result per check, in order, the table's row count, and the values of
     * the caller's own aggregates computed in the same scan.
     */
    public record Scan(List<CheckResult> results, long rowCount, List<Object> aggregates) {
        /** Copies the lists. */
        public Scan {
            results = List.copyOf(results);
            aggregates = Collections.unmodifiableList(new ArrayList<>(aggregates)); // values may be NULL
        }
    }

    /**
     * Runs the checks against {@code table} with {@code aggregates} of the caller's (e.g. a checksum)
     * in the same single scan as the aggregate checks and the {@linkplain QualityCheck.Query#zeroWhen
     * shortcuts} of the query checks, so that a table whose checks pass is read once.
     */
    public Scan scan(TableId table, List<QualityCheck> checks, List<Sql> aggregates) {
        List<Sql> columns = new ArrayList<>();
        int[] column = new int[checks.size()];
        java.util.Arrays.fill(column, -1);
        for (int i = 0; i < checks.size(); i++) {
            QualityCheck c = checks.get(i);
            if (c.measure() instanceof QualityCheck.Aggregate a) {
                column[i] = 1 + columns.size();
                columns.add(a.expression());
            } else if (c.measure() instanceof QualityCheck.Query q && q.zeroWhen().isPresent()) {
                column[i] = 1 + columns.size();
                columns.add(q.zeroWhen().get());
            }
        }
        int firstOwn = 1 + columns.size();
        columns.addAll(aggregates);
        SqlBuilder scan = warehouse.dialect().sql().sql("SELECT COUNT(*) AS row_count");
        for (int i = 0; i < columns.size(); i++) {
            // named, as an engine's name for a long expression may be too long for a column name
            scan.sql(", ").append(columns.get(i)).sql(" AS ").id(ColumnName.of("m" + (i + 1)));
        }
        List<Object> scanned;
        try (ResultRows rows = warehouse.query(scan.sql(" FROM ").table(table).build())) {
            scanned = rows.iterator().next().values();
        }
        BigDecimal rowCount = number(scanned.get(0));
        List<Optional<BigDecimal>> raw = new ArrayList<>(Collections.nCopies(checks.size(), Optional.empty()));
        // first the checks that always run, then those implied by them (whose premises are known by then)
        for (boolean implied : new boolean[] {false, true}) {
            for (int i = 0; i < checks.size(); i++) {
                QualityCheck c = checks.get(i);
                if (c.impliedBy().isEmpty() == implied) {
                    continue;
                }
                if (c.measure() instanceof QualityCheck.Aggregate) {
                    raw.set(i, Optional.of(number(scanned.get(column[i]))));
                } else if (implied && premisesAllZero(c, checks, raw)) {
                    raw.set(i, Optional.of(BigDecimal.ZERO));
                } else if (c.measure() instanceof QualityCheck.Query q) {
                    boolean zero = column[i] >= 0 && number(scanned.get(column[i])).signum() == 0;
                    raw.set(i, Optional.of(zero ? BigDecimal.ZERO : scalar(q.query())));
                }
            }
        }
        List<CheckResult> results = new ArrayList<>(checks.size());
        for (int i = 0; i < checks.size(); i++) {
            results.add(result(checks.get(i), raw.get(i), rowCount));
        }
        return new Scan(results, rowCount.longValueExact(), scanned.subList(firstOwn, scanned.size()));
    }

    /**
     * Whether every premise of an implied check is a check of this run that is not itself implied,
     * ran, and observed exactly 0 (every one of them, if several share the id).
     */
    private static boolean premisesAllZero(QualityCheck implied, List<QualityCheck> checks, List<Optional<BigDecimal>> raw) {
        for (String premise : implied.impliedBy()) {
            boolean found = false;
            for (int i = 0; i < checks.size(); i++) {
                QualityCheck c = checks.get(i);
                if (!c.id().equals(premise)) {
                    continue;
                }
                if (!c.impliedBy().isEmpty() || raw.get(i).isEmpty() || raw.get(i).get().signum() != 0) {
                    return false;
                }
                found = true;
            }
            if (!found) {
                return false;
            }
        }
        return true;
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
