package io.meshkit.cli;

import java.io.File;
import picocli.CommandLine;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * Writes the man pages of every command (AsciiDoc, one file per command and subcommand) from the
 * same command tree {@code meshkit} runs; the build calls it at package time for the
 * distribution's {@code man/} (cli/pom.xml, dist-man).
 */
public final class ManPages {
    private ManPages() {}

    /** {@code ManPages DIR}. */
    public static void main(String[] args) throws Exception {
        File dir = new File(args[0]);
        if (!dir.isDirectory() && !dir.mkdirs()) {
            throw new IllegalStateException("Cannot create " + dir);
        }
        CommandLine meshkit = Meshkit.commandLine();
        int exit = ManPageGenerator.generateManPage(dir, null, new boolean[0], true, meshkit.getCommandSpec());
        if (exit != 0) {
            throw new IllegalStateException("Cannot write the man pages to " + dir + ": exit " + exit);
        }
    }
}
