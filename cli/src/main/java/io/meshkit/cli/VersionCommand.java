package io.meshkit.cli;

import io.meshkit.core.warehouse.Warehouses;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code meshkit version}: the meshkit version, the Java runtime and the warehouses installed. */
@Command(name = "version", description = "Print the meshkit version, the Java runtime and the installed warehouses.",
        footer = {"%nExample:", "  $ ${COMMAND-FULL-NAME}"})
public final class VersionCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        out.println("meshkit " + version());
        out.println("java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
        out.println("warehouses: " + String.join(", ", Warehouses.providers().keySet()));
        out.flush();
    }

    /** The version of this build. */
    public static String version() {
        return io.meshkit.core.cli.MeshkitVersion.version();
    }

    /** Supplies {@code --version}. */
    static final class Provider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"meshkit " + version()};
        }
    }
}
