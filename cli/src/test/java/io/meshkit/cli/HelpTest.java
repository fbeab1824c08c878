package io.meshkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Every command in {@code meshkit}'s tree explains itself: {@code --help}, {@code -h} and
 * {@code meshkit help A B} print its usage and exit 0 whatever options it requires, and the text
 * never breaks a token across lines. In process, so every command is tried every build;
 * {@code DistributionIT} does the same through the launchers.
 */
class HelpTest {
    /** The path of every command below {@code meshkit}, help commands left out. */
    static List<List<String>> commandPaths() {
        List<List<String>> out = new ArrayList<>();
        walk(Meshkit.commandLine(), new ArrayList<>(), out);
        return out;
    }

    private static void walk(CommandLine cmd, List<String> path, List<List<String>> out) {
        out.add(List.copyOf(path));
        Set<CommandLine> seen = new LinkedHashSet<>(cmd.getSubcommands().values());   // aliases map to the same command
        for (CommandLine sub : seen) {
            if (sub.getCommandSpec().helpCommand()) {
                continue;
            }
            path.add(sub.getCommandName());
            walk(sub, path, out);
            path.remove(path.size() - 1);
        }
    }

    /** The command a path of names leads to from {@code meshkit}. */
    private static CommandLine command(List<String> path) {
        CommandLine cmd = Meshkit.commandLine();
        for (String name : path) {
            cmd = cmd.getSubcommands().get(name);
        }
        return cmd;
    }

    @Test
    void theTreeHasEveryModuleCommand() {
        List<String> paths = commandPaths().stream().map(p -> String.join(" ", p)).toList();
        assertThat(paths).contains("scd apply", "ingest snapshot", "publish backfill", "contract validate", "query", "version",
                "monitor check", "sample evaluate", "diff", "lint rules");
        assertThat(paths.size()).isGreaterThan(40);
    }

    @Test
    void helpAndDashHAndHelpCommandPrintTheUsageAndExitZeroOnEveryCommand() {
        SoftAssertions soft = new SoftAssertions();
        for (List<String> path : commandPaths()) {
            String name = String.join(" ", List.of("meshkit", String.join(" ", path))).strip();
            for (String flag : List.of("--help", "-h")) {
                List<String> args = new ArrayList<>(path);
                args.add(flag);
                CliRun run = CliRun.of(args.toArray(String[]::new));
                soft.assertThat(run.exitCode()).as(name + " " + flag + ": " + run.err()).isZero();
                soft.assertThat(run.out()).as(name + " " + flag).startsWith("Usage: " + name + " ");
                soft.assertThat(run.err()).as(name + " " + flag).isEmpty();
            }
            if (!path.isEmpty()) {
                // `meshkit help A B` and `meshkit A help B`: the help command of any ancestor
                List<String> args = new ArrayList<>(List.of("help"));
                args.addAll(path);
                CliRun run = CliRun.of(args.toArray(String[]::new));
                soft.assertThat(run.exitCode()).as("meshkit help " + path + ": " + run.err()).isZero();
                soft.assertThat(run.out()).as("meshkit help " + path).startsWith("Usage: " + name + " ");
            }
            if (path.size() >= 2) {
                List<String> args = new ArrayList<>(path.subList(0, 1));
                args.add("help");
                args.addAll(path.subList(1, path.size()));
                CliRun run = CliRun.of(args.toArray(String[]::new));
                soft.assertThat(run.exitCode()).as(args + ": " + run.err()).isZero();
                soft.assertThat(run.out()).as(String.join(" ", args)).startsWith("Usage: " + name + " ");
            }
        }
        soft.assertAll();
    }

    @Test
    void everyCommandShowsAnExampleItsExitCodesAndTheEnvironmentItReads() {
        SoftAssertions soft = new SoftAssertions();
        for (List<String> path : commandPaths()) {
            CommandLine cmd = command(path);
            List<String> args = new ArrayList<>(path);
            args.add("--help");
            String help = CliRun.of(args.toArray(String[]::new)).out();
            String name = ("meshkit " + String.join(" ", path)).strip();
            soft.assertThat(help).as(name).contains("\nExit codes:\n  0   ", "\nEnvironment:\n", "  MESHKIT_JAVA_OPTS  ");
            if (List.of(List.of("lint"), List.of("init")).contains(path)) {
                // their --warehouse is their own: lint compares with live tables only when it is given, init writes it
                soft.assertThat(cmd.getCommandSpec().findOption("--warehouse")).as(name).isNotNull();
                soft.assertThat(help).as(name).doesNotContain("MESHKIT_WAREHOUSE");
            } else if (cmd.getCommandSpec().findOption("--warehouse") != null) {
                soft.assertThat(help).as(name).contains("  MESHKIT_WAREHOUSE ");
            }
            if (cmd.getCommandSpec().findOption("--source") != null) {
                soft.assertThat(help).as(name).contains("  MESHKIT_MYSQL_PASSWORD ");
            }
            // a group too: the README promises an example under every --help
            soft.assertThat(help).as(name).containsPattern("\nExamples?:\n  \\$ " + Pattern.quote(name) + "( |\n)");
        }
        soft.assertAll();
    }

