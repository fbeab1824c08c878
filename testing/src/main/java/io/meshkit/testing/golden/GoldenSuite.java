package io.meshkit.testing.golden;

import static java.util.Objects.requireNonNull;

import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.FileLocationException;
import io.meshkit.core.error.MeshkitException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A project's golden tests ({@code DIR/tests/**}{@code /*.test.yaml}), run one after another, each
 * printed as it ends ({@code PASS name (1.2 s)}, or {@code FAIL} with the table diff), then one
 * summary line; optionally as JUnit XML. The engine behind {@code meshkit test} and behind a
 * generated project's JUnit test ({@link #assertPasses}).
 */
public final class GoldenSuite {
    private GoldenSuite() {
    }

    /**
     * What to run and how.
     *
     * @param project the project directory; its tests are in {@code project/tests}
     * @param filter only the tests whose name contains this ({@code *} matches any text), or empty for all
     * @param update write the expected files from the tables the runs leave instead of comparing
     * @param keep keep each test's warehouse and print its URI
     * @param verbose print what each run printed
     * @param junit where to write JUnit XML, or empty
     */
    public record Options(Path project, Optional<String> filter, boolean update, boolean keep, boolean verbose, Optional<Path> junit) {
        /** Checks. */
        public Options {
            requireNonNull(project, "project is null");
            requireNonNull(filter, "filter is null");
            requireNonNull(junit, "junit is null");
        }

        /** Every test of a project, compared, no report file. */
        public static Options of(Path project) {
            return new Options(project, Optional.empty(), false, false, false, Optional.empty());
        }

        /** Only the tests whose name contains {@code nameLike}. */
        public Options withFilter(String nameLike) {
            return new Options(project, Optional.of(nameLike), update, keep, verbose, junit);
        }

        /** Writing the expected files instead of comparing. */
        public Options updating() {
            return new Options(project, filter, true, keep, verbose, junit);
        }

        /** Keeping each test's warehouse. */
        public Options keepingWarehouses() {
            return new Options(project, filter, update, true, verbose, junit);
        }

        /** Printing what each run printed. */
        public Options verbosely() {
            return new Options(project, filter, update, keep, true, junit);
        }

        /** Also writing JUnit XML to {@code file}. */
        public Options withJUnit(Path file) {
            return new Options(project, filter, update, keep, verbose, Optional.of(file));
        }
    }

    /**
     * How the suite ended.
     *
     * @param results each test's result, in the order run
     * @param summary the last line printed: {@code 2 tests: 1 passed, 1 failed (3.1 s)}
     * @param exitCode 0 all passed (or were updated), 1 a test failed, else the largest error's exit code
     */
    public record Outcome(List<TestResult> results, String summary, int exitCode) {
        /** Copies. */
        public Outcome {
            results = List.copyOf(results);
            requireNonNull(summary, "summary is null");
        }
    }

    /**
     * Runs the tests, printing each result to {@code out} (a bad test file's message to {@code err}).
     * No project directory or no tests is a {@link MeshkitException} (exit code 2).
     */
    public static Outcome run(Options options, GoldenTestReader reader, PrintWriter out, PrintWriter err) {
        long started = System.nanoTime();
        Instant startedAt = Instant.now();
        Path project = display(options.project());
        Path tests = project.equals(Path.of(".")) ? Path.of("tests") : project.resolve("tests");
        if (!Files.isDirectory(project)) {
            throw new MeshkitException(ErrorCode.FILE_NOT_FOUND, "Cannot run golden tests: no directory " + project);
        }
        List<Path> files = testFiles(tests, options.filter());
        if (files.isEmpty()) {
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot run golden tests: no " + tests + "/**/*" + GoldenTestReader.SUFFIX
                    + options.filter().map(f -> " named like '" + f + "'").orElse(""));
        }
        GoldenRunner runner = new GoldenRunner(options.update(), options.keep());
        List<TestResult> results = new ArrayList<>();
        for (Path file : files) {
            TestResult r = runOne(reader, runner, project, tests, file);
            results.add(r);
            print(out, err, r, options.verbose());
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        String summary = summary(results, millis);
        out.println(summary);
        if (options.junit().isPresent()) {
            JUnitXml.write(options.junit().get(), "meshkit test " + project, "golden." + projectName(project), results, millis, startedAt);
            out.println("JUnit XML: " + options.junit().get());
        }
        out.flush();
        err.flush();
        return new Outcome(results, summary, results.stream().mapToInt(TestResult::exitCode).max().orElse(0));
    }

