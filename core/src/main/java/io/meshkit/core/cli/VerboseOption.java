package io.meshkit.core.cli;

import picocli.CommandLine.Option;

/** {@code --verbose}: stack traces on errors and more detail in logs. Add with {@code @Mixin}. */
public final class VerboseOption {
    @Option(names = {"-v", "--verbose"}, description = "Print stack traces on errors and more detail.")
    boolean verbose;

    /** Whether {@code --verbose} was given. */
    public boolean verbose() {
        return verbose;
    }
}
