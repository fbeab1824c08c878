package io.meshkit.core.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.IHelpSectionRenderer;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * Usage help that wraps only at spaces. Picocli wraps with the JDK's line break iterator, which
 * breaks after {@code .}, {@code -} and {@code /}: {@code shop.⏎customers}, {@code NAMESPACE.⏎TABLE},
 * {@code duckdb:.⏎meshkit/…}, none of which can then be copied. So every section is rendered one
 * logical line per line (a very wide usage width) and wrapped here to the terminal's width (picocli's
 * auto width, at most {@value #MAX_WIDTH}), continuation lines indented under the column they
 * continue. A word longer than the line stays whole; example lines ({@code $ …}) are never wrapped.
 */
final class HelpLayout {
    /** Wide enough that picocli never wraps a line itself. */
    static final int RENDER_WIDTH = 2000;
    /** Past this, lines are hard to read even on a wide terminal. */
    static final int MAX_WIDTH = 120;
    /** Narrower than this, nothing fits. */
    static final int MIN_WIDTH = 60;
    /** Options up to this long keep their description on the same line. */
    static final int LONG_OPTIONS_WIDTH = 32;

    /** Sections laid out as two columns: continuation lines go under the second. */
    private static final Set<String> TWO_COLUMNS = Set.of(UsageMessageSpec.SECTION_KEY_OPTION_LIST,
            UsageMessageSpec.SECTION_KEY_PARAMETER_LIST, UsageMessageSpec.SECTION_KEY_COMMAND_LIST,
            UsageMessageSpec.SECTION_KEY_EXIT_CODE_LIST, UsageMessageSpec.SECTION_KEY_END_OF_OPTIONS, "environment");
    private static final Pattern COLUMNS = Pattern.compile("^(\\s*\\S.*?\\s{2,})\\S");

    private HelpLayout() {}

    /** Installs the layout on a command line and every subcommand it has now. */
    static void install(CommandLine cmd) {
        cmd.setUsageHelpWidth(RENDER_WIDTH);
        cmd.setUsageHelpLongOptionsMaxWidth(LONG_OPTIONS_WIDTH);
        Map<String, IHelpSectionRenderer> sections = new LinkedHashMap<>();
        cmd.getHelpSectionMap().forEach((key, renderer) -> sections.put(key,
                renderer instanceof Wrapping ? renderer : new Wrapping(key, renderer)));
        cmd.setHelpSectionMap(sections);
    }

    /** The width help is wrapped to: the terminal's when picocli can tell it, else 80. */
    static int width() {
        int terminal = new UsageMessageSpec().autoWidth(true).width();
        return Math.max(MIN_WIDTH, Math.min(MAX_WIDTH, terminal));
    }

    private record Wrapping(String key, IHelpSectionRenderer section) implements IHelpSectionRenderer {
        @Override
        public String render(CommandLine.Help help) {
            String text = section.render(help);
            if (text == null || text.isEmpty()) {
                return text;
            }
            int width = width();
            if (key.equals(UsageMessageSpec.SECTION_KEY_SYNOPSIS)) {
                // the heading ("Usage: ") is its own section: wrap as if it stood before the first line
                String heading = " ".repeat(help.synopsisHeadingLength());
                String name = help.commandSpec().qualifiedName() + " ";
                StringBuilder out = new StringBuilder(text.length() + 64);
                for (String line : text.lines().toList()) {
                    int indent = line.startsWith(name) ? heading.length() + name.length() : leading(line);
                    wrap(heading + line.stripTrailing(), indent, width, out);
                }
                String wrapped = out.substring(heading.length());
                return text.endsWith("\n") ? wrapped : wrapped.substring(0, wrapped.length() - 1);
            }
            if (text.isBlank() || !text.contains("\n") && text.length() <= width) {
                return text;   // headings keep their spacing
            }
            StringBuilder out = new StringBuilder(text.length() + 64);
            for (String line : text.lines().toList()) {
                int indent;
                if (TWO_COLUMNS.contains(key)) {
                    Matcher m = COLUMNS.matcher(line);
                    indent = m.find() && m.end(1) < width / 2 ? m.end(1) : leading(line);
                } else {
                    indent = leading(line);
                }
                wrap(line.stripTrailing(), indent, width, out);
            }
            if (!text.endsWith("\n") && out.length() > 0) {
                out.setLength(out.length() - 1);
            }
            return out.toString();
        }
    }

    private static int leading(String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) == ' ') {
            i++;
        }
        return i == line.length() ? 0 : i;
    }

    /** Appends {@code line} wrapped at spaces, continuation lines indented by {@code indent}. */
    static void wrap(String line, int indent, int width, StringBuilder out) {
        if (line.length() <= width || line.stripLeading().startsWith("$ ") || indent >= width - 10) {
            out.append(line).append('\n');
            return;
        }
        StringBuilder current = new StringBuilder(line.substring(0, indent));
        boolean empty = true;
        for (String word : line.substring(indent).split(" ")) {
            if (word.isEmpty()) {
                continue;
            }
            if (!empty && current.length() + 1 + word.length() > width) {
                out.append(current).append('\n');
                current.setLength(0);
                current.append(" ".repeat(indent));
                empty = true;
            }
            if (!empty) {
                current.append(' ');
            }
            current.append(word);
            empty = false;
        }
        out.append(current).append('\n');
    }
}
