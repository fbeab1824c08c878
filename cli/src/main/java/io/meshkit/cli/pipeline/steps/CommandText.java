package io.meshkit.cli.pipeline.steps;

import io.meshkit.core.secret.Secrets;
import java.util.ArrayList;
import java.util.List;

/**
 * A command line as a user would type it ({@code meshkit scd apply --contract C --date D ...}): shown in the
 * plan and in a failure's report, never executed. Secrets written in it are redacted.
 */
public final class CommandText {
    private final List<String> words = new ArrayList<>();

    private CommandText(String command) {
        words.add("meshkit");
        words.addAll(List.of(command.split(" ")));
    }

    /** A command, e.g. {@code "scd apply"}. */
    public static CommandText of(String command) {
        return new CommandText(command);
    }

    /** An option with a value. */
    public CommandText option(String name, Object value) {
        words.add(name);
        words.add(String.valueOf(value));
        return this;
    }

    /** A flag, or any words (the step's {@code args} as written). */
    public CommandText words(List<String> more) {
        words.addAll(more);
        return this;
    }

    /** The warehouse and configuration the run uses. */
    public CommandText global(StepContext context) {
        option("--warehouse", context.warehouseUri());
        context.configFile().ifPresent(f -> option("--config", f));
        return this;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        for (String w : words) {
            String a = Secrets.redact(w);
            if (b.length() > 0) {
                b.append(' ');
            }
            b.append(quoted(a));
        }
        return b.toString();
    }

    /**
     * A word as the shell reads it back: as it is when nothing in it is special; in double quotes when
     * what is special is {@code ${VAR}} references only (the pipeline's own {@code ${MESHKIT_MYSQL_URL}}),
     * so that the pasted command expands them as the run did; else in single quotes.
     */
    static String quoted(String word) {
        if (!word.isEmpty() && !word.matches(".*[\\s'\"$;&|*].*")) {
            return word;
        }
        String withoutReferences = word.replaceAll("\\$\\{[A-Za-z_][A-Za-z0-9_]*}", "");
        if (!withoutReferences.equals(word) && !withoutReferences.matches(".*[$`\"\\\\!].*")) {
            return '"' + word + '"';
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
