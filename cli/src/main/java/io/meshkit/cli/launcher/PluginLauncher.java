package io.meshkit.cli.launcher;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Starts a meshkit command with the distribution's plugins ({@code plugins/<name>/}) reachable the way a
 * provider on the class path is: {@code bin/meshkit} runs {@code PluginLauncher MAIN ARGS...} when a plugin is
 * installed. The plugins are the thread's context class loader ({@link java.util.ServiceLoader}'s default), which
 * answers service lookups from each plugin's own meshkit jar and opens the plugin's other libraries only when
 * one of its classes runs: a command that opens nothing a plugin provides loads none of the plugin's libraries.
 */
public final class PluginLauncher {
    private PluginLauncher() {
    }

    /** {@code MAIN ARGS...}: the command's main class and its arguments; {@code -Dmeshkit.home} is the distribution. */
    public static void main(String[] args) throws Throwable {
        if (args.length == 0) {
            System.err.println("error: Cannot start meshkit: no main class given to the plugin launcher");
            System.exit(4);
        }
        String home = System.getProperty("meshkit.home");
        if (home == null) {
            System.err.println("error: Cannot start meshkit: meshkit.home is not set (start it with bin/meshkit)");
            System.exit(4);
        }
        ClassLoader app = PluginLauncher.class.getClassLoader();
        try {
            Thread.currentThread().setContextClassLoader(Plugins.classLoader(Path.of(home).resolve("plugins"), Path.of(home), app));
        } catch (Plugins.BrokenPluginException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(2);
        }
        MethodHandle main = MethodHandles.publicLookup().findStatic(Class.forName(args[0], true, app), "main",
                MethodType.methodType(void.class, String[].class));
        main.invokeExact(Arrays.copyOfRange(args, 1, args.length));
    }
}
