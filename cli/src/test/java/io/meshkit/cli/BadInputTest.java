package io.meshkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No bad input is an internal error: every case of issue 25 exits 2 (3 for a busy warehouse) with
 * one clear line, a file's at {@code file:line:column}, and no exception class or stack trace.
 */
class BadInputTest {
    private static final Path MUSIC = Path.of("../examples/music").toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    private String uri() {
        return "duckdb:" + tmp.resolve("w.duckdb");
    }

    private static void assertOneLine(CliRun r, int exit, String... contains) {
        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(exit);
        assertThat(r.err().strip()).as(r.err()).contains(contains).doesNotContain("Exception", "Internal error", "\tat ");
        assertThat(r.err().strip().lines().filter(l -> !l.startsWith("Try '")).count()).as(r.err()).isEqualTo(1);
    }

    private Path write(String name, byte[] bytes) throws Exception {
        Path f = tmp.resolve(name);
        Files.write(f, bytes);
        return f;
    }

    private Path write(String name, String text) throws Exception {
        return write(name, text.getBytes(StandardCharsets.UTF_8));
    }

    static String aliasBomb() {
        StringBuilder b = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x]\n");
        for (char c = 'b'; c <= 'k'; c++) {
            char p = (char) (c - 1);
            b.append(c).append(": &").append(c).append(" [*").append(p).append(", *").append(p).append(", *").append(p).append(", *")
                    .append(p).append(", *").append(p).append(", *").append(p).append(", *").append(p).append(", *").append(p).append("]\n");
        }
        return b.toString();
    }

    /** Pipelines and golden tests: a directory, invalid UTF-8, an alias bomb, deep nesting, an oversized file. */
    @Test
    void pipelineAndGoldenTestFilesThatCannotBeReadAreExitTwoAtTheirPlace() throws Exception {
        byte[] badUtf8 = "name: x\nsteps: []\n# caf\u00e9 \n".getBytes(StandardCharsets.ISO_8859_1);
        List<Path> files = List.of(
                Files.createDirectories(tmp.resolve("dir.yaml")),
                write("utf8.yaml", badUtf8),
                write("bomb.yaml", aliasBomb()),
                write("deep.yaml", "a: " + "[".repeat(10_000) + "]".repeat(10_000) + "\n"),
                write("big.yaml", "name: " + "x".repeat(5 * 1024 * 1024) + "\n"));
        for (Path f : files) {
            long t0 = System.nanoTime();
            CliRun run = CliRun.of("run", f.toString(), "--warehouse", uri(), "--dry-run");
            assertOneLine(run, 2, f + ":");
            assertThat((System.nanoTime() - t0) / 1_000_000).as(f.toString()).isLessThan(5_000);
        }
        assertOneLine(CliRun.of("run", write("utf8b.yaml", badUtf8).toString(), "--warehouse", uri()), 2, "utf8b.yaml:3:6", "not UTF-8");
        Path tests = Files.createDirectories(tmp.resolve("project/tests"));
        Files.write(tests.resolve("bomb.test.yaml"), aliasBomb().getBytes(StandardCharsets.UTF_8));
        CliRun golden = CliRun.of("test", tmp.resolve("project").toString());
        assertThat(golden.exitCode()).as(golden.out() + golden.err()).isEqualTo(2);
        assertThat(golden.out() + golden.err()).contains("bomb.test.yaml:").doesNotContain("Exception", "Internal error");
    }

    /**
     * A mistyped warehouse file ({@code wharehouse.duckdb}) is not an empty warehouse: every command that
     * reads or builds on data already there, query included, refuses it in one line, exit 2, and creates no
     * file; only a command that brings data in (ingest, run) creates it.
     */
    @Test
    void aWarehouseFileThatDoesNotExistIsRefusedByEveryCommandThatReadsAndCreatedByNone() {
        String tracks = MUSIC.resolve("contracts/tracks.odcs.yaml").toString();
        Path missing = tmp.resolve("wharehouse.duckdb");
        String w = "duckdb:" + missing;
        List<List<String>> reading = List.of(
                List.of("diff", "--contract", tracks),
                List.of("scd", "as-of", "--contract", tracks, "--at", "2019-05-01"),
                List.of("scd", "check", "--contract", tracks),
                List.of("scd", "apply", "--contract", tracks, "--date", "2019-04-28"),
                List.of("sample", "query", "--table", "music.plays", "--key", "listener_id", "--rate", "0.1", "-m", "n=COUNT(*)"),
                List.of("sample", "sql", "--table", "music.plays", "--key", "listener_id", "SELECT 1"),
                List.of("monitor", "status", "--contract", MUSIC.resolve("contracts").toString()),
                List.of("monitor", "history", "music.tracks"),
                List.of("publish", "history", "--contract", tracks),
                List.of("publish", "unlock", "music.tracks"),
                List.of("lint", MUSIC.resolve("contracts").toString()),
                List.of("query", "SELECT 42"),
                List.of("query", "CREATE TABLE t AS SELECT 42 AS answer"));
        for (List<String> command : reading) {
            List<String> args = new java.util.ArrayList<>(command);
            args.addAll(List.of("--warehouse", w));
            CliRun run = CliRun.of(args.toArray(String[]::new));
            assertOneLine(run, 2, "error: Cannot open warehouse " + w + ": it does not exist");
            assertThat(missing).as(String.join(" ", command)).doesNotExist();
        }
        CliRun diffSource = CliRun.of("diff", "--contract", tracks, "--warehouse", "duckdb::memory:", "--source", w);
        assertOneLine(diffSource, 2, "error: Cannot open warehouse " + w + ": it does not exist");
        assertThat(missing).doesNotExist();
    }

    /** A dry run reads the contracts the run would read: a missing or broken one is exit 2, not a plan and exit 0. */
    @Test
    void aDryRunStopsAtAContractTheRunCouldNotRead() throws Exception {
        write("broken.odcs.yaml", "apiVersion: v3.1.0\nkind: DataContract\nid: [unclosed\n");
        Path pipeline = write("pipeline.yaml", "name: p\nsteps:\n  - id: scd-a\n    kind: scd\n    contract: missing.odcs.yaml\n");
        assertOneLine(CliRun.of("run", pipeline.toString(), "--warehouse", uri(), "--date", "2024-01-02", "--dry-run"), 2,
                "Cannot read contract " + tmp.resolve("missing.odcs.yaml"));
        Path broken = write("pipeline2.yaml", "name: p\nsteps:\n  - id: scd-b\n    kind: scd\n    contract: broken.odcs.yaml\n");
        CliRun run = CliRun.of("run", broken.toString(), "--warehouse", uri(), "--date", "2024-01-02", "--dry-run");
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(2);
        assertThat(run.err()).contains("broken.odcs.yaml:4:1: error: invalid YAML").doesNotContain("Exception", "\tat ");
        assertThat(run.out()).doesNotContain("Plan for pipeline");
    }

    @Test
    void contractsSettingsAndOptionsOutOfRangeAreExitTwo() throws Exception {
        String tracks = Files.readString(MUSIC.resolve("contracts/tracks.odcs.yaml"));
        byte[] bytes = tracks.replaceFirst("description: ", "description: caf\u00e9 ").getBytes(StandardCharsets.ISO_8859_1);
        Path latin1 = write("latin1.odcs.yaml", bytes);
        CliRun validate = CliRun.of("contract", "validate", latin1.toString());
        assertThat(validate.exitCode()).as(validate.out() + validate.err()).isEqualTo(2);
        assertThat(validate.out() + validate.err()).contains("latin1.odcs.yaml:").contains("not UTF-8");

        Path hostile = write("hostile.odcs.yaml", tracks.replace("domain: music", "domain: 'x\"; DROP TABLE music.tracks; --'"));
        CliRun h = CliRun.of("contract", "validate", hostile.toString());
        assertThat(h.exitCode()).isEqualTo(2);
        assertThat(h.out() + h.err()).contains("hostile.odcs.yaml:").contains("is not a safe name");

        Path settings = write("meshkit.yaml", "warehouse: " + uri() + "\nmonitor:\n  retry: {attempts: -1}\n");
        assertOneLine(CliRun.of("monitor", "check", "--config", settings.toString()), 2, "retry.attempts", "must be 1..100");
        Path deep = write("deep-config.yaml", "warehouse: " + "[".repeat(10_000) + "]".repeat(10_000) + "\n");
        assertOneLine(CliRun.of("query", "SELECT 1", "--config", deep.toString()), 2, "deep-config.yaml:");

        assertOneLine(CliRun.of("query", "SELECT 1", "--max-rows", "-1", "--warehouse", uri()), 2, "--max-rows");
        assertOneLine(CliRun.of("query", "", "--warehouse", uri()), 2, "the SQL is empty");
        assertOneLine(CliRun.of("query", "SELECT 1", "--wait", "-5", "--warehouse", uri()), 2, "--wait");
        assertOneLine(CliRun.of("publish", "promote", "--contract", MUSIC.resolve("contracts/tracks.odcs.yaml").toString(),
                "--lease-ttl", "99999999999d", "--warehouse", uri()), 2, "--lease-ttl");
        CliRun proc = CliRun.of("query", "SELECT 1", "--warehouse", "duckdb:/proc/nope/x.duckdb");
        assertOneLine(proc, 2, "Cannot open warehouse duckdb:/proc/nope/x.duckdb");
        assertOneLine(CliRun.of("ingest", "snapshot", "--source", "jdbc:mysql://127.0.0.1:1/test?user=u", "--table", "t",
                "--staging", "x\"; DROP TABLE t; --", "--date", "2019-04-28", "--warehouse", uri()), 2, "--staging", "letters, digits");
        assertOneLine(CliRun.of("init", "-t", "snapshot-dimension", "-d", "shop.customers", "--project-version", "1</version><evil/>",
                tmp.resolve("proj").toString()), 2, "version");
        assertThat(tmp.resolve("proj/pom.xml")).doesNotExist();
    }

    /** One reader of meshkit.yaml: a --config that is missing is one line and exit 2 in every tool, lineage included. */
    @Test
    void aMissingConfigFileIsOneLineAndExitTwoEverywhere() throws Exception {
        Path missing = tmp.resolve("nope.yaml");
        String line = "Cannot read configuration " + missing + ": no such file";
        assertOneLine(CliRun.of("query", "SELECT 1", "--config", missing.toString()), 2, line);
        assertOneLine(CliRun.of("monitor", "status", "--config", missing.toString()), 2, line);
        assertOneLine(CliRun.of("publish", "history", "--contract", MUSIC.resolve("contracts/tracks.odcs.yaml").toString(),
                "--config", missing.toString()), 2, line);
        // a bad lineage section is found by the same reader, before anything runs
        Path badLineage = write("lineage.yaml", "warehouse: " + uri() + "\nlineage: {transport: kafka}\n");
        assertOneLine(CliRun.of("query", "SELECT 1", "--config", badLineage.toString()), 2, "lineage.transport must be one of");
    }

    /** A mistyped required option is named as unknown, with the one meant, not reported as the meant one missing. */
    @Test
    void aMistypedRequiredOptionIsUnknownWithASuggestion() {
        CliRun r = CliRun.of("publish", "promote", "--contarct", MUSIC.resolve("contracts/tracks.odcs.yaml").toString(), "--warehouse", uri());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().lines().toList()).containsExactly("error: Unknown options: '--contarct', '"
                + MUSIC.resolve("contracts/tracks.odcs.yaml") + "'", "Possible solutions: --contract, --config",
                "Try 'meshkit publish promote --help' for more information.");
        assertThat(CliRun.of("publish", "promote", "--warehouse", uri()).err()).startsWith("error: Missing required option: '--contract=FILE'");
    }

    /** A policy the publisher's api refuses is exit 2 with its own line, not an internal error. */
    @Test
    void anIllegalPublishPolicyIsExitTwo() {
        assertOneLine(CliRun.of("publish", "promote", "--contract", MUSIC.resolve("contracts/tracks.odcs.yaml").toString(),
                "--keep", "0", "--warehouse", uri()), 2, "Cannot use the publish policy: keep at least one version (--keep), got 0");
    }
}
