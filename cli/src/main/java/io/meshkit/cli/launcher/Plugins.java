package io.meshkit.cli.launcher;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.stream.Stream;

/**
 * The plugins installed in a distribution's {@code plugins/} directory. Each is a directory holding
 * {@code classpath.txt} (one line, entries separated by {@code :}, each {@code lib/NAME.jar}: the plugin's own
 * {@code lib/} if it has the jar, else the distribution's) and {@code lib/*.jar}. The plugin's meshkit jars
 * ({@code meshkit-*.jar} in its own {@code lib/}) declare its providers in {@code META-INF/services}.
 */
final class Plugins {
    private Plugins() {
    }

    /** A plugin directory that cannot be used as it is. */
    static final class BrokenPluginException extends Exception {
        private static final long serialVersionUID = 1L;

        BrokenPluginException(String message) {
            super(message);
        }
    }

    /** One plugin: the loader of all its libraries, and the loader of its meshkit jars alone (its index). */
    record Plugin(String name, URLClassLoader loader, URLClassLoader index) {
    }

    /** The context class loader over every plugin in {@code dir} (none: the parent's view alone). */
    static ClassLoader classLoader(Path dir, Path home, ClassLoader parent) throws BrokenPluginException {
        return new PluginsClassLoader(parent, load(dir, home, parent));
    }

    static List<Plugin> load(Path dir, Path home, ClassLoader parent) throws BrokenPluginException {
        List<Plugin> plugins = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return plugins;
        }
        List<Path> dirs;
        try (Stream<Path> list = Files.list(dir)) {
            dirs = list.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new BrokenPluginException("Cannot read the plugins in " + dir + ": " + e.getMessage());
        }
        for (Path pluginDir : dirs) {
            plugins.add(plugin(pluginDir, home, parent));
        }
        return plugins;
    }

    private static Plugin plugin(Path dir, Path home, ClassLoader parent) throws BrokenPluginException {
        String name = dir.getFileName().toString();
        Path list = dir.resolve("classpath.txt");
        String line;
        try {
            line = Files.readString(list, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new BrokenPluginException("Cannot load plugin " + name + ": " + list + " is missing or unreadable; reinstall the plugin");
        }
        List<URL> all = new ArrayList<>();
        List<URL> own = new ArrayList<>();
        for (String entry : line.split(":")) {
            if (entry.isEmpty()) {
                continue;
            }
            boolean ownJar = Files.isRegularFile(dir.resolve(entry));
            Path jar = ownJar ? dir.resolve(entry) : home.resolve(entry);
            if (!Files.isRegularFile(jar)) {
                throw new BrokenPluginException("Cannot load plugin " + name + ": " + entry + " of its classpath.txt is neither in "
                        + dir + " nor in " + home + " (a plugin of another meshkit version?); reinstall the plugin");
            }
            URL url = url(jar);
            all.add(url);
            if (ownJar && jar.getFileName().toString().startsWith("meshkit-")) {
                own.add(url);
            }
        }
        if (own.isEmpty()) {
            throw new BrokenPluginException("Cannot load plugin " + name + ": its classpath.txt names no meshkit jar of its own; reinstall the plugin");
        }
        return new Plugin(name, new URLClassLoader("meshkit-plugin-" + name, all.toArray(URL[]::new), parent),
                new URLClassLoader("meshkit-plugin-index-" + name, own.toArray(URL[]::new), null));
    }

    private static URL url(Path jar) {
        try {
            return jar.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(jar.toString(), e);
        }
    }

    /**
     * The parent's classes and resources, plus what the plugins' meshkit jars hold. A class found in a plugin's
     * index is loaded by that plugin's own loader (which sees all its libraries), so a provider runs with its
     * plugin's class path; nothing else of a plugin is opened until such a class asks for it.
     */
    static final class PluginsClassLoader extends ClassLoader {
        static {
            registerAsParallelCapable();
        }

        private final List<Plugin> plugins;

        PluginsClassLoader(ClassLoader parent, List<Plugin> plugins) {
            super("meshkit-plugins", parent);
            this.plugins = List.copyOf(plugins);
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            String resource = name.replace('.', '/') + ".class";
            for (Plugin p : plugins) {
                if (p.index().findResource(resource) != null) {
                    return p.loader().loadClass(name);
                }
            }
            throw new ClassNotFoundException(name);
        }

        @Override
        protected URL findResource(String name) {
            for (Plugin p : plugins) {
                URL url = p.index().findResource(name);
                if (url != null) {
                    return url;
                }
            }
            return null;
        }

        @Override
        protected Enumeration<URL> findResources(String name) throws IOException {
            List<URL> urls = new ArrayList<>();
            for (Plugin p : plugins) {
                urls.addAll(Collections.list(p.index().findResources(name)));
            }
            return Collections.enumeration(urls);
        }
    }
}
