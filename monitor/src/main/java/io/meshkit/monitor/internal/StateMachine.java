package io.meshkit.monitor.internal;

import io.meshkit.core.runlog.RunRecord;
import io.meshkit.monitor.api.Alert;
import io.meshkit.monitor.api.AlertKind;
import io.meshkit.monitor.api.DatasetStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * The alerting rules, as a pure function of the evaluated status, what was told before, and the time.
 *
 * <ul>
 *   <li>failing: not told → {@code failed} (run id and error); told, and no longer → {@code recovered}.</li>
 *   <li>late: not told → {@code late} (last update, SLA, how late); told, and no longer → {@code caught-up}.</li>
 *   <li>a told state that persists for the reminder interval since the last alert → {@code reminder}.</li>
 *   <li>the newest successful run's row count far from the recent median → {@code row-count}, once per run.</li>
 *   <li>snoozed: nothing is raised and nothing is marked told, so what still holds when the snooze
 *       ends is alerted then.</li>
 * </ul>
 */
final class StateMachine {
    private StateMachine() {}

    /** The next told state and the alerts to raise. */
    record Decision(NotifiedState next, List<Alert> alerts) {
        Decision {
            alerts = List.copyOf(alerts);
        }
    }

    static Decision decide(DatasetStatus s, NotifiedState told, Instant now, Optional<Duration> reminder) {
        if (s.snoozedUntil().isPresent()) {
            return new Decision(told, List.of());
        }
        List<Alert> alerts = new ArrayList<>();
        String dataset = s.dataset();
        Optional<RunRecord> run = s.latestFinishedRun();
        Optional<String> runId = run.map(RunRecord::runId);
        if (s.failing() && !told.failing()) {
            alerts.add(alert(AlertKind.FAILED, runId.orElse(""), s, now, runId, run.flatMap(RunRecord::message)));
        } else if (!s.failing() && told.failing()) {
            alerts.add(alert(AlertKind.RECOVERED, runId.orElse(""), s, now, runId, Optional.empty()));
        }
        String updateKey = s.lastUpdate().map(Instant::toString).orElse("never");
        if (s.late() && !told.late()) {
            alerts.add(alert(AlertKind.LATE, updateKey, s, now, Optional.empty(), Optional.empty()));
        } else if (!s.late() && told.late()) {
            alerts.add(alert(AlertKind.CAUGHT_UP, updateKey, s, now, Optional.empty(), Optional.empty()));
        }
        Optional<Instant> lastAlertAt = told.lastAlertAt();
        boolean raisedStateAlert = alerts.stream().anyMatch(a -> a.kind() == AlertKind.FAILED || a.kind() == AlertKind.LATE);
        if (raisedStateAlert) {
            lastAlertAt = Optional.of(now);
        } else if (alerts.isEmpty() && (s.failing() || s.late()) && reminder.isPresent()) {
            Instant since = told.lastAlertAt().orElse(now);
            if (!now.isBefore(since.plus(reminder.get())) && told.lastAlertAt().isPresent()) {
                alerts.add(alert(AlertKind.REMINDER, since.toString(), s, now, s.failing() ? runId : Optional.empty(),
                        s.failing() ? run.flatMap(RunRecord::message) : Optional.empty()));
                lastAlertAt = Optional.of(now);
            }
        }
        if (!s.failing() && !s.late()) {
            lastAlertAt = Optional.empty();
        }
        Optional<String> warned = told.warnedRunId();
        if (s.rowWarning() && s.latestSuccessfulRun().isPresent()) {
            RunRecord r = s.latestSuccessfulRun().get();
            if (!warned.equals(Optional.of(r.runId()))) {
                alerts.add(new Alert(Alert.idOf(AlertKind.ROW_COUNT, dataset, r.runId()), AlertKind.ROW_COUNT, dataset, s.team(), now,
                        Optional.of(r.runId()), Optional.empty(), s.lastUpdate(), s.freshness(), s.lateBy(), s.failing(), s.late(),
                        r.rows(), s.recentMedianRows()));
                warned = Optional.of(r.runId());
            }
        }
        return new Decision(new NotifiedState(dataset, s.failing(), s.late(), lastAlertAt, warned), alerts);
    }

    private static Alert alert(AlertKind kind, String subject, DatasetStatus s, Instant now, Optional<String> runId, Optional<String> error) {
        return new Alert(Alert.idOf(kind, s.dataset(), subject), kind, s.dataset(), s.team(), now, runId, error, s.lastUpdate(),
                s.freshness(), s.lateBy(), s.failing(), s.late(), OptionalLong.empty(), OptionalDouble.empty());
    }
}
