package io.meshkit.sampler.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshkit.sampler.api.Evaluation;
import io.meshkit.sampler.api.Rate;
import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class SvgChartTest {
    private static Evaluation.RateRow row(Rate rate, long ms, double average, double max) {
        return new Evaluation.RateRow(rate, Duration.ofMillis(ms), OptionalLong.of(1000), false, 3, average, max, 1.0);
    }

    @Test
    void oneRateDrawsAValidChartWithTheTargetErrorAsALine() {
        Evaluation e = new Evaluation(1, Duration.ofMillis(12), List.of(row(Rate.FULL, 14, 0, 0)));
        String svg = SvgChart.render(e, "Sampling music.plays: plays — error and query time against rate", OptionalDouble.of(0.05));
        assertThat(svg).doesNotContain("NaN", "Infinity")
                .contains("Sampling music.plays: plays — error and query time against rate")
                .contains("stroke=\"#ff7f0e\"", "target error 5%")
                .contains("<circle cx=\"" + (64 + 380) + ".0\"");   // 100% sits at the right end of the axis
    }

    @Test
    void theLadderStillSpansItsDecades() {
        Evaluation e = new Evaluation(1, Duration.ofMillis(100), List.of(row(Rate.FULL, 100, 0, 0), row(new Rate(0.01), 5, 0.02, 0.08)));
        String svg = SvgChart.render(e, "t");
        assertThat(svg).doesNotContain("NaN").contains(">1%<", ">100%<").doesNotContain("target error");
    }
}
