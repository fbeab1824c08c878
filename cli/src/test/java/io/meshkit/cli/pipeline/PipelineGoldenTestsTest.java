package io.meshkit.cli.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshkit.cli.yaml.YamlFileException;
import io.meshkit.testing.golden.GoldenTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading golden test files: what a test means, and every mistake at its line and column. */
class PipelineGoldenTestsTest {
    @TempDir
    Path project;

    Path tests;

    @BeforeEach
    void pipeline() throws IOException {
        Files.writeString(project.resolve("pipeline.yaml"), """
                name: shop
                dates: 2024-01-01..2024-01-03
                steps:
                  - id: load
                    kind: load-snapshot
                    contract: contracts/customers.odcs.yaml
                    snapshots: snapshots/customers
                  - id: scd
                    kind: scd
                    needs: [load]
                    contract: contracts/customers.odcs.yaml
                  - id: publish
                    kind: publish
                    needs: [scd]
                    contract: contracts/customers.odcs.yaml
                """);
        tests = Files.createDirectories(project.resolve("tests"));
        Files.createDirectories(tests.resolve("fixtures"));
        Files.writeString(tests.resolve("fixtures/orders.csv"), "order_id\n1\n");
    }

    private GoldenTest read(String name, String yaml) throws IOException {
        Path file = tests.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, yaml);
        return new PipelineGoldenTests().read(project, tests, file);
    }

    private static PipelineGoldenTests.PipelineRun run(GoldenTest t) {
        return (PipelineGoldenTests.PipelineRun) t.run();
    }

    private String error(String yaml) {
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> read("bad.test.yaml", yaml));
        assertThat(t).isInstanceOf(YamlFileException.class);
        return ((YamlFileException) t).line();
    }

    @Test
    void readsStepsInPipelineOrderOverridesAndPathsRelativeToTheTestFile() throws IOException {
        GoldenTest t = read("sub/renamed.test.yaml", """
                description: a renamed customer
                dates: 2024-01-02
                steps: [scd, load]
                env: {FLAG: "1"}
                with:
                  load: {snapshots: fixtures/customers}
                given:
                  sales.orders: ../fixtures/orders.csv
                expect:
                  shop.customers: expected/customers.csv
                  shop_candidates.customers:
                    file: expected/candidates.csv
                    columns: [customer_id, name]
                """);
        assertThat(t.name()).isEqualTo("sub/renamed");
        assertThat(t.description()).isEqualTo("a renamed customer");
        assertThat(run(t).pipeline().steps()).extracting(Pipeline.Step::id).containsExactly("load", "scd");
        assertThat(run(t).dates()).containsExactly(LocalDate.parse("2024-01-02"));
        assertThat(run(t).env()).containsEntry("FLAG", "1").hasSize(1);
        Path snapshots = Path.of(run(t).pipeline().steps().get(0).string("snapshots").orElseThrow());
        assertThat(snapshots).isAbsolute().isEqualTo(tests.resolve("sub/fixtures/customers").toAbsolutePath().normalize());
        assertThat(t.given()).singleElement().satisfies(g -> {
            assertThat(g.table().toString()).isEqualTo("sales.orders");
            assertThat(g.csv().toAbsolutePath().normalize()).isEqualTo(tests.resolve("fixtures/orders.csv").toAbsolutePath().normalize());
        });
        assertThat(t.expect()).hasSize(2);
        assertThat(t.expect().get(1).columns()).extracting(c -> c.name()).containsExactly("customer_id", "name");
        assertThat(t.expect().get(1).location().line()).isEqualTo(11);
    }

    @Test
    void defaultsToThePipelinesDatesAndAllItsSteps() throws IOException {
        GoldenTest t = read("all.test.yaml", "expect: {shop.customers: expected/customers.csv}\n");
        assertThat(t.name()).isEqualTo("all");
        assertThat(run(t).dates()).hasSize(3);
        assertThat(run(t).pipeline().steps()).hasSize(3);
        assertThat(run(t).env()).isEmpty();
    }

    @Test
    void everyMistakeIsOneLineAtItsPlace() {
        String file = tests.resolve("bad.test.yaml").toString();
        assertThat(error("expect: {shop.customers: e.csv}\nstep: [load]\n"))
                .isEqualTo(file + ":2:1: error: unknown key 'step' (known: dates, description, env, expect, given, pipeline, steps, with)");
        assertThat(error("steps: [load, transform]\nexpect: {shop.customers: e.csv}\n"))
                .startsWith(file + ":1:15: error: no step 'transform' in ").endsWith("(steps: load, scd, publish)");
        assertThat(error("with:\n  scd: {snapshots: x}\nexpect: {shop.customers: e.csv}\n"))
                .startsWith(file + ":2:3: error: unknown key 'snapshots' for a scd step");
        assertThat(error("with:\n  nope: {contract: x}\nexpect: {shop.customers: e.csv}\n"))
                .startsWith(file + ":2:3: error: no step 'nope'");
        assertThat(error("given:\n  sales.orders: fixtures/missing.csv\nexpect: {shop.customers: e.csv}\n"))
                .startsWith(file + ":2:17: error: no CSV file ");
        assertThat(error("dates: 2024-02-30\nexpect: {shop.customers: e.csv}\n"))
                .startsWith(file + ":1:8: error: 'dates' must be YYYY-MM-DD or FROM..TO");
        assertThat(error("description: nothing expected\n"))
                .startsWith(file + ":1:1: error: the test has no 'expect:'");
        assertThat(error("expect: {customers: e.csv}\n"))
                .startsWith(file + ":1:10: error: 'customers' is not a table: write namespace.table");
        assertThat(error("expect:\n  shop.customers: {columns: [a]}\n"))
                .startsWith(file + ":2:19: error: an expected table needs 'file:'");
        assertThat(error("expect: [shop.customers]\n"))
                .startsWith(file + ":1:9: error: 'expect' maps tables");
        assertThat(error("expect: {shop.customers: e.csv\n"))
                .startsWith(file + ":2:1: error: invalid YAML: ");
        assertThat(error("pipeline: other.yaml\nexpect: {shop.customers: e.csv}\n"))
                .startsWith(file + ":1:11: error: no pipeline ");
    }

    @Test
    void aMistakeInThePipelineKeepsThePipelinesLocation() throws IOException {
        Files.writeString(tests.resolve("broken.yaml"), "steps:\n  - id: a\n    kind: nope\n");
        assertThatThrownBy(() -> read("p.test.yaml", "pipeline: broken.yaml\nexpect: {shop.customers: e.csv}\n"))
                .isInstanceOf(PipelineFileException.class)
                .hasMessageContaining("broken.yaml:3:11: unknown step kind 'nope'");
    }

    @Test
    void aTestNeedsTheDefaultPipelineWhenItNamesNone() throws IOException {
        Files.delete(project.resolve("pipeline.yaml"));
        assertThat(error("expect: {shop.customers: e.csv}\n")).contains("no 'pipeline:' and no pipeline.yaml in the project directory");
    }
}