    /**
     * A project's golden tests as one JUnit assertion, for a project's own test class: runs them all
     * with the test-file reader on the class path (meshkit-cli's), prints each result, writes JUnit XML
     * to {@code junitXml}, and fails with every failing test's table diff as the message.
     */
    public static void assertPasses(Path project, Path junitXml) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        Outcome outcome;
        try {
            outcome = run(Options.of(project).withJUnit(junitXml), GoldenTestReader.load(), out, err);
        } catch (MeshkitException e) {
            throw new AssertionError(e.getMessage(), e);
        }
        if (outcome.exitCode() == 0) {
            return;
        }
        StringBuilder m = new StringBuilder("meshkit golden tests failed: ").append(outcome.summary());
        for (TestResult r : outcome.results()) {
            if (r.status() == TestResult.Status.FAIL) {
                m.append("\nFAIL ").append(r.name()).append(": ").append(r.message());
                if (!r.detail().isEmpty()) {
                    m.append('\n').append(GoldenRunner.indent(r.detail()));
                }
            } else if (r.status() == TestResult.Status.ERROR) {
                m.append("\nFAIL ").append(r.name()).append(": ").append(r.message());
            }
        }
        throw new AssertionError(m.toString());
    }

    private static TestResult runOne(GoldenTestReader reader, GoldenRunner runner, Path project, Path tests, Path file) {
        String name = name(tests, file);
        GoldenTest test;
        try {
            test = reader.read(project, tests, file);
        } catch (FileLocationException e) {
            // the test file's mistakes, and a named file's (the pipeline's) at their own place
            return TestResult.badFile(name, file, e.line(), e.exitCode());
        } catch (MeshkitException e) {
            return TestResult.badFile(name, file, file + ":1:1: error: " + e.getMessage().lines().findFirst().orElse(""), e.exitCode());
        }
        return runner.run(test);
    }

    private static String name(Path tests, Path file) {
        String name = tests.relativize(file).toString().replace('\\', '/');
        return name.substring(0, name.length() - GoldenTestReader.SUFFIX.length());
    }

    private static void print(PrintWriter out, PrintWriter err, TestResult r, boolean verbose) {
        String time = " (" + seconds(r.millis()) + ")";
        switch (r.status()) {
            case PASS -> out.println("PASS " + r.name() + time);
            case UPDATED -> {
                out.println("UPDATED " + r.name() + time);
                out.println(GoldenRunner.indent(r.detail()));
            }
            case FAIL -> {
                out.println("FAIL " + r.name() + time + ": " + r.message());
                if (!r.detail().isEmpty()) {
                    out.println(GoldenRunner.indent(r.detail()));
                }
            }
            case ERROR -> {
                out.println("FAIL " + r.name() + (r.millis() > 0 ? time : "") + ": bad test (exit " + r.exitCode() + ")");
                out.flush();
                err.println(r.message());
                err.flush();
            }
        }
        if (verbose && !r.log().isEmpty()) {
            out.println(GoldenRunner.indent(r.log().strip()));
        }
        if (!r.keptWarehouse().isEmpty()) {
            out.println("  warehouse kept: " + r.keptWarehouse());
        }
        out.flush();
    }

    private static String summary(List<TestResult> results, long millis) {
        long passed = results.stream().filter(r -> r.status() == TestResult.Status.PASS).count();
        long updated = results.stream().filter(r -> r.status() == TestResult.Status.UPDATED).count();
        long failed = results.stream().filter(r -> r.status() == TestResult.Status.FAIL).count();
        long errors = results.stream().filter(r -> r.status() == TestResult.Status.ERROR).count();
        List<String> parts = new ArrayList<>();
        if (passed > 0 || (failed == 0 && errors == 0 && updated == 0)) {
            parts.add(passed + " passed");
        }
        if (updated > 0) {
            parts.add(updated + " updated");
        }
        if (failed > 0) {
            parts.add(failed + " failed");
        }
        if (errors > 0) {
            parts.add(errors + " with errors");
        }
        return results.size() + (results.size() == 1 ? " test: " : " tests: ") + String.join(", ", parts) + " (" + seconds(millis) + ")";
    }

    private static List<Path> testFiles(Path tests, Optional<String> filter) {
        if (!Files.isDirectory(tests)) {
            return List.of();
        }
        Pattern pattern = filter.map(f -> f.contains("*")
                ? Pattern.compile(String.join(".*", Arrays.stream(f.split("\\*", -1)).map(Pattern::quote).toList()))
                : Pattern.compile(Pattern.quote(f))).orElse(null);
        try (Stream<Path> s = Files.walk(tests)) {
            return s.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(GoldenTestReader.SUFFIX))
                    .filter(p -> pattern == null || pattern.matcher(name(tests, p)).find())
                    .sorted()
                    .toList();
        } catch (IOException | UncheckedIOException e) {
            throw new MeshkitException(ErrorCode.FILE_NOT_FOUND, "Cannot list golden tests in " + tests + ": " + e.getMessage(), e);
        }
    }

    private static String projectName(Path project) {
        Path name = project.toAbsolutePath().normalize().getFileName();
        return name == null ? "project" : name.toString();
    }

    /** Relative to the working directory when under it: file names in messages read better. */
    private static Path display(Path p) {
        Path absolute = p.toAbsolutePath().normalize();
        Path cwd = Path.of("").toAbsolutePath();
        return absolute.equals(cwd) ? Path.of(".") : absolute.startsWith(cwd) ? cwd.relativize(absolute) : absolute;
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
