package io.meshkit.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshkit.core.cli.Counts;
import io.meshkit.core.cli.Formats;
import io.meshkit.core.cli.OutputFormat;
import io.meshkit.core.cli.OutputOptions;
import io.meshkit.core.contract.ContractProblem;
import io.meshkit.core.contract.ContractReader;
import io.meshkit.core.contract.ParsedContract;
import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code meshkit contract validate [--strict] PATH...}: reads every contract under the paths (each checked against
 * the official ODCS schema of its apiVersion, then by meshkit's own checks) and prints every problem as
 * {@code path:line:column: severity: message}. Exit 0 when all are valid, 2 when one has errors; with
 * {@code --strict} warnings count as errors, and exit 1 when warnings are all there is.
 */
@Command(name = "validate", description = "Validate ODCS contracts (files or directories of *.odcs.yaml).",
        footer = {"%nExample:", "  $ ${COMMAND-FULL-NAME} examples/music/contracts"})
@Formats({OutputFormat.TEXT, OutputFormat.JSON})
final class ContractValidateCommand implements Callable<Integer> {
    @Mixin
    OutputOptions output;

    @Parameters(paramLabel = "PATH", arity = "1..*", description = "Contract files or directories to search for *.odcs.yaml.")
    List<Path> paths;

    @CommandLine.Option(names = "--strict", description = "Treat warnings (unknown keys, types read by their logicalType, "
            + "SLAs meshkit cannot check...) as errors: exit 1 when there are any.")
    boolean strict;

    @Override
    public Integer call() throws Exception {
        OutputFormat f = output.format();
        ContractReader reader = ContractReader.create();
        Set<Path> files = new LinkedHashSet<>();
        for (Path p : paths) {
            List<Path> found = reader.findContracts(p);
            if (found.isEmpty()) { // a directory without contracts is a wrong path, not "0 contracts, 0 valid"
                throw new MeshkitException(ErrorCode.FILE_NOT_FOUND, "Cannot validate contracts in " + p
                        + ": no *.odcs.yaml (or *.odcs.yml) file in it or below");
            }
            files.addAll(found);
        }
        // each file is read and checked against its schema on its own: in parallel, reported in path order
        List<ParsedContract> results = new ArrayList<>(files).parallelStream().map(reader::parse).toList();
        long invalid = results.stream().filter(r -> !valid(r)).count();
        long problems = results.stream().mapToLong(r -> r.problems().size()).sum();
        boolean errors = results.stream().anyMatch(ParsedContract::hasErrors);
        PrintWriter out = output.out();
        if (f == OutputFormat.JSON) {
            out.println(json(results, invalid, strict));
        } else {
            for (ParsedContract r : results) {
                for (ContractProblem p : r.problems()) {
                    out.println(strict && !p.isError() ? asError(p) : p);
                }
            }
            out.println(Counts.of(results.size(), "contract") + ", " + (results.size() - invalid) + " valid, "
                    + Counts.of(problems, "problem"));
        }
        out.flush();
        if (errors) {
            return ErrorCode.INVALID_CONTRACT.exitCode();
        }
        return invalid == 0 ? 0 : 1; // --strict: the check found warnings
    }

    private boolean valid(ParsedContract r) {
        return !r.hasErrors() && !(strict && !r.problems().isEmpty());
    }

    private static ContractProblem asError(ContractProblem p) {
        return new ContractProblem(p.location(), ContractProblem.Severity.ERROR, p.message());
    }

    private static String json(List<ParsedContract> results, long invalid, boolean strict) throws Exception {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        ArrayNode contracts = root.putArray("contracts");
        for (ParsedContract r : results) {
            ObjectNode c = contracts.addObject();
            c.put("path", r.displayPath());
            c.put("valid", !r.hasErrors() && !(strict && !r.problems().isEmpty()));
            r.contract().ifPresent(k -> c.put("apiVersion", k.apiVersion()));
            r.contract().ifPresent(k -> {
                c.put("id", k.id());
                c.put("version", k.version());
            });
            ArrayNode ps = c.putArray("problems");
            for (ContractProblem p : r.problems()) {
                ObjectNode o = ps.addObject();
                o.put("line", p.location().line());
                o.put("column", p.location().column());
                o.put("severity", strict ? "error" : p.severity().name().toLowerCase(java.util.Locale.ROOT));
                o.put("message", p.message());
            }
        }
        ObjectNode summary = root.putObject("summary");
        summary.put("contracts", results.size());
        summary.put("valid", results.size() - invalid);
        summary.put("invalid", invalid);
        summary.put("warnings", results.stream().mapToLong(r -> r.warnings().size()).sum());
        summary.put("strict", strict);
        return mapper.writeValueAsString(root);
    }
}
