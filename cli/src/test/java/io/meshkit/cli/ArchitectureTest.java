package io.meshkit.cli;

import static com.tngtech.archunit.base.DescribedPredicate.alwaysTrue;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dependency rules of DESIGN.md, checked on the compiled classes of every module: a rule that
 * lives only in a document is a habit, not a rule.
 */
class ArchitectureTest {
    private static JavaClasses main;
    private static JavaClasses tests;
    private static List<Path> testDirs;

    @BeforeAll
    static void importClasses() throws IOException {
        // in a reactor build the other modules arrive as jars: import io.meshkit from the whole class path
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.meshkit");
        // test classes of every module built so far in this reactor (cli is built last)
        Path root = Path.of("").toAbsolutePath().getParent();
        try (Stream<Path> modules = Files.list(root)) {
            testDirs = modules.map(m -> m.resolve("target/test-classes")).filter(Files::isDirectory).sorted().toList();
        }
        tests = new ClassFileImporter().importPaths(testDirs);
    }

    @Test
    void seesEveryModule() {
        for (String pkg : List.of("io.meshkit.core.warehouse", "io.meshkit.warehouseduckdb", "io.meshkit.testing", "io.meshkit.cli")) {
            assertThat(main.containPackage(pkg)).as("imported classes contain " + pkg).isTrue();
        }
    }

    @Test
    void coreDependsOnNoVendorSdkOrDriver() {
        noClasses().that().resideInAPackage("io.meshkit.core..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.duckdb..", "org.postgresql..", "com.mysql..", "org.mariadb..", "com.google.cloud..", "com.google.api..",
                        "org.jdbi..", "org.testcontainers..", "io.meshkit.warehouseduckdb..", "io.meshkit.warehousepostgres..",
                        "io.meshkit.warehousebigquery..", "io.meshkit.cli..", "io.meshkit.testing..")
                .because("core holds the SPI and the contract model; vendors live in their own modules (DESIGN.md)")
                .check(main);
        // the JDBC warehouses' shared base speaks plain java.sql; the rest of core none at all
        noClasses().that().resideInAPackage("io.meshkit.core..").and().resideOutsideOfPackage("io.meshkit.core.warehouse.jdbc..")
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..")
                .because("only the JDBC base (core.warehouse.jdbc) talks to a driver, and only through java.sql")
                .check(main);
    }

    @Test
    void modulesDoNotDependOnEachOtherExceptThroughCore() {
        slices().matching("io.meshkit.(*)..")
                .should().notDependOnEachOther()
                .ignoreDependency(alwaysTrue(), resideInAPackage("io.meshkit.core.."))
                .ignoreDependency(resideInAPackage("io.meshkit.cli.."), alwaysTrue())
                .because("a tool never depends on another tool; what two tools share goes into core")
                .check(main);
    }

    @Test
    void noModuleUsesAnotherModulesInternals() {
        classes().should(new ArchCondition<>("use internal packages of their own module only") {
            private final Pattern internal = Pattern.compile("io\\.meshkit\\.([a-z0-9]+)\\.internal(\\..*)?");
            private final Pattern module = Pattern.compile("io\\.meshkit\\.([a-z0-9]+)(\\..*)?");

            @Override
            public void check(JavaClass item, ConditionEvents events) {
                Matcher own = module.matcher(item.getPackageName());
                String ownModule = own.matches() ? own.group(1) : "";
                item.getDirectDependenciesFromSelf().forEach(d -> {
                    Matcher m = internal.matcher(d.getTargetClass().getPackageName());
                    if (m.matches() && !m.group(1).equals(ownModule)) {
                        events.add(SimpleConditionEvent.violated(d, d.getDescription()));
                    }
                });
            }
        }).check(main);
        classes().should(new ArchCondition<>("use internal packages of their own module only") {
            @Override
            public void check(JavaClass item, ConditionEvents events) {
                // tests may use their own module's internals, never another module's
                String pkg = item.getPackageName();
                item.getDirectDependenciesFromSelf().forEach(d -> {
                    String target = d.getTargetClass().getPackageName();
                    int i = target.indexOf(".internal");
                    if (target.startsWith("io.meshkit.") && i > 0 && !pkg.startsWith(target.substring(0, i))) {
                        events.add(SimpleConditionEvent.violated(d, d.getDescription()));
                    }
                });
            }
        }).allowEmptyShould(true).check(tests);
    }

    // ---------------------------------------------------------------- the module shape

    /**
     * The tools, each with the same four packages: {@code api} (interfaces, requests, results and their
     * validation), {@code internal} (the implementation), {@code cli} (picocli commands), {@code di}
     * (the Dagger component and the static factories that reach {@code internal}).
     */
    private static final List<String> TOOLS = List.of("snapshotingest", "differ", "sampler", "scdbuilder", "publisher", "linter", "monitor");

