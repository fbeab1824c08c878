package io.meshkit.scdbuilder.cli;

import io.meshkit.core.cli.Formats;
import io.meshkit.core.cli.OutputFormat;
import io.meshkit.core.cli.ProgressOption;
import io.meshkit.core.cli.WarehouseCommandOptions;
import io.meshkit.core.progress.Progress;
import io.meshkit.scdbuilder.api.Execution;
import io.meshkit.scdbuilder.api.ScdBuilder;
import io.meshkit.scdbuilder.api.ScdResult;
import io.meshkit.scdbuilder.api.ScdTarget;
import io.meshkit.scdbuilder.di.ScdComponent;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** What the commands that build a candidate share. */
@Formats({OutputFormat.TEXT, OutputFormat.JSON})
abstract class BuildCommand implements Callable<Integer> {
    @Mixin
    WarehouseCommandOptions options;

    @Mixin
    DatasetOptions dataset;

    @Mixin
    ProgressOption progressOption;

    @Option(names = "--dry-run", description = "Print the plan and its SQL; write nothing.")
    boolean dryRun;

    @Option(names = "--table", paramLabel = "NAMESPACE.TABLE", description = "The production table, as --production.")
    io.meshkit.core.identifier.TableId table;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        OutputFormat f = options.format();
        if (table != null) {
            if (dataset.production != null && !dataset.production.equals(table)) {
                throw new io.meshkit.core.error.MeshkitException(io.meshkit.core.error.ErrorCode.INVALID_ARGUMENT,
                        "Cannot choose the production table: --table and --production name different tables");
            }
            dataset.production = table;
        }
        ScdTarget target = dataset.target();
        return options.call(ScdComponent::of, c -> (dryRun ? Progress.none() : progressOption.start("scd " + spec.name(), options.err()))
                .run(shown -> {
                    ScdResult r = build(c.scd().withProgress(shown), target, dryRun ? Execution.DRY_RUN : Execution.RUN);
                    shown.close();
                    return Output.print(r, f == OutputFormat.JSON, options.out());
                }));
    }

    abstract ScdResult build(ScdBuilder scd, ScdTarget target, Execution execution);
}
