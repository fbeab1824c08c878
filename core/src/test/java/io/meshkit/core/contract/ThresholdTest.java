package io.meshkit.core.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshkit.core.contract.Threshold.Operator;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class ThresholdTest {
    private static boolean accepts(Threshold t, String observed) {
        return t.accepts(new BigDecimal(observed));
    }

    @Test
    void comparesNumerically() {
        assertThat(accepts(Threshold.ZERO, "0.00")).isTrue();
        assertThat(accepts(Threshold.ZERO, "1")).isFalse();
        assertThat(accepts(Threshold.of(Operator.NE, 3), "3")).isFalse();
        assertThat(accepts(Threshold.of(Operator.GT, 5), "5")).isFalse();
        assertThat(accepts(Threshold.of(Operator.GE, 5), "5")).isTrue();
        assertThat(accepts(Threshold.of(Operator.LT, 5), "4.99")).isTrue();
        assertThat(accepts(Threshold.of(Operator.LE, 5), "5.01")).isFalse();
        Threshold between = new Threshold(Operator.BETWEEN, BigDecimal.ONE, BigDecimal.TEN);
        assertThat(accepts(between, "1")).isTrue();
        assertThat(accepts(between, "10")).isTrue();
        assertThat(accepts(between, "10.5")).isFalse();
        Threshold outside = new Threshold(Operator.NOT_BETWEEN, BigDecimal.ONE, BigDecimal.TEN);
        assertThat(accepts(outside, "0")).isTrue();
        assertThat(accepts(outside, "5")).isFalse();
    }

    @Test
    void describesInWords() {
        assertThat(Threshold.of(Operator.LT, 5).describe()).isEqualTo("must be less than 5");
        assertThat(Threshold.ZERO.describe()).isEqualTo("must be 0");
        assertThat(Threshold.NOT_EMPTY.describe()).isEqualTo("must be greater than 0");
        assertThat(Threshold.of(Operator.GE, 2).describe()).isEqualTo("must be greater than or equal to 2");
        assertThat(new Threshold(Operator.NOT_BETWEEN, new BigDecimal("0.5"), BigDecimal.TEN).describe())
                .isEqualTo("must not be between 0.5 and 10");
    }

    @Test
    void rangesNeedOrderedBounds() {
        assertThatThrownBy(() -> new Threshold(Operator.BETWEEN, BigDecimal.TEN, BigDecimal.ONE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Threshold(Operator.BETWEEN, BigDecimal.TEN, null))
                .isInstanceOf(NullPointerException.class).hasMessage("upper is null");
        assertThatThrownBy(() -> new Threshold(Operator.EQ, BigDecimal.TEN, BigDecimal.TEN))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
