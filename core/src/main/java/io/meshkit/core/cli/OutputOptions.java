package io.meshkit.core.cli;

import java.io.PrintWriter;
import picocli.CommandLine.Mixin;

/**
 * What a command that prints a result in a chosen format shares: {@code --format}
 * ({@link FormatOption}), {@code --verbose} and where it prints ({@link ConsoleOptions}). Add with
 * {@code @Mixin}; a command that also works in the warehouse adds {@link WarehouseCommandOptions},
 * which is these and the warehouse.
 */
public class OutputOptions {
    @Mixin
    FormatOption format;

    @Mixin
    ConsoleOptions console;

    /** The format given, or the command's default (the first of its {@link Formats}). */
    public final OutputFormat format() {
        return format.get();
    }

    /** Where the command prints its result. */
    public final PrintWriter out() {
        return console.out();
    }

    /** Where the command prints notes, warnings and progress. */
    public final PrintWriter err() {
        return console.err();
    }
}
