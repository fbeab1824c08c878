package io.meshkit.snapshotingest;

import io.meshkit.snapshotingest.cli.IngestCli;
import io.meshkit.testing.MySqlDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/** Runs {@code meshkit-ingest} in-process and keeps its exit code and output. */
record IngestRun(int exitCode, String out, String err) {
    static IngestRun of(String... args) {
        CommandLine cmd = IngestCli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cmd.setOut(new PrintWriter(out));
        cmd.setErr(new PrintWriter(err));
        int code = cmd.execute(args);
        return new IngestRun(code, out.toString(), err.toString());
    }

    /**
     * The arguments of {@code snapshot} of {@code db} on {@code date}, landing in {@code DIR/landing} and staging in the
     * DuckDB file {@code DIR/WAREHOUSE.duckdb}.
     */
    static List<String> snapshot(MySqlDatabase db, Path dir, String warehouse, String date) {
        return List.of("snapshot", "--source", db.jdbcUrl(), "--date", date, "--landing", dir.resolve("landing").toString(),
                "--warehouse", "duckdb:" + dir.resolve(warehouse + ".duckdb"));
    }

    static String[] args(List<String> base, String... more) {
        List<String> all = new ArrayList<>(base);
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }
}
