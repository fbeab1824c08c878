package io.meshkit.core.contract;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * An ODCS data quality rule, at dataset ({@code schema}) or column ({@code property}) level, as meshkit
 * understands it. What the file says word for word stays in {@link Contract#document()}.
 *
 * @param name the rule's name, or null
 * @param description what the rule checks, or null
 * @param type the rule type ({@code library} when a metric or rule is given without a type)
 * @param metric the library metric, or null for other types and for a library rule meshkit does not know
 * @param metricName the library metric or v3.0 rule as written (e.g. {@code nullCheck}), or null
 * @param arguments the metric's arguments, e.g. {@code validValues} (v3.0's {@code validValues} next to the
 *     rule included)
 * @param threshold the condition the measured value must meet: as written, else {@code mustBe: 0}
 *     ({@code mustBeGreaterThan: 0} for {@code rowCount})
 * @param unit as written, {@code rows} when not given; {@code percent} is the only other unit meshkit interprets
 * @param query the SQL query of a {@link QualityRuleType#SQL} rule, else null
 * @param severity as written, {@code error} when not given; {@code warning} and {@code info} do not fail a check,
 *     any other value does
 * @param dimension the ODCS data quality dimension (e.g. {@code completeness}), or null
 * @param engine the engine of a custom rule (e.g. {@code soda}), or null
 * @param implementation the implementation of a custom rule (text or a mapping), or null
 */
public record QualityRule(
        String name,
        String description,
        QualityRuleType type,
        QualityMetric metric,
        String metricName,
        Map<String, Object> arguments,
        Threshold threshold,
        String unit,
        String query,
        String severity,
        String dimension,
        String engine,
        Object implementation) {

    /** The units meshkit interprets; others are kept as written and count rows. */
    public static final Set<String> UNITS = Set.of("rows", "percent");

    /** The severities that do not fail a check. */
    public static final Set<String> NON_FAILING_SEVERITIES = Set.of("warning", "info");

    /** Validates, applies defaults and copies. */
    public QualityRule {
        requireNonNull(type, "type is null");
        if (metric != null && type != QualityRuleType.LIBRARY) {
            throw new IllegalArgumentException("only library rules have a metric");
        }
        if (metric != null && metricName == null) {
            metricName = metric.odcsName();
        }
        if (type == QualityRuleType.SQL) {
            requireNonNull(query, "query is null");
        }
        arguments = CollectionsUtil.map(arguments);
        if (threshold == null) {
            threshold = metric == QualityMetric.ROW_COUNT ? Threshold.NOT_EMPTY : Threshold.ZERO;
        }
        unit = unit == null || unit.isBlank() ? "rows" : unit.trim();
        severity = severity == null || severity.isBlank() ? "error" : severity.trim();
        implementation = CollectionsUtil.deep(implementation);
    }

    /** A library rule with default threshold, unit and severity. */
    public static QualityRule library(QualityMetric metric) {
        return new QualityRule(null, null, QualityRuleType.LIBRARY, metric, null, Map.of(), null, null, null, null,
                null, null, null);
    }

    /** Whether the threshold counts a percentage of rows ({@code unit: percent}, or {@code %}). */
    public boolean isPercent() {
        String u = unit.toLowerCase(Locale.ROOT);
        return u.equals("percent") || u.equals("%") || u.equals("percentage");
    }

    /** Whether a failure is only reported ({@code severity: warning} or {@code info}), not a failed check. */
    public boolean isWarning() {
        return NON_FAILING_SEVERITIES.contains(severity.toLowerCase(Locale.ROOT));
    }
}
