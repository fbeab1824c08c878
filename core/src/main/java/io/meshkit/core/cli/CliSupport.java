package io.meshkit.core.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import io.meshkit.core.identifier.TableId;
import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.UsageMessageSpec;
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

    /** What the exit codes mean for a command whose tool says nothing more specific. */
    private static final Map<String, String> EXIT_CODES = orderedMap(
            "0", "ok",
            "1", "findings: the command ran and found something (a failed check, a diff, an alert)",
            "2", "bad input: one line naming the option or file:line:col",
            "3", "an external system failed: the warehouse, MySQL, the network",
            "4", "internal error: a bug (--verbose prints the stack trace)");

    private static final String ENVIRONMENT = "environment";

    /** The variables read when a command has an option (a command without the option never reads them). */
    private static final Map<String, Map<String, String>> ENVIRONMENT_BY_OPTION = orderedMaps(
            "--warehouse", orderedMap("MESHKIT_WAREHOUSE", "the warehouse URI when --warehouse is not given"),
            "--source", orderedMap("MESHKIT_MYSQL_PASSWORD", "the password of the MySQL --source (never put it in the URL)"),
            "--lease-ttl", orderedMap("MESHKIT_ACTOR", "who publishes, recorded with each version (default: the user name)"),
            "--post-to-github", orderedMap("GITHUB_TOKEN", "the token that posts the pull request comment",
                    "GITHUB_API_URL", "the GitHub API (default https://api.github.com)",
                    "GITHUB_REPOSITORY", "the repository when --repo is not given"));

    /** In the order given, so that the usage is the same on every run. */
    private static Map<String, Map<String, String>> orderedMaps(Object... keysAndValues) {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            @SuppressWarnings("unchecked")
            Map<String, String> value = (Map<String, String>) keysAndValues[i + 1];
            out.put((String) keysAndValues[i], value);
        }
        return java.util.Collections.unmodifiableMap(out);
    }

    private static Map<String, String> orderedMap(String... keysAndValues) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            out.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(out);
    }

    private CliSupport() {}

    /**
     * Installs converters, case-insensitive enums, the error handlers and the help on a command
     * line: every command in its tree (as it is now: configure again after adding subcommands)
     * answers {@code -h}/{@code --help} with its usage and exit 0 whatever options it requires, every
     * command with subcommands has {@code help [COMMAND...]}, every command lists its exit codes under
     * one heading (a tool's own list, else its parent's, else the standard one), and usage wraps only at spaces.
     */
    public static CommandLine configure(CommandLine cmd) {
        installHelp(cmd);
        declareFormats(cmd);
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
        if (spec.options().stream().anyMatch(OptionSpec::versionHelp) && spec.versionProvider() == null && spec.version().length == 0) {
            // mixinStandardHelpOptions gives -V to a subcommand too; without a version it printed nothing
            spec.versionProvider(() -> new String[] {spec.qualifiedName() + " " + MeshkitVersion.version()});
        }
        UsageMessageSpec usage = spec.usageMessage();
        usage.exitCodeListHeading("%nExit codes:%n");
        if (usage.exitCodeList().isEmpty()) {
            // the nearest ancestor's codes (a tool documents what 1 means for it), else the standard ones
            CommandSpec parent = spec.parent();
            usage.exitCodeList(parent != null && !parent.usageMessage().exitCodeList().isEmpty()
                    ? parent.usageMessage().exitCodeList() : EXIT_CODES);
        }
        if (!cmd.getHelpSectionKeys().contains(ENVIRONMENT)) {
            List<String> keys = new ArrayList<>(cmd.getHelpSectionKeys());
            keys.add(keys.indexOf(UsageMessageSpec.SECTION_KEY_FOOTER_HEADING), ENVIRONMENT);
            cmd.setHelpSectionKeys(keys);
            cmd.getHelpSectionMap().put(ENVIRONMENT, CliSupport::environment);
        }
        CommandLine help = cmd.getSubcommands().get("help");
        if (help != null && !(help.getCommand() instanceof HelpCommand)) {
            spec.removeSubcommand("help");   // picocli's own stops at the first name: `help scd apply` showed scd
            help = null;
        }
        if (help == null && !cmd.getSubcommands().isEmpty()) {
            cmd.addSubcommand("help", new HelpCommand());
            // the sections, environment included, as its parent's: picocli set them on the subcommands there were
            cmd.getSubcommands().get("help").setHelpSectionKeys(cmd.getHelpSectionKeys());
        }
        for (CommandLine sub : Set.copyOf(cmd.getSubcommands().values())) {
            if (sub.getParent() == cmd && !(sub.getCommand() instanceof HelpCommand)) {
                installHelp(sub);
            }
        }
    }

    /**
     * Gives every command's {@code --format} ({@link FormatOption}) the formats of its {@link Formats}: the
     * help lists them with the default, and any other value is refused while parsing. The option is built
     * again (a picocli option is immutable) and put back where it was, the options after it too, so a
     * command that orders its options by hand keeps its order.
     */
    private static void declareFormats(CommandLine cmd) {
        CommandSpec spec = cmd.getCommandSpec();
        OptionSpec option = spec.findOption("--format");
        FormatOption holder = formatOption(spec);
        if (option != null && holder != null && !option.description()[0].startsWith("Output format: ")) {
            Object user = spec.userObject();
            Formats formats = (user instanceof Method m ? m : user.getClass()).getAnnotation(Formats.class);
            if (formats == null || formats.value().length == 0) {
                throw new IllegalStateException(spec.qualifiedName() + " has --format but does not declare its @Formats");
            }
            List<OutputFormat> accepted = List.of(formats.value());
            holder.accept(accepted);
            List<OptionSpec> after = spec.options().subList(spec.options().indexOf(option) + 1, spec.options().size()).stream()
                    .filter(o -> o.group() == null).toList();
            spec.remove(option);
            after.forEach(spec::remove);
            spec.addOption(option.toBuilder()
                    .description(FormatOption.description(accepted))
                    .converters(value -> FormatOption.parse(value, accepted, spec.qualifiedName()))   // the name when it runs: a tool's tree joins meshkit's
                    .completionCandidates(accepted.stream().map(OutputFormat::cliName).toList())
                    .build());
            after.forEach(spec::addOption);
        }
        for (CommandLine sub : Set.copyOf(cmd.getSubcommands().values())) {
            if (sub.getParent() == cmd) {
                declareFormats(sub);
            }
        }
    }

    private static FormatOption formatOption(CommandSpec spec) {
        for (CommandSpec mixin : spec.mixins().values()) {
            FormatOption found = mixin.userObject() instanceof FormatOption f ? f : formatOption(mixin);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /** The environment variables a command reads, from the options it has; the launcher's for all. */
    private static String environment(CommandLine.Help help) {
        Map<String, String> vars = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, String>> byOption : ENVIRONMENT_BY_OPTION.entrySet()) {
            if (help.commandSpec().findOption(byOption.getKey()) != null
                    && (!byOption.getKey().equals("--warehouse") || hasWarehouseOption(help.commandSpec()))) {
                vars.putAll(byOption.getValue());
            }
        }
        vars.put("MESHKIT_JAVA_OPTS", "JVM options for the launchers in bin/ (JAVA_HOME picks the Java runtime)");
        int width = vars.keySet().stream().mapToInt(String::length).max().orElse(0);
        StringBuilder out = new StringBuilder(String.format("%nEnvironment:%n"));
        vars.forEach((name, what) -> out.append("  ").append(name).append(" ".repeat(width - name.length() + 2)).append(what).append('\n'));
        return out.toString();
    }

    /**
     * Whether the command's {@code --warehouse} is {@link WarehouseOption}'s, which falls back on
     * {@code MESHKIT_WAREHOUSE}: a command with a {@code --warehouse} of its own (lint's drift, init's
     * project warehouse) reads only the option.
     */
    private static boolean hasWarehouseOption(CommandSpec spec) {
        return spec.mixins().values().stream().anyMatch(m -> m.userObject() instanceof WarehouseOption || hasWarehouseOption(m));
    }

    private static int handleParameterException(CommandLine.ParameterException original, String[] args) {
        CommandLine cmd = original.getCommandLine();
        CommandLine.ParameterException ex = original;
        if (ex instanceof CommandLine.MissingParameterException && !cmd.getUnmatchedArguments().isEmpty()) {
            // a mistyped required option (--contarct) is unknown, and that is what to say, with the suggestion,
            // rather than that the option it meant is missing
            ex = new CommandLine.UnmatchedArgumentException(cmd, cmd.getUnmatchedArguments());
        }
        PrintWriter err = cmd.getErr();
        String message = ex.getMessage();
        if (ex.getCause() instanceof MeshkitException m) {
            message = m.getMessage();
        } else if (ex.getCause() instanceof CommandLine.TypeConversionException && ex.getCause().getCause() instanceof MeshkitException m) {
            message = m.getMessage();
        }
        err.println("error: " + io.meshkit.core.secret.Secrets.redact(message));
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
            java.io.StringWriter trace = new java.io.StringWriter();
            ex.printStackTrace(new PrintWriter(trace));
            err.print(io.meshkit.core.secret.Secrets.redact(trace.toString()));
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
