package io.meshkit.cli.init;

import io.meshkit.cli.VersionCommand;
import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import io.meshkit.core.warehouse.Warehouses;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.lang.model.SourceVersion;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code meshkit init DIR --template NAME --dataset DOMAIN.NAME}: a new project from a template. */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = {"Create a project from a template (see --list): contract, pipeline, golden tests, Maven build, CI workflows.",
                "The project holds meshkit.yaml, an ODCS contract, pipeline.yaml, golden tests under tests/ with a JUnit test that "
                        + "runs them (mvn test), a README and GitHub workflows: lint and diff on pull requests; publish on merge and "
                        + "monitor hourly where CI can reach the warehouse (--warehouse).",
                "The same templates are Maven archetypes: io.meshkit:meshkit-archetype-<template>."},
        exitCodeList = {"0:created", "2:bad input (unknown template, bad dataset name, DIR not empty)", "4:internal error"},
        footer = {"%nExample:", "  $ meshkit init shop --template snapshot-dimension --dataset shop.customers"})
public final class InitCommand implements Callable<Integer> {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*(_[a-z0-9]+)*");
    private static final Pattern ARTIFACT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");
    private static final int MAX_NAME = 63;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", description = "The new project's directory (created; must be empty if it exists).")
    Path dir;

    @Option(names = {"-t", "--template"}, paramLabel = "NAME", completionCandidates = Template.Ids.class,
            description = "The template: ${COMPLETION-CANDIDATES} (--list says what each makes).")
    String template;

    @Option(names = {"-d", "--dataset"}, paramLabel = "DOMAIN.NAME", description = "The dataset the project publishes, e.g. shop.customers (snake_case).")
    String dataset;

    @Option(names = "--group-id", paramLabel = "GROUP", description = "The Maven groupId, also the test's Java package (default: com.example.DOMAIN).")
    String groupId;

    @Option(names = "--artifact-id", paramLabel = "ARTIFACT", description = "The Maven artifactId (default: DOMAIN-NAME).")
    String artifactId;

    @Option(names = "--project-version", paramLabel = "VERSION", defaultValue = "0.1.0-SNAPSHOT", description = "The project's version (default: ${DEFAULT-VALUE}).")
    String projectVersion;

    @Option(names = "--list", description = "List the templates, one line each, and exit.")
    boolean list;

    @Option(names = "--warehouse", paramLabel = "URI", defaultValue = Warehouses.DEFAULT_URI,
            description = "The project's warehouse in meshkit.yaml (default: ${DEFAULT-VALUE}); a warehouse CI can reach "
                    + "(a cloud warehouse or a database server) also gets the publish and monitor workflows.")
    String warehouse;

