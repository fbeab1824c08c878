package io.meshkit.publisher.cli;

import io.meshkit.core.cli.Formats;
import io.meshkit.core.cli.OutputFormat;
import io.meshkit.core.cli.ProgressOption;
import io.meshkit.core.cli.WarehouseCommandOptions;
import io.meshkit.core.config.MeshkitConfig;
import io.meshkit.core.progress.Progress;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.publisher.api.Mode;
import io.meshkit.publisher.api.PublishListener.Phase;
import io.meshkit.publisher.api.Publisher;
import io.meshkit.publisher.di.PublisherComponent;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** What every publisher subcommand shares: the dataset, the warehouse, the format, verbosity, dry run. */
@Formats({OutputFormat.TEXT, OutputFormat.JSON, OutputFormat.MARKDOWN})
abstract class PublisherCommand implements Callable<Integer> {
    @Mixin
    DatasetOptions dataset;

    @Mixin
    WarehouseCommandOptions options;

    @Mixin
    ProgressOption progressOption;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Whether the command supports {@code --dry-run}; history does not need it. */
    @Option(names = "--dry-run", description = "Print what would happen (tables, SQL, checks) and change nothing.")
    boolean dryRun;

    Mode mode() {
        return dryRun ? Mode.DRY_RUN : Mode.RUN;
    }

    /**
     * Whether this run may create a warehouse that does not exist yet. By default not: a command on
     * data already there refuses a missing warehouse (a mistyped path) rather than making an empty one.
     */
    boolean createsWarehouse() {
        return false;
    }

    /** Runs {@code work} with a publisher, prints with a {@link Reports}, and returns its exit code. */
    int withPublisher(BiFunction<Publisher, Reports, Integer> work) {
        return withPublisher((publisher, reports, w) -> work.apply(publisher, reports));
    }

    /** The work of a command that also reads the warehouse (the run log) itself. */
    interface Work {
        Integer apply(Publisher publisher, Reports reports, Warehouse warehouse);
    }

    /** Runs {@code work} with a publisher, a {@link Reports} and the warehouse, and returns its exit code. */
    int withPublisher(Work work) {
        OutputFormat f = options.format();
        PrintWriter out = options.out();
        Progress progress = dryRun ? Progress.none() : progressOption.start("publish " + spec.name(), options.err());
        return progress.run(shown -> {
            Function<MeshkitConfig, Integer> run = config -> {
                // the publisher's phases of work (staging, validating, swapping) are the progress's phases; holding the
                // lease and having swapped are moments, not work a log reader waits on
                PublisherComponent component = PublisherComponent.of(config, (dataset, phase) -> {
                    if (phase != Phase.LEASED && phase != Phase.SWAPPED) {
                        shown.phase(phase.name().toLowerCase(Locale.ROOT) + " " + dataset);
                    }
                });
                return component.closing(() -> {
                    int code = work.apply(component.publisher(), new Reports(f, out), component.warehouse());
                    shown.close();
                    out.flush();
                    return code;
                });
            };
            return createsWarehouse() ? options.creatingWarehouse("this command", run) : run.apply(options.config());
        });
    }
}
