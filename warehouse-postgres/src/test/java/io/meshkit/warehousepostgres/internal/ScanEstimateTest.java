package io.meshkit.warehousepostgres.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.meshkit.core.type.DataType;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ScanEstimateTest {
    @Test
    void histogramShareIsLinearInsideABucket() {
        double[] bounds = {0, 10, 20, 40};
        assertThat(ScanEstimate.histogramShare(bounds, -1)).isZero();
        assertThat(ScanEstimate.histogramShare(bounds, 5)).isCloseTo(1 / 6.0, within(1e-12));
        assertThat(ScanEstimate.histogramShare(bounds, 30)).isCloseTo(2.5 / 3, within(1e-12));
        assertThat(ScanEstimate.histogramShare(bounds, 41)).isEqualTo(1.0);
    }

    /** Common values count by their frequency, the rest by the histogram, NULLs never. */
    @Test
    void shareAddsCommonValuesAndTheHistogramOfTheRest() {
        ScanEstimate.Stats s = new ScanEstimate.Stats(0.1, 8, new double[] {1, 100}, new double[] {0.2, 0.3}, Optional.of(new double[] {0, 50, 200}));
        // below 50: the common value 1 (0.2) and half of the histogram's 0.4
        assertThat(ScanEstimate.share(s, DataType.BIGINT, 50)).isCloseTo(0.2 + 0.4 * 0.5, within(1e-12));
        // without statistics: the bound for a floating-point column, every row otherwise
        assertThat(ScanEstimate.share(null, DataType.DOUBLE, 0.01)).isEqualTo(0.01);
        assertThat(ScanEstimate.share(null, DataType.BIGINT, 0.01)).isEqualTo(1.0);
    }
}
