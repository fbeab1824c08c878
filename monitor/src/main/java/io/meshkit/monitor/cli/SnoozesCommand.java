package io.meshkit.monitor.cli;

import io.meshkit.monitor.api.Alert;
import io.meshkit.monitor.api.Snooze;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code snoozes}: the active snoozes. */
@Command(name = "snoozes", description = "List the active snoozes.",
        footer = {"%nExample:", "  $ ${COMMAND-FULL-NAME} --contract examples/music/contracts"})
final class SnoozesCommand implements Callable<Integer> {
    @Mixin
    MonitorOptions options;

    @Override
    public Integer call() {
        List<Snooze> snoozes = options.call(c -> c.monitor().snoozes());
        PrintWriter out = options.console.out();
        snoozes.forEach(s -> out.println(s.dataset() + " until " + Alert.seconds(Optional.of(s.until())) + s.reason().map(r -> " (" + r + ")").orElse("")));
        out.println(snoozes.size() + " active snooze" + (snoozes.size() == 1 ? "" : "s"));
        return 0;
    }
}
