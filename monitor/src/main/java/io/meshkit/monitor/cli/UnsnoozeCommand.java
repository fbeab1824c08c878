package io.meshkit.monitor.cli;

import io.meshkit.core.cli.VerboseOption;
import io.meshkit.core.config.MeshkitConfig;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.monitor.di.MonitorComponent;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code unsnooze DATASET}: alerts resume at the next check. */
@Command(name = "unsnooze", description = "End a dataset's snooze; alerts resume at the next check.",
        footer = {"%nExample:", "  $ ${COMMAND-FULL-NAME} music.plays --contract examples/music/contracts"})
final class UnsnoozeCommand implements Callable<Integer> {
    @Mixin
    MonitorOptions options;

    @Mixin
    VerboseOption verbose;

    @Parameters(paramLabel = "DATASET", description = "The dataset.")
    String dataset;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        MeshkitConfig config = options.config();
        MonitorComponent c = options.component(config, options.settings(config), List.of());
        boolean had;
        try (Warehouse ignored = c.warehouse()) {
            had = c.monitor().unsnooze(dataset);
        }
        spec.commandLine().getOut().println(had ? "unsnoozed " + dataset : dataset + " was not snoozed");
        return 0;
    }
}
