package io.meshkit.linter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Benchmark: {@code meshkit-lint --base HEAD} over N contracts, each changed against its base (so every base is
 * read from git and parsed), wall time including JVM start, beside the bare JVM and {@code meshkit-lint --help}
 * measured in the same run. Prints a Markdown table. Run by {@code bench/linter.sh}.
 *
 * <p>Arguments: WORK_DIR CLASSPATH [CONTRACTS=5000] [RUNS=5]
 */
public final class LinterBenchmark {
    private LinterBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        String cp = args[1];
        int n = args.length > 2 ? Integer.parseInt(args[2]) : 5000;
        int runs = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        setUp(work, n);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> jvm = List.of(java, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-cp", cp);
        long bare = median(work, runs, List.of(java, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-version"), 0);
        long help = median(work, runs, concat(jvm, "io.meshkit.linter.cli.LintCli", "--help"), 0);
        long alone = median(work, runs, concat(jvm, "io.meshkit.linter.cli.LintCli", "contracts", "--fail-on", "never"), 0);
        long withBase = median(work, runs, concat(jvm, "io.meshkit.linter.cli.LintCli", "contracts", "--base", "HEAD",
                "--fail-on", "never", "--format", "json", "--output", "lint.json"), 0);
        String json = Files.readString(work.resolve("lint.json"));
        if (!json.contains("\"basesCompared\" : " + n)) {
            throw new IllegalStateException("expected " + n + " bases compared: " + json.substring(json.lastIndexOf("\"summary\"")));
        }
        System.out.println("| what | median ms | vs bare JVM | contracts/s | target |");
        System.out.println("|---|---:|---:|---:|---|");
        row("bare JVM (`java -version`)", bare, bare, 0, "(baseline)");
        row("`meshkit-lint --help`", help, bare, 0, "");
        row("`meshkit-lint contracts` (" + n + " contracts, no base)", alone, bare, n, "");
        row("`meshkit-lint contracts --base HEAD` (" + n + " contracts, " + n + " changed bases)", withBase, bare, n, "< 5000 ms");
        System.out.println();
        System.out.println("Result: " + (withBase < 5000 ? "target met" : "target MISSED") + " (" + withBase + " ms for "
                + n + " contracts with their bases, including JVM start).");
    }

    private static void row(String what, long ms, long bare, int n, String target) {
        System.out.printf("| %s | %d | %.1fx | %s | %s |%n", what, ms, (double) ms / bare,
                n == 0 ? "" : String.valueOf(Math.round(n / (ms / 1000.0))), target);
    }

    private static List<String> concat(List<String> a, String... b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(Arrays.asList(b));
        return out;
    }

    /** N contracts committed to git as the base, then each changed (an optional column and a minor version). */
    private static void setUp(Path work, int n) throws Exception {
        if (Files.exists(work)) {
            try (var s = Files.walk(work)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Path dir = work.resolve("contracts");
        Files.createDirectories(dir);
        for (int i = 0; i < n; i++) {
            Files.writeString(dir.resolve("c" + i + ".odcs.yaml"), contract(i, false));
        }
        exec(work, "git", "init", "-q", "-b", "main");
        exec(work, "git", "add", ".");
        exec(work, "git", "-c", "user.name=bench", "-c", "user.email=bench@example.com", "-c", "commit.gpgsign=false",
                "commit", "-q", "-m", "base");
        for (int i = 0; i < n; i++) {
            Files.writeString(dir.resolve("c" + i + ".odcs.yaml"), contract(i, true));
        }
    }

    private static String contract(int i, boolean changed) {
        String yaml = Fixtures.CLEAN.replace("urn:meshkit:test:plays", "urn:meshkit:bench:plays-" + i)
                .replace("- name: plays\n", "- name: plays_" + i + "\n");
        if (changed) {
            yaml = yaml.replace("version: 1.0.0", "version: 1.1.0").replace("        classification: pii\n",
                    "        classification: pii\n      - name: country\n        logicalType: string\n"
                            + "        physicalType: VARCHAR\n        description: Country of the listener.\n");
        }
        return yaml;
    }

    private static long median(Path work, int runs, List<String> cmd, int expectedExit) throws Exception {
        exec(work, cmd.toArray(String[]::new)); // warm the file cache
        long[] times = new long[runs];
        for (int r = 0; r < runs; r++) {
            long t0 = System.nanoTime();
            exec(work, cmd.toArray(String[]::new));
            times[r] = (System.nanoTime() - t0) / 1_000_000;
        }
        Arrays.sort(times);
        return times[runs / 2];
    }

    private static void exec(Path work, String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        int code = p.waitFor();
        if (code != 0) {
            throw new IllegalStateException("benchmark command failed (exit " + code + "): " + String.join(" ", cmd));
        }
    }
}
