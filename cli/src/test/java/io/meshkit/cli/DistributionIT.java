package io.meshkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The built distribution ({@code target/meshkit}, laid out at package), run as a user runs it:
 * every {@code bin/meshkit-<tool>} starts on its own class path, which holds its module and the
 * warehouses and lineage it can use, and never another tool; the linter's holds no warehouse
 * unless {@code --warehouse} asks for one.
 */
class DistributionIT {
    private static final Path DIST = Path.of("target/meshkit").toAbsolutePath();
    private static final Path EXAMPLE = Path.of("../examples/music").toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    record Result(int exit, String out) {}

    private Result run(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).directory(tmp.toFile());
        pb.environment().remove("MESHKIT_WAREHOUSE");
        pb.environment().put("MESHKIT_CACHE_DIR", tmp.resolve("cache").toString()); // class-data archives stay in this test
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), out);
    }

    private Result tool(String tool, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(DIST.resolve("bin/" + tool).toString()));
        command.addAll(List.of(args));
        return run(command, Map.of());
    }

    private static String classpath(String module) throws IOException {
        return Files.readString(DIST.resolve("lib/classpath/" + module + ".txt")).strip();
    }

    @ParameterizedTest
    @ValueSource(strings = {"meshkit-diff", "meshkit-ingest", "meshkit-lint", "meshkit-monitor", "meshkit-publish",
            "meshkit-sample", "meshkit-scd", "meshkit"})
    void everyCommandStartsOnItsOwnClassPath(String tool) throws Exception {
        Result r = tool(tool, "--help");
        assertThat(r.exit()).as(r.out()).isZero();
        assertThat(r.out()).startsWith("Usage: " + tool + " ").doesNotContain("SLF4J");
    }

    @Test
    void aSnapshotKeepsTheOptimisingCompilerEveryOtherCommandStartsWithTheClientCompilerAlone() throws Exception {
        // the JVM prints its flags first; the commands themselves fail for want of options, which does not matter here
        Map<String, String> flags = Map.of("MESHKIT_JAVA_OPTS", "-XX:+PrintCommandLineFlags");
        for (List<String> snapshot : List.of(List.of("meshkit-ingest", "snapshot"), List.of("meshkit", "ingest", "snapshot"))) {
            assertThat(run(command(snapshot), flags).out()).contains("-XX:+UseSerialGC").doesNotContain("TieredStopAtLevel");
        }
        for (List<String> other : List.of(List.of("meshkit-ingest", "plan"), List.of("meshkit", "ingest", "plan"), List.of("meshkit-diff"))) {
            assertThat(run(command(other), flags).out()).contains("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
        }
    }

    private static List<String> command(List<String> toolAndArgs) {
        List<String> command = new ArrayList<>(List.of(DIST.resolve("bin/" + toolAndArgs.get(0)).toString()));
        command.addAll(toolAndArgs.subList(1, toolAndArgs.size()));
        return command;
    }

    @Test
    void aCommandsFirstRunWritesItsClassDataArchiveAndLaterRunsMapIt() throws Exception {
        Path cds = tmp.resolve("cache/cds");
        List<String> version = command(List.of("meshkit-lint", "--version"));
        Result bad = run(command(List.of("meshkit-lint", "--no-such-option")), Map.of());
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(archives(cds)).as("a run that stopped at bad input keeps no archive").isEmpty();

        Result plain = run(version, Map.of("MESHKIT_CDS", "off"));
        assertThat(archives(cds)).as("MESHKIT_CDS=off writes none").isEmpty();
        Result first = run(version, Map.of());
        assertThat(first.exit()).isZero();
        assertThat(first.out()).as("stdout and stderr of the run that writes the archive").isEqualTo(plain.out()).hasLineCount(1);
        assertThat(archives(cds)).singleElement().asString().contains("LintCli-");

        String loaded = run(version, Map.of("MESHKIT_JAVA_OPTS", "-Xlog:class+load=info")).out();
        assertThat(loaded).contains("io.meshkit.linter.cli.LintCli source: shared objects file (top)");
        assertThat(archives(cds)).hasSize(1);

        String off = run(version, Map.of("MESHKIT_CDS", "off", "MESHKIT_JAVA_OPTS", "-Xlog:class+load=info")).out();
        assertThat(off).contains("io.meshkit.linter.cli.LintCli source: file:").doesNotContain("shared objects file (top)");
    }

    private static List<Path> archives(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (var files = Files.list(dir)) {
            return files.toList();
        }
    }

    @Test
    void eachModulesClassPathNamesOnlyLibrariesTheDistributionShips() throws IOException {
        for (String module : List.of("meshkit-linter", "meshkit-differ", "meshkit-sampler", "meshkit-monitor", "meshkit-publisher",
                "meshkit-scd-builder", "meshkit-snapshot-ingest", "meshkit-warehouse-duckdb", "meshkit-warehouse-bigquery",
                "meshkit-lineage")) {
            String cp = classpath(module);
            assertThat(cp).startsWith("lib/" + module + "-");
            for (String entry : cp.split(":")) {
                assertThat(DIST.resolve(entry)).as(module + ": " + entry).isRegularFile();
            }
        }
        // DuckDB only where needed: the linter and the tools carry none of it themselves, nor each other
        assertThat(classpath("meshkit-linter")).doesNotContain("duckdb", "google-cloud", "meshkit-differ");
        assertThat(classpath("meshkit-scd-builder")).doesNotContain("duckdb", "meshkit-publisher", "mysql");
        assertThat(classpath("meshkit-warehouse-duckdb")).contains("lib/duckdb_jdbc-");
        assertThat(classpath("meshkit-snapshot-ingest")).contains("mysql-connector-j", "parquet");
    }

    @Test
    void theLinterLintsWithoutAWarehouseAndAToolWorksOnDuckDb() throws Exception {
        Result lint = tool("meshkit-lint", EXAMPLE.resolve("contracts").toString());
        assertThat(lint.exit()).as(lint.out()).isZero();

        String uri = "duckdb:" + tmp.resolve("w.duckdb");
        Result sql = tool("meshkit-sample", "sql", "--help");
        assertThat(sql.exit()).as(sql.out()).isZero();
        Result status = tool("meshkit-monitor", "status", "--contract", EXAMPLE.resolve("contracts").toString(), "--warehouse", uri);
        assertThat(status.out()).as("monitor on DuckDB").doesNotContain("Exception", "no warehouse", "Cannot open");
        assertThat(status.exit()).as(status.out()).isIn(0, 1);
        assertThat(tmp.resolve("w.duckdb")).exists();
    }
}
