package io.meshkit.testing.golden;

import static java.util.Objects.requireNonNull;

import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.identifier.TableId;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * One golden test ({@code tests/**}{@code /*.test.yaml}), read and checked by a
 * {@link GoldenTestReader}: what to run, the tables given before the run and the tables expected
 * after it.
 *
 * @param file the test file
 * @param name the test's name: its path under {@code tests/} without {@code .test.yaml}
 * @param description what it shows, or empty
 * @param run the run under test (the project's pipeline, or some of its steps)
 * @param contracts the contract files the run names: they type the given tables they describe
 * @param given the tables created from CSV before the run
 * @param expect the tables compared after the run
 */
public record GoldenTest(Path file, String name, String description, Run run, List<Path> contracts, List<Given> given, List<Expect> expect) {
    /** Checks and copies. */
    public GoldenTest {
        requireNonNull(file, "file is null");
        requireNonNull(name, "name is null");
        requireNonNull(description, "description is null");
        requireNonNull(run, "run is null");
        contracts = List.copyOf(contracts);
        given = List.copyOf(given);
        expect = List.copyOf(expect);
    }

    /** The run under test, on a fresh warehouse that already holds the given tables. */
    @FunctionalInterface
    public interface Run {
        /**
         * Runs.
         *
         * @param warehouseUri the test's warehouse
         * @param log where the run prints what it does
         * @return its exit code: 0 ok, else the code of meshkit's exit codes
         */
        int run(String warehouseUri, PrintWriter log);

        /**
         * Runs with a directory of the test's own for whatever else the run writes (a landing zone, say), removed
         * with the test's warehouse; by default {@link #run(String, PrintWriter)}.
         *
         * @param warehouseUri the test's warehouse
         * @param workDir an empty directory of this test
         * @param log where the run prints what it does
         * @return its exit code: 0 ok, else the code of meshkit's exit codes
         */
        default int run(String warehouseUri, java.nio.file.Path workDir, PrintWriter log) {
            return run(warehouseUri, log);
        }
    }

    /**
     * Where something is written in a test file.
     *
     * @param file the file as displayed
     * @param line 1-based line
     * @param column 1-based column
     */
    public record Location(String file, int line, int column) {
        @Override
        public String toString() {
            return file + ":" + line + ":" + column;
        }
    }

    /**
     * A table created before the run.
     *
     * @param table the table
     * @param csv its rows, with a header line
     * @param location where the test names it, for messages
     */
    public record Given(TableId table, Path csv, Location location) {}

    /**
     * A table compared after the run.
     *
     * @param table the table
     * @param csv the expected rows, with a header line
     * @param columns the columns compared; empty for all of the table's
     * @param location where the test names it, for messages
     */
    public record Expect(TableId table, Path csv, List<ColumnName> columns, Location location) {
        /** Copies. */
        public Expect {
            columns = List.copyOf(columns);
        }
    }
}
