package io.meshkit.monitor.internal;

import static java.util.Objects.requireNonNull;

import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import io.meshkit.core.runlog.DatasetActivity;
import io.meshkit.core.runlog.RunLog;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.monitor.api.Alert;
import io.meshkit.monitor.api.AlertSink;
import io.meshkit.monitor.api.CheckReport;
import io.meshkit.monitor.api.DatasetStatus;
import io.meshkit.monitor.api.Monitor;
import io.meshkit.monitor.api.MonitorSettings;
import io.meshkit.monitor.api.Snooze;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import javax.inject.Inject;

/**
 * The monitor: one set-based read of the run log ({@link RunLog#forEachDatasetActivity}), the
 * contracts' expectations and the monitor's own state, a pure decision per dataset, then the
 * changes and new alerts written in one transaction and the outbox delivered.
 */
public final class MonitorService implements Monitor {
    private final Warehouse warehouse;
    private final RunLog runLog;
    private final StateStore store;
    private final Clock clock;
    private final MonitorSettings settings;
    private final List<AlertSink> sinks;
    private final Sleeper sleeper;
    private Map<String, Expectation> expectations;

    @Inject
    public MonitorService(Warehouse warehouse, RunLog runLog, Clock clock, MonitorSettings settings, List<AlertSink> sinks, Sleeper sleeper) {
        this.warehouse = requireNonNull(warehouse, "warehouse is null");
        this.runLog = requireNonNull(runLog, "runLog is null");
        this.store = new StateStore(warehouse);
        this.clock = requireNonNull(clock, "clock is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.sinks = List.copyOf(sinks);
        this.sleeper = requireNonNull(sleeper, "sleeper is null");
    }

    private synchronized Map<String, Expectation> expectations() {
        if (expectations == null) {
            expectations = new TreeMap<>(Expectations.load(settings.contracts()));
        }
        return expectations;
    }

    @Override
    public void status(Consumer<DatasetStatus> action) {
        evaluate(clock.instant(), action);
    }

    /**
     * Streams the status of every dataset in the run log or the contracts, sorted by name: the run
     * log's stream (sorted by the warehouse) is merged with the contract datasets it does not name.
     */
    private void evaluate(Instant now, Consumer<DatasetStatus> action) {
        Map<String, Expectation> expected = expectations();
        Map<String, Snooze> snoozes = store.snoozes();
        Map<String, Instant> probed = settings.freshnessQueries() ? FreshnessProbe.newestValues(warehouse, runLog, expected.values()) : Map.of();
        Evaluator evaluator = new Evaluator(settings);
        Iterator<String> contractOnly = expected.keySet().iterator();
        String[] nextContract = {contractOnly.hasNext() ? contractOnly.next() : null};
        Consumer<String> emitContractOnly = name -> action.accept(evaluator.evaluate(name, Optional.empty(),
                Optional.of(expected.get(name)), Optional.ofNullable(probed.get(name)), Optional.ofNullable(snoozes.get(name)), now));
        Consumer<DatasetActivity> onActivity = a -> {
            String name = a.dataset();
            while (nextContract[0] != null && nextContract[0].compareTo(name) <= 0) {
                if (!nextContract[0].equals(name)) {
                    emitContractOnly.accept(nextContract[0]);
                }
                nextContract[0] = contractOnly.hasNext() ? contractOnly.next() : null;
            }
            action.accept(evaluator.evaluate(name, Optional.of(a), Optional.ofNullable(expected.get(name)),
                    Optional.ofNullable(probed.get(name)), Optional.ofNullable(snoozes.get(name)), now));
        };
        runLog.forEachDatasetActivity(now.minus(settings.lookback()), settings.recentRuns(), onActivity);
        while (nextContract[0] != null) {
            emitContractOnly.accept(nextContract[0]);
            nextContract[0] = contractOnly.hasNext() ? contractOnly.next() : null;
        }
    }

    @Override
    public CheckReport check() {
        return run(true);
    }

    @Override
    public CheckReport preview() {
        return run(false);
    }

    private CheckReport run(boolean apply) {
        Instant now = clock.instant();
        Map<String, NotifiedState> told = store.states();
        List<Alert> alerts = new ArrayList<>();
        List<NotifiedState> changed = new ArrayList<>();
        int[] counts = new int[4]; // datasets, failing, late, snoozed
        evaluate(now, s -> {
            counts[0]++;
            counts[1] += s.failing() ? 1 : 0;
            counts[2] += s.late() ? 1 : 0;
            counts[3] += s.snoozedUntil().isPresent() ? 1 : 0;
            NotifiedState before = told.getOrDefault(s.dataset(), NotifiedState.initial(s.dataset()));
            StateMachine.Decision d = StateMachine.decide(s, before, now, settings.reminder());
            if (!d.next().equals(before)) {
                changed.add(d.next());
            }
            alerts.addAll(d.alerts());
        });
        if (!apply) {
            return new CheckReport(now, counts[0], counts[1], counts[2], counts[3], alerts, List.of(), store.pendingCount(), changed.size());
        }
        List<StateStore.OutboxEntry> entries = new ArrayList<>();
        for (Alert a : alerts) {
            String payload = AlertJson.write(a);
            for (AlertSink sink : sinks) {
                if (sink.routes(a)) {
                    entries.add(new StateStore.OutboxEntry(a.id(), sink.name(), a.dataset(), a.kind(), a.firedAt(), payload, 0));
                }
            }
        }
        store.record(entries, changed, now);
        List<CheckReport.Delivery> deliveries = new Dispatcher(store, sinks, settings.retry(), sleeper, clock).deliverPending();
        int pending = (int) deliveries.stream().filter(d -> !d.delivered()).count();
        return new CheckReport(now, counts[0], counts[1], counts[2], counts[3], alerts, deliveries, pending, changed.size());
    }

    @Override
    public Snooze snooze(String dataset, Instant until, Optional<String> reason) {
        if (dataset == null || dataset.isBlank()) {
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot snooze dataset: its name is empty");
        }
        Instant now = clock.instant();
        if (!until.isAfter(now)) {
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot snooze dataset " + dataset + ": " + until + " is not in the future");
        }
        Snooze s = new Snooze(dataset, until, now, reason);
        store.snooze(s);
        return s;
    }

    @Override
    public boolean unsnooze(String dataset) {
        return store.unsnooze(dataset);
    }

    @Override
    public List<Snooze> snoozes() {
        Instant now = clock.instant();
        return store.snoozes().values().stream().filter(s -> s.activeAt(now)).sorted(java.util.Comparator.comparing(Snooze::dataset)).toList();
    }

    @Override
    public int pendingDeliveries() {
        return store.pendingCount();
    }
}
