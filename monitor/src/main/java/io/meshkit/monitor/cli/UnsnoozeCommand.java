package io.meshkit.monitor.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code unsnooze DATASET}: alerts resume at the next check. */
@Command(name = "unsnooze", description = "End a dataset's snooze; alerts resume at the next check.",
        footer = {"%nExample:", "  $ ${COMMAND-FULL-NAME} music.plays --contract examples/music/contracts"})
final class UnsnoozeCommand implements Callable<Integer> {
    @Mixin
    MonitorOptions options;

    @Parameters(paramLabel = "DATASET", description = "The dataset.")
    String dataset;

    @Override
    public Integer call() {
        boolean had = options.call(c -> c.monitor().unsnooze(dataset));
        options.console.out().println(had ? "unsnoozed " + dataset : dataset + " was not snoozed");
        return 0;
    }
}
