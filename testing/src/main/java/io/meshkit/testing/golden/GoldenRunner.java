package io.meshkit.testing.golden;

import io.meshkit.core.error.FileLocationException;
import io.meshkit.core.error.MeshkitException;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.core.warehouse.Warehouses;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Runs one golden test: a fresh embedded warehouse in a new temporary directory, the given tables,
 * the run under test, then every expected table compared by {@link TableComparison} (or, with
 * {@code update}, written). The directory is deleted afterwards unless kept.
 */
final class GoldenRunner {
    /** The warehouse file's name: not an identifier, so no schema can be named like the catalog an embedded engine names by it. */
    static final String WAREHOUSE_NAME = "meshkit-test";
    static final String UPDATE_HINT = "write it from the actual table with --update, then review it";

    private final boolean update;
    private final boolean keep;

    GoldenRunner(boolean update, boolean keep) {
        this.update = update;
        this.keep = keep;
    }

    TestResult run(GoldenTest test) {
        long t0 = System.nanoTime();
        Path dir;
        Path work;
        try {
            dir = Files.createTempDirectory("meshkit-test-");
            work = Files.createDirectories(dir.resolve("work"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a temporary directory for golden test " + test.name(), e);
        }
        String uri = Warehouses.embeddedUri(dir, WAREHOUSE_NAME);
        String kept = keep ? uri : "";
        StringWriter log = new StringWriter();
        try {
            if (!test.given().isEmpty()) {
                GivenTables given = GivenTables.of(test.contracts());
                try (Warehouse w = Warehouses.open(uri)) {
                    int i = 0;
                    for (GoldenTest.Given g : test.given()) {
                        given.create(w, g, i++);
                    }
                }
            }
            int exit = test.run().run(uri, work, new PrintWriter(log, true));
            if (exit != 0) {
                return TestResult.failed(test, millis(t0), "the pipeline failed (exit " + exit + ")" + failedStep(log.toString()),
                        indent(log.toString().strip()), log.toString(), kept);
            }
            List<TableComparison.Result> results = new ArrayList<>();
            try (Warehouse w = Warehouses.open(uri)) {
                for (GoldenTest.Expect e : test.expect()) {
                    results.add(update ? TableComparison.update(w, e.table(), e.csv(), e.columns())
                            : TableComparison.compare(w, e.table(), e.csv(), e.columns(), UPDATE_HINT));
                }
            }
            List<TableComparison.Result> failed = results.stream().filter(r -> !r.passed()).toList();
            if (failed.isEmpty()) {
                return TestResult.passed(test, millis(t0), update, results.stream().map(TableComparison.Result::summary).toList(),
                        log.toString(), kept);
            }
            StringBuilder detail = new StringBuilder();
            for (TableComparison.Result r : failed) {
                detail.append(r.summary()).append('\n');
                if (!r.diff().isEmpty()) {
                    detail.append(indent(r.diff())).append('\n');
                }
            }
            String message = failed.size() == 1 ? failed.get(0).table() + " differs from " + failed.get(0).csv()
                    : failed.size() + " of " + results.size() + " tables differ";
            return TestResult.failed(test, millis(t0), message, detail.toString().stripTrailing(), log.toString(), kept);
        } catch (FileLocationException e) {
            return TestResult.error(test, millis(t0), e.line(), e.exitCode(), log.toString(), kept);
        } catch (MeshkitException e) {
            return TestResult.error(test, millis(t0), "error: " + e.getMessage().lines().findFirst().orElse(""), e.exitCode(), log.toString(),
                    kept);
        } finally {
            if (!keep) {
                delete(dir);
            }
        }
    }

    private static String failedStep(String log) {
        return log.lines().filter(l -> l.startsWith("  FAIL ")).findFirst().map(l -> ": " + l.strip().substring(5).strip()).orElse("");
    }

    static String indent(String text) {
        return text.lines().map(l -> "  " + l).reduce((a, b) -> a + "\n" + b).orElse("");
    }

    private static long millis(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException e) {
            // a temporary directory left behind is not worth failing a test run for
        }
    }
}
