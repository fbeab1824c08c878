package io.meshkit.core.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The top command of a tool ({@code meshkit-publish}, {@code meshkit}), whose work its subcommands
 * do: run without one, it prints its usage on standard output and exits 0 (a tool that calls that
 * bad input overrides {@link #run}). A tool extends it, names its subcommands in its own
 * {@code @Command} and configures its command line with {@link CliSupport#configure}.
 */
@Command
public abstract class ToolCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    /** This command, as picocli built it. */
    protected final CommandSpec spec() {
        return spec;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
