package io.meshkit.monitor.cli;

import io.meshkit.core.cli.VerboseOption;
import io.meshkit.core.config.MeshkitConfig;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.monitor.api.Snooze;
import io.meshkit.monitor.di.MonitorComponent;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code snoozes}: the active snoozes. */
@Command(name = "snoozes", description = "List the active snoozes.",
        footer = {"%nExample:", "  $ ${COMMAND-FULL-NAME} --contract examples/music/contracts"})
final class SnoozesCommand implements Callable<Integer> {
    @Mixin
    MonitorOptions options;

    @Mixin
    VerboseOption verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        MeshkitConfig config = options.config();
        MonitorComponent c = options.component(config, options.settings(config), List.of());
        List<Snooze> snoozes;
        try (Warehouse ignored = c.warehouse()) {
            snoozes = c.monitor().snoozes();
        }
        PrintWriter out = spec.commandLine().getOut();
        snoozes.forEach(s -> out.println(s.dataset() + " until " + s.until() + s.reason().map(r -> " (" + r + ")").orElse("")));
        out.println(snoozes.size() + " active snooze" + (snoozes.size() == 1 ? "" : "s"));
        return 0;
    }
}
