package io.meshkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshkit.cli.pipeline.PipelineGoldenTests;
import io.meshkit.cli.pipeline.PipelineReader;
import io.meshkit.core.cli.CliSupport;
import io.meshkit.core.config.MeshkitConfig;
import io.meshkit.core.contract.ContractReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzes every YAML reader a user's file reaches (contracts, pipelines, golden tests, monitor settings
 * and meshkit.yaml) with mutations of real files, with a fixed seed and a bounded number of tries:
 * each input ends in exit 0, 1 or 2, printed as one line per problem that names the file (or
 * {@code error: …}), with no exception class or stack trace, each within a time bound.
 */
class ReaderFuzzTest {
    private static final long SEED = 25;
    private static final int TRIES_PER_READER = 200;
    /** Per input: generous for a shared CI machine under load (the issue's 5 MB line took 12 s); typical is milliseconds. */
    private static final long MAX_MS_PER_INPUT = 5_000;
    private static final Path MUSIC = Path.of("../examples/music").toAbsolutePath().normalize();
    private static final String[] TOKENS = {":", ": ", "- ", "-", "&a ", "*a", "*b", "&b ", "[", "]", "{", "}", "'", "\"", "\t", "\n",
        "\n  ", "\n    - ", "!!binary ", "!!python/object:x ", "!!map ", "%YAML 1.1\n", "---\n", "...\n", "? ", "|", ">-", "#", "\\", "~",
        "null", "true", "-1", "0", "99999999999999999999999", "1e400", ".nan", "2019-13-45", "${X}", "x\"; DROP TABLE t; --", "<<: *a",
        "\u0000", "\u00e9", "\ud83d\ude00", "\u202e", ",", "@", "`", "=", "password=S3cr3tZq", "query: \"DROP TABLE t; SELECT 0\""};

    @TempDir
    Path tmp;

    @Test
    void everyReaderAnswersEveryMutationWithExitZeroOneOrTwoInOneLine() throws Exception {
        Random random = new Random(SEED);
        Path project = Files.createDirectories(tmp.resolve("project"));
        Path tests = Files.createDirectories(project.resolve("tests"));
        Files.copy(MUSIC.resolve("pipeline.yaml"), project.resolve("pipeline.yaml"));
        Map<String, Reader> readers = Map.of(
                "contract", new Reader(Files.readString(MUSIC.resolve("contracts/tracks.odcs.yaml")), f -> ContractReader.create().read(f)),
                "pipeline", new Reader(Files.readString(MUSIC.resolve("pipeline.yaml")), PipelineReader::read),
                "golden", new Reader(Files.readString(MUSIC.resolve("tests/tracks_title_change.test.yaml")),
                        f -> new PipelineGoldenTests().read(project, tests, f)),
                "settings", new Reader("warehouse: duckdb:.meshkit/w.duckdb\nmonitor:\n  defaultFreshness: 26h\n  retry: {attempts: 3,"
                        + " initialBackoff: 1s}\n  sinks:\n    - {type: jsonl, path: alerts.jsonl}\n", ReaderFuzzTest::monitorCheck),
                "config", new Reader("warehouse:\n  uri: duckdb:.meshkit/w.duckdb\n  settings: {memory_limit: 1GB, threads: 2}\n",
                        MeshkitConfig::read));
        // warm up (the ODCS schemas load on first use): the time bound is for reading a bad file, not for class loading
        ContractReader.create().parse(MUSIC.resolve("contracts/tracks.odcs.yaml"));
        long started = System.nanoTime();
        List<String> failures = new ArrayList<>();
        int n = 0;
        for (String name : List.of("contract", "pipeline", "golden", "settings", "config")) {
            Reader reader = readers.get(name);
            // the monitor's settings go through its whole command (an in-memory warehouse each time): fewer tries
            int tries = name.equals("settings") ? TRIES_PER_READER / 4 : TRIES_PER_READER;
            for (int i = 0; i < tries; i++) {
                byte[] input = mutate(reader.seed(), random);
                Path file = (name.equals("golden") ? tests : tmp).resolve(name + "-" + i + (name.equals("golden") ? ".test.yaml" : ".yaml"));
                Files.write(file, input);
                long t0 = System.nanoTime();
                StringWriter err = new StringWriter();
                int exit;
                try {
                    reader.read().accept(file);
                    exit = 0;
                } catch (FuzzedExit e) {
                    exit = e.exit;
                    err.write(e.err);
                } catch (Exception e) {
                    exit = CliSupport.handle(e, new PrintWriter(err, true), null);
                }
                long ms = (System.nanoTime() - t0) / 1_000_000;
                String text = err.toString().strip();
                boolean linesOk = text.lines().allMatch(l -> l.startsWith("error: ") || l.startsWith("Try '") || l.startsWith("warning: ") || l.startsWith(file.toString()) || l.startsWith(tmp.toString()));
                if (exit > 2 || ms > MAX_MS_PER_INPUT || text.contains("Exception") || text.contains("Internal error") || text.contains("\tat ") || !linesOk) {
                    failures.add(name + " #" + i + " exit " + exit + " in " + ms + " ms: " + text.lines().findFirst().orElse("")
                            + "\n--- input ---\n" + new String(input, StandardCharsets.UTF_8));
                }
                Files.deleteIfExists(file);
                n++;
            }
        }
        long total = (System.nanoTime() - started) / 1_000_000;
        assertThat(failures).as(n + " inputs").isEmpty();
        assertThat(total).as("the whole fuzz run, ms").isLessThan(60_000);
    }

    /** The monitor's settings are read by its command only (its reader is internal): run it on an empty in-memory warehouse. */
    private static void monitorCheck(Path file) {
        CliRun r = CliRun.of("monitor", "check", "--config", file.toString(), "--warehouse", "duckdb::memory:");
        if (r.exitCode() != 0) {
            throw new FuzzedExit(r.exitCode(), r.err());
        }
    }

    /** A command's exit, carried to the checks as the readers' exceptions are. */
    private static final class FuzzedExit extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int exit;
        final String err;

        FuzzedExit(int exit, String err) {
            super(err, null, false, false);
            this.exit = exit;
            this.err = err;
        }
    }

    private static byte[] mutate(String seed, Random random) {
        StringBuilder b = new StringBuilder(seed);
        int edits = 1 + random.nextInt(6);
        for (int e = 0; e < edits; e++) {
            int at = b.length() == 0 ? 0 : random.nextInt(b.length());
            switch (random.nextInt(6)) {
                case 0 -> b.insert(at, TOKENS[random.nextInt(TOKENS.length)]);
                case 1 -> b.delete(at, Math.min(b.length(), at + 1 + random.nextInt(40)));
                case 2 -> {
                    int end = Math.min(b.length(), at + 1 + random.nextInt(80));
                    b.insert(random.nextInt(b.length() + 1), b.substring(at, end));
                }
                case 3 -> b.insert(at, "[".repeat(1 + random.nextInt(200)));
                case 4 -> b.setLength(at);
                default -> {
                    if (b.length() > 0) {
                        b.setCharAt(at, (char) (32 + random.nextInt(95)));
                    }
                }
            }
        }
        byte[] bytes = b.toString().getBytes(StandardCharsets.UTF_8);
        if (random.nextInt(8) == 0 && bytes.length > 0) {
            bytes[random.nextInt(bytes.length)] = (byte) (0x80 + random.nextInt(0x80)); // invalid UTF-8
        }
        return bytes;
    }

    private record Reader(String seed, Consumer<Path> read) {}
}
