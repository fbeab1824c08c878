package io.meshkit.core.contract;

import io.meshkit.core.type.OdcsEnum;
import java.util.Optional;

/** The ODCS quality rule types ({@code type}); {@code library} when a metric or rule is given. */
public enum QualityRuleType implements OdcsEnum {
    /** A predefined metric, see {@link QualityMetric}. */
    LIBRARY,
    /** A SQL query whose result is compared with the threshold. */
    SQL,
    /** A rule in words, not executed. */
    TEXT,
    /** A rule for another engine, not executed by meshkit. */
    CUSTOM;

    /** The constant for a value as written in a contract, ignoring case. */
    public static Optional<QualityRuleType> fromOdcs(String value) {
        return OdcsEnum.fromOdcs(QualityRuleType.class, value);
    }
}
