package io.meshkit.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code meshkit contract}: validate and show ODCS contracts. */
@Command(name = "contract", description = "Validate and show ODCS data contracts.",
        subcommands = {ContractValidateCommand.class, ContractShowCommand.class},
        footer = {"%nExample:", "  $ ${COMMAND-FULL-NAME} validate examples/music/contracts"})
final class ContractCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