    @Test
    void everyToolHasTheSameFourPackages() {
        for (String tool : TOOLS) {
            for (String pkg : List.of("api", "internal", "cli", "di")) {
                assertThat(main.containPackage("io.meshkit." + tool + "." + pkg)).as("io.meshkit." + tool + "." + pkg).isTrue();
            }
        }
    }

    @Test
    void apiPackagesNeverDependOnInternalOnes() {
        noClasses().that().resideInAPackage("io.meshkit.*.api..")
                .should().dependOnClassesThat().resideInAPackage("io.meshkit.*.internal..")
                .because("api is a module's contract and internal is free to change; what builds an implementation lives in di (DESIGN.md)")
                .check(main);
    }

    @Test
    void daggerComponentsLiveInDiPackages() {
        List<String> components = main.stream().filter(c -> c.isAnnotatedWith("dagger.Component")).map(JavaClass::getName).toList();
        // the rule below is only as good as what it sees: every tool's component (and the CLI's) must be among them
        assertThat(components).as("Dagger components found").hasSizeGreaterThanOrEqualTo(TOOLS.size() + 1);
        classes().that().areAnnotatedWith("dagger.Component")
                .should().resideInAPackage("io.meshkit.*.di")
                .because("every module keeps its wiring in the same place: di (DESIGN.md)")
                .check(main);
    }

    @Test
    void testClassesAreNamedSoThatSurefireOrFailsafeRunsThem() {
        assertThat(testDirs).as("test class directories").isNotEmpty();
        assertThat(tests.contain(ArchitectureTest.class)).as("this class is among the imported tests").isTrue();
        classes().that(hasTestMethods()).and().areTopLevelClasses().and().doNotHaveModifier(JavaModifier.ABSTRACT)
                .should().haveSimpleNameEndingWith("Test").orShould().haveSimpleNameEndingWith("IT")
                .because("surefire runs *Test and failsafe runs *IT; any other name never runs")
                .check(tests);
        classes().that(hasTestMethods()).and().areTopLevelClasses().and().doNotHaveModifier(JavaModifier.ABSTRACT)
                .should().haveSimpleNameNotStartingWith("Abstract")
                .because("surefire skips Abstract*Test, so a concrete one would never run")
                .check(tests);
    }

    // ---------------------------------------------------------------- the engine seam

    /** What names a warehouse: its name in any spelling (the engine SQL of a warehouse lives in its module). */
    private static final Pattern WAREHOUSE_NAME = Pattern.compile("(?i)duck_?db|big_?query|google_?sql|postgres");

    /**
     * Files outside the warehouse modules that may name one in code, each with its reason. Anything
     * else that does fails the build.
     */
    private static final Map<String, String> MAY_NAME_A_WAREHOUSE = Map.of(
            "core/Warehouses.java", "DEFAULT_URI, the embedded default of a project without meshkit.yaml",
            "core/WarehouseOption.java", "--warehouse's help lists the URI forms of the bundled warehouses");

    @Test
    void noClassOutsideTheWarehouseModulesIsNamedAfterOrUsesAWarehouse() {
        noClasses().that().resideOutsideOfPackages("io.meshkit.warehouse*..")
                .should(new ArchCondition<>("be named after a warehouse or use a class named after one") {
                    @Override
                    public void check(JavaClass item, ConditionEvents events) {
                        if (WAREHOUSE_NAME.matcher(item.getSimpleName()).find()) {
                            events.add(SimpleConditionEvent.satisfied(item, item.getName() + " is named after a warehouse"));
                        }
                        item.getDirectDependenciesFromSelf().forEach(d -> {
                            if (WAREHOUSE_NAME.matcher(d.getTargetClass().getName()).find()) {
                                events.add(SimpleConditionEvent.satisfied(d, d.getDescription()));
                            }
                        });
                    }
                })
                .because("what differs by engine is a Dialect method or a capability that each warehouse-* module implements (DESIGN.md)")
                .check(main);
    }

    /**
     * No warehouse is named outside the warehouse modules: not in the tools' or the CLI's sources at
     * all (code, help texts or comments), and not in the code of core and testing (their Javadoc may
     * say how the bundled warehouses implement the SPI). A string constant is what ArchUnit cannot see.
     */
    @Test
    void noWarehouseIsNamedInTheSourcesOutsideTheWarehouseModules() {
        List<JavaSource.File> files = JavaSource.mainSources();
        assertThat(files).extracting(JavaSource.File::module).contains("core", "snapshot-ingest", "scd-builder", "linter", "differ", "sampler", "monitor",
                "publisher", "cli");
        List<String> found = new ArrayList<>();
        for (JavaSource.File f : files) {
            if (f.module().startsWith("warehouse-") || MAY_NAME_A_WAREHOUSE.containsKey(f.module() + "/" + f.path().getFileName())) {
                continue;
            }
            boolean kitOrSpi = f.module().equals("core") || f.module().equals("testing");
            String text = kitOrSpi ? f.code() : f.text();
            Matcher m = WAREHOUSE_NAME.matcher(text);
            while (m.find()) {
                found.add(f.where(m.start()) + ": " + m.group());
            }
        }
        assertThat(found).as("warehouse names outside warehouse-* (move the engine SQL into a Dialect method or a capability)").isEmpty();
    }

