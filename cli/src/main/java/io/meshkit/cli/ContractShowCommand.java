package io.meshkit.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.meshkit.core.cli.FormatOption;
import io.meshkit.core.cli.OutputFormat;
import io.meshkit.core.cli.VerboseOption;
import io.meshkit.core.contract.Contract;
import io.meshkit.core.contract.ContractReader;
import io.meshkit.core.contract.ContractWriter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code meshkit contract show FILE}: the contract as meshkit understands it, normalised to ODCS
 * v3.1.0 YAML (defaults filled in, v3.0 forms converted), or as JSON.
 */
@Command(name = "show", description = "Print a contract normalised to ODCS v3.1.0 (YAML, or JSON with --format json).")
final class ContractShowCommand implements Callable<Integer> {
    @Mixin
    FormatOption format;

    @Mixin
    VerboseOption verbose;

    @Parameters(paramLabel = "FILE", description = "The contract file.")
    Path file;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        OutputFormat f = format.require(OutputFormat.TEXT, OutputFormat.JSON);
        Contract contract = ContractReader.create().read(file);
        String yaml = ContractWriter.write(contract);
        PrintWriter out = spec.commandLine().getOut();
        if (f == OutputFormat.JSON) {
            Object tree = new ObjectMapper(new YAMLFactory()).readValue(yaml, Object.class);
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(tree));
        } else {
            out.print(yaml);
        }
        out.flush();
        return 0;
    }
}
