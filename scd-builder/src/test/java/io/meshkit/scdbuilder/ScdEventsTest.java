package io.meshkit.scdbuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshkit.core.contract.TimeResolution;
import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.identifier.TableId;
import io.meshkit.core.warehouse.SqlBuilder;
import io.meshkit.core.warehouse.Sql;
import io.meshkit.core.warehouse.Warehouses;
import io.meshkit.scdbuilder.api.EventSource;
import io.meshkit.scdbuilder.api.Execution;
import io.meshkit.scdbuilder.api.ScdResult;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Building the dimension from change events: collapsing, deletes, type-1, late events. */
class ScdEventsTest {
    private static final TableId EVENTS = TableId.of("music_staging", "item_events");
    private static final LocalDateTime END = LocalDateTime.of(9999, 12, 31, 0, 0);

    private static LocalDateTime t(int day, int hour) {
        return LocalDateTime.of(2026, 1, day, hour, 0);
    }

    private static ScdFixture fixture(String deletes) {
        ScdFixture f = ScdFixture.of(Warehouses.open("duckdb::memory:"), Contracts.items(deletes));
        f.warehouse.createNamespace(EVENTS.namespace());
        f.warehouse.execute(Sql.of("CREATE TABLE music_staging.item_events (id BIGINT, name VARCHAR, genre VARCHAR, plays BIGINT,"
                + " op VARCHAR, event_time TIMESTAMP, loaded_at TIMESTAMP)"));
        return f;
    }

    private static void events(ScdFixture f, Object[]... rows) {
        SqlBuilder b = f.warehouse.dialect().sql().sql("INSERT INTO ").table(EVENTS).sql(" VALUES ");
        b.join(Arrays.asList(rows), r -> b.sql("(").binds(Arrays.asList(r)).sql(")"));
        f.warehouse.execute(b.build());
    }

    private static Object[] e(long id, String name, String genre, String op, LocalDateTime at, LocalDateTime loaded) {
        return new Object[] {id, name, genre, 1L, op, at, loaded};
    }

    private static EventSource incremental() {
        return new EventSource(EVENTS, EventSource.DEFAULT_OPERATION, EventSource.DEFAULT_EVENT_TIME,
                Optional.of(ColumnName.of("loaded_at")), EventSource.Mode.INCREMENTAL);
    }

    @Test
    void changesWithinADayCollapseToTheLastAndDeletesCloseOrTombstone() {
        Object[][] history = {
            e(1, "a", "pop", "create", t(1, 10), t(1, 23)), e(1, "a2", "pop", "UPDATE", t(1, 15), t(1, 23)),
            e(1, "a3", "pop", "update", t(2, 9), t(2, 23)), e(1, null, null, "delete", t(3, 9), t(3, 23)),
            e(1, "a4", "pop", "create", t(4, 9), t(4, 23)),
            e(2, "b", "pop", "create", t(1, 9), t(1, 23)), e(2, "b", "jazz", "update", t(2, 9), t(2, 23)),
            e(2, "b", "jazz", "update", t(3, 9), t(3, 23)),
        };
        try (ScdFixture f = fixture("close")) {
            events(f, history);
            ScdResult r = f.scd.fromEvents(f.target, EventSource.of(EVENTS), Execution.RUN);
            assertThat(r.status()).isEqualTo(ScdResult.Status.BUILT);
            assertThat(f.ordered(f.candidate())).containsExactly(
                    List.of(1L, "a2", "pop", 1L, t(1, 0), t(2, 0), false),
                    List.of(1L, "a3", "pop", 1L, t(2, 0), t(3, 0), false),
                    List.of(1L, "a4", "pop", 1L, t(4, 0), END, true),
                    List.of(2L, "b", "jazz", 1L, t(1, 0), END, true));
        }
        try (ScdFixture f = fixture("tombstone")) {
            events(f, history);
            f.scd.fromEvents(f.target, EventSource.of(EVENTS), Execution.RUN);
            assertThat(f.ordered(f.candidate())).contains(
                    List.of(1L, "a3", "pop", 1L, t(2, 0), t(3, 0), false, false),
                    List.of(1L, "a3", "pop", 1L, t(3, 0), t(4, 0), false, true),
                    List.of(1L, "a4", "pop", 1L, t(4, 0), END, true, false));
        }
    }

    @Test
    void lateEventsRebuildTheirKeysOnlyAndEqualAFullRollup() {
        Object[][] first = {
            e(1, "a", "pop", "create", t(1, 9), t(1, 23)), e(1, "a3", "pop", "update", t(3, 9), t(3, 23)),
            e(2, "b", "pop", "create", t(1, 9), t(1, 23)),
            e(3, "c", "pop", "create", t(2, 9), t(2, 23)),
        };
        Object[][] later = {
            e(1, "a2", "pop", "update", t(2, 9), t(4, 1)), // late: older than what was applied
            e(3, null, null, "delete", t(4, 0), t(4, 1)),
        };
        try (ScdFixture f = fixture("close"); ScdFixture full = fixture("close")) {
            events(f, first);
            ScdResult r1 = f.scd.fromEvents(f.target, incremental(), Execution.RUN);
            assertThat(r1.events().orElseThrow().keysRebuilt()).isEqualTo(3);
            events(f, later);
            ScdResult r2 = f.scd.fromEvents(f.target, incremental(), Execution.RUN);
            assertThat(r2.events().orElseThrow().events()).isEqualTo(2);
            assertThat(r2.events().orElseThrow().late()).isEqualTo(1);
            assertThat(r2.events().orElseThrow().keysRebuilt()).isEqualTo(2);

            events(full, first);
            events(full, later);
            full.scd.fromEvents(full.target, EventSource.of(EVENTS), Execution.RUN);
            assertThat(f.ordered(f.candidate())).isEqualTo(full.ordered(full.candidate()));
            assertThat(f.ordered(f.candidate())).contains(List.of(1L, "a2", "pop", 1L, t(2, 0), t(3, 0), false));
        }
    }

    @Test
    void timeIsTruncatedToTheHourOrTheDay() {
        try (ScdFixture f = fixture("close")) {
            var d = f.warehouse.dialect();
            Sql t = Sql.of("TIMESTAMP '2026-01-05 10:42:17'");
            assertThat(f.rows(d.sql().sql("SELECT ").append(d.truncateTime(t, TimeResolution.HOUR)).sql(", ")
                    .append(d.truncateTime(t, TimeResolution.DAY)).build()))
                    .containsExactly(List.of(t(5, 10), t(5, 0)));
        }
    }

    @Test
    void unknownOperationsAreRefused() {
        try (ScdFixture f = fixture("close")) {
            events(f, e(1, "a", "pop", "upsert", t(1, 9), t(1, 9)));
            assertThatThrownBy(() -> f.scd.fromEvents(f.target, EventSource.of(EVENTS), Execution.RUN))
                    .hasMessage("Cannot build music.items from events music_staging.item_events: 1 event(s) have an operation other than"
                            + " create, update or delete, or a NULL key or event time");
        }
    }
}
