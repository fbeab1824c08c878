package io.meshkit.core.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import io.meshkit.core.identifier.TableId;
import java.io.PrintWriter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * What every meshkit CLI shares: value converters, exit codes from error codes, and errors printed
 * as one line ({@code error: Cannot <verb> <object>: <reason>}), with the stack trace only under
 * {@code --verbose} and as a JSON object under {@code --format json}.
 */
public final class CliSupport {
    /** The command ran and found nothing wrong. */
    public static final int OK = 0;
    /** The command ran and found something: lint errors, a diff, a failed check, a firing alert. */
    public static final int FINDINGS = 1;

    private static final ObjectMapper JSON = new ObjectMapper();

    private CliSupport() {}

    /**
     * Installs converters, case-insensitive enums, the error handlers and the help on a command
     * line: every command in its tree (as it is now: configure again after adding subcommands)
     * answers {@code -h}/{@code --help} with its usage and exit 0 whatever options it requires, every
     * command with subcommands has {@code help [COMMAND...]}, and usage wraps only at spaces.
     */
    public static CommandLine configure(CommandLine cmd) {
        installHelp(cmd);
        HelpLayout.install(cmd);
        cmd.setCaseInsensitiveEnumValuesAllowed(true);
        cmd.registerConverter(TableId.class, TableId::parse);
        cmd.setExecutionExceptionHandler((ex, commandLine, parseResult) -> handle(ex, commandLine.getErr(), parseResult));
        cmd.setParameterExceptionHandler(CliSupport::handleParameterException);
        return cmd;
    }

    private static void installHelp(CommandLine cmd) {
        CommandSpec spec = cmd.getCommandSpec();
        if (spec.options().stream().noneMatch(OptionSpec::usageHelp)) {
            String[] names = spec.findOption("-h") == null ? new String[] {"-h", "--help"} : new String[] {"--help"};
            spec.addOption(OptionSpec.builder(names).usageHelp(true).description("Show this help message and exit.").build());
        }
        CommandLine help = cmd.getSubcommands().get("help");
        if (help != null && !(help.getCommand() instanceof HelpCommand)) {
            spec.removeSubcommand("help");   // picocli's own stops at the first name: `help scd apply` showed scd
            help = null;
        }
        if (help == null && !cmd.getSubcommands().isEmpty()) {
            cmd.addSubcommand("help", new HelpCommand());
        }
        for (CommandLine sub : Set.copyOf(cmd.getSubcommands().values())) {
            if (sub.getParent() == cmd && !(sub.getCommand() instanceof HelpCommand)) {
                installHelp(sub);
            }
        }
    }

    private static int handleParameterException(CommandLine.ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        String message = ex.getMessage();
        if (ex.getCause() instanceof MeshkitException m) {
            message = m.getMessage();
        } else if (ex.getCause() instanceof CommandLine.TypeConversionException && ex.getCause().getCause() instanceof MeshkitException m) {
            message = m.getMessage();
        }
        err.println("error: " + message);
        CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
        err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
        err.flush();
        return ErrorCode.INVALID_ARGUMENT.exitCode();
    }

    /** Prints an error the way every command does and returns its exit code. */
    public static int handle(Exception ex, PrintWriter err, ParseResult parseResult) {
        boolean verbose = matched(parseResult, "--verbose");
        boolean json = isJsonFormat(parseResult);
        MeshkitException error = ex instanceof MeshkitException m ? m
                : new MeshkitException(ErrorCode.INTERNAL_ERROR, "Internal error: " + ex.getClass().getSimpleName()
                        + (ex.getMessage() == null ? "" : ": " + firstLine(ex.getMessage()))
                        + (verbose ? "" : " (run with --verbose for the stack trace)"), ex);
        if (json) {
            ObjectNode root = JSON.createObjectNode();
            ObjectNode e = root.putObject("error");
            e.put("code", error.code().name());
            e.put("exitCode", error.exitCode());
            e.put("message", error.getMessage());
            err.println(root.toString());
        } else if (error instanceof io.meshkit.core.contract.ContractException ce) {
            // compiler style, every problem of the file: path:line:column: error: message
            ce.problems().forEach(err::println);
        } else {
            err.println("error: " + firstLine(error.getMessage()));
            List<String> rest = error.getMessage().lines().skip(1).toList();
            rest.forEach(err::println);
        }
        if (verbose) {
            ex.printStackTrace(err);
        }
        err.flush();
        return error.exitCode();
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static boolean matched(ParseResult parseResult, String option) {
        for (ParseResult r : chain(parseResult)) {
            if (r.hasMatchedOption(option)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isJsonFormat(ParseResult parseResult) {
        for (ParseResult r : chain(parseResult)) {
            if (r.hasMatchedOption("--format") && r.matchedOptionValue("--format", null) == OutputFormat.JSON) {
                return true;
            }
        }
        return false;
    }

    private static List<ParseResult> chain(ParseResult parseResult) {
        Deque<ParseResult> out = new ArrayDeque<>();
        ParseResult r = parseResult;
        while (r != null) {
            out.add(r);
            r = r.hasSubcommand() ? r.subcommand() : null;
        }
        return List.copyOf(out);
    }
}
