package io.meshkit.publisher;

import io.meshkit.core.contract.Contract;
import io.meshkit.core.contract.ContractReader;
import io.meshkit.core.runlog.WarehouseRunLog;
import io.meshkit.core.warehouse.ResultRows;
import io.meshkit.core.warehouse.Row;
import io.meshkit.core.warehouse.Sql;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.core.warehouse.Warehouses;
import io.meshkit.publisher.api.Mode;
import io.meshkit.publisher.api.PublishPolicy;
import io.meshkit.publisher.api.PublishTarget;
import io.meshkit.publisher.api.StageSource;
import io.meshkit.publisher.cli.PublishCli;
import io.meshkit.publisher.internal.DefaultPublisher;
import io.meshkit.testing.CliRun;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/** The test dataset (shop.events, a fact keyed by event_id) and helpers over a real DuckDB file. */
public final class Fixtures {
    private Fixtures() {}

    /** The contract file on the test class path. */
    public static Path contractFile() {
        try {
            return Path.of(Fixtures.class.getResource("/events.odcs.yaml").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Contract contract() {
        return ContractReader.create().parse(contractFile()).orThrow();
    }

    public static PublishTarget target() {
        Contract c = contract();
        return PublishTarget.of(c, c.datasets().get(0));
    }

    public static PublishPolicy policy() {
        return PublishPolicy.defaults("tester");
    }

    /** A DuckDB file warehouse with a small memory limit. */
    public static Warehouse open(Path file) {
        return Warehouses.open("duckdb:" + file, Map.of("memory_limit", "512MB", "threads", "2"));
    }

    public static DefaultPublisher publisher(Warehouse w) {
        return new DefaultPublisher(w, WarehouseRunLog.of(w), Clock.systemUTC());
    }

    /** Publishes version 1 of the dataset into the warehouse file: {@code n} rows of generation 1. */
    public static void backfill(Path file, long n) {
        try (Warehouse w = open(file)) {
            publisher(w).backfill(target(), rows(n, 1), policy(), Mode.RUN);
        }
    }

    /**
     * Starts a child JVM on the test class path: {@code main} with the warehouse file as its argument, its
     * standard output to be read by the test, its standard error discarded.
     */
    public static Process child(Class<?> main, Path file) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                main.getName(), file.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    /** Runs {@code meshkit-publish} in-process: its exit code, standard output and standard error. */
    public static String[] cli(String... args) {
        CliRun run = CliRun.of(PublishCli.commandLine(), args);
        return new String[] {String.valueOf(run.exitCode()), run.out(), run.err()};
    }

    /**
     * Rows 0..n-1 of version {@code gen}: event_id = i, kind tagged with the generation, amount = i * gen.
     * Each (n, gen) pair gives a distinct sum(amount) so a reader can tell versions apart.
     */
    public static StageSource rows(long n, long gen) {
        return new StageSource.Query("SELECT range AS event_id, 'kind-' || (range % 7) || '-g" + gen + "' AS kind,"
                + " CAST(range * " + gen + " AS DOUBLE) AS amount FROM range(" + n + ")");
    }

    /** A one-number query. */
    public static long scalar(Warehouse w, String sql) {
        try (ResultRows rows = w.query(Sql.of(sql))) {
            Row r = rows.iterator().next();
            Object v = r.get(0);
            return v == null ? 0 : ((Number) v).longValue();
        }
    }
}