    /**
     * A command's {@code --format} help names exactly the formats it accepts, its default first: every
     * format name is tried on the option, and one it refuses is refused with the list the help shows.
     * Every command takes both {@code text} and {@code table} for its format for people.
     */
    @Test
    void everyFormatOptionAcceptsExactlyTheFormatsItsHelpNames() throws Exception {
        SoftAssertions soft = new SoftAssertions();
        int withFormat = 0;
        for (List<String> path : commandPaths()) {
            OptionSpec format = command(path).getCommandSpec().findOption("--format");
            if (format == null) {
                continue;
            }
            withFormat++;
            String name = ("meshkit " + String.join(" ", path)).strip();
            List<String> args = new ArrayList<>(path);
            args.add("--help");
            String help = CliRun.of(args.toArray(String[]::new)).out().replaceAll("\\s+", " ");
            Matcher m = Pattern.compile("--format=FORMAT Output format: (\\w+) \\(default(?:; (\\w+) is the same)?\\)((?:, \\w+)*)\\.").matcher(help);
            if (!m.find()) {
                soft.fail(name + ": --format's help does not list its formats: " + help);
                continue;
            }
            List<String> documented = new ArrayList<>(List.of(m.group(1)));
            documented.addAll(List.of(m.group(3).replaceFirst("^, ", "").split(", ")).stream().filter(f -> !f.isEmpty()).toList());
            String listed = m.group(1) + " (default" + (m.group(2) == null ? "" : "; " + m.group(2) + " is the same") + ")" + m.group(3);
            for (String people : List.of("text", "table")) {
                soft.assertThat(documented.contains(people) || people.equals(m.group(2)))
                        .as(name + " does not take --format " + people + " (text and table both name the format for people): its help lists "
                                + listed).isTrue();
            }
            List<String> names = new ArrayList<>(java.util.Arrays.stream(io.meshkit.core.cli.OutputFormat.values())
                    .map(io.meshkit.core.cli.OutputFormat::cliName).toList());
            names.add("xml");
            for (String f : names) {
                boolean expected = documented.contains(f) || f.equals(m.group(2));
                try {
                    format.converters()[0].convert(f);
                    soft.assertThat(expected).as(name + " accepts --format " + f + " but its help lists " + listed).isTrue();
                } catch (io.meshkit.core.error.MeshkitException e) {
                    soft.assertThat(expected).as(name + " refuses --format " + f + " but its help lists " + listed).isFalse();
                    soft.assertThat(e.getMessage()).as(name).isEqualTo("Cannot print as " + f + ": " + name + " prints " + listed);
                    soft.assertThat(e.exitCode()).as(name).isEqualTo(2);
                }
            }
        }
        soft.assertThat(withFormat).as("commands with --format").isGreaterThan(20);
        soft.assertAll();
    }

    /** Every command that lists -V/--version prints its name and version with it, not an empty line. */
    @Test
    void everyVersionOptionPrintsTheVersion() {
        SoftAssertions soft = new SoftAssertions();
        for (List<String> path : commandPaths()) {
            if (command(path).getCommandSpec().findOption("--version") == null) {
                continue;
            }
            String name = ("meshkit " + String.join(" ", path)).strip();
            List<String> args = new ArrayList<>(path);
            args.add("--version");
            CliRun run = CliRun.of(args.toArray(String[]::new));
            soft.assertThat(run.exitCode()).as(name).isZero();
            soft.assertThat(run.out()).as(name + " --version").startsWith(name + " ").matches("(?s)\\S.*\\S\\s*");
        }
        soft.assertAll();
    }

    /** A group's list of commands shows each one's first description line: it must be a whole sentence. */
    @Test
    void everyCommandsFirstDescriptionLineIsASentence() {
        SoftAssertions soft = new SoftAssertions();
        for (List<String> path : commandPaths()) {
            CommandLine cmd = command(path);
            String[] description = cmd.getCommandSpec().usageMessage().description();
            String name = ("meshkit " + String.join(" ", path)).strip();
            soft.assertThat(description).as(name).isNotEmpty();
            if (description.length > 0) {
                soft.assertThat(description[0].strip()).as(name + ": the line its group lists").endsWith(".");
            }
            // each element is a line of the usage (wrapped at the terminal's width, never joined): a sentence cut
            // across two elements prints as a short line ending mid-sentence
            for (String line : description) {
                soft.assertThat(line.strip()).as(name + ": a description line").matches("(?s).*[.:)]$");
            }
        }
        soft.assertAll();
    }

