package io.meshkit.core.contract;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Set;

/**
 * An ODCS data quality rule, at dataset ({@code schema}) or column ({@code property}) level.
 *
 * @param name the rule's name, or null
 * @param description what the rule checks, or null
 * @param type the rule type
 * @param metric the library metric; non-null exactly for {@link QualityRuleType#LIBRARY}
 * @param arguments the metric's arguments, e.g. {@code validValues}
 * @param threshold the condition the measured value must meet
 * @param unit {@code rows} (the default) or {@code percent}
 * @param query the SQL query of a {@link QualityRuleType#SQL} rule, else null
 * @param severity {@code error} (the default) or {@code warning}
 */
public record QualityRule(
        String name,
        String description,
        QualityRuleType type,
        QualityMetric metric,
        Map<String, Object> arguments,
        Threshold threshold,
        String unit,
        String query,
        String severity) {

    /** The units a threshold may count in. */
    public static final Set<String> UNITS = Set.of("rows", "percent");

    /** The severities a rule may have. */
    public static final Set<String> SEVERITIES = Set.of("error", "warning");

    /** Validates, applies defaults and copies. */
    public QualityRule {
        requireNonNull(type, "type is null");
        if ((type == QualityRuleType.LIBRARY) != (metric != null)) {
            throw new IllegalArgumentException("a metric is required for, and only for, library rules");
        }
        if (type == QualityRuleType.SQL) {
            requireNonNull(query, "query is null");
        }
        arguments = CollectionsUtil.map(arguments);
        if (threshold == null) {
            threshold = metric == QualityMetric.ROW_COUNT ? Threshold.NOT_EMPTY : Threshold.ZERO;
        }
        unit = unit == null ? "rows" : unit;
        if (!UNITS.contains(unit)) {
            throw new IllegalArgumentException("unit must be one of " + UNITS + ": " + unit);
        }
        severity = severity == null ? "error" : severity;
        if (!SEVERITIES.contains(severity)) {
            throw new IllegalArgumentException("severity must be one of " + SEVERITIES + ": " + severity);
        }
    }

    /** A library rule with default threshold, unit and severity. */
    public static QualityRule library(QualityMetric metric) {
        return new QualityRule(null, null, QualityRuleType.LIBRARY, metric, Map.of(), null, null, null, null);
    }

    /** Whether a failure is only a warning. */
    public boolean isWarning() {
        return severity.equals("warning");
    }
}
