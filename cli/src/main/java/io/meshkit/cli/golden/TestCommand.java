package io.meshkit.cli.golden;

import io.meshkit.cli.yaml.YamlFileException;
import io.meshkit.core.cli.VerboseOption;
import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code meshkit test [DIR]}: a project's golden tests, fixtures in and expected tables out. */
@Command(name = "test", mixinStandardHelpOptions = true,
        description = {"Run a project's golden tests (DIR/tests/**/*.test.yaml): fixtures in, expected tables out.",
                "Each runs the project's pipeline, or some of its steps, on a fresh temporary embedded warehouse, then compares tables "
                        + "with expected CSV files (the same rows, order ignored) and prints the rows only expected (-) and only found (+)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:all passed", "1:a test failed", "2:a bad test file (file:line:col) or no tests",
            "3:an external system failed", "4:internal error"},
        footer = {"%nExample:", "  $ meshkit test examples/music"})
public final class TestCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", defaultValue = ".",
            description = "The project directory (default: the current one); its tests are in DIR/tests.")
    Path dir;

    @Option(names = "--junit", paramLabel = "FILE", description = "Also write the results as JUnit XML to FILE (for CI).")
    Path junit;

    @Option(names = "--filter", paramLabel = "NAME",
            description = "Run only the tests whose name contains NAME ('*' matches any text); a name is the file's path under tests/ without .test.yaml.")
    String filter;

    @Option(names = "--update", description = "Rewrite the expected CSV files from the tables the runs leave (review the change before committing it).")
    boolean update;

    @Option(names = "--keep", description = "Keep each test's warehouse file and print its URI (to look at what a run left with meshkit query).")
    boolean keep;

    @Mixin
    VerboseOption verbose;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        long started = System.nanoTime();
        Instant startedAt = Instant.now();
        Path project = display(dir);
        Path tests = project.equals(Path.of(".")) ? Path.of("tests") : project.resolve("tests");
        if (!Files.isDirectory(project)) {
            throw new MeshkitException(ErrorCode.FILE_NOT_FOUND, "Cannot run golden tests: no directory " + project);
        }
        List<Path> files = testFiles(tests);
        if (files.isEmpty()) {
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot run golden tests: no " + tests + "/**/*" + GoldenTestReader.SUFFIX
                    + (filter == null ? "" : " named like '" + filter + "'"));
        }
        GoldenRunner runner = new GoldenRunner(update, keep);
        List<TestResult> results = new ArrayList<>();
        for (Path file : files) {
            TestResult r = runOne(runner, project, tests, file);
            results.add(r);
            print(out, err, r);
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
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
        out.println(results.size() + (results.size() == 1 ? " test: " : " tests: ") + String.join(", ", parts) + " (" + seconds(millis) + ")");
        if (junit != null) {
            JUnitXml.write(junit, "meshkit test " + project, "golden." + projectName(project), results, millis, startedAt);
            out.println("JUnit XML: " + junit);
        }
        out.flush();
        err.flush();
        return results.stream().mapToInt(TestResult::exitCode).max().orElse(0);
    }

    private TestResult runOne(GoldenRunner runner, Path project, Path tests, Path file) {
        String name = tests.relativize(file).toString().replace('\\', '/');
        name = name.substring(0, name.length() - GoldenTestReader.SUFFIX.length());
        GoldenTest test;
        try {
            test = GoldenTestReader.read(project, tests, file);
        } catch (YamlFileException e) {
            // the test file's mistakes, and the pipeline file's at their own place
            return TestResult.badFile(name, file, e.line(), e.exitCode());
        } catch (MeshkitException e) {
            return TestResult.badFile(name, file, file + ":1:1: error: " + e.getMessage().lines().findFirst().orElse(""), e.exitCode());
        }
        return runner.run(test);
    }

    private void print(PrintWriter out, PrintWriter err, TestResult r) {
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
        if (verbose.verbose() && !r.log().isEmpty()) {
            out.println(GoldenRunner.indent(r.log().strip()));
        }
        if (!r.keptWarehouse().isEmpty()) {
            out.println("  warehouse kept: " + r.keptWarehouse());
        }
        out.flush();
    }

    private List<Path> testFiles(Path tests) {
        if (!Files.isDirectory(tests)) {
            return List.of();
        }
        Pattern pattern = filter == null ? null : filter.contains("*")
                ? Pattern.compile(String.join(".*", java.util.Arrays.stream(filter.split("\\*", -1)).map(Pattern::quote).toList()))
                : Pattern.compile(Pattern.quote(filter));
        try (Stream<Path> s = Files.walk(tests)) {
            return s.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(GoldenTestReader.SUFFIX))
                    .filter(p -> {
                        if (pattern == null) {
                            return true;
                        }
                        String n = tests.relativize(p).toString().replace('\\', '/');
                        return pattern.matcher(n.substring(0, n.length() - GoldenTestReader.SUFFIX.length())).find();
                    })
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
