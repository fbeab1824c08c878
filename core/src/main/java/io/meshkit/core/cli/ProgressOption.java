package io.meshkit.core.cli;

import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import io.meshkit.core.progress.Progress;
import io.meshkit.core.progress.ProgressReporter;
import io.meshkit.core.progress.ProgressReporter.Style;
import java.io.PrintWriter;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * {@code --progress auto|bar|lines|off}: how long work shows its progress on standard error (never
 * on standard output, so {@code --format json} stays clean). {@code auto}, the default, draws a bar
 * when standard error is a terminal and prints plain lines otherwise, as the launcher tells
 * ({@value #TERMINAL_PROPERTY} {@code true} or {@code false}); run without the launcher (embedded,
 * in tests) it shows nothing. Add with {@code @Mixin}.
 */
public final class ProgressOption {
    /** Set by {@code bin/meshkit}: {@code true} when standard error is a terminal, else {@code false} (Java cannot tell). */
    public static final String TERMINAL_PROPERTY = "meshkit.stderr.tty";

    @Option(names = "--progress", paramLabel = "auto|bar|lines|off", defaultValue = "auto",
            description = "Progress on standard error: a bar on a terminal and a line every 10 s otherwise (auto, the default), "
                    + "bar, lines or off.")
    String mode = "auto";

    /** The style asked for, {@code auto} resolved. */
    public Style style() {
        return switch (mode.toLowerCase(Locale.ROOT)) {
            // the launcher says true or false; without it (meshkit embedded in another program, tests) nothing is shown
            case "auto" -> switch (System.getProperty(TERMINAL_PROPERTY, "")) {
                case "true" -> Style.BAR;
                case "false" -> Style.LINES;
                default -> Style.OFF;
            };
            case "bar" -> Style.BAR;
            case "lines" -> Style.LINES;
            case "off" -> Style.OFF;
            default -> throw new MeshkitException(ErrorCode.INVALID_ARGUMENT,
                    "Cannot show progress as '" + mode + "': expected auto, bar, lines or off");
        };
    }

    /** Starts the progress of the work called {@code label} on {@code err}. */
    public Progress start(String label, PrintWriter err) {
        return ProgressReporter.start(label, err, style());
    }
}
