package io.meshkit.core.contract;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;

/**
 * The condition a quality rule's measured value must meet: one of the ODCS {@code mustBe...} keys.
 *
 * @param operator the comparison
 * @param value the value compared with, or the lower bound of a range
 * @param upper the upper bound for {@link Operator#BETWEEN} and {@link Operator#NOT_BETWEEN}, else null
 */
public record Threshold(Operator operator, BigDecimal value, BigDecimal upper) {
    /** The comparisons of ODCS. */
    public enum Operator {
        /** {@code mustBe}. */
        EQ("mustBe", "must be"),
        /** {@code mustNotBe}. */
        NE("mustNotBe", "must not be"),
        /** {@code mustBeGreaterThan}. */
        GT("mustBeGreaterThan", "must be greater than"),
        /** {@code mustBeGreaterOrEqualTo}. */
        GE("mustBeGreaterOrEqualTo", "must be greater than or equal to"),
        /** {@code mustBeLessThan}. */
        LT("mustBeLessThan", "must be less than"),
        /** {@code mustBeLessOrEqualTo}. */
        LE("mustBeLessOrEqualTo", "must be less than or equal to"),
        /** {@code mustBeBetween}: inclusive bounds. */
        BETWEEN("mustBeBetween", "must be between"),
        /** {@code mustNotBeBetween}: outside the inclusive bounds. */
        NOT_BETWEEN("mustNotBeBetween", "must not be between");

        private final String odcsName;
        private final String words;

        Operator(String odcsName, String words) {
            this.odcsName = odcsName;
            this.words = words;
        }

        /** The ODCS key, e.g. {@code mustBeLessThan}. */
        public String odcsName() {
            return odcsName;
        }

        /** Whether the operator takes a range {@code [value, upper]}. */
        public boolean isRange() {
            return this == BETWEEN || this == NOT_BETWEEN;
        }
    }

    /** The default threshold of a rule: {@code mustBe: 0}. */
    public static final Threshold ZERO = new Threshold(Operator.EQ, BigDecimal.ZERO, null);

    /** The default threshold of a {@code rowCount} rule: {@code mustBeGreaterThan: 0}. */
    public static final Threshold NOT_EMPTY = new Threshold(Operator.GT, BigDecimal.ZERO, null);

    /** Validates that ranges, and only ranges, have an upper bound not below the lower one. */
    public Threshold {
        requireNonNull(operator, "operator is null");
        requireNonNull(value, "value is null");
        if (operator.isRange()) {
            requireNonNull(upper, "upper is null");
            if (value.compareTo(upper) > 0) {
                throw new IllegalArgumentException("range lower bound " + value + " is above upper bound " + upper);
            }
        } else if (upper != null) {
            throw new IllegalArgumentException(operator + " takes no upper bound");
        }
    }

    /** A threshold comparing with one value. */
    public static Threshold of(Operator operator, long value) {
        return new Threshold(operator, BigDecimal.valueOf(value), null);
    }

    /** Whether an observed value meets this threshold. */
    public boolean accepts(BigDecimal observed) {
        requireNonNull(observed, "observed is null");
        int c = observed.compareTo(value);
        return switch (operator) {
            case EQ -> c == 0;
            case NE -> c != 0;
            case GT -> c > 0;
            case GE -> c >= 0;
            case LT -> c < 0;
            case LE -> c <= 0;
            case BETWEEN -> c >= 0 && observed.compareTo(upper) <= 0;
            case NOT_BETWEEN -> c < 0 || observed.compareTo(upper) > 0;
        };
    }

    /** The condition in words, e.g. {@code must be less than 5} or {@code must be between 1 and 10}. */
    public String describe() {
        String s = operator.words + " " + plain(value);
        return operator.isRange() ? s + " and " + plain(upper) : s;
    }

    /** A number without exponent where that is short ({@code 1e999999999} stays in exponent form, not a GB of zeros). */
    static String plain(BigDecimal n) {
        return Math.abs((long) n.scale()) <= 100 ? n.toPlainString() : n.toString();
    }

    @Override
    public String toString() {
        return describe();
    }
}
