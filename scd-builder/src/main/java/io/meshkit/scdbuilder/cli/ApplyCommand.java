package io.meshkit.scdbuilder.cli;

import io.meshkit.scdbuilder.api.Execution;
import io.meshkit.scdbuilder.api.ScdBuilder;
import io.meshkit.scdbuilder.api.ScdResult;
import io.meshkit.scdbuilder.api.ScdTarget;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code meshkit scd apply --date D}. */
@Command(name = "apply", description = {"Apply the staged snapshot of a date to the dimension, writing the release candidate.",
    "Applying the last applied date again gives the same table; an older date is refused (use restate)."},
        footer = {"%nExample:", "  $ ${COMMAND-FULL-NAME} --contract examples/music/contracts/tracks.odcs.yaml --date 2019-04-29"})
final class ApplyCommand extends BuildCommand {
    @Option(names = "--date", paramLabel = "YYYY-MM-DD", required = true, description = "The snapshot date to apply.")
    String date;

    @Override
    ScdResult build(ScdBuilder scd, ScdTarget target, Execution execution) {
        return scd.apply(target, Output.date("--date", date), execution);
    }
}
