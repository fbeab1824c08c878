package io.meshkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshkit.core.warehouse.Warehouses;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

    /**
     * Each tool's own command opens every warehouse {@code lib/} ships, PostgreSQL as well as DuckDB: a
     * {@code postgresql:} URI reaches the driver (nothing listens on port 1 here), never "no provider
     * on the class path" as it did when the launchers named the DuckDB module alone.
     */
    @ParameterizedTest
    @ValueSource(strings = {"meshkit-publish history --contract {contract}", "meshkit-scd check --contract {contract}",
            "meshkit-diff --contract {contract}", "meshkit-monitor status --contract {contracts}",
            "meshkit-sample query --table music.plays --key listener_id --rate 0.1 -m n=COUNT(*)", "meshkit-lint {contracts}"})
    void everyToolOpensAPostgresWarehouse(String command) throws Exception {
        List<String> args = new ArrayList<>();
        for (String word : command.split(" ")) {
            args.add(word.replace("{contracts}", EXAMPLE.resolve("contracts").toString())
                    .replace("{contract}", EXAMPLE.resolve("contracts/tracks.odcs.yaml").toString()));
        }
        String tool = args.remove(0);
        args.addAll(List.of("--warehouse", "postgresql://127.0.0.1:1/nowhere?user=nobody"));
        Result r = tool(tool, args.toArray(String[]::new));
        assertThat(r.exit()).as(r.out()).isNotZero();
        assertThat(r.out()).as(command).doesNotContain("no provider on the class path").contains("127.0.0.1:1");
    }

    /**
     * Walks every launcher's whole command tree as a user would, from the "Commands:" list of each
     * usage: every command answers {@code --help} (and the leaves {@code -h}) with exit 0 and its
     * usage, whatever it requires, so a command cannot ship without help. Two runs at a time.
     */
    @ParameterizedTest
    @ValueSource(strings = {"meshkit", "meshkit-diff", "meshkit-ingest", "meshkit-lint", "meshkit-monitor", "meshkit-publish",
            "meshkit-sample", "meshkit-scd"})
    void everyCommandOfTheTreeAnswersHelpWithItsUsage(String launcher) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<String> visited = new ArrayList<>();
            List<List<String>> level = List.of(List.of());
            while (!level.isEmpty()) {
                List<Future<List<List<String>>>> next = new ArrayList<>();
                for (List<String> path : level) {
                    visited.add(String.join(" ", path));
                    next.add(pool.submit(() -> helpOf(launcher, path)));
                }
                List<List<String>> children = new ArrayList<>();
                for (Future<List<List<String>>> f : next) {
                    children.addAll(f.get(5, TimeUnit.MINUTES));
                }
                level = children;
            }
            if (launcher.equals("meshkit")) {
                assertThat(visited).contains("scd apply", "ingest snapshot", "publish backfill", "contract validate", "query");
            }
            assertThat(visited.size()).as(visited.toString()).isGreaterThan(launcher.equals("meshkit-diff") ? 0 : 2);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theDistributionShipsAManPageForEveryCommand() throws IOException {
        Path man = DIST.resolve("man");
        assertThat(man.resolve("meshkit.adoc")).isRegularFile();
        assertThat(Files.readString(man.resolve("meshkit-scd-apply.adoc"))).contains("meshkit-scd-apply", "--contract", "--date");
        assertThat(man.resolve("meshkit-ingest-snapshot.adoc")).isRegularFile();
        // roff, as man reads it from MANPATH=DIST/man
        assertThat(Files.readString(man.resolve("man1/meshkit-scd-apply.1"))).startsWith(".TH \"MESHKIT-SCD-APPLY\" 1 ")
                .contains(".SH SYNOPSIS", "\\-\\-contract=FILE", ".SH \"EXIT CODES\"");
        assertThat(man.resolve("man1/meshkit-ingest-snapshot.1")).isRegularFile();
    }

    private static final Pattern COMMAND_LINE = Pattern.compile("^  ([a-z][a-z0-9-]*)(?:, [a-z0-9-]+)*(?:\\s{2,}.*)?$");

    /** Runs {@code launcher PATH --help}, checks it, and returns the paths of its subcommands. */
    private List<List<String>> helpOf(String launcher, List<String> path) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(path);
        args.add("--help");
        String name = (launcher + " " + String.join(" ", path)).strip();
        Result r = run(command(prepend(launcher, args)), Map.of());
        assertThat(r.exit()).as(name + " --help: " + r.out()).isZero();
        assertThat(r.out()).as(name + " --help").startsWith("Usage: " + name + " ").doesNotContain("Exception").doesNotContainPattern("(?m)^error:");
        List<List<String>> children = new ArrayList<>();
        boolean inCommands = false;
        for (String line : r.out().lines().toList()) {
            if (line.equals("Commands:")) {
                inCommands = true;
                continue;
            }
            if (inCommands && (line.isBlank() || !line.startsWith(" "))) {
                inCommands = false;
            }
            Matcher m = COMMAND_LINE.matcher(line);
            if (inCommands && m.matches() && !m.group(1).equals("help")) {
                List<String> child = new ArrayList<>(path);
                child.add(m.group(1));
                children.add(child);
            }
        }
        if (children.isEmpty()) {
            args.set(args.size() - 1, "-h");
            Result h = run(command(prepend(launcher, args)), Map.of());
            assertThat(h.exit()).as(name + " -h: " + h.out()).isZero();
            assertThat(h.out()).as(name + " -h").isEqualTo(r.out());
        }
        return children;
    }

    private static List<String> prepend(String first, List<String> rest) {
        List<String> out = new ArrayList<>(List.of(first));
        out.addAll(rest);
        return out;
    }

    @Test
    void aSnapshotKeepsTheOptimisingCompilerEveryOtherCommandStartsWithTheClientCompilerAlone() throws Exception {
        // the JVM prints its flags first; the commands themselves fail for want of options, which does not matter here
        Map<String, String> flags = Map.of("MESHKIT_JAVA_OPTS", "-XX:+PrintCommandLineFlags");
        for (List<String> snapshot : List.of(List.of("meshkit-ingest", "snapshot"), List.of("meshkit", "ingest", "snapshot"))) {
            assertThat(run(command(snapshot), flags).out()).contains("-XX:+UseSerialGC", "-XX:Tier4InvocationThreshold=25000")
                    .doesNotContain("TieredStopAtLevel");
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
                "meshkit-scd-builder", "meshkit-snapshot-ingest", "meshkit-warehouse-duckdb", "meshkit-lineage")) {
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

    private static List<String> jars(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".jar")).sorted().toList();
        }
    }

    @Test
    void theBaseIsLightAndTheCloudStackIsAPluginWhoseClassPathResolves() throws IOException {
        Path archive = Path.of("target/meshkit-" + VersionCommand.version() + ".tar.gz");
        assertThat(Files.size(archive)).as("the base archive, in bytes").isLessThan(100_000_000L);
        List<String> base = jars(DIST.resolve("lib"));
        assertThat(base).as("lib/").noneMatch(j -> j.startsWith("google-") || j.startsWith("grpc-") || j.startsWith("netty")
                || j.startsWith("conscrypt") || j.startsWith("meshkit-warehouse-bigquery") || j.startsWith("httpclient")
                || j.startsWith("httpcore"));
        // DuckDB's jar without the native libraries it would unpack into the temp directory; they sit in lib/native
        assertThat(Files.size(DIST.resolve("lib/duckdb_jdbc-2.0.0.1.jar"))).isLessThan(2_000_000L);
        assertThat(DIST.resolve("lib/native/linux-amd64/libduckdb_java.so")).isRegularFile();

        Path plugin = DIST.resolve("plugins/warehouse-bigquery");
        List<String> own = jars(plugin.resolve("lib"));
        assertThat(own).contains("meshkit-warehouse-bigquery-" + VersionCommand.version() + ".jar")
                .anyMatch(j -> j.startsWith("google-cloud-bigquery-")).noneMatch(base::contains);
        for (String entry : Files.readString(plugin.resolve("classpath.txt")).strip().split(":")) {
            assertThat(Files.isRegularFile(plugin.resolve(entry)) || Files.isRegularFile(DIST.resolve(entry)))
                    .as("plugins/warehouse-bigquery/classpath.txt: " + entry).isTrue();
        }
        List<String> all = new ArrayList<>(base);
        all.addAll(own);
        assertThat(all).as("one Apache HttpClient in the whole distribution").filteredOn(j -> j.matches("httpclient5?-.*")).hasSize(1);
    }

    @Test
    void aPluginIsFoundAndOnlyACommandThatUsesItLoadsItsClasses() throws Exception {
        Result version = tool("meshkit", "version");
        assertThat(version.out()).contains("warehouses: bigquery, duckdb, jdbc, postgres, postgresql");

        Map<String, String> classes = Map.of("MESHKIT_JAVA_OPTS", "-Xlog:class+load=info", "MESHKIT_CDS", "off");
        String uri = "duckdb:" + tmp.resolve("w.duckdb");
        Warehouses.open(uri).close();   // query and monitor read a warehouse that exists
        for (List<String> duckdb : List.of(List.of("meshkit", "query", "--warehouse", uri, "SELECT 42 AS answer"),
                List.of("meshkit-sample", "sql", "--help"), List.of("meshkit-monitor", "status", "--contract",
                        EXAMPLE.resolve("contracts").toString(), "--warehouse", uri))) {
            String loaded = run(command(duckdb), classes).out();
            assertThat(loaded).as(duckdb.toString()).contains("source: file:");
            // a service lookup reads the plugin's own meshkit jar (its providers say which scheme they serve);
            // none of its libraries, the Google Cloud stack, is opened
            List<String> fromPlugins = loaded.lines().filter(l -> l.contains("/plugins/")).toList();
            assertThat(fromPlugins).as(duckdb.toString())
                    .allMatch(l -> l.contains("/plugins/warehouse-bigquery/lib/meshkit-warehouse-bigquery-"))
                    .allMatch(l -> l.contains("io.meshkit.warehousebigquery."));
        }
        Result bigquery = run(command(List.of("meshkit", "query", "--warehouse", "bigquery:no-such-project/EU", "SELECT 1")),
                Map.of("MESHKIT_JAVA_OPTS", "-Xlog:class+load=info", "MESHKIT_CDS", "off", "GOOGLE_APPLICATION_CREDENTIALS",
                        tmp.resolve("missing.json").toString()));
        assertThat(bigquery.out()).contains("/plugins/warehouse-bigquery/lib/google-cloud-bigquery-")
                .contains("error: Cannot").doesNotContain("no provider");
    }

    @Test
    void runsKilledWhileDuckDbIsLoadedLeaveNoDuckDbLibraryInTheTempDirectory() throws Exception {
        Path temp = Files.createDirectories(tmp.resolve("java-tmp"));
        Map<String, String> env = Map.of("MESHKIT_JAVA_OPTS", "-Djava.io.tmpdir=" + temp, "MESHKIT_CDS", "off");
        String uri = "duckdb:" + tmp.resolve("kill.duckdb");
        Warehouses.open(uri).close();
        for (int i = 0; i < 20; i++) {
            ProcessBuilder pb = new ProcessBuilder(command(List.of("meshkit", "query", "--warehouse", uri,
                    "SELECT count(*) FROM range(100000000000) t(i) WHERE hash(i) = 0")))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).directory(tmp.toFile());
            pb.environment().remove("MESHKIT_WAREHOUSE");
            pb.environment().putAll(env);
            Process p = pb.start();
            try {
                // the launcher execs java: once the process has DuckDB's library mapped, it is where the JVM loaded it from
                String mapped = waitForMapping(p, "libduckdb_java");
                assertThat(mapped).as("run " + i).contains(DIST.resolve("lib/native").toString());
            } finally {
                p.destroyForcibly();  // SIGKILL: no shutdown hook, no deleteOnExit
                p.waitFor(30, TimeUnit.SECONDS);
            }
        }
        try (var left = Files.list(temp)) {
            assertThat(left.map(f -> f.getFileName().toString()).filter(n -> n.contains("duckdb")).toList()).isEmpty();
        }
    }

    private static String waitForMapping(Process p, String library) throws IOException, InterruptedException {
        Path maps = Path.of("/proc/" + p.pid() + "/maps");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && p.isAlive()) {
            for (String line : Files.readAllLines(maps)) {
                if (line.contains(library)) {
                    return line;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the process never mapped " + library + (p.isAlive() ? "" : " (it exited " + p.exitValue() + ")"));
    }

    @Test
    void theLinterLintsWithoutAWarehouseAndAToolWorksOnDuckDb() throws Exception {
        Result lint = tool("meshkit-lint", EXAMPLE.resolve("contracts").toString());
        assertThat(lint.exit()).as(lint.out()).isZero();

        String uri = "duckdb:" + tmp.resolve("w.duckdb");
        Result sql = tool("meshkit-sample", "sql", "--help");
        assertThat(sql.exit()).as(sql.out()).isZero();
        Result missing = tool("meshkit-monitor", "status", "--contract", EXAMPLE.resolve("contracts").toString(), "--warehouse", uri);
        assertThat(missing.exit()).as(missing.out()).isEqualTo(2);
        assertThat(missing.out()).as("a warehouse file that does not exist is refused, not created")
                .contains("error: Cannot open warehouse " + uri + ": it does not exist");
        assertThat(tmp.resolve("w.duckdb")).doesNotExist();
        Result query = tool("meshkit", "query", "--warehouse", uri, "CREATE SCHEMA demo");
        assertThat(query.exit()).as("query refuses it too").isEqualTo(2);
        assertThat(tmp.resolve("w.duckdb")).doesNotExist();
        Warehouses.open(uri).close();
        assertThat(tool("meshkit", "query", "--warehouse", uri, "CREATE SCHEMA demo").exit()).isZero();
        Result status = tool("meshkit-monitor", "status", "--contract", EXAMPLE.resolve("contracts").toString(), "--warehouse", uri);
        assertThat(status.out()).as("monitor on DuckDB").doesNotContain("Exception", "no warehouse", "Cannot open");
        assertThat(status.exit()).as(status.out()).isIn(0, 1);
    }
}
