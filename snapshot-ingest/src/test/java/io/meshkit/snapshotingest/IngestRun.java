package io.meshkit.snapshotingest;

import io.meshkit.snapshotingest.cli.IngestCli;
import io.meshkit.testing.CliRun;
import io.meshkit.testing.MySqlDatabase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs {@code meshkit-ingest} in-process and keeps its exit code and output. */
record IngestRun(int exitCode, String out, String err) {
    static IngestRun of(String... args) {
        CliRun run = CliRun.of(IngestCli.commandLine(), args);
        return new IngestRun(run.exitCode(), run.out(), run.err());
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
