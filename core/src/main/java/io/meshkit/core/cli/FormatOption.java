package io.meshkit.core.cli;

import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import picocli.CommandLine.Option;

/**
 * {@code --format}: how a command prints its result. Add with {@code @Mixin} and declare the formats the
 * command prints with {@link Formats} on the command class; {@link CliSupport#configure} then describes them
 * in {@code --help} and refuses any other format with one line listing them (exit 2).
 */
public final class FormatOption {
    // the description and the converter are replaced by CliSupport.configure from the command's @Formats
    @Option(names = "--format", paramLabel = "FORMAT", description = "Output format.")
    OutputFormat format;

    private List<OutputFormat> accepted;

    /** The format given, or the command's default (the first of its {@link Formats}). */
    public OutputFormat get() {
        if (accepted == null) {
            throw new IllegalStateException("--format is not configured: the command needs @Formats and CliSupport.configure");
        }
        return format == null ? accepted.get(0) : format;
    }

    /** Whether JSON output was asked for (errors are then printed as JSON too). */
    public boolean isJson() {
        return format == OutputFormat.JSON;
    }

    void accept(List<OutputFormat> formats) {
        this.accepted = List.copyOf(formats);
    }

    /** The option's help: {@code Output format: table (default; text is the same), csv, json.} */
    static String description(List<OutputFormat> formats) {
        return "Output format: " + names(formats) + ".";
    }

    /** Reads a {@code --format} value for a command that prints {@code formats}, else says which it prints. */
    static OutputFormat parse(String value, List<OutputFormat> formats, String command) {
        String name = value.strip().toLowerCase(Locale.ROOT);
        for (OutputFormat f : formats) {
            if (f.cliName().equals(name)) {
                return f;
            }
        }
        if (alias(formats).filter(a -> a.cliName().equals(name)).isPresent()) {
            return formats.get(0);
        }
        throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot print as " + value + ": " + command + " prints " + names(formats));
    }

    /**
     * The other name of a command's format for people: {@code text} where the default is {@code table}, {@code table}
     * where it is {@code text}, so either name works on every command (unless the command prints both).
     */
    private static Optional<OutputFormat> alias(List<OutputFormat> formats) {
        OutputFormat other = switch (formats.get(0)) {
            case TABLE -> OutputFormat.TEXT;
            case TEXT -> OutputFormat.TABLE;
            default -> null;
        };
        return Optional.ofNullable(other).filter(o -> !formats.contains(o));
    }

    private static String names(List<OutputFormat> formats) {
        String first = formats.get(0).cliName() + alias(formats).map(a -> " (default; " + a.cliName() + " is the same)").orElse(" (default)");
        return formats.stream().skip(1).map(OutputFormat::cliName).collect(Collectors.joining(", ", formats.size() > 1 ? first + ", " : first, ""));
    }
}
