package io.meshkit.cli.init;

import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Renders a template into a directory the way {@code mvn archetype:generate} renders the same
 * files, so both give the same project:
 * <ul>
 *   <li>the files of {@code common/}, of the template, and of {@code warehouses/<name>/} for the project's
 *       warehouse when there is such a directory (the archetypes hold the first two: the project on the default
 *       embedded warehouse); a warehouse's file replaces a {@code common/} file of the same path, any other
 *       clash is an error;</li>
 *   <li>{@code __key__} in a path is replaced by the property's value ({@code __datasetName__},
 *       {@code __gitignore__});</li>
 *   <li>files under {@code src/test/java/} go into the package's directory (the archetype's
 *       {@code packaged} file set);</li>
 *   <li>{@code ${key}} of a known property is replaced in every file except under {@code .github/}
 *       (GitHub's own {@code ${{ ... }}} expressions live there; the archetype copies it unfiltered).
 *       Any other {@code ${...}} is left as it is, as Velocity leaves an unknown reference; the
 *       template files use no other Velocity syntax ({@code TemplateFilesTest} checks).</li>
 * </ul>
 */
final class TemplateFiles {
    static final String RESOURCES = "/io/meshkit/cli/templates/";
    static final String COMMON = "common";
    /**
     * The files a warehouse adds or replaces, in {@code warehouses/<name>/}: the publish and monitor workflows of one CI
     * can reach, a pull-request workflow of its own.
     */
    static final String WAREHOUSES = "warehouses/";
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z][A-Za-z0-9_]*)}");
    private static final Pattern PATH_PROPERTY = Pattern.compile("__([A-Za-z][A-Za-z0-9]*)__");

    private TemplateFiles() {
    }

    /** A file to write: its path in the new project and its content. */
    record Rendered(String path, byte[] content) {
    }

    /**
     * The template's files (the shared ones, its own and its warehouse's), rendered with the properties, by path.
     *
     * @param warehouseName the project's warehouse as its provider names it ({@code WarehouseProvider.warehouseName()})
     */
    static List<Rendered> render(Template template, Map<String, String> properties, String warehouseName) {
        Map<String, Rendered> out = new TreeMap<>();
        Map<String, String> from = new HashMap<>();
        withRoot(root -> {
            for (String dir : List.of(COMMON, template.id(), WAREHOUSES + warehouseName)) {
                Path base = root.resolve(dir);
                if (!Files.isDirectory(base)) {
                    continue;  // a warehouse with no files of its own
                }
                try (Stream<Path> files = Files.walk(base)) {
                    for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                        String source = base.relativize(f).toString().replace('\\', '/');
                        String target = targetPath(source, properties);
                        byte[] bytes = Files.readAllBytes(f);
                        byte[] content = filtered(source) ? substitute(new String(bytes, StandardCharsets.UTF_8), properties)
                                .getBytes(StandardCharsets.UTF_8) : bytes;
                        String before = from.put(target, dir);
                        // a warehouse may replace a shared file (its own pull-request workflow, say); any other
                        // clash is a mistake in the templates
                        if (before != null && !(before.equals(COMMON) && dir.startsWith(WAREHOUSES))) {
                            throw new IllegalStateException("template " + template.id() + ": " + before + " and " + dir + " both have " + source);
                        }
                        out.put(target, new Rendered(target, content));
                    }
                }
            }
        });
        return new ArrayList<>(out.values());
    }

    /** Whether a template file's content is filtered (GitHub's workflow files are not). */
    static boolean filtered(String sourcePath) {
        return !sourcePath.startsWith(".github/");
    }

    static String targetPath(String sourcePath, Map<String, String> properties) {
        String path = replace(PATH_PROPERTY, sourcePath, properties);
        String javaTests = "src/test/java/";
        if (path.startsWith(javaTests)) {
            path = javaTests + properties.get("package").replace('.', '/') + "/" + path.substring(javaTests.length());
        }
        return path;
    }

    static String substitute(String text, Map<String, String> properties) {
        return replace(REFERENCE, text, properties);
    }

    private static String replace(Pattern pattern, String text, Map<String, String> properties) {
        Matcher m = pattern.matcher(text);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String value = properties.get(m.group(1));
            m.appendReplacement(b, Matcher.quoteReplacement(value != null ? value : m.group()));
        }
        m.appendTail(b);
        return b.toString();
    }

    interface RootWork {
        void accept(Path root) throws IOException;
    }

    /** Runs work on the directory holding the templates, in the jar or on the class path's directory. */
    static void withRoot(RootWork work) {
        URL marker = TemplateFiles.class.getResource(RESOURCES + COMMON + "/meshkit.yaml");
        if (marker == null) {
            throw new MeshkitException(ErrorCode.INTERNAL_ERROR, "Cannot find the project templates: they are missing from this meshkit build");
        }
        try {
            URI uri = marker.toURI();
            if ("jar".equals(uri.getScheme())) {
                FileSystem fs;
                boolean opened = false;
                try {
                    fs = FileSystems.newFileSystem(uri, Map.of());
                    opened = true;
                } catch (FileSystemAlreadyExistsException e) {
                    fs = FileSystems.getFileSystem(uri);
                }
                try {
                    work.accept(fs.provider().getPath(uri).getParent().getParent());
                } finally {
                    if (opened) {
                        fs.close();
                    }
                }
            } else {
                work.accept(Path.of(uri).getParent().getParent());
            }
        } catch (IOException | URISyntaxException e) {
            throw new MeshkitException(ErrorCode.INTERNAL_ERROR, "Cannot read the project templates: " + e.getMessage(), e);
        }
    }
}
