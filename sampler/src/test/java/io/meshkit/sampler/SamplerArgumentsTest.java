package io.meshkit.sampler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.core.warehouse.Warehouses;
import io.meshkit.sampler.api.Measure;
import io.meshkit.sampler.api.Rate;
import io.meshkit.sampler.api.Sampler;
import io.meshkit.sampler.di.Samplers;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A Java caller of the sampler gets the typed error a CLI user gets (exit 2), checked before any query runs. */
class SamplerArgumentsTest {
    @Test
    void illegalRunsAndSubsamplesAreInvalidArguments() throws Exception {
        try (Warehouse w = Warehouses.open("duckdb::memory:")) {
            Sampler sampler = Samplers.over(w);
            assertThatThrownBy(() -> sampler.evaluate(List.of(), List.of(Rate.parse("10%")), 20, 0))
                    .isInstanceOfSatisfying(MeshkitException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                    .hasMessage("Cannot evaluate: --runs must be at least 1");
            assertThatThrownBy(() -> sampler.evaluate(List.of(), List.of(Rate.parse("10%")), 1, 3))
                    .isInstanceOfSatisfying(MeshkitException.class, e -> assertThat(e.exitCode()).isEqualTo(2))
                    .hasMessage("Cannot evaluate: --subsamples must be between 2 and 1000");
        }
    }

    @Test
    void aMeasureWithoutItsColumnIsAnInvalidArgument() {
        assertThatThrownBy(() -> new Measure(Measure.Kind.SUM, Optional.empty()))
                .isInstanceOfSatisfying(MeshkitException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessage("Cannot measure sum: it needs a column");
        assertThatThrownBy(() -> new Measure(Measure.Kind.ROWS, Optional.of(ColumnName.of("x"))))
                .isInstanceOf(MeshkitException.class).hasMessage("Cannot measure rows: it takes no column");
    }
}
