package io.meshkit.monitor.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshkit.core.runlog.RunRecord;
import io.meshkit.core.runlog.RunStatus;
import io.meshkit.monitor.api.Alert;
import io.meshkit.monitor.api.AlertKind;
import io.meshkit.monitor.api.DatasetStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class StateMachineTest {
    private static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");
    private static final Optional<Duration> DAY = Optional.of(Duration.ofHours(24));

    private static RunRecord run(String id, RunStatus status, String message, long rows) {
        return new RunRecord(id, "ingest", "music.plays", T0.minusSeconds(600), Optional.of(T0.minusSeconds(60)), status,
                OptionalLong.of(rows), OptionalLong.empty(), Optional.ofNullable(message));
    }

    private static DatasetStatus status(boolean failing, boolean late, String runId, Optional<Instant> snoozedUntil) {
        RunRecord r = failing ? run(runId, RunStatus.FAILED, "Cannot connect to source db:3306: timed out", 0)
                : run(runId, RunStatus.SUCCEEDED, null, 100);
        Optional<Instant> update = Optional.of(T0.minus(Duration.ofHours(late ? 5 : 1)));
        return new DatasetStatus("music.plays", Optional.of("music-listening"), failing, late, update, Optional.of(Duration.ofHours(2)),
                update.map(u -> Duration.between(u, T0)), Optional.of(r), failing ? Optional.empty() : Optional.of(r), 10,
                OptionalDouble.empty(), false, snoozedUntil);
    }

    private static NotifiedState told(boolean failing, boolean late, Instant lastAlert) {
        return new NotifiedState("music.plays", failing, late, Optional.ofNullable(lastAlert), Optional.empty());
    }

    private static List<AlertKind> kinds(StateMachine.Decision d) {
        return d.alerts().stream().map(Alert::kind).toList();
    }

    @Test
    void okStaysQuiet() {
        var d = StateMachine.decide(status(false, false, "r1", Optional.empty()), NotifiedState.initial("music.plays"), T0, DAY);
        assertThat(d.alerts()).isEmpty();
        assertThat(d.next().isInitial()).isTrue();
    }

    @Test
    void okToFailingAlertsFailedWithRunIdErrorAndTeam() {
        var d = StateMachine.decide(status(true, false, "r2", Optional.empty()), NotifiedState.initial("music.plays"), T0, DAY);
        assertThat(kinds(d)).containsExactly(AlertKind.FAILED);
        Alert a = d.alerts().get(0);
        assertThat(a.runId()).contains("r2");
        assertThat(a.text()).isEqualTo("music.plays failed: run r2: Cannot connect to source db:3306: timed out (team music-listening)");
        assertThat(d.next().failing()).isTrue();
        assertThat(d.next().lastAlertAt()).contains(T0);
    }

    @Test
    void failingThatPersistsIsNotRepeatedBeforeTheReminder() {
        var d = StateMachine.decide(status(true, false, "r3", Optional.empty()), told(true, false, T0.minusSeconds(3600)), T0, DAY);
        assertThat(d.alerts()).isEmpty();
        assertThat(d.next()).isEqualTo(told(true, false, T0.minusSeconds(3600)));
    }

    @Test
    void failingThatPersistsPastTheReminderIntervalIsRemindedOnce() {
        Instant last = T0.minus(Duration.ofHours(24));
        var d = StateMachine.decide(status(true, false, "r3", Optional.empty()), told(true, false, last), T0, DAY);
        assertThat(kinds(d)).containsExactly(AlertKind.REMINDER);
        assertThat(d.alerts().get(0).text()).startsWith("music.plays is still failing: Cannot connect");
        assertThat(d.next().lastAlertAt()).contains(T0);
        var again = StateMachine.decide(status(true, false, "r3", Optional.empty()), d.next(), T0.plusSeconds(60), DAY);
        assertThat(again.alerts()).isEmpty();
    }

    @Test
    void noReminderWhenRemindersAreOff() {
        var d = StateMachine.decide(status(true, true, "r3", Optional.empty()), told(true, true, T0.minus(Duration.ofDays(30))), T0,
                Optional.empty());
        assertThat(d.alerts()).isEmpty();
    }

    @Test
    void failingToOkAlertsRecovered() {
        var d = StateMachine.decide(status(false, false, "r4", Optional.empty()), told(true, false, T0.minusSeconds(60)), T0, DAY);
        assertThat(kinds(d)).containsExactly(AlertKind.RECOVERED);
        assertThat(d.alerts().get(0).text()).isEqualTo("music.plays recovered: run r4 succeeded (team music-listening)");
        assertThat(d.next().isInitial()).isTrue();
    }

    @Test
    void okToLateAlertsLateWithLastUpdateSlaAndHowLate() {
        var d = StateMachine.decide(status(false, true, "r1", Optional.empty()), NotifiedState.initial("music.plays"), T0, DAY);
        assertThat(kinds(d)).containsExactly(AlertKind.LATE);
        assertThat(d.alerts().get(0).text())
                .isEqualTo("music.plays is late: last update 2026-11-23T07:00:00Z, SLA 2h, 3h late (team music-listening)");
    }

    @Test
    void lateToOkAlertsCaughtUp() {
        var d = StateMachine.decide(status(false, false, "r1", Optional.empty()), told(false, true, T0.minusSeconds(60)), T0, DAY);
        assertThat(kinds(d)).containsExactly(AlertKind.CAUGHT_UP);
    }

    @Test
    void bothAtOnceAndBackGiveBothAlerts() {
        var d = StateMachine.decide(status(true, true, "r5", Optional.empty()), NotifiedState.initial("music.plays"), T0, DAY);
        assertThat(kinds(d)).containsExactly(AlertKind.FAILED, AlertKind.LATE);
        var back = StateMachine.decide(status(false, false, "r6", Optional.empty()), d.next(), T0.plusSeconds(3600), DAY);
        assertThat(kinds(back)).containsExactly(AlertKind.RECOVERED, AlertKind.CAUGHT_UP);
    }

    @Test
    void failingToLateSwapsOneAlertForTheOther() {
        var d = StateMachine.decide(status(false, true, "r7", Optional.empty()), told(true, false, T0.minusSeconds(60)), T0, DAY);
        assertThat(kinds(d)).containsExactly(AlertKind.RECOVERED, AlertKind.LATE);
    }

    @Test
    void snoozedRaisesNothingAndTellsNothingThenAlertsWhatStillHolds() {
        var snoozed = StateMachine.decide(status(true, false, "r8", Optional.of(T0.plusSeconds(3600))), NotifiedState.initial("music.plays"),
                T0, DAY);
        assertThat(snoozed.alerts()).isEmpty();
        assertThat(snoozed.next().isInitial()).isTrue();
        var after = StateMachine.decide(status(true, false, "r8", Optional.empty()), snoozed.next(), T0.plusSeconds(3601), DAY);
        assertThat(kinds(after)).containsExactly(AlertKind.FAILED);
    }

    @Test
    void sameChangeGivesTheSameAlertId() {
        var a = StateMachine.decide(status(true, false, "r9", Optional.empty()), NotifiedState.initial("music.plays"), T0, DAY);
        var b = StateMachine.decide(status(true, false, "r9", Optional.empty()), NotifiedState.initial("music.plays"), T0.plusSeconds(5), DAY);
        var c = StateMachine.decide(status(true, false, "r10", Optional.empty()), NotifiedState.initial("music.plays"), T0, DAY);
        assertThat(a.alerts().get(0).id()).isEqualTo(b.alerts().get(0).id()).isNotEqualTo(c.alerts().get(0).id());
    }

    @Test
    void rowCountWarningOncePerRun() {
        DatasetStatus base = status(false, false, "r11", Optional.empty());
        DatasetStatus warn = new DatasetStatus(base.dataset(), base.team(), false, false, base.lastUpdate(), base.freshness(), base.lag(),
                base.latestFinishedRun(), base.latestSuccessfulRun(), 10, OptionalDouble.of(1000), true, Optional.empty());
        var d = StateMachine.decide(warn, NotifiedState.initial("music.plays"), T0, DAY);
        assertThat(kinds(d)).containsExactly(AlertKind.ROW_COUNT);
        assertThat(d.alerts().get(0).text()).isEqualTo(
                "music.plays row count warning: run r11 wrote 100 rows, median of recent runs 1000 (team music-listening)");
        assertThat(StateMachine.decide(warn, d.next(), T0.plusSeconds(60), DAY).alerts()).isEmpty();
    }
}
