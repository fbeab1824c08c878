package io.meshkit.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.UsageMessageSpec;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * Writes the man pages of every command from the same command tree {@code meshkit} runs, in two
 * forms: roff ({@code man/man1/meshkit-scd-apply.1}, what {@code man} reads, with no converter to
 * install) and AsciiDoc ({@code man/*.adoc}, picocli-codegen's, for web docs). The build calls it
 * at package time for the distribution's {@code man/} (cli/pom.xml, dist-man).
 */
public final class ManPages {
    private ManPages() {}

    /** {@code ManPages DIR [VERSION]}. */
    public static void main(String[] args) throws Exception {
        File dir = new File(args[0]);
        String version = args.length > 1 ? args[1] : "";
        if (!dir.isDirectory() && !dir.mkdirs()) {
            throw new IllegalStateException("Cannot create " + dir);
        }
        CommandLine meshkit = Meshkit.commandLine();
        int exit = ManPageGenerator.generateManPage(dir, null, new boolean[0], true, meshkit.getCommandSpec());
        if (exit != 0) {
            throw new IllegalStateException("Cannot write the man pages to " + dir + ": exit " + exit);
        }
        Path man1 = dir.toPath().resolve("man1");
        Files.createDirectories(man1);
        // a command tree of its own: the AsciiDoc generator has replaced the first one's help renderers with its markup
        writeRoff(Meshkit.commandLine(), man1, version, LocalDate.now());
    }

    /** Writes {@code NAME.1} for the command and each of its subcommands (the help command left out); returns how many. */
    static int writeRoff(CommandLine cmd, Path man1, String version, LocalDate date) throws IOException {
        int n = 0;
        if (!(cmd.getCommand() instanceof CommandLine.HelpCommand) && !(cmd.getCommand() instanceof io.meshkit.core.cli.HelpCommand)) {
            String name = cmd.getCommandSpec().qualifiedName("-");
            Files.writeString(man1.resolve(name + ".1"), roff(cmd, version, date), StandardCharsets.UTF_8);
            n++;
        }
        for (CommandLine sub : new java.util.LinkedHashSet<>(cmd.getSubcommands().values())) {
            if (sub.getParent() == cmd) {
                n += writeRoff(sub, man1, version, date);
            }
        }
        return n;
    }

    /** One command's page: NAME, SYNOPSIS, DESCRIPTION, OPTIONS, COMMANDS, then the footer's sections (exit codes, environment, example). */
    static String roff(CommandLine cmd, String version, LocalDate date) {
        CommandLine.Help help = cmd.getHelp();
        Map<String, CommandLine.IHelpSectionRenderer> sections = cmd.getHelpSectionMap();
        String name = cmd.getCommandSpec().qualifiedName("-");
        List<String> description = lines(render(sections, UsageMessageSpec.SECTION_KEY_DESCRIPTION, help));
        StringBuilder b = new StringBuilder();
        b.append(".TH ").append(quote(name.toUpperCase(Locale.ROOT))).append(" 1 ").append(quote(date.toString()))
                .append(' ').append(quote(("meshkit " + version).strip())).append(' ').append(quote("meshkit manual")).append('\n');
        b.append(".SH NAME\n").append(escape(name)).append(" \\- ")
                .append(escape(summary(cmd))).append('\n');
        b.append(".SH SYNOPSIS\n");
        preformatted(b, render(sections, UsageMessageSpec.SECTION_KEY_SYNOPSIS, help));
        if (!description.isEmpty()) {
            b.append(".SH DESCRIPTION\n");
            paragraphs(b, description);
        }
        String options = render(sections, UsageMessageSpec.SECTION_KEY_PARAMETER_LIST, help)
                + render(sections, UsageMessageSpec.SECTION_KEY_OPTION_LIST, help);
        if (!options.isBlank()) {
            b.append(".SH OPTIONS\n");
            preformatted(b, options);
        }
        String commands = render(sections, UsageMessageSpec.SECTION_KEY_COMMAND_LIST, help);
        if (!commands.isBlank()) {
            b.append(".SH COMMANDS\n");
            preformatted(b, commands);
        }
        // what follows the lists (exit codes, environment, footer with the example), in the order --help prints it
        java.util.Set<String> done = java.util.Set.of(UsageMessageSpec.SECTION_KEY_HEADER_HEADING, UsageMessageSpec.SECTION_KEY_HEADER,
                UsageMessageSpec.SECTION_KEY_SYNOPSIS_HEADING, UsageMessageSpec.SECTION_KEY_SYNOPSIS,
                UsageMessageSpec.SECTION_KEY_DESCRIPTION_HEADING, UsageMessageSpec.SECTION_KEY_DESCRIPTION,
                UsageMessageSpec.SECTION_KEY_PARAMETER_LIST_HEADING, UsageMessageSpec.SECTION_KEY_AT_FILE_PARAMETER,
                UsageMessageSpec.SECTION_KEY_PARAMETER_LIST, UsageMessageSpec.SECTION_KEY_OPTION_LIST_HEADING,
                UsageMessageSpec.SECTION_KEY_OPTION_LIST, UsageMessageSpec.SECTION_KEY_END_OF_OPTIONS,
                UsageMessageSpec.SECTION_KEY_COMMAND_LIST_HEADING, UsageMessageSpec.SECTION_KEY_COMMAND_LIST);
        StringBuilder rest = new StringBuilder();
        for (String key : cmd.getHelpSectionKeys()) {
            if (!done.contains(key)) {
                rest.append(render(sections, key, help));
            }
        }
        // the rest reads "Heading:" then indented lines: one section each
        String heading = null;
        List<String> body = new ArrayList<>();
        for (String line : lines(rest.toString())) {
            if (!line.isBlank() && !Character.isWhitespace(line.charAt(0)) && line.endsWith(":")) {
                section(b, heading, body);
                heading = line.substring(0, line.length() - 1);
                body = new ArrayList<>();
            } else {
                body.add(line);
            }
        }
        section(b, heading, body);
        return b.toString();
    }

    /** The command's one-line summary: the first line of its description as written. */
    private static String summary(CommandLine cmd) {
        String[] d = cmd.getCommandSpec().usageMessage().description();
        return d.length == 0 ? "" : d[0].replace("%n", " ").strip();
    }

    private static void section(StringBuilder b, String heading, List<String> body) {
        if (heading == null || body.stream().allMatch(String::isBlank)) {
            return;
        }
        b.append(".SH ").append(quote(heading.toUpperCase(Locale.ROOT))).append('\n');
        preformatted(b, String.join("\n", body));
    }

    private static String render(Map<String, CommandLine.IHelpSectionRenderer> sections, String key, CommandLine.Help help) {
        CommandLine.IHelpSectionRenderer r = sections.get(key);
        return r == null ? "" : r.render(help);
    }

    private static List<String> lines(String text) {
        List<String> lines = new ArrayList<>(text.lines().toList());
        while (!lines.isEmpty() && lines.get(0).isBlank()) {
            lines.remove(0);
        }
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }

    /** Text as laid out by --help, kept as is (option columns, examples to copy). */
    private static void preformatted(StringBuilder b, String text) {
        b.append(".nf\n");
        List<String> lines = lines(text);
        // man indents the section already: drop the indent the help had under its heading
        int indent = lines.stream().filter(l -> !l.isBlank()).mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        for (String line : lines) {
            b.append(line.isBlank() ? "" : escape(line.substring(indent))).append('\n');
        }
        b.append(".fi\n");
    }

    /** Running text: lines joined and filled by man, blank lines between paragraphs. */
    private static void paragraphs(StringBuilder b, List<String> lines) {
        for (String line : lines) {
            b.append(line.isBlank() ? ".PP" : escape(line.strip())).append('\n');
        }
    }

    /** Escapes a line for roff: backslashes, hyphens (so that options copy as typed) and a leading dot or quote. */
    static String escape(String line) {
        String s = line.replace("\\", "\\e").replace("-", "\\-");
        return s.startsWith(".") || s.startsWith("'") ? "\\&" + s : s;
    }

    private static String quote(String s) {
        return '"' + s.replace("\"", "'") + '"';
    }
}
