package io.meshkit.core.contract;

import io.meshkit.core.type.OdcsEnums;
import java.util.Optional;

/** The ODCS quality rule types ({@code type}); {@code library} when a metric or rule is given. */
public enum QualityRuleType {
    /** A predefined metric, see {@link QualityMetric}. */
    LIBRARY,
    /** A SQL query whose result is compared with the threshold. */
    SQL,
    /** A rule in words, not executed. */
    TEXT,
    /** A rule for another engine, not executed by meshkit. */
    CUSTOM;

    /** The value as written in a contract, e.g. {@code library}. */
    public String odcsName() {
        return OdcsEnums.odcsName(this);
    }

    /** The constant for a value as written in a contract, ignoring case. */
    public static Optional<QualityRuleType> fromOdcs(String value) {
        return OdcsEnums.fromOdcs(QualityRuleType.class, value);
    }
}
