package io.meshkit.core.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code --version} of every meshkit command: the command's name and the version of this build
 * ({@code meshkit-scd 0.1.0}), read from core's build properties, so no launcher can disagree with another.
 */
public final class MeshkitVersion implements CommandLine.IVersionProvider {
    @CommandLine.Spec
    CommandSpec spec;

    @Override
    public String[] getVersion() {
        return new String[] {spec.qualifiedName() + " " + version()};
    }

    /** The version of this build ({@code unknown} outside a packaged build). */
    public static String version() {
        try (InputStream in = MeshkitVersion.class.getResourceAsStream("/io/meshkit/core/build.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "unknown");
            return v.startsWith("${") ? "unknown" : v;
        } catch (IOException e) {
            return "unknown";
        }
    }
}
