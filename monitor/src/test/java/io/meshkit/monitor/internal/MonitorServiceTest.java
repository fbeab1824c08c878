package io.meshkit.monitor.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshkit.core.contract.ContractReader;
import io.meshkit.core.identifier.TableId;
import io.meshkit.core.runlog.DatasetActivity;
import io.meshkit.core.runlog.Publication;
import io.meshkit.core.runlog.RunOutcome;
import io.meshkit.core.runlog.WarehouseRunLog;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.core.warehouse.Warehouses;
import io.meshkit.monitor.api.Alert;
import io.meshkit.monitor.api.AlertKind;
import io.meshkit.monitor.api.AlertSink;
import io.meshkit.monitor.api.CheckReport;
import io.meshkit.monitor.api.DatasetStatus;
import io.meshkit.monitor.api.MonitorSettings;
import io.meshkit.monitor.api.SinkException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The monitor end to end on a real DuckDB file: run log in, state and outbox in meshkit_meta, alerts out. */
public class MonitorServiceTest {
    public static final String CONTRACT = """
            apiVersion: v3.1.0
            kind: DataContract
            id: urn:test:music
            version: 1.0.0
            status: active
            domain: music
            schema:
              - name: plays
                properties:
                  - name: play_id
                    logicalType: string
                    physicalType: VARCHAR
                    primaryKey: true
                  - name: played_at
                    logicalType: timestamp
                    physicalType: TIMESTAMP
              - name: tracks
                properties:
                  - name: track_id
                    logicalType: integer
                    physicalType: BIGINT
                    primaryKey: true
            team:
              name: music-listening
            slaProperties:
              - property: freshness
                value: 2
                unit: h
                element: plays.played_at
            """;
    static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");

    @TempDir
    Path dir;
    Warehouse warehouse;
    Path contracts;
    final List<Alert> received = new ArrayList<>();
    int failuresLeft;

    final AlertSink recording = new AlertSink() {
        @Override
        public String name() {
            return "recording";
        }

        @Override
        public boolean routes(Alert alert) {
            return true;
        }

        @Override
        public void send(Alert alert) throws SinkException {
            if (failuresLeft > 0) {
                failuresLeft--;
                throw new SinkException("Cannot deliver alert to sink recording: HTTP 503");
            }
            received.add(alert);
        }
    };

    @BeforeEach
    void open() throws Exception {
        warehouse = Warehouses.open("duckdb:" + dir.resolve("w.duckdb"));
        contracts = dir.resolve("music.odcs.yaml");
        Files.writeString(contracts, CONTRACT);
    }

    @AfterEach
    void close() {
        warehouse.close();
    }

    WarehouseRunLog log(Instant at) {
        return new WarehouseRunLog(warehouse, Clock.fixed(at, ZoneOffset.UTC));
    }

