package io.meshkit.cli;

import io.meshkit.cli.di.CliComponent;
import io.meshkit.core.cli.Formats;
import io.meshkit.core.cli.OutputFormat;
import io.meshkit.core.cli.ResultOutput;
import io.meshkit.core.cli.WarehouseCommandOptions;
import io.meshkit.core.config.MeshkitConfig;
import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import io.meshkit.core.warehouse.ResultRows;
import io.meshkit.core.warehouse.Sql;
import io.meshkit.core.warehouse.Warehouse;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code meshkit query SQL}: runs SQL in a warehouse that exists (a missing one is refused, exit 2, creating
 * nothing). The SQL comes from the argument (which may
 * start with a comment or a dash: {@link Meshkit} lets an unknown option be the SQL), from
 * {@code --file}, or from standard input ({@code -}). CSV and JSON stream every row; the table
 * format shows the first {@code --max-rows} rows (it needs them to size the columns). All three
 * print through core's {@link ResultOutput}.
 */
@Command(name = "query", description = {"Run SQL in the warehouse and print the result.",
    "The SQL is the argument (it may start with a comment or a dash), a file (--file), or standard input (-)."},
        footer = {"%nExamples:", "  $ ${COMMAND-FULL-NAME} \"SELECT track_id, title FROM music.tracks WHERE is_current ORDER BY 1\"",
            "  $ ${COMMAND-FULL-NAME} --format csv --file report.sql > report.csv",
            "  $ echo 'SELECT 42 AS answer' | ${COMMAND-FULL-NAME} -"})
@Formats({OutputFormat.TABLE, OutputFormat.CSV, OutputFormat.JSON})
final class QueryCommand implements Callable<Integer> {
    @Mixin
    WarehouseCommandOptions options;

    @Option(names = "--max-rows", paramLabel = "N", defaultValue = "1000",
            description = "Rows shown in the table format (default ${DEFAULT-VALUE}); csv and json print all.")
    int maxRows;

    @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "Read the SQL from this file.")
    Path file;

    @Parameters(paramLabel = "SQL", arity = "0..1", description = "The statement to run; - reads it from standard input.")
    String sql;

    /** Where {@code -} reads from; tests replace it. */
    InputStream stdin = System.in;

    @Override
    public Integer call() {
        OutputFormat f = options.format();
        if (maxRows < 0) {
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot run the query: --max-rows must be 0 or more, not " + maxRows);
        }
        String text = statement();
        PrintWriter out = options.out();
        // a warehouse that does not exist is refused, creating nothing, as by every command that reads: a
        // mistyped path (or the wrong directory) is one line, not a new empty file and a "no such table"
        return run(options.config(), text, f, out);
    }

    private int run(MeshkitConfig config, String text, OutputFormat f, PrintWriter out) {
        try (Warehouse w = CliComponent.of(config).warehouse(); ResultRows rows = w.query(Sql.ofUserText(text))) {
            if (rows.columns().isEmpty() && f != OutputFormat.JSON) {
                if (f == OutputFormat.TABLE) {
                    var affected = rows.stats().rowsAffected();
                    long n = affected.orElse(0);
                    out.println(affected.isPresent() ? "OK, " + n + " row" + (n == 1 ? "" : "s") + " affected" : "OK");
                }
            } else {
                switch (f) {
                    case CSV -> ResultOutput.csv(rows, out);
                    case JSON -> ResultOutput.json(rows, out);
                    default -> ResultOutput.table(rows, out, maxRows);
                }
            }
        }
        out.flush();
        return 0;
    }

    private String statement() {
        if (file != null && sql != null) {
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot run the query: give the SQL or --file, not both");
        }
        String text;
        if (file != null) {
            try {
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                throw new MeshkitException(ErrorCode.FILE_NOT_FOUND, "Cannot read --file " + file + ": no such file", e);
            } catch (IOException e) {
                throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot read --file " + file + ": " + e.getMessage(), e);
            }
        } else if ("-".equals(sql)) {
            try {
                text = new String(stdin.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot read the SQL from standard input: " + e.getMessage(), e);
            }
        } else if (sql == null) {
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot run a query: give the SQL, --file FILE, or - to read standard input");
        } else {
            text = sql;
        }
        if (text.isBlank()) {
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot run the query: the SQL" + (file != null ? " in " + file : "")
                    + " is empty");
        }
        return text;
    }
}