    @Option(names = "--maven-repository", paramLabel = "URL",
            description = "Where mvn finds meshkit's own artifacts (meshkit.repository in pom.xml; default: this distribution's maven/).")
    String mavenRepository;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (list) {
            for (Template t : Template.values()) {
                out.printf("%-20s %s%n", t.id(), t.description());
            }
            out.flush();
            return 0;
        }
        if (dir == null || template == null || dataset == null) {
            throw bad("Cannot create a project: give DIR, --template NAME and --dataset DOMAIN.NAME (templates: " + Template.names() + ")");
        }
        Template t = Template.of(template).orElseThrow(() -> bad("Cannot create a project from template '" + template
                + "': no such template (templates: " + Template.names() + ")"));
        Map<String, String> properties = properties(t);
        requireEmpty(dir);
        // the warehouse's files by the name its provider gives it, whatever form the URI takes
        List<TemplateFiles.Rendered> files = TemplateFiles.render(t, properties, Warehouses.provider(warehouse).warehouseName());
        try {
            for (TemplateFiles.Rendered f : files) {
                Path target = dir.resolve(f.path());
                Files.createDirectories(target.getParent());
                Files.write(target, f.content());
            }
        } catch (IOException e) {
            throw new MeshkitException(ErrorCode.FILE_NOT_FOUND, "Cannot create project in " + dir + ": " + e.getMessage(), e);
        }
        out.println("created " + dir + " from template " + t.id() + ": dataset " + dataset + ", " + files.size() + " files, "
                + properties.get("groupId") + ":" + properties.get("artifactId") + ", meshkit " + properties.get("meshkitVersion"));
        out.println("next: cd " + shellWord(dir.toString()) + " && mvn test && "
                + meshkitCommand(System.getProperty("meshkit.home"), System.getenv("PATH")) + " run pipeline.yaml   (see README.md)");
        out.flush();
        return 0;
    }

    /** The properties the template files use, named as in the archetypes' archetype-metadata.xml. */
    Map<String, String> properties(Template t) {
        int dot = dataset.indexOf('.');
        String domain = dot < 0 ? "" : dataset.substring(0, dot);
        String name = dot < 0 ? "" : dataset.substring(dot + 1);
        if (!NAME.matcher(domain).matches() || !NAME.matcher(name).matches()) {
            throw bad("Cannot create a project for dataset '" + dataset + "': give DOMAIN.NAME, both snake_case "
                    + "(lower-case letters, digits and single underscores, starting with a letter), e.g. shop.customers");
        }
        if (domain.length() > MAX_NAME - "_candidates".length() || name.length() > MAX_NAME) {
            throw bad("Cannot create a project for dataset '" + dataset + "': the domain may have at most "
                    + (MAX_NAME - "_candidates".length()) + " characters and the name at most " + MAX_NAME);
        }
        if (t.upstreamDatasets().contains(dataset)) {
            throw bad("Cannot create a project for dataset '" + dataset + "': template " + t.id()
                    + " ships it as an upstream fixture (" + String.join(", ", t.upstreamDatasets().stream().sorted().toList())
                    + "); choose another name");
        }
        String group = groupId != null ? groupId : "com.example." + domain;
        if (!isPackageName(group)) {
            throw bad("Cannot create a project with groupId '" + group + "': it is also the tests' Java package, so it must be "
                    + "dot-separated Java identifiers, e.g. com.example." + domain);
        }
        String artifact = artifactId != null ? artifactId : domain.replace('_', '-') + "-" + name.replace('_', '-');
        if (!ARTIFACT_ID.matcher(artifact).matches()) {
            throw bad("Cannot create a project with artifactId '" + artifact + "': use letters, digits, '.', '_' and '-'");
        }
        // written into pom.xml and YAML: only what a Maven version is, so nothing needs escaping there
        if (!projectVersion.matches("[A-Za-z0-9][A-Za-z0-9._+-]{0,63}")) {
            throw bad("Cannot create a project with version " + io.meshkit.core.identifier.Identifiers.describe(projectVersion)
                    + ": use letters, digits, '.', '_', '+' and '-', e.g. 0.1.0-SNAPSHOT");
        }
        Map<String, String> p = new LinkedHashMap<>();
        p.put("groupId", group);
        p.put("artifactId", artifact);
        p.put("version", projectVersion);
        p.put("package", group);
        p.put("dataset", dataset);
        p.put("domain", domain);
        p.put("datasetName", name);
        p.put("meshkitVersion", VersionCommand.version());
        p.put("gitignore", ".gitignore");
        p.put("warehouse", warehouse());
        p.put("warehouseSettings", warehouseSettings());
        p.put("meshkitRepository", mavenRepository());
        return p;
    }

    /** The warehouse URI, checked: a scheme an installed provider serves. */
    private String warehouse() {
        String scheme = scheme();
        if (!scheme.matches("[a-z][a-z0-9+.-]*") || warehouse.chars().anyMatch(c -> c < ' ' || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&')) {
            throw bad("Cannot create a project with warehouse '" + warehouse + "': give SCHEME:LOCATION, e.g. " + Warehouses.DEFAULT_URI);
        }
        if (!Warehouses.providers().containsKey(scheme)) {
            throw bad("Cannot create a project with warehouse '" + warehouse + "': no provider of scheme '" + scheme
                    + "' is installed (installed: " + String.join(", ", Warehouses.providers().keySet()) + ")");
        }
        if (!Warehouses.provider(warehouse).accepts(warehouse)) {
            throw bad("Cannot create a project with warehouse '" + warehouse + "': the provider of scheme '" + scheme
                    + "' does not open URIs of this form");
        }
        return warehouse;
    }

    /** The warehouse provider's settings for a new project, as a YAML flow map ({@code {}} for none). */
    private String warehouseSettings() {
        Map<String, String> settings = Warehouses.provider(warehouse).projectSettings();
        return settings.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
                .collect(java.util.stream.Collectors.joining(", ", "{", "}"));
    }

    private String scheme() {
        int colon = warehouse.indexOf(':');
        return colon > 0 ? warehouse.substring(0, colon) : "";
    }

    /**
     * The Maven repository holding this meshkit's own artifacts: the option, else the {@code maven/} directory of
     * the distribution this command runs from ({@code meshkit.home}, set by bin/meshkit, or the directory above
     * the jar's {@code lib/}).
     */
    private String mavenRepository() {
        String url = mavenRepository != null ? mavenRepository : MavenRepository.ofThisDistribution().orElseThrow(() -> bad(
                "Cannot create a project: this meshkit runs outside a distribution, so it has no Maven repository of its own; "
                        + "give --maven-repository URL (where the platform team deploys meshkit)"));
        // it goes into pom.xml as it is: a URL with none of XML's special characters
        if (!url.matches("(file|https?):[^\\s<>&\"']+")) {
            throw bad("Cannot create a project with Maven repository '" + url + "': give a file:, http: or https: URL "
                    + "without spaces, quotes, <, > or &");
        }
        return url;
    }

    /**
     * How the {@code next:} line names this meshkit: {@code meshkit} when that is what the shell finds first on
     * PATH, else the launcher's path, so the line works as printed either way.
     */
    static String meshkitCommand(String home, String path) {
        if (home == null) {
            return "meshkit";
        }
        Path launcher = Path.of(home, "bin", "meshkit").toAbsolutePath();
        try {
            Path real = launcher.toRealPath();
            for (String entry : (path == null ? "" : path).split(java.io.File.pathSeparator)) {
                Path candidate = Path.of(entry.isEmpty() ? "." : entry, "meshkit");
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return candidate.toRealPath().equals(real) ? "meshkit" : shellWord(launcher.toString());
                }
            }
            return shellWord(launcher.toString());
        } catch (IOException | java.nio.file.InvalidPathException e) {
            return "meshkit";  // no launcher there (run in process): the name users type
        }
    }

    /** A word the shell reads back as it is: the directory in the {@code next:} line works when pasted. */
    static String shellWord(String s) {
        return s.matches("[A-Za-z0-9_./,:=+@%-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
    }

    private static boolean isPackageName(String s) {
        for (String part : s.split("\\.", -1)) {
            if (!SourceVersion.isIdentifier(part) || SourceVersion.isKeyword(part)) {
                return false;
            }
        }
        return true;
    }

    private static void requireEmpty(Path dir) {
        if (Files.exists(dir)) {
            if (!Files.isDirectory(dir)) {
                throw bad("Cannot create project in " + dir + ": it is a file");
            }
            try (Stream<Path> entries = Files.list(dir)) {
                if (entries.findAny().isPresent()) {
                    throw bad("Cannot create project in " + dir + ": the directory is not empty");
                }
            } catch (IOException e) {
                throw new MeshkitException(ErrorCode.FILE_NOT_FOUND, "Cannot create project in " + dir + ": " + e.getMessage(), e);
            }
        }
    }

    private static MeshkitException bad(String message) {
        return new MeshkitException(ErrorCode.INVALID_ARGUMENT, message);
    }
}
