package io.meshkit.scdbuilder.cli;

import io.meshkit.scdbuilder.api.Execution;
import io.meshkit.scdbuilder.api.ScdBuilder;
import io.meshkit.scdbuilder.api.ScdResult;
import io.meshkit.scdbuilder.api.ScdTarget;
import picocli.CommandLine.Command;

/** {@code meshkit scd rebuild}. */
@Command(name = "rebuild", description = "Rebuild the dimension from every staged snapshot (a restatement from the first staged date).",
        footer = {"%nExample:", "  $ ${COMMAND-FULL-NAME} --contract examples/music/contracts/tracks.odcs.yaml"})
final class RebuildCommand extends BuildCommand {
    @Override
    ScdResult build(ScdBuilder scd, ScdTarget target, Execution execution) {
        return scd.rebuild(target, execution);
    }
}
