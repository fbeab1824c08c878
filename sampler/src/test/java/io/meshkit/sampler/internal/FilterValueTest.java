package io.meshkit.sampler.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshkit.core.error.MeshkitException;
import io.meshkit.core.identifier.TableId;
import io.meshkit.core.warehouse.Sql;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.core.warehouse.Warehouses;
import io.meshkit.sampler.api.Filter;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

/** A filter's value is read by its column's type: a date alone on a timestamp column is that day's midnight. */
class FilterValueTest {
    @Test
    void aTimestampColumnTakesADateOrADateTime() {
        try (Warehouse w = Warehouses.open("duckdb::memory:")) {
            w.execute(Sql.of("CREATE SCHEMA s"));
            w.execute(Sql.of("CREATE TABLE s.t (occurred_at TIMESTAMP, d DATE, n BIGINT)"));
            Columns columns = Columns.of(w, TableId.of("s", "t"), "query");
            assertThat(columns.filterValue(Filter.parse("occurred_at>=2024-01-02"))).isEqualTo(LocalDateTime.of(2024, 1, 2, 0, 0));
            assertThat(columns.filterValue(Filter.parse("occurred_at>=2024-01-02 10:30:00")))
                    .isEqualTo(LocalDateTime.of(2024, 1, 2, 10, 30));
            assertThat(columns.filterValue(Filter.parse("occurred_at<2024-01-02T10:30"))).isEqualTo(LocalDateTime.of(2024, 1, 2, 10, 30));
            assertThat(columns.filterValue(Filter.parse("d=2024-01-02"))).isEqualTo(LocalDate.of(2024, 1, 2));
            assertThatThrownBy(() -> columns.filterValue(Filter.parse("occurred_at>=yesterday")))
                    .isInstanceOf(MeshkitException.class).hasMessageContaining("is not a valid TIMESTAMP");
            assertThatThrownBy(() -> columns.filterValue(Filter.parse("occurred_at>=2024-13-02")))
                    .isInstanceOf(MeshkitException.class);
        }
    }
}
