package io.meshkit.cli.golden;

import static java.util.Objects.requireNonNull;

import io.meshkit.cli.pipeline.Pipeline;
import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.identifier.TableId;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * One golden test ({@code tests/**}{@code /*.test.yaml}), read and checked: the pipeline to run
 * (already cut to the test's steps and with its {@code with:} fields), the dates, the environment
 * the steps see, the tables given before the run and the tables expected after it.
 *
 * @param file the test file
 * @param name the test's name: its path under {@code tests/} without {@code .test.yaml}
 * @param description what it shows, or empty
 * @param pipeline the pipeline to run
 * @param dates the dates of the dated steps
 * @param env the only environment variables the steps see
 * @param contracts the contract files the whole pipeline names: they type the given tables they describe
 * @param given the tables created from CSV before the run
 * @param expect the tables compared after the run
 */
public record GoldenTest(Path file, String name, String description, Pipeline pipeline, List<LocalDate> dates, Map<String, String> env,
        List<Path> contracts, List<Given> given, List<Expect> expect) {
    /** Copies. */
    public GoldenTest {
        requireNonNull(file, "file is null");
        requireNonNull(name, "name is null");
        requireNonNull(description, "description is null");
        requireNonNull(pipeline, "pipeline is null");
        dates = List.copyOf(dates);
        env = Map.copyOf(env);
        contracts = List.copyOf(contracts);
        given = List.copyOf(given);
        expect = List.copyOf(expect);
    }

    /**
     * Where something is written in a test file.
     *
     * @param file the file as displayed
     * @param line 1-based line
     * @param column 1-based column
     */
    public record Location(String file, int line, int column) {
        /** A mistake at this location. */
        public GoldenFileException error(String problem) {
            return new GoldenFileException(file, line, column, problem);
        }

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
