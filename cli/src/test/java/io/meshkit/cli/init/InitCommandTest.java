package io.meshkit.cli.init;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshkit.cli.CliRun;
import io.meshkit.cli.VersionCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

/** {@code meshkit init}: what a generated project holds, and the refusals. */
class InitCommandTest {
    @TempDir
    Path tmp;

    /** Where the generated projects' pom.xml says meshkit's artifacts are (these runs are not from a distribution). */
    static final String REPOSITORY = "file:///opt/meshkit-" + VersionCommand.version() + "/maven";

    static CliRun run(String... args) {
        List<String> all = new java.util.ArrayList<>(List.of(args));
        if (all.get(0).equals("init") && !all.contains("--list") && !all.contains("--maven-repository")) {
            all.addAll(List.of("--maven-repository", REPOSITORY));
        }
        return CliRun.of(all.toArray(String[]::new));
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }

    @Test
    void listsTheTemplatesOneLineEach() {
        CliRun r = run("init", "--list");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out().lines().toList()).hasSize(Template.values().length)
                .anySatisfy(l -> assertThat(l).startsWith("snapshot-dimension").contains("SCD2"))
                .anySatisfy(l -> assertThat(l).startsWith("event-fact").contains("sampling"))
                .anySatisfy(l -> assertThat(l).startsWith("derived-dataset").contains("published datasets"));
    }

    @ParameterizedTest
    @EnumSource(Template.class)
    void generatesAProjectWithEveryPlaceholderSubstituted(Template t) throws IOException {
        Path dir = tmp.resolve("shop");
        CliRun r = run("init", dir.toString(), "--template", t.id(), "--dataset", "shop.customer_events");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("created " + dir + " from template " + t.id(), "com.example.shop:shop-customer-events");

        List<String> paths = files(dir).stream().map(p -> dir.relativize(p).toString().replace('\\', '/')).toList();
        assertThat(paths).contains("meshkit.yaml", "pipeline.yaml", "pom.xml", "README.md", ".gitignore",
                "contracts/customer_events.odcs.yaml", "src/test/java/com/example/shop/GoldenTest.java",
                ".github/workflows/pull-request.yml", ".github/actions/setup-meshkit/action.yml");
        // the embedded DuckDB file lives with whoever runs the pipeline: no CI workflow that would publish into a runner's disk
        assertThat(paths).doesNotContain(".github/workflows/publish.yml", ".github/workflows/monitor.yml");
        assertThat(paths).anyMatch(p -> p.startsWith("tests/") && p.endsWith(".test.yaml"));
        assertThat(paths).anyMatch(p -> p.startsWith("tests/expected/") && p.endsWith(".csv"));
        assertThat(paths).noneMatch(p -> p.contains("__"));

        for (Path f : files(dir)) {
            String text = Files.readString(f);
            String rel = dir.relativize(f).toString();
            for (String key : List.of("${dataset}", "${domain}", "${datasetName}", "${groupId}", "${artifactId}", "${version}",
                    "${package}", "${meshkitVersion}")) {
                assertThat(text).as(rel).doesNotContain(key);
            }
        }
        String pom = Files.readString(dir.resolve("pom.xml"));
        assertThat(pom).contains("<groupId>com.example.shop</groupId>", "<artifactId>shop-customer-events</artifactId>",
                "<meshkit.version>" + VersionCommand.version() + "</meshkit.version>", "<artifactId>meshkit-bom</artifactId>",
                "<artifactId>meshkit-cli</artifactId>", "<artifactId>junit-jupiter</artifactId>",
                "<meshkit.repository>" + REPOSITORY + "</meshkit.repository>", "<url>${meshkit.repository}</url>");
        assertThat(Files.readString(dir.resolve("meshkit.yaml"))).contains("uri: \"duckdb:.meshkit/warehouse.duckdb\"", "settings: {threads: 2}");
        assertThat(r.out()).contains("next: cd " + dir + " && mvn test && meshkit run pipeline.yaml");
        assertThat(Files.readString(dir.resolve("src/test/java/com/example/shop/GoldenTest.java")))
                .contains("package com.example.shop;", "GoldenSuite.assertPasses(Path.of(\".\"), Path.of(\"target/meshkit-golden.xml\"));");
        assertThat(Files.readString(dir.resolve(".github/workflows/pull-request.yml")))
                .contains("${{ github.base_ref }}", "meshkit lint contracts", "mvn -B test", "MESHKIT_PR_NUMBER", "GITHUB_STEP_SUMMARY",
                        "scratch=\"duckdb:$RUNNER_TEMP/pr.duckdb\"").doesNotContain("services:");
        assertThat(Files.readString(dir.resolve(".github/actions/setup-meshkit/action.yml"))).contains("SHA256SUMS", "sha256sum -c");
        assertThat(Files.readString(dir.resolve("contracts/customer_events.odcs.yaml")))
                .contains("domain: shop", "- name: customer_events", "id: urn:meshkit:shop:customer_events");
        assertThat(Files.readString(dir.resolve("README.md"))).startsWith("shop.customer_events\n").contains("mvn test",
                "meshkit run pipeline.yaml", "meshkit test");
    }

    @ParameterizedTest
    @EnumSource(Template.class)
    void aBigQueryProjectAlsoPublishesAndMonitorsFromCiWithWorkloadIdentityFederation(Template t) throws IOException {
        Path dir = initOn(t, "bigquery:my-project/EU");
        for (String workflow : List.of("publish.yml", "monitor.yml")) {
            assertThat(Files.readString(dir.resolve(".github/workflows/" + workflow))).as(workflow)
                    .contains("google-github-actions/auth@v2.1.12", "${{ vars.GCP_WORKLOAD_IDENTITY_PROVIDER }}",
                            "id-token: write", "plugins: warehouse-bigquery", "${{ vars.MESHKIT_WAREHOUSE }}");
        }
    }

    /** Every template on each URI form a database server's providers open: the form does not change the project. */
    static Stream<Arguments> templatesOnADatabaseServer() {
        return Stream.of("postgres://meshkit@db.example.com:5432/shop", "postgresql://meshkit@db.example.com:5432/shop",
                        "jdbc:postgresql://db.example.com:5432/shop?user=meshkit")
                .flatMap(uri -> Stream.of(Template.values()).map(t -> Arguments.of(t, uri)));
    }

    @ParameterizedTest
    @MethodSource("templatesOnADatabaseServer")
    void aProjectOnADatabaseServerGetsItsOwnSettingsAndPublishesAndMonitorsFromCi(Template t, String uri) throws IOException {
        Path dir = initOn(t, uri);
        // the embedded default's settings (threads) mean nothing to a server's driver
        assertThat(Files.readString(dir.resolve("meshkit.yaml"))).contains("  settings: {}\n").doesNotContain("threads");
        for (String workflow : List.of("publish.yml", "monitor.yml")) {
            assertThat(Files.readString(dir.resolve(".github/workflows/" + workflow))).as(workflow)
                    .contains("${{ secrets.MESHKIT_WAREHOUSE || vars.MESHKIT_WAREHOUSE }}", "uses: ./.github/actions/setup-meshkit")
                    .doesNotContain("google", "plugins:");
        }
        assertThat(Files.readString(dir.resolve("README.md"))).doesNotContain("DuckDB warehouse, from", ".meshkit/warehouse.duckdb: 3 days");
        // the pull request's data diff runs on the project's engine, a PostgreSQL service container, not a DuckDB file
        assertThat(Files.readString(dir.resolve(".github/workflows/pull-request.yml")))
                .contains("services:", "image: ${{ vars.MESHKIT_POSTGRES_IMAGE || 'postgres:16' }}",
                        "PR_WAREHOUSE: postgres://postgres@localhost:5432/pr", "--warehouse \"$PR_WAREHOUSE\"",
                        "meshkit lint contracts", "mvn -B test", "MESHKIT_PR_NUMBER", "GITHUB_STEP_SUMMARY")
                .doesNotContain("duckdb");
    }

    /** A project of the template on the warehouse, its URI in meshkit.yaml. */
    private Path initOn(Template t, String warehouse) throws IOException {
        Path dir = tmp.resolve(warehouse.substring(0, warehouse.indexOf(':')));
        CliRun r = run("init", dir.toString(), "-t", t.id(), "-d", "shop.customers", "--warehouse", warehouse);
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(Files.readString(dir.resolve("meshkit.yaml"))).contains("uri: \"" + warehouse + "\"");
        return dir;
    }

    @Test
    void takesMeshkitsMavenRepositoryFromTheDistributionItRunsFrom() throws IOException {
        Path home = tmp.resolve("meshkit-home");
        Files.createDirectories(home.resolve("maven/io/meshkit"));
        System.setProperty("meshkit.home", home.toString());
        try {
            CliRun r = CliRun.of("init", tmp.resolve("p").toString(), "-t", "event-fact", "-d", "web.events");
            assertThat(r.exitCode()).as(r.err()).isZero();
            assertThat(Files.readString(tmp.resolve("p/pom.xml")))
                    .contains("<meshkit.repository>" + home.resolve("maven").toUri().toString().replaceAll("/$", "") + "</meshkit.repository>");
            // that repository is a directory: mvn -o may read it (else -o fails until an online run copied it)
            assertThat(Files.readString(tmp.resolve("p/.mvn/maven.config"))).isEqualTo("-Daether.offline.protocols=file\n");
        } finally {
            System.clearProperty("meshkit.home");
        }
        CliRun outside = CliRun.of("init", tmp.resolve("q").toString(), "-t", "event-fact", "-d", "web.events");
        assertThat(outside.exitCode()).isEqualTo(2);
        assertThat(outside.err()).startsWith("error: Cannot create a project: this meshkit runs outside a distribution")
                .contains("--maven-repository URL");
        assertThat(tmp.resolve("q")).doesNotExist();
    }

    @Test
    void refusesAWarehouseWithoutAnInstalledProvider() {
        CliRun r = run("init", tmp.resolve("x").toString(), "-t", "event-fact", "-d", "web.events", "--warehouse", "snowflake:acme");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("error: Cannot create a project with warehouse 'snowflake:acme': no provider of scheme 'snowflake'");
        // a scheme a provider shares with other engines' URLs: only its own form makes a project
        CliRun jdbc = run("init", tmp.resolve("y").toString(), "-t", "event-fact", "-d", "web.events", "--warehouse", "jdbc:mysql://db/shop");
        assertThat(jdbc.exitCode()).isEqualTo(2);
        assertThat(jdbc.err()).isEqualToIgnoringNewLines("error: Cannot create a project with warehouse 'jdbc:mysql://db/shop':"
                + " the provider of scheme 'jdbc' does not open URIs of this form");
        assertThat(tmp.resolve("y")).doesNotExist();
        assertThat(tmp.resolve("x")).doesNotExist();
    }

    @Test
    void refusesAMavenRepositoryThatIsNoUrlForPomXml() {
        for (String bad : List.of("/opt/meshkit/maven", "file:///opt/a&b/maven", "https://repo example.com")) {
            CliRun r = run("init", tmp.resolve("x").toString(), "-t", "event-fact", "-d", "web.events", "--maven-repository", bad);
            assertThat(r.exitCode()).as(bad).isEqualTo(2);
            assertThat(r.err()).as(bad).startsWith("error: Cannot create a project with Maven repository '" + bad + "'");
        }
        assertThat(tmp.resolve("x")).doesNotExist();
    }

    @Test
    void theNextLineNamesMeshkitAsTheShellWouldFindIt() throws IOException {
        Path home = Files.createDirectories(tmp.resolve("meshkit-1.0"));
        Path launcher = Files.createDirectories(home.resolve("bin")).resolve("meshkit");
        Files.writeString(launcher, "#!/bin/sh\n");
        assertThat(launcher.toFile().setExecutable(true)).isTrue();
        Path other = Files.createDirectories(tmp.resolve("other"));
        Files.writeString(other.resolve("meshkit"), "#!/bin/sh\n");
        assertThat(other.resolve("meshkit").toFile().setExecutable(true)).isTrue();

        assertThat(InitCommand.meshkitCommand(home.toString(), "/usr/bin:" + home.resolve("bin"))).isEqualTo("meshkit");
        assertThat(InitCommand.meshkitCommand(home.toString(), "/usr/bin")).isEqualTo(launcher.toString());
        assertThat(InitCommand.meshkitCommand(home.toString(), other + ":" + home.resolve("bin")))
                .as("another meshkit first on PATH").isEqualTo(launcher.toString());
        assertThat(InitCommand.meshkitCommand(null, "/usr/bin")).as("in process").isEqualTo("meshkit");
    }

    @Test
    void theNextLineQuotesADirectoryTheShellWouldSplit() {
        assertThat(InitCommand.shellWord("shop")).isEqualTo("shop");
        assertThat(InitCommand.shellWord("/tmp/my shop")).isEqualTo("'/tmp/my shop'");
        assertThat(InitCommand.shellWord("it's")).isEqualTo("'it'\\''s'");
    }

    @ParameterizedTest
    @EnumSource(Template.class)
    void generatedContractsAreValidAndLintClean(Template t) {
        Path dir = tmp.resolve("p");
        assertThat(run("init", dir.toString(), "-t", t.id(), "-d", "shop.customers").exitCode()).isZero();
        CliRun validate = run("contract", "validate", dir.toString());
        assertThat(validate.exitCode()).as(validate.out() + validate.err()).isZero();
        CliRun lint = run("lint", dir.resolve("contracts").toString(), "--fail-on", "warning");
        assertThat(lint.exitCode()).as(lint.out() + lint.err()).isZero();
        assertThat(lint.out()).contains("0 errors, 0 warnings");
    }

    @Test
    void refusesANonEmptyDirectory() throws IOException {
        Files.writeString(tmp.resolve("notes.txt"), "mine");
        CliRun r = run("init", tmp.toString(), "--template", "event-fact", "--dataset", "web.events");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().lines().toList()).containsExactly("error: Cannot create project in " + tmp + ": the directory is not empty");
        assertThat(Files.readString(tmp.resolve("notes.txt"))).isEqualTo("mine");
        try (Stream<Path> s = Files.list(tmp)) {
            assertThat(s.count()).isEqualTo(1);
        }
    }

    @Test
    void refusesABadDatasetNameInOneLine() {
        for (String bad : List.of("customers", "Shop.customers", "shop.", "shop.customer-events", "shop.a.b", "shop.9lives")) {
            CliRun r = run("init", tmp.resolve("x").toString(), "--template", "snapshot-dimension", "--dataset", bad);
            assertThat(r.exitCode()).as(bad).isEqualTo(2);
            assertThat(r.err().lines().toList()).as(bad).hasSize(1).first().asString()
                    .startsWith("error: Cannot create a project for dataset '" + bad + "': give DOMAIN.NAME");
        }
        assertThat(tmp.resolve("x")).doesNotExist();
    }

    @Test
    void refusesAnUnknownTemplateAnUpstreamNameAndABadGroupId() {
        CliRun unknown = run("init", tmp.resolve("x").toString(), "--template", "star-schema", "--dataset", "shop.customers");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).isEqualTo("error: Cannot create a project from template 'star-schema': no such template "
                + "(templates: snapshot-dimension, event-fact, derived-dataset)" + System.lineSeparator());
        CliRun upstream = run("init", tmp.resolve("x").toString(), "--template", "derived-dataset", "--dataset", "sales.orders");
        assertThat(upstream.exitCode()).isEqualTo(2);
        assertThat(upstream.err()).contains("ships it as an upstream fixture");
        CliRun group = run("init", tmp.resolve("x").toString(), "-t", "event-fact", "-d", "web.events", "--group-id", "com.example.class");
        assertThat(group.exitCode()).isEqualTo(2);
        assertThat(group.err()).contains("groupId 'com.example.class'");
        CliRun missing = run("init", tmp.resolve("x").toString(), "--template", "event-fact");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("give DIR, --template NAME and --dataset DOMAIN.NAME");
        assertThat(tmp.resolve("x")).doesNotExist();
    }
}
