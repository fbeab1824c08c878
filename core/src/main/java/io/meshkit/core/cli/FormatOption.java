package io.meshkit.core.cli;

import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine.Option;

/**
 * {@code --format}: how a command prints its result. Add with {@code @Mixin}; each command checks
 * the formats it supports with {@link #require}.
 */
public final class FormatOption {
    @Option(names = "--format", paramLabel = "FORMAT", description = "Output format: text (default), json, markdown; some commands also table, csv, sarif, github.")
    OutputFormat format;

    /** The format given, or {@code defaultFormat} if none was. */
    public OutputFormat orDefault(OutputFormat defaultFormat) {
        return format == null ? defaultFormat : format;
    }

    /** The format given (or the default) after checking that the command supports it. */
    public OutputFormat require(OutputFormat defaultFormat, OutputFormat... supported) {
        OutputFormat f = orDefault(defaultFormat);
        Set<OutputFormat> ok = EnumSet.of(defaultFormat, supported);
        if (!ok.contains(f)) {
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot print as " + f.cliName() + ": this command supports "
                    + Arrays.stream(OutputFormat.values()).filter(ok::contains).map(OutputFormat::cliName).collect(Collectors.joining(", ")));
        }
        return f;
    }

    /** Whether JSON output was asked for (errors are then printed as JSON too). */
    public boolean isJson() {
        return format == OutputFormat.JSON;
    }
}
