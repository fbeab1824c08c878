package io.meshkit.core.cli;

import java.io.PrintWriter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What every command that prints shares: {@code --verbose} ({@link VerboseOption}) and the
 * command's standard output and error (those of its command line, which tests replace). Add with
 * {@code @Mixin}; a command with {@code --format} adds {@link OutputOptions}, which holds these.
 */
public final class ConsoleOptions {
    @Mixin
    VerboseOption verbose;

    /** The command, or the mixin, this is mixed into: picocli gives either the command's line. */
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    /** Whether {@code --verbose} was given. */
    public boolean verbose() {
        return verbose.verbose();
    }

    /** Where the command prints its result. */
    public PrintWriter out() {
        return mixee.commandLine().getOut();
    }

    /** Where the command prints notes, warnings and progress. */
    public PrintWriter err() {
        return mixee.commandLine().getErr();
    }
}
