package io.meshkit.cli.golden;

import io.meshkit.cli.pipeline.PipelineRunner;
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
import java.util.Map;
import java.util.stream.Stream;

/**
 * Runs one golden test: a fresh embedded warehouse in a new temporary directory, the given tables, the
 * pipeline (through {@link PipelineRunner}, with only the test's environment), then every expected
 * table compared (or, with {@code update}, written). The directory is deleted afterwards unless
 * kept.
 */
final class GoldenRunner {
    /** The warehouse file's name: not an identifier, so no schema can be named like the catalog an embedded engine names by it. */
    static final String WAREHOUSE_NAME = "meshkit-test";

    private final boolean update;
    private final boolean keep;

    GoldenRunner(boolean update, boolean keep) {
        this.update = update;
        this.keep = keep;
    }

    TestResult run(GoldenTest test) {
        long t0 = System.nanoTime();
        Path dir;
        try {
            dir = Files.createTempDirectory("meshkit-test-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a temporary directory for golden test " + test.name(), e);
        }
        String uri = Warehouses.embeddedUri(dir, WAREHOUSE_NAME);
        StringWriter log = new StringWriter();
        try {
            if (!test.given().isEmpty()) {
                Fixtures fixtures = Fixtures.of(test.contracts());
                try (Warehouse w = Warehouses.open(uri)) {
                    int i = 0;
                    for (GoldenTest.Given g : test.given()) {
                        fixtures.create(w, g, i++);
                    }
                }
            }
            PipelineRunner runner = new PipelineRunner(test.pipeline(), uri, Map.of(), test.dates(), test.env()::get, new PrintWriter(log, true));
            int exit = runner.run(false);
            if (exit != 0) {
                return TestResult.failed(test, millis(t0), "the pipeline failed (exit " + exit + ")" + failedStep(log.toString()),
                        indent(log.toString().strip()), log.toString(), uri(dir, uri));
            }
            List<TableComparison.Result> results = new ArrayList<>();
            try (Warehouse w = Warehouses.open(uri)) {
                int i = 0;
                for (GoldenTest.Expect e : test.expect()) {
                    results.add(update ? TableComparison.update(w, e) : TableComparison.compare(w, e, i++));
                }
            }
            List<TableComparison.Result> failed = results.stream().filter(r -> !r.passed()).toList();
            if (failed.isEmpty()) {
                return TestResult.passed(test, millis(t0), update, results.stream().map(TableComparison.Result::summary).toList(),
                        log.toString(), uri(dir, uri));
            }
            StringBuilder detail = new StringBuilder();
            for (TableComparison.Result r : failed) {
                detail.append(r.summary()).append('\n');
                if (!r.diff().isEmpty()) {
                    detail.append(indent(r.diff())).append('\n');
                }
            }
            String message = failed.size() == 1 ? failed.get(0).expect().table() + " differs from " + failed.get(0).expect().csv()
                    : failed.size() + " of " + results.size() + " tables differ";
            return TestResult.failed(test, millis(t0), message, detail.toString().stripTrailing(), log.toString(), uri(dir, uri));
        } catch (GoldenFileException e) {
            return TestResult.error(test, millis(t0), e.line(), e.exitCode(), log.toString(), uri(dir, uri));
        } catch (MeshkitException e) {
            return TestResult.error(test, millis(t0), "error: " + e.getMessage().lines().findFirst().orElse(""), e.exitCode(), log.toString(),
                    uri(dir, uri));
        } finally {
            if (!keep) {
                delete(dir);
            }
        }
    }

    private String uri(Path dir, String uri) {
        return keep ? uri : "";
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