    MonitorService monitor(Instant at) {
        MonitorSettings s = MonitorSettings.defaults().withContracts(Optional.of(contracts))
                .withRetry(new MonitorSettings.RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofSeconds(1)));
        return new MonitorService(warehouse, log(at), Clock.fixed(at, ZoneOffset.UTC), s, List.of(recording), d -> {});
    }

    void run(String dataset, Instant at, RunOutcome outcome) {
        var r = log(at).startRun("ingest", dataset);
        log(at.plusSeconds(60)).finishRun(r.runId(), outcome);
    }

    List<DatasetStatus> status(Instant at) {
        List<DatasetStatus> out = new ArrayList<>();
        monitor(at).status(out::add);
        return out;
    }

    @Test
    void statusCoversRunLogAndContractDatasetsSortedWithTeamSlaAndLag() {
        run("music.plays", T0.minus(Duration.ofHours(1)), RunOutcome.succeeded(100));
        run("other.events", T0.minus(Duration.ofHours(1)), RunOutcome.failed("Cannot load: disk full"));
        List<DatasetStatus> s = status(T0);
        assertThat(s).extracting(DatasetStatus::dataset).containsExactly("music.plays", "music.tracks", "other.events");
        assertThat(s.get(0).state()).isEqualTo("ok");
        assertThat(s.get(0).team()).contains("music-listening");
        assertThat(s.get(0).freshness()).contains(Duration.ofHours(2));
        assertThat(s.get(0).lag()).contains(Duration.ofMinutes(59));
        assertThat(s.get(1).state()).as("a contract dataset with no update at all is late").isEqualTo("late");
        assertThat(s.get(2).state()).as("no contract, no SLA: only failures count").isEqualTo("failing");
    }

    @Test
    void aContractDatasetNeverPublishedAndWithoutAFreshnessSlaIsUnpublishedNotOk() throws Exception {
        Files.writeString(contracts, CONTRACT.substring(0, CONTRACT.indexOf("slaProperties:")));
        run("music.plays", T0.minus(Duration.ofHours(1)), RunOutcome.succeeded(100));
        List<DatasetStatus> s = status(T0);
        assertThat(s).extracting(DatasetStatus::dataset).containsExactly("music.plays", "music.tracks");
        assertThat(s.get(0).state()).isEqualTo("ok");
        assertThat(s.get(1).freshness()).isEmpty();
        assertThat(s.get(1).lastUpdate()).isEmpty();
        assertThat(s.get(1).state()).isEqualTo("unpublished");
        assertThat(s.get(1).ok()).isFalse();
        assertThat(s.get(1).late()).as("no SLA to be late against: no alert").isFalse();
    }

    /** A mixed-case table (as in the ODCS examples) is the dataset publish records its runs under, lowercased. */
    @Test
    void aMixedCaseTableIsTheDatasetPublishRecords() throws Exception {
        Files.writeString(contracts, CONTRACT.replace("- name: tracks", "- name: Air_Quality"));
        run("music.air_quality", T0.minus(Duration.ofMinutes(30)), RunOutcome.succeeded(7));
        List<DatasetStatus> s = status(T0);
        assertThat(s).extracting(DatasetStatus::dataset).containsExactly("music.air_quality", "music.plays");
        assertThat(s.get(0).team()).contains("music-listening");
        assertThat(s.get(0).lastUpdate()).contains(T0.minus(Duration.ofMinutes(29)));
    }

    @Test
    void publicationIsTheLastUpdateWhenThereIsOne() {
        run("music.plays", T0.minus(Duration.ofMinutes(30)), RunOutcome.succeeded(100));
        log(T0).recordPublication(new Publication("music.plays", 1, "1.0.0", TableId.of("music", "plays"), 100, "x",
                T0.minus(Duration.ofHours(3)), "ci", "run-1"));
        DatasetStatus plays = status(T0).get(0);
        assertThat(plays.lastUpdate()).contains(T0.minus(Duration.ofHours(3)));
        assertThat(plays.late()).isTrue();
        assertThat(plays.lateBy()).contains(Duration.ofHours(1));
    }

    @Test
    void bulkReadFindsNewestRunsAndMedianOfRecentRuns() {
        long[] rows = {100, 110, 90, 105, 95, 400};
        for (int i = 0; i < rows.length; i++) {
            run("music.plays", T0.minus(Duration.ofDays(rows.length - i)), RunOutcome.succeeded(rows[i]));
        }
        run("music.plays", T0.minus(Duration.ofHours(2)), RunOutcome.failed("Cannot connect"));
        var started = log(T0.minus(Duration.ofHours(1))).startRun("ingest", "music.plays");
        List<DatasetActivity> all = new ArrayList<>();
        log(T0).forEachDatasetActivity(T0.minus(Duration.ofDays(30)), 10, all::add);
        assertThat(all).hasSize(1);
        DatasetActivity a = all.get(0);
        assertThat(a.runCount()).isEqualTo(8);
        assertThat(a.latestRun().orElseThrow().runId()).isEqualTo(started.runId());
        assertThat(a.latestFinishedRun().orElseThrow().message()).contains("Cannot connect");
        assertThat(a.latestSuccessfulRun().orElseThrow().rows()).hasValue(400);
        assertThat(a.recentRunsCounted()).isEqualTo(5);
        assertThat(a.recentMedianRows()).hasValue(100.0);
        DatasetStatus s = status(T0).get(0);
        assertThat(s.failing()).isTrue();
        assertThat(s.rowWarning()).as("400 is 300%% from the median 100").isTrue();
    }

    /** A pipeline's first day: ingest records a day's rows, publish the whole table; neither is the other's median. */
    @Test
    void theMedianIsOverRunsOfTheSameTool() {
        for (int day = 5; day >= 1; day--) {
            run("music.plays", T0.minus(Duration.ofDays(day)), RunOutcome.succeeded(100));
        }
        var publish = log(T0.minus(Duration.ofHours(1))).startRun("publish", "music.plays");
        log(T0.minus(Duration.ofMinutes(59))).finishRun(publish.runId(), RunOutcome.succeeded(500));
        DatasetStatus first = status(T0).get(0);
        assertThat(first.recentMedianRows()).as("no earlier publish run").isEmpty();
        assertThat(first.rowWarning()).isFalse();

        var again = log(T0.minus(Duration.ofMinutes(30))).startRun("publish", "music.plays");
        log(T0.minus(Duration.ofMinutes(29))).finishRun(again.runId(), RunOutcome.succeeded(2_000));
        DatasetStatus second = status(T0).get(0);
        assertThat(second.recentMedianRows()).as("the earlier publish run only").hasValue(500.0);
        assertThat(second.rowWarning()).as("2,000 is 300%% from the publish median 500").isTrue();
    }

    @Test
    void checkAlertsOncePerChangeAndDeliversWithoutDuplicates() {
        run("music.plays", T0.minus(Duration.ofHours(1)), RunOutcome.succeeded(100));
        run("music.tracks", T0.minus(Duration.ofHours(1)), RunOutcome.succeeded(10));
        CheckReport first = monitor(T0).check();
        assertThat(first.alerts()).isEmpty();
        assertThat(first.firing()).isFalse();

        run("music.plays", T0.plus(Duration.ofMinutes(10)), RunOutcome.failed("Cannot connect to source db:3306: timed out"));
        CheckReport failed = monitor(T0.plus(Duration.ofMinutes(15))).check();
        assertThat(failed.alerts()).extracting(Alert::kind).containsExactly(AlertKind.FAILED);
        assertThat(failed.firing()).isTrue();
        assertThat(received).extracting(Alert::kind).containsExactly(AlertKind.FAILED);

        for (int i = 0; i < 3; i++) {
            CheckReport again = monitor(T0.plus(Duration.ofMinutes(20 + i))).check();
            assertThat(again.alerts()).isEmpty();
            assertThat(again.deliveries()).isEmpty();
        }
        assertThat(received).hasSize(1);

        run("music.plays", T0.plus(Duration.ofMinutes(30)), RunOutcome.succeeded(100));
        CheckReport recovered = monitor(T0.plus(Duration.ofMinutes(35))).check();
        assertThat(recovered.alerts()).extracting(Alert::kind).containsExactly(AlertKind.RECOVERED);
        assertThat(received).extracting(Alert::kind).containsExactly(AlertKind.FAILED, AlertKind.RECOVERED);

        // three hours without a new update: both datasets late, once
        CheckReport late = monitor(T0.plus(Duration.ofHours(3))).check();
        assertThat(late.alerts()).extracting(Alert::kind, Alert::dataset)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(AlertKind.LATE, "music.plays"),
                        org.assertj.core.groups.Tuple.tuple(AlertKind.LATE, "music.tracks"));
        assertThat(monitor(T0.plus(Duration.ofHours(4))).check().alerts()).isEmpty();
        CheckReport reminder = monitor(T0.plus(Duration.ofHours(27))).check();
        assertThat(reminder.alerts()).extracting(Alert::kind).containsOnly(AlertKind.REMINDER).hasSize(2);
    }

    @Test
    void undeliveredAlertIsKeptAndDeliveredOnceAtTheNextCheck() {
        run("music.plays", T0.minus(Duration.ofMinutes(90)), RunOutcome.succeeded(100));
        run("music.plays", T0.minus(Duration.ofHours(1)), RunOutcome.failed("Cannot connect"));
        run("music.tracks", T0.minus(Duration.ofHours(1)), RunOutcome.succeeded(10));
        failuresLeft = 2; // both attempts of this check fail
        CheckReport first = monitor(T0).check();
        assertThat(first.alerts()).hasSize(1);
        assertThat(first.pending()).isEqualTo(1);
        assertThat(first.deliveries().get(0).error()).isEqualTo("Cannot deliver alert to sink recording: HTTP 503");
        assertThat(received).isEmpty();

        CheckReport second = monitor(T0.plusSeconds(300)).check();
        assertThat(second.alerts()).as("the state change was recorded with the first check").isEmpty();
        assertThat(second.delivered()).isEqualTo(1);
        assertThat(second.pending()).isZero();
        assertThat(received).extracting(Alert::kind).containsExactly(AlertKind.FAILED);
        assertThat(received.get(0).firedAt()).isEqualTo(T0);

        monitor(T0.plusSeconds(600)).check();
        assertThat(received).hasSize(1);
    }

    @Test
    void snoozeHoldsAlertsBackUntilItEnds() {
        run("music.plays", T0.minus(Duration.ofHours(1)), RunOutcome.failed("Cannot connect"));
        run("music.tracks", T0.minus(Duration.ofHours(1)), RunOutcome.succeeded(10));
        monitor(T0).snooze("music.plays", T0.plus(Duration.ofHours(1)), Optional.of("source maintenance"));
        assertThat(monitor(T0).snoozes()).extracting(s -> s.dataset()).containsExactly("music.plays");
        CheckReport during = monitor(T0.plusSeconds(60)).check();
        assertThat(during.alerts()).isEmpty();
        assertThat(during.snoozed()).isEqualTo(1);
        assertThat(during.firing()).isTrue();
        CheckReport after = monitor(T0.plus(Duration.ofMinutes(61))).check();
        assertThat(after.alerts()).extracting(Alert::kind, Alert::dataset)
                .contains(org.assertj.core.groups.Tuple.tuple(AlertKind.FAILED, "music.plays"));
        assertThat(monitor(T0.plus(Duration.ofMinutes(62))).unsnooze("music.plays")).isTrue();
    }

    /** ODCS v3 writes how old data may be as latency; the monitor reads it as the freshness SLA (the stricter one). */
    @Test
    void latencyIsTheFreshnessSla() throws Exception {
        Files.writeString(contracts, CONTRACT.replace("""
                  - property: freshness
                    value: 2
                    unit: h
                    element: plays.played_at
                """, """
                  - property: latency
                    value: PT3H
                    element: plays.played_at
                    driver: analytics
                  - property: latency
                    value: 90
                    unit: minutes
                    driver: operational
                """));
        run("music.plays", T0.minus(Duration.ofHours(2)), RunOutcome.succeeded(100));
        List<DatasetStatus> s = status(T0);
        assertThat(s.get(0).dataset()).isEqualTo("music.plays");
        assertThat(s.get(0).freshness()).contains(Duration.ofMinutes(90));
        assertThat(s.get(0).state()).isEqualTo("late");
    }

    @Test
    void freshnessQueryReadsTheElementColumnOfUnpublishedDatasets() {
        warehouse.execute(io.meshkit.core.warehouse.Sql.of("CREATE SCHEMA IF NOT EXISTS music"));
        warehouse.execute(io.meshkit.core.warehouse.Sql.of(
                "CREATE TABLE music.plays AS SELECT 'p1' AS play_id, TIMESTAMP '2026-11-23 11:30:00' AS played_at"));
        MonitorSettings s = MonitorSettings.defaults().withContracts(Optional.of(contracts)).withFreshnessQueries(true);
        List<DatasetStatus> out = new ArrayList<>();
        new MonitorService(warehouse, log(T0), Clock.fixed(T0, ZoneOffset.UTC), s, List.of(), d -> {}).status(out::add);
        assertThat(out.get(0).dataset()).isEqualTo("music.plays");
        assertThat(out.get(0).lastUpdate()).contains(Instant.parse("2026-11-23T11:30:00Z"));
        assertThat(out.get(0).late()).isFalse();
        assertThat(ContractReader.create().read(contracts).sla().elementOf("freshness")).contains("plays.played_at");
    }

    @Test
    void aFreshnessQueryIsReportedAsLineageReadingTheTablesItProbed() {
        warehouse.execute(io.meshkit.core.warehouse.Sql.of("CREATE SCHEMA IF NOT EXISTS music"));
        warehouse.execute(io.meshkit.core.warehouse.Sql.of(
                "CREATE TABLE music.plays AS SELECT 'p1' AS play_id, TIMESTAMP '2026-11-23 11:30:00' AS played_at"));
        MonitorSettings s = MonitorSettings.defaults().withContracts(Optional.of(contracts)).withFreshnessQueries(true);
        List<io.meshkit.core.lineage.LineageEvent> events = new ArrayList<>();
        io.meshkit.core.lineage.LineageConfig config = new io.meshkit.core.lineage.LineageConfig("console", Optional.empty(),
                "/api/v1/lineage", Optional.empty(), Optional.empty(), "music", Duration.ofSeconds(1));
        var lineageLog = io.meshkit.core.lineage.LineageRunLog.wrap(log(T0), events::add, config, "duckdb:w", Clock.fixed(T0, ZoneOffset.UTC));

        new MonitorService(warehouse, lineageLog, Clock.fixed(T0, ZoneOffset.UTC), s, List.of(), d -> {}).check();

        assertThat(events).extracting(e -> e.type().name(), e -> e.jobName()).containsExactly(
                org.assertj.core.groups.Tuple.tuple("START", "monitor.freshness"),
                org.assertj.core.groups.Tuple.tuple("COMPLETE", "monitor.freshness"));
        assertThat(events.get(0).inputs()).extracting(d -> d.namespace() + " " + d.name()).containsExactly("duckdb:w music.plays");
        assertThat(events.get(0).outputs()).isEmpty();
        // without lineage, or with nothing to probe, nothing is reported
        events.clear();
        new MonitorService(warehouse, lineageLog, Clock.fixed(T0, ZoneOffset.UTC), s.withFreshnessQueries(false), List.of(), d -> {}).check();
        assertThat(events).isEmpty();
    }
}