    /** {@code meshkit contract help help} answers as {@code meshkit help help} does, its own name aside: every group's help is the same command. */
    @Test
    void everyGroupsHelpCommandAnswersLikeTheTopLevelOne() {
        String top = CliRun.of("help", "help").out();
        assertThat(top).startsWith("Usage: meshkit help [COMMAND...]").contains("\nEnvironment:\n");
        SoftAssertions soft = new SoftAssertions();
        for (List<String> path : commandPaths()) {
            if (path.isEmpty() || command(path).getSubcommands().isEmpty()) {
                continue;
            }
            List<String> args = new ArrayList<>(path);
            args.addAll(List.of("help", "help"));
            CliRun run = CliRun.of(args.toArray(String[]::new));
            soft.assertThat(run.exitCode()).as(String.join(" ", args)).isZero();
            soft.assertThat(run.out()).as(String.join(" ", args))
                    .isEqualTo(top.replace("meshkit help", "meshkit " + String.join(" ", path) + " help"));
        }
        soft.assertAll();
    }

    /** Drafting a contract from a table is ingest's; the contract group, where a new user looks first, says where. */
    @Test
    void theContractGroupPointsToIngestContractForAFirstContract() {
        CliRun group = CliRun.of("contract", "--help");
        assertThat(group.exitCode()).isZero();
        assertThat(group.out()).contains("\nDraft a first one from a MySQL table's columns with meshkit ingest contract.\n",
                "  $ meshkit ingest contract --source ");
        CliRun draft = CliRun.of("ingest", "contract", "--help");
        assertThat(draft.exitCode()).isZero();
        assertThat(draft.out()).startsWith("Usage: meshkit ingest contract ").contains("--source=URL", "--table=NAME");
    }

    @Test
    void helpOfAnUnknownCommandIsBadInputNamingTheChoices() {
        CliRun run = CliRun.of("help", "scd", "aply");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Unknown command 'aply' in 'meshkit scd'").contains("apply");
    }

    @Test
    void theTryHintOfAMissingOptionNamesAHelpThatWorks() {
        CliRun missing = CliRun.of("scd", "apply");
        assertThat(missing.exitCode()).isEqualTo(2);
        Matcher hint = Pattern.compile("Try '(meshkit [^']+)' for more information").matcher(missing.err());
        assertThat(hint.find()).as(missing.err()).isTrue();
        String[] args = hint.group(1).substring("meshkit ".length()).split(" ");
        CliRun help = CliRun.of(args);
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).startsWith("Usage: meshkit scd apply ").contains("--contract=FILE", "--date=YYYY-MM-DD");
    }

    @Test
    void noTokenOfTheHelpIsBrokenAcrossLines() {
        SoftAssertions soft = new SoftAssertions();
        for (List<String> path : commandPaths()) {
            List<String> args = new ArrayList<>(path);
            args.add("--help");
            String help = CliRun.of(args.toArray(String[]::new)).out();
            CommandLine cmd = command(path);
            for (String token : tokens(cmd.getCommandSpec())) {
                soft.assertThat(help).as(String.join(" ", path) + ": " + token).contains(token);
            }
            for (String line : help.lines().toList()) {
                if (!line.strip().startsWith("$ ")) {
                    soft.assertThat(line.length()).as(String.join(" ", path) + ": " + line).isLessThanOrEqualTo(120);
                }
            }
        }
        soft.assertAll();
    }

    /** Every word of the options' names, labels and descriptions and of the command's description. */
    private static Set<String> tokens(CommandSpec spec) {
        Set<String> out = new LinkedHashSet<>();
        for (OptionSpec o : spec.options()) {
            if (o.hidden()) {
                continue;
            }
            out.addAll(List.of(o.names()));
            if (o.arity().max() > 0) {
                out.add(o.longestName() + "=" + o.paramLabel());
            }
            for (String d : o.description()) {
                out.addAll(words(d));
            }
        }
        for (String d : spec.usageMessage().description()) {
            out.addAll(words(d));
        }
        return out;
    }

    private static List<String> words(String text) {
        if (text.contains("%") || text.contains("${") || text.contains("@|")) {
            return List.of();   // format specifiers and variables are rendered, not printed as written
        }
        return List.of(text.split("\\s+")).stream().filter(w -> w.length() > 3).toList();
    }
}
