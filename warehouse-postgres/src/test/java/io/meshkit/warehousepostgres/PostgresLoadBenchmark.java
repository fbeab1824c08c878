package io.meshkit.warehousepostgres;

import io.meshkit.core.identifier.Namespace;
import io.meshkit.core.identifier.TableId;
import io.meshkit.core.warehouse.FileFormat;
import io.meshkit.core.warehouse.LoadRequest;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.core.warehouse.WriteMode;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Load throughput on PostgreSQL (run by hand, {@code bench/warehouse-postgres.sh}): N narrow rows
 * (id, name, amount, ts) written once by DuckDB as Parquet (Snappy) and CSV, then, interleaved, a
 * meshkit Parquet load ({@code Warehouse.load}, binary COPY) and {@code psql \copy} of the CSV into a
 * table of the same types. Prints one line per run: wall seconds, rows/s, and the CPU seconds of the
 * client (this JVM's, or psql's from {@code /usr/bin/time}).
 */
public final class PostgresLoadBenchmark {
    private PostgresLoadBenchmark() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        Path dir = Files.createDirectories(Path.of(args[0]));
        long rows = Long.parseLong(args[1]);
        int runs = Integer.parseInt(args[2]);
        Path parquet = dir.resolve("narrow.parquet");
        Path csv = dir.resolve("narrow.csv");
        String select = "SELECT range AS id, 'name ' || (range % 1000) AS name, CAST((range % 100000) / 100.0 AS DECIMAL(10,2)) AS amount,"
                + " TIMESTAMP '2020-01-01 00:00:00' + to_seconds(range) AS ts FROM range(" + rows + ")";
        ParquetFixtures.write(select, parquet, ", COMPRESSION snappy");
        ParquetFixtures.writeCsv(select, csv);
        Namespace ns = Namespace.of("load_benchmark");
        try (Warehouse w = new PostgresWarehouseProvider().open(TestPostgres.url(), Map.of())) {
            w.createNamespace(ns);
            TableId t = ns.table("from_parquet");
            for (int run = 1; run <= runs; run++) {
                long cpu0 = cpu();
                long t0 = System.nanoTime();
                w.load(t, new LoadRequest(List.of(parquet.toUri()), FileFormat.PARQUET, WriteMode.REPLACE));
                report("meshkit Parquet load", run, rows, (System.nanoTime() - t0) / 1e9, (cpu() - cpu0) / 1e9);
                psqlCopy(csv, rows, run);
            }
        }
    }

    private static void psqlCopy(Path csv, long rows, int run) throws IOException, InterruptedException {
        Path timing = Files.createTempFile("psql-time", ".txt");
        ProcessBuilder pb = new ProcessBuilder("/usr/bin/time", "-o", timing.toString(), "-f", "%e %U %S", "psql", "-q", "-v", "ON_ERROR_STOP=1",
                "-h", "127.0.0.1", "-U", "postgres", "-d", "test",
                "-c", "BEGIN; DROP TABLE IF EXISTS load_benchmark.from_csv; CREATE TABLE load_benchmark.from_csv"
                        + " (id bigint, name text, amount numeric(10,2), ts timestamp); COMMIT;",
                "-c", "\\copy load_benchmark.from_csv FROM '" + csv + "' WITH (FORMAT csv, HEADER true)").inheritIO();
        if (pb.start().waitFor() != 0) {
            throw new IllegalStateException("psql failed");
        }
        String[] t = Files.readString(timing).trim().split(" ");
        report("psql \\copy of CSV (incl. psql start)", run, rows, Double.parseDouble(t[0]), Double.parseDouble(t[1]) + Double.parseDouble(t[2]));
        Files.delete(timing);
    }

    private static void report(String what, int run, long rows, double seconds, double cpuSeconds) {
        System.out.printf("%-38s run %d: %6.2f s wall, %,10.0f rows/s, client CPU %5.2f s%n", what, run, seconds, rows / seconds, cpuSeconds);
    }

    private static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
