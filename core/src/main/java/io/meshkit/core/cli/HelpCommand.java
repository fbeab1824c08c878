package io.meshkit.core.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code help [COMMAND...]}: the usage of this command's parent, or of a nested command named by
 * its path ({@code meshkit help scd apply}). Picocli's own help command stops at the first name.
 * {@link CliSupport#configure} adds it to every command that has subcommands.
 */
@Command(name = "help", helpCommand = true, description = "Print the usage of a command: help [COMMAND [SUBCOMMAND...]].")
public final class HelpCommand implements CommandLine.IHelpCommandInitializable2, Runnable {
    @Parameters(paramLabel = "COMMAND", arity = "0..*", description = "The command, and its subcommands, to explain.")
    List<String> path = new ArrayList<>();

    private CommandLine self;
    private PrintWriter out;
    private CommandLine.Help.ColorScheme colors;

    @Override
    public void init(CommandLine helpCommandLine, CommandLine.Help.ColorScheme colorScheme, PrintWriter out, PrintWriter err) {
        this.self = helpCommandLine;
        this.colors = colorScheme;
        this.out = out;
    }

    @Override
    public void run() {
        CommandLine target = self.getParent();
        StringBuilder walked = new StringBuilder(target.getCommandSpec().qualifiedName());
        for (String name : path) {
            CommandLine next = target.getSubcommands().get(name);
            if (next == null) {
                throw new CommandLine.ParameterException(self, "Unknown command '" + name + "' in '" + walked
                        + "': one of " + String.join(", ", target.getSubcommands().keySet()), null, name);
            }
            target = next;
            walked.append(' ').append(name);
        }
        target.usage(out, colors);
        out.flush();
    }
}
