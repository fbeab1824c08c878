package io.meshkit.cli.init;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The template files are rendered twice, by {@code meshkit init} ({@link TemplateFiles}) and by
 * the archetype plugin's Velocity: these checks keep the two in step. A filtered file may use
 * {@code ${property}} and nothing else Velocity would act on ({@code ##} comments, directives,
 * escapes, {@code $property} without braces), and the archetype descriptor names the same
 * properties and the same unfiltered and packaged file sets as {@code meshkit init} uses.
 */
class TemplateFilesTest {
    private static final Path TEMPLATES = Path.of("../templates").toAbsolutePath().normalize();
    private static final Set<String> STANDARD = Set.of("groupId", "artifactId", "version", "package");
    // what Velocity would interpret besides ${name}: comments, directives and macros, escapes, quiet references
    private static final Pattern VELOCITY = Pattern.compile("##|#\\*|#\\[\\[|#\\{|#[A-Za-z@]|\\\\[$#]|\\$!");
    private static final Pattern BARE_REFERENCE = Pattern.compile("\\$([A-Za-z][A-Za-z0-9_]*)");
    private static final Pattern BRACED_REFERENCE = Pattern.compile("\\$\\{([A-Za-z][A-Za-z0-9_]*)([^}]*)}");

    private static Map<String, String> properties() {
        InitCommand init = new InitCommand();
        init.dataset = "shop.customers";
        init.projectVersion = "1.0";
        init.warehouse = io.meshkit.core.warehouse.Warehouses.DEFAULT_URI;
        init.mavenRepository = "file:///opt/meshkit/maven";
        return init.properties(Template.SNAPSHOT_DIMENSION);
    }

    private static List<Path> templateDirs() {
        List<Path> dirs = new ArrayList<>(List.of(TEMPLATES.resolve("common")));
        for (Template t : Template.values()) {
            dirs.add(TEMPLATES.resolve(t.id()).resolve("src/main/resources/archetype-resources"));
        }
        return dirs;
    }

    @Test
    void filteredFilesUseNoVelocityButBracedProperties() throws IOException {
        Set<String> keys = properties().keySet();
        List<String> problems = new ArrayList<>();
        for (Path dir : templateDirs()) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    String rel = dir.relativize(f).toString().replace('\\', '/');
                    if (!TemplateFiles.filtered(rel)) {
                        continue;
                    }
                    List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
                    for (int i = 0; i < lines.size(); i++) {
                        String line = lines.get(i);
                        String where = TEMPLATES.relativize(f) + ":" + (i + 1) + ": ";
                        Matcher v = VELOCITY.matcher(line);
                        if (v.find()) {
                            problems.add(where + "Velocity would interpret '" + v.group() + "'");
                        }
                        Matcher bare = BARE_REFERENCE.matcher(line);
                        while (bare.find()) {
                            if (keys.contains(bare.group(1))) {
                                problems.add(where + "write ${" + bare.group(1) + "}, not $" + bare.group(1));
                            }
                        }
                        Matcher braced = BRACED_REFERENCE.matcher(line);
                        while (braced.find()) {
                            if (keys.contains(braced.group(1)) && !braced.group(2).isEmpty()) {
                                problems.add(where + "only plain ${" + braced.group(1) + "} is rendered the same by meshkit init");
                            }
                        }
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void theArchetypeDescriptorHasTheSamePropertiesAndFileSets() throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(false);
        Document d = factory.newDocumentBuilder().parse(TEMPLATES.resolve("archetype-metadata.xml").toFile());
        Set<String> declared = new TreeSet<>(STANDARD);
        NodeList props = d.getElementsByTagName("requiredProperty");
        for (int i = 0; i < props.getLength(); i++) {
            declared.add(((Element) props.item(i)).getAttribute("key"));
        }
        assertThat(declared).isEqualTo(new TreeSet<>(properties().keySet()));

        NodeList sets = d.getElementsByTagName("fileSet");
        List<String> shapes = new ArrayList<>();
        for (int i = 0; i < sets.getLength(); i++) {
            Element s = (Element) sets.item(i);
            String dir = s.getElementsByTagName("directory").item(0).getTextContent();
            shapes.add(dir + " filtered=" + s.getAttribute("filtered") + " packaged=" + s.getAttribute("packaged"));
        }
        assertThat(shapes).containsExactlyInAnyOrder(" filtered=true packaged=", "src/test/java filtered=true packaged=true",
                ".github filtered=false packaged=");
        assertThat(TemplateFiles.filtered(".github/workflows/publish.yml")).isFalse();
        assertThat(TemplateFiles.targetPath("src/test/java/GoldenTest.java", properties()))
                .isEqualTo("src/test/java/com/example/shop/GoldenTest.java");
        assertThat(TemplateFiles.targetPath("contracts/__datasetName__.odcs.yaml", properties())).isEqualTo("contracts/customers.odcs.yaml");
        assertThat(TemplateFiles.targetPath("__gitignore__", properties())).isEqualTo(".gitignore");
    }

    @Test
    void everyArchetypeModuleIsATemplateAndEveryTemplateHasItsModule() throws IOException {
        Set<String> modules = new TreeSet<>();
        try (Stream<Path> dirs = Files.list(TEMPLATES)) {
            dirs.filter(p -> Files.isDirectory(p.resolve("src/main/resources/archetype-resources")))
                    .forEach(p -> modules.add(p.getFileName().toString()));
        }
        Set<String> templates = new TreeSet<>();
        for (Template t : Template.values()) {
            templates.add(t.id());
        }
        assertThat(modules).isEqualTo(templates);
        String aggregator = Files.readString(TEMPLATES.resolve("pom.xml"));
        for (String t : templates) {
            assertThat(aggregator).contains("<module>" + t + "</module>");
            assertThat(Files.readString(TEMPLATES.resolve(t).resolve("pom.xml"))).contains("<artifactId>meshkit-archetype-" + t + "</artifactId>");
        }
    }

    @Test
    void substitutesKnownPropertiesOnlyAndLeavesOtherReferences() {
        String text = "${dataset} ${MESHKIT_MYSQL_URL} ${table} ${meshkit.version} ${{ vars.X }} $HOME";
        assertThat(TemplateFiles.substitute(text, properties()))
                .isEqualTo("shop.customers ${MESHKIT_MYSQL_URL} ${table} ${meshkit.version} ${{ vars.X }} $HOME");
    }
}
