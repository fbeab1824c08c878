package io.meshkit.linter.cli;

import io.meshkit.core.cli.CliSupport;
import io.meshkit.core.cli.Formats;
import io.meshkit.core.cli.OutputFormat;
import io.meshkit.core.cli.OutputOptions;
import io.meshkit.core.config.MeshkitConfig;
import io.meshkit.core.contract.ContractException;
import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.core.warehouse.Warehouses;
import io.meshkit.linter.api.ContractSource;
import io.meshkit.linter.api.Conventions;
import io.meshkit.linter.api.Finding;
import io.meshkit.linter.api.Rules;
import io.meshkit.linter.di.Linters;
import io.meshkit.linter.api.LintReport;
import io.meshkit.linter.api.LintRequest;
import io.meshkit.linter.api.Severity;
import io.meshkit.linter.di.LintComponent;
import io.meshkit.linter.internal.BaseVersions;
import io.meshkit.linter.internal.Reports;
import io.meshkit.linter.internal.SourceFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code meshkit-lint [PATH...]}: lints ODCS contracts against the dataset conventions, their previous versions
 * (breaking changes) and their live tables (drift). Exit 0 clean, 1 findings at or above {@code --fail-on},
 * 2 bad input (an invalid contract among them), 3 the warehouse or git failed.
 */
@Command(name = "meshkit-lint", mixinStandardHelpOptions = true, versionProvider = io.meshkit.core.cli.MeshkitVersion.class,
        description = "Lint data contracts: naming and typing conventions, glossary, required metadata, shape,"
                + " breaking changes against a previous version, drift against live tables.",
        subcommands = {RulesCommand.class, ExplainCommand.class},
        exitCodeList = {"0:clean (nothing at or above --fail-on)", "1:findings at or above --fail-on",
            "2:bad input: an invalid contract, a path, the conventions, the base ref", "3:the warehouse or git failed", "4:internal error"},
        footer = {"%nExample:", "  $ ${COMMAND-FULL-NAME} examples/music/contracts --fail-on warning"})
@Formats({OutputFormat.TEXT, OutputFormat.JSON, OutputFormat.SARIF, OutputFormat.GITHUB, OutputFormat.MARKDOWN})
public final class LintCli implements Callable<Integer> {
    /** When the lint fails. */
    enum FailOn { ERROR, WARNING, NEVER }

    @Parameters(paramLabel = "PATH", arity = "0..*",
            description = "Contract files or directories of *.odcs.yaml (default: contracts).")
    List<Path> paths = new ArrayList<>();

    @Option(names = "--conventions", paramLabel = "FILE",
            description = "Conventions file (YAML); it extends the built-in defaults or the file its 'extends' names.")
    Path conventions;

    static final class Base {
        @Option(names = "--base", paramLabel = "REF", description = "Compare with the contracts at this git ref (e.g. origin/main).")
        String ref;

        @Option(names = "--base-dir", paramLabel = "DIR", description = "Compare with the contracts in this directory.")
        Path dir;
    }

    @ArgGroup(exclusive = true)
    Base base;

    @Option(names = "--warehouse", paramLabel = "URI",
            description = "Compare live tables with their contracts (drift): the warehouse's URI, as --warehouse elsewhere.")
    String warehouse;

    @Option(names = "--config", paramLabel = "FILE", description = "Project configuration for warehouse settings (default: meshkit.yaml if present).")
    Path config;

    @Option(names = "--fail-on", paramLabel = "LEVEL", defaultValue = "error",
            description = "Exit 1 on findings at this level or above: error (default), warning, never.")
    FailOn failOn;

    @Option(names = "--output", paramLabel = "FILE", description = "Write the report to FILE instead of standard output.")
    Path output;

    @Option(names = {"-C", "--directory"}, paramLabel = "DIR", description = "Run as if started in DIR (paths, git and output are relative to it).")
    Path directory;

    @Mixin
    OutputOptions printing;

    /** Runs the command and exits. */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line. */
    public static CommandLine commandLine() {
        return CliSupport.configure(new CommandLine(new LintCli()));
    }

    @Override
    public Integer call() throws IOException {
        OutputFormat f = printing.format();
        Path workDir = (directory == null ? Path.of("") : directory).toAbsolutePath().normalize();
        Conventions conv = conventions == null ? Linters.defaultConventions() : Linters.loadConventions(workDir.resolve(conventions));
        List<Path> targets = paths.isEmpty() ? List.of(Path.of("contracts")) : paths;
        List<ContractSource> contracts = SourceFiles.find(workDir, targets);
        List<ContractSource> bases = List.of();
        if (base != null && base.ref != null) {
            List<String> rel = targets.stream().map(p -> SourceFiles.display(workDir, workDir.resolve(p))).toList();
            bases = BaseVersions.fromGit(workDir, base.ref, rel);
        } else if (base != null && base.dir != null) {
            Path first = workDir.resolve(targets.get(0));
            String root = SourceFiles.display(workDir, Files.isDirectory(first) ? first : first.getParent());
            bases = BaseVersions.fromDirectory(workDir.resolve(base.dir), root.equals(workDir.toString()) ? "" : root);
        }
        MeshkitConfig cfg = MeshkitConfig.defaults();
        if (warehouse != null) {
            MeshkitConfig loaded = MeshkitConfig.load(Optional.ofNullable(config).map(workDir::resolve));
            cfg = loaded.withWarehouseUri(warehouse);
            Warehouses.requireExisting(warehouse);   // drift of a mistyped file is not "every table missing"
        }
        LintComponent component = LintComponent.of(conv, cfg);
        LintReport report;
        try {
            if (warehouse != null) {
                try (Warehouse w = component.warehouse()) {
                    report = component.linter().lint(new LintRequest(contracts, bases, Optional.of(w)));
                }
            } else {
                report = component.linter().lint(new LintRequest(contracts, bases, Optional.empty()));
            }
        } catch (ContractException e) {
            // an invalid contract is bad input (exit 2, its errors on standard error); in a workflow they are
            // also annotations at their lines, where a finding would have been
            if (f == OutputFormat.GITHUB || f == OutputFormat.SARIF) {
                List<Finding> errors = e.problems().stream().map(p -> new Finding(Rules.CONTRACT_INVALID, Severity.ERROR,
                        p.location(), p.message(), null, null, null)).toList();
                write(f, new LintReport(contracts.size(), 0, errors, 0, List.of(), List.of()), workDir);
            }
            throw e;
        }
        write(f, report, workDir);
        Severity threshold = switch (failOn) {
            case ERROR -> Severity.ERROR;
            case WARNING -> Severity.WARNING;
            case NEVER -> null;
        };
        return threshold != null && report.failsAt(threshold) ? CliSupport.FINDINGS : CliSupport.OK;
    }

    private void write(OutputFormat f, LintReport report, Path workDir) {
        String rendered = switch (f) {
            case JSON -> Reports.json(report);
            case SARIF -> Reports.sarif(report, io.meshkit.core.cli.MeshkitVersion.version());
            case GITHUB -> Reports.github(report);
            case MARKDOWN -> Reports.markdown(report);
            default -> Reports.text(report);
        };
        PrintWriter out = printing.out();
        if (output != null) {
            Path target = workDir.resolve(output);
            try {
                Files.writeString(target, rendered, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot write report " + output + ": " + e.getMessage(), e);
            }
            if (f != OutputFormat.JSON) {
                out.println(Reports.summary(report));
            }
        } else {
            out.print(rendered);
        }
        out.flush();
    }

}