    /**
     * SQL text outside core and the warehouse modules is constant: every argument of
     * {@code SqlBuilder.sql(String)} and {@code Sql.of(String)} is a string literal, a constant, or a
     * {@code ?:} between them, and no code outside them makes a {@code new Sql}. Names go through
     * {@code id}/{@code table}, values through {@code bind}, types through {@code type}, expressions
     * through {@code append}; SQL a user wrote through {@code Sql.ofUserText}. Java cannot declare a
     * parameter that only takes literals, so the sources are checked instead.
     */
    @Test
    void sqlTextOutsideCoreAndTheWarehousesIsConstant() {
        Pattern call = Pattern.compile("(\\.sql|\\bSql\\.of|\\bnew\\s+Sql)\\s*\\(");
        List<String> found = new ArrayList<>();
        int checked = 0;
        for (JavaSource.File f : JavaSource.mainSources()) {
            if (f.module().equals("core") || f.module().startsWith("warehouse-")) {
                continue;
            }
            String code = f.code();
            Matcher m = call.matcher(code);
            while (m.find()) {
                List<String> args = JavaSource.arguments(code, m.end() - 1);
                if (args == null) {
                    found.add(f.where(m.start()) + ": unbalanced parentheses");
                } else if (m.group(1).startsWith("new")) {
                    found.add(f.where(m.start()) + ": new Sql(...) (build it with the dialect's SqlBuilder)");
                } else if (args.size() == 1) {
                    checked++;
                    if (!JavaSource.isConstantText(args.get(0))) {
                        found.add(f.where(m.start()) + ": " + m.group(1) + "(" + args.get(0) + ")");
                    }
                }
            }
        }
        assertThat(checked).as("calls checked").isGreaterThan(500);
        assertThat(found).as("SQL text computed at run time outside core and warehouse-*").isEmpty();
    }

    @Test
    void theSourceRulesSeeWhatTheyLookFor() {
        assertThat(JavaSource.isConstantText("\"SELECT \" + \"1\"")).isTrue();
        assertThat(JavaSource.isConstantText("LIMIT_CLAUSE")).isTrue();
        assertThat(JavaSource.isConstantText("Scd2Shape.FAR_FUTURE_TEXT")).isTrue();
        assertThat(JavaSource.isConstantText("i == 0 ? \"\" : \", \"")).isTrue();
        assertThat(JavaSource.isConstantText("(first ? \" WHERE \" : \" AND \")")).isTrue();
        assertThat(JavaSource.isConstantText("\" AS \" + dbl + \")\"")).isFalse();
        assertThat(JavaSource.isConstantText("Integer.toString(i + 1)")).isFalse();
        assertThat(JavaSource.isConstantText("dialect.typeName(t)")).isFalse();
        assertThat(JavaSource.isConstantText("\"x.pk\" + i")).isFalse();
        assertThat(JavaSource.isConstantText("cond ? \"a\" : name")).isFalse();
        String code = JavaSource.withoutComments("b.sql(\"a // not a comment\" /* (x */ + \"b\"); // duckdb\n");
        assertThat(code).doesNotContain("duckdb").contains("a // not a comment");
        List<String> args = JavaSource.arguments(code, code.indexOf('('));
        assertThat(args).hasSize(1);
        assertThat(JavaSource.isConstantText(args.get(0))).isTrue();
        assertThat(JavaSource.arguments("f(a, g(b, c), \"d,e\")", 1)).containsExactly("a", "g(b, c)", "\"d,e\"");
    }

    private static com.tngtech.archunit.base.DescribedPredicate<JavaClass> hasTestMethods() {
        return com.tngtech.archunit.base.DescribedPredicate.describe("have test methods", c -> c.getAllMethods().stream()
                .anyMatch(m -> m.isAnnotatedWith("org.junit.jupiter.api.Test")
                        || m.isAnnotatedWith("org.junit.jupiter.params.ParameterizedTest")
                        || m.isAnnotatedWith("org.junit.jupiter.api.RepeatedTest")
                        || m.isAnnotatedWith("org.junit.jupiter.api.TestFactory")));
    }
}
