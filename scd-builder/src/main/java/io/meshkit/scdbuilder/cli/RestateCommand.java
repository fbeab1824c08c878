package io.meshkit.scdbuilder.cli;

import io.meshkit.scdbuilder.api.Execution;
import io.meshkit.scdbuilder.api.ScdBuilder;
import io.meshkit.scdbuilder.api.ScdResult;
import io.meshkit.scdbuilder.api.ScdTarget;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code meshkit scd restate --from D}. */
@Command(name = "restate", description = {"Rebuild history from a date with the staged snapshots of that date and later.",
    "History before it is untouched."},
        footer = {"%nExample:", "  $ ${COMMAND-FULL-NAME} --contract examples/music/contracts/tracks.odcs.yaml --from 2019-04-30"})
final class RestateCommand extends BuildCommand {
    @Option(names = "--from", paramLabel = "YYYY-MM-DD", required = true, description = "The first date to rebuild.")
    String from;

    @Override
    ScdResult build(ScdBuilder scd, ScdTarget target, Execution execution) {
        return scd.restate(target, Output.date("--from", from), execution);
    }
}
