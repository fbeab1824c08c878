package io.meshkit.monitor.cli;

import io.meshkit.monitor.api.Alert;
import io.meshkit.monitor.api.Durations;
import io.meshkit.monitor.api.Snooze;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code snooze DATASET --until T}: hold back a dataset's alerts until a time. */
@Command(name = "snooze", description = "Hold back a dataset's alerts until a time; what still holds then is alerted.",
        footer = {"%nExample:", "  $ ${COMMAND-FULL-NAME} music.plays --until 12h --reason \"replaying 2019-05-02\" --contract examples/music/contracts"})
final class SnoozeCommand implements Callable<Integer> {
    @Mixin
    MonitorOptions options;

    @Parameters(paramLabel = "DATASET", description = "The dataset, as in status (e.g. music.plays).")
    String dataset;

    @Option(names = "--until", required = true, paramLabel = "TIME",
            description = "An ISO-8601 instant (2026-11-24T09:00:00Z) or a duration from now (12h, 2d).")
    String until;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why, shown in the snooze list.")
    String reason;

    @Override
    public Integer call() {
        Instant now = options.clock().instant();
        Instant at = Character.isDigit(until.charAt(0)) && until.contains("T") ? MonitorOptions.parseInstant(until, "--until")
                : now.plus(Durations.parse(until, "--until"));
        Snooze s = options.call(c -> c.monitor().snooze(dataset, at, Optional.ofNullable(reason)));
        options.console.out().println("snoozed " + s.dataset() + " until " + Alert.seconds(Optional.of(s.until())) + s.reason().map(r -> " (" + r + ")").orElse(""));
        return 0;
    }
}
