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
 * when standard error is a terminal (the launcher tells: {@value #TERMINAL_PROPERTY}) and prints
 * plain lines otherwise. Add with {@code @Mixin}.
 */
public final class ProgressOption {
    /** Set to {@code true} by {@code bin/meshkit} when standard error is a terminal (Java cannot tell). */
    public static final String TERMINAL_PROPERTY = "meshkit.stderr.tty";

    @Option(names = "--progress", paramLabel = "auto|bar|lines|off", defaultValue = "auto",
            description = "Progress on standard error: a bar on a terminal and a line every 10 s otherwise (auto, the default), "
                    + "bar, lines or off.")
    String mode = "auto";

    /** The style asked for, {@code auto} resolved. */
    public Style style() {
        return switch (mode.toLowerCase(Locale.ROOT)) {
            case "auto" -> Boolean.getBoolean(TERMINAL_PROPERTY) ? Style.BAR : Style.LINES;
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
