package io.meshkit.testing.cli;

import io.meshkit.core.cli.ConsoleOptions;
import io.meshkit.testing.golden.GoldenSuite;
import io.meshkit.testing.golden.GoldenTestReader;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code meshkit test [DIR]}: a project's golden tests, fixtures in and expected tables out ({@link GoldenSuite}). */
@Command(name = "test", mixinStandardHelpOptions = true,
        description = {"Run a project's golden tests (DIR/tests/**/*.test.yaml): fixtures in, expected tables out.",
                "Each runs the project's pipeline, or some of its steps, on a fresh temporary embedded warehouse, then compares tables "
                        + "with expected CSV files (the same rows, order ignored) and prints the rows only expected (-) and only found (+)."},
        exitCodeList = {"0:all passed", "1:a test failed", "2:a bad test file (file:line:col) or no tests",
            "3:an external system failed", "4:internal error"},
        footer = {"%nExample:", "  $ meshkit test examples/music"})
public final class TestCommand implements Callable<Integer> {
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
    ConsoleOptions console;

    @Override
    public Integer call() {
        GoldenSuite.Options options = GoldenSuite.Options.of(dir);
        if (filter != null) {
            options = options.withFilter(filter);
        }
        if (update) {
            options = options.updating();
        }
        if (keep) {
            options = options.keepingWarehouses();
        }
        if (console.verbose()) {
            options = options.verbosely();
        }
        if (junit != null) {
            options = options.withJUnit(junit);
        }
        return GoldenSuite.run(options, GoldenTestReader.load(), console.out(), console.err()).exitCode();
    }
}
