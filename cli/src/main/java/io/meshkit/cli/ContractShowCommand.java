package io.meshkit.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.meshkit.core.cli.Formats;
import io.meshkit.core.cli.OutputFormat;
import io.meshkit.core.cli.OutputOptions;
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
 * {@code meshkit contract show FILE [--to v3.1.0]}: the contract as read, every field kept and nothing invented, in
 * the forms of its own apiVersion; with {@code --to v3.1.0}, v3.0 forms converted (what the conversion changed
 * beyond renaming goes to stderr, one {@code note:} line each). YAML, or JSON with {@code --format json}.
 */
@Command(name = "show", description = "Print a contract as read, in the forms of its own ODCS version (--to v3.1.0 converts a v3.0.x one): YAML, or"
        + " JSON with --format json.",
        footer = {"%nExample:", "  $ ${COMMAND-FULL-NAME} examples/music/contracts/tracks.odcs.yaml --format json"})
@Formats({OutputFormat.TEXT, OutputFormat.JSON})
final class ContractShowCommand implements Callable<Integer> {
    @Mixin
    OutputOptions output;

    @Parameters(paramLabel = "FILE", description = "The contract file.")
    Path file;

    @CommandLine.Option(names = "--to", paramLabel = "VERSION",
            description = "Write the contract in the forms of this ODCS version (v3.1.0): converts v3.0.x contracts.")
    String to;

    @Override
    public Integer call() throws Exception {
        OutputFormat f = output.format();
        Contract contract = ContractReader.create().read(file);
        String yaml;
        if (to == null) {
            yaml = ContractWriter.write(contract);
        } else {
            ContractWriter.Conversion conversion = ContractWriter.convert(contract, to);
            yaml = conversion.yaml();
            PrintWriter err = output.err();
            conversion.notes().forEach(n -> err.println("note: " + file + ": " + n));
            err.flush();
        }
        PrintWriter out = output.out();
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
