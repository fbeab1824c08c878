package io.meshkit.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code meshkit contract}: validate and show ODCS contracts. Drafting one from a MySQL table is {@code meshkit ingest
 * contract} (reading MySQL is ingest's); the help says so, as a new user looks for it here first.
 */
@Command(name = "contract", description = {"Validate and show ODCS data contracts.",
        "Draft a first one from a MySQL table's columns with meshkit ingest contract."},
        subcommands = {ContractValidateCommand.class, ContractShowCommand.class},
        footer = {"%nExamples:", "  $ ${COMMAND-FULL-NAME} validate examples/music/contracts",
                "  $ meshkit ingest contract --source 'jdbc:mysql://127.0.0.1:3306/shop?user=meshkit' --table members "
                        + "--output contracts/members.odcs.yaml"})
final class ContractCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
