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
import java.util.List;
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
                        "java.sql..", "org.duckdb..", "com.mysql..", "org.mariadb..", "com.google.cloud..", "com.google.api..",
                        "org.jdbi..", "org.testcontainers..", "io.meshkit.warehouseduckdb..", "io.meshkit.cli..", "io.meshkit.testing..")
                .because("core holds the SPI and the contract model; vendors live in their own modules (DESIGN.md)")
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

    private static com.tngtech.archunit.base.DescribedPredicate<JavaClass> hasTestMethods() {
        return com.tngtech.archunit.base.DescribedPredicate.describe("have test methods", c -> c.getAllMethods().stream()
                .anyMatch(m -> m.isAnnotatedWith("org.junit.jupiter.api.Test")
                        || m.isAnnotatedWith("org.junit.jupiter.params.ParameterizedTest")
                        || m.isAnnotatedWith("org.junit.jupiter.api.RepeatedTest")
                        || m.isAnnotatedWith("org.junit.jupiter.api.TestFactory")));
    }
}
