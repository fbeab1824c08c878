package io.meshkit.core.sampling;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SamplingValueTest {
    @Test
    void matchesTheDocumentedDefinition() {
        // md5("42") = a1d0c6e83f027327 d8461063f4ac58a6; first 8 bytes as unsigned = 11660038136054051623
        long u = Long.parseUnsignedLong("11660038136054051623");
        assertThat(SamplingValue.of("42")).isEqualTo((u >>> 11) / 0x1.0p53);
        // the same number DuckDB computed for the key 42 when the dialect was written
        assertThat(SamplingValue.of(42)).isEqualTo(0.6320919339186817);
    }

    @Test
    void staysInTheUnitIntervalAndSpreadsEvenly() {
        Random random = new Random(7);
        int[] buckets = new int[10];
        int n = 100_000;
        for (int i = 0; i < n; i++) {
            double v = SamplingValue.of(Long.toString(random.nextLong()));
            assertThat(v).isGreaterThanOrEqualTo(0.0).isLessThan(1.0);
            buckets[(int) (v * 10)]++;
        }
        for (int b : buckets) {
            assertThat(b).isBetween(n / 10 - 600, n / 10 + 600); // about 6 standard deviations
        }
    }

    @Test
    void smallerSamplesAreSubsetsOfLargerOnes() {
        for (int i = 0; i < 20_000; i++) {
            String key = "user-" + i;
            if (SamplingValue.isSampled(key, 0.01)) {
                assertThat(SamplingValue.isSampled(key, 0.10)).isTrue();
            }
        }
    }

    @Test
    void hashesUtf8Text() {
        assertThat(SamplingValue.of("Zoë")).isNotEqualTo(SamplingValue.of("Zoe"));
        assertThat(SamplingValue.of("")).isBetween(0.0, 1.0);
    }
}
