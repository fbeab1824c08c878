package io.meshkit.monitor.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Settings made in Java are checked by the api with the same typed error a CLI user gets (exit 2). */
class MonitorSettingsTest {
    private final MonitorSettings d = MonitorSettings.defaults();

    @Test
    void anIllegalSettingIsAnInvalidArgument() {
        assertThatThrownBy(() -> new MonitorSettings(d.contracts(), d.defaultFreshness(), d.reminder(), 0, d.recentRuns(), d.lookback(),
                d.freshnessQueries(), d.sinks(), d.retry()))
                .isInstanceOfSatisfying(MeshkitException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessage("Cannot use the monitor settings: rowChangeThreshold must be positive, got 0.0");
        assertThatThrownBy(() -> new MonitorSettings(d.contracts(), d.defaultFreshness(), d.reminder(), 0.5, 0, d.lookback(),
                d.freshnessQueries(), d.sinks(), d.retry()))
                .isInstanceOfSatisfying(MeshkitException.class, e -> assertThat(e.exitCode()).isEqualTo(2))
                .hasMessage("Cannot use the monitor settings: recentRuns must be at least 1, got 0");
        assertThatThrownBy(() -> new MonitorSettings.RetryPolicy(0, Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(10)))
                .isInstanceOf(MeshkitException.class)
                .hasMessage("Cannot use the monitor settings: retry.attempts must be at least 1, got 0");
    }
}
