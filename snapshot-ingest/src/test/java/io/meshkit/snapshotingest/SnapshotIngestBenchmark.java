package io.meshkit.snapshotingest;

import io.meshkit.core.landing.LandingZone;
import io.meshkit.core.landing.LandingZones;
import io.meshkit.core.landing.Manifest;
import io.meshkit.core.runlog.WarehouseRunLog;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.core.warehouse.Warehouses;
import io.meshkit.snapshotingest.api.LockFallback;
import io.meshkit.snapshotingest.api.SnapshotOptions;
import io.meshkit.snapshotingest.api.SnapshotTarget;
import io.meshkit.snapshotingest.api.TableResult;
import io.meshkit.snapshotingest.internal.MySqlSource;
import io.meshkit.snapshotingest.internal.SnapshotIngest;
import io.meshkit.core.identifier.TableId;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Benchmark (run by {@code bench/snapshot-ingest.sh}, never by the test suite): 5M narrow rows and 1M wide rows
 * (20 mixed columns) from the local server into Parquet on 2 threads, beside the server's raw serving rate
 * measured in the same run ({@code mariadb --batch --quick -e "SELECT * FROM t" > /dev/null}). Prints a Markdown table.
 *
 * <p>Arguments: {@code [NARROW_ROWS=5000000] [WIDE_ROWS=1000000]}. Server: {@code jdbc:mysql://127.0.0.1:3306/meshkit_bench?user=root}.
 */
public final class SnapshotIngestBenchmark {
    private static final String DB = "meshkit_bench";

    private SnapshotIngestBenchmark() {}

    public static void main(String[] args) throws Exception {
        long narrowRows = args.length > 0 ? Long.parseLong(args[0]) : 5_000_000L;
        long wideRows = args.length > 1 ? Long.parseLong(args[1]) : 1_000_000L;
        String url = "jdbc:mysql://127.0.0.1:3306/" + DB + "?user=root";
        try (Connection c = DriverManager.getConnection("jdbc:mysql://127.0.0.1:3306/?user=root"); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE IF NOT EXISTS " + DB);
            s.execute("USE " + DB);
            fixture(s, "narrow", narrowRows, "CREATE TABLE narrow (id BIGINT PRIMARY KEY, v INT, s VARCHAR(16))",
                    "INSERT INTO narrow SELECT seq, seq % 1000, CONCAT('row', seq) FROM seq_1_to_" + narrowRows);
            fixture(s, "wide", wideRows, "CREATE TABLE wide (id BIGINT PRIMARY KEY, c1 INT, c2 BIGINT, c3 DECIMAL(12,2), c4 DOUBLE, "
                            + "c5 VARCHAR(32), c6 VARCHAR(64), c7 DATE, c8 DATETIME(6), c9 TIMESTAMP NULL, c10 TINYINT(1), c11 SMALLINT, "
                            + "c12 CHAR(8), c13 TEXT, c14 ENUM('a','b','c'), c15 FLOAT, c16 INT UNSIGNED, c17 BIGINT UNSIGNED, c18 TIME, c19 JSON)",
                    "INSERT INTO wide SELECT seq, seq % 100000, seq * 7919, seq / 100, seq / 3, MD5(seq), CONCAT('name-', seq, '-', MD5(seq)), "
                            + "'2026-01-01' + INTERVAL (seq % 3000) DAY, '2026-01-01 00:00:00' + INTERVAL seq SECOND, "
                            + "'2026-01-01 00:00:00' + INTERVAL seq SECOND, seq % 2, seq % 30000, LPAD(seq % 10000, 8, '0'), "
                            + "REPEAT('t', seq % 50), ELT(1 + seq % 3, 'a', 'b', 'c'), seq / 7, seq, seq * 1000003, "
                            + "SEC_TO_TIME(seq % 86400), CONCAT('{\"n\":', seq, '}') FROM seq_1_to_" + wideRows);
        }
        System.out.println("| table | rows | raw `mariadb --batch --quick` | meshkit ingest, 2 threads (landing) | ratio | staging load | Parquet | peak heap |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|");
        for (String table : List.of("narrow", "wide")) {
            long rows = table.equals("narrow") ? narrowRows : wideRows;
            long rawBytes = rawBytes(table);
            double raw = median(3, () -> rawSeconds(table));
            Result r = ingest(url, table);
            System.out.printf("| %s | %,d | %.2f s: %,.0f rows/s, %.0f MB/s | %.2f s: %,.0f rows/s, %.0f MB/s | **%.2fx** | %.2f s | %.0f MB | %.0f MB |%n",
                    table, rows, raw, rows / raw, rawBytes / 1e6 / raw, r.landing, rows / r.landing, rawBytes / 1e6 / r.landing,
                    raw / r.landing, r.staging, r.parquetBytes / 1e6, r.peakHeap / 1e6);
        }
        System.out.printf("%nmax heap (-Xmx): %.0f MB; MB/s counts the text the raw client receives (%s).%n",
                Runtime.getRuntime().maxMemory() / 1e6, "mariadb --batch output bytes");
    }

    private interface Timed {
        double seconds() throws Exception;
    }

    private static double median(int runs, Timed t) throws Exception {
        double[] v = new double[runs];
        for (int i = 0; i < runs; i++) {
            v[i] = t.seconds();
        }
        java.util.Arrays.sort(v);
        return v[runs / 2];
    }

    private static void fixture(Statement s, String table, long rows, String create, String insert) throws Exception {
        long have = -1;
        try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = '" + DB + "' AND TABLE_NAME = '" + table + "'")) {
            rs.next();
            if (rs.getLong(1) > 0) {
                try (ResultSet n = s.getConnection().createStatement().executeQuery("SELECT COUNT(*) FROM " + table)) {
                    n.next();
                    have = n.getLong(1);
                }
            }
        }
        if (have == rows) {
            return;
        }
        long t0 = System.nanoTime();
        s.execute("DROP TABLE IF EXISTS " + table);
        s.execute(create);
        s.execute(insert);
        s.execute("ANALYZE TABLE " + table);
        System.err.printf("generated %s: %,d rows in %.1f s%n", table, rows, (System.nanoTime() - t0) / 1e9);
    }

    private static double rawSeconds(String table) throws Exception {
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder("mariadb", "-h127.0.0.1", "-uroot", "--batch", "--quick", "-e", "SELECT * FROM " + DB + "." + table)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectErrorStream(false).start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("mariadb client failed: " + new String(p.getErrorStream().readAllBytes()));
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    private static long rawBytes(String table) throws Exception {
        Process p = new ProcessBuilder("sh", "-c", "mariadb -h127.0.0.1 -uroot --batch --quick -e 'SELECT * FROM " + DB + "." + table + "' | wc -c")
                .start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        p.waitFor();
        return Long.parseLong(out);
    }

    private record Result(double landing, double staging, long parquetBytes, long peakHeap) {}

    private static Result ingest(String url, String table) throws Exception {
        Path dir = Files.createTempDirectory("meshkit-bench-");
        try {
            System.gc();
            List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP).toList();
            heap.forEach(MemoryPoolMXBean::resetPeakUsage);
            MySqlSource source = MySqlSource.of(url, null);
            LandingZone landing = LandingZones.open(dir.resolve("landing").toString());
            long t0 = System.nanoTime();
            TableResult r;
            try (Warehouse w = Warehouses.open("duckdb:" + dir.resolve("wh.duckdb"), Map.of("memory_limit", "1GB", "threads", "2"))) {
                SnapshotOptions options = new SnapshotOptions(LocalDate.of(2026, 11, 23), 2, 250_000, Duration.ofSeconds(10), LockFallback.FAIL,
                        false, ZoneOffset.UTC, true);
                r = new SnapshotIngest(source, landing, Clock.systemUTC()).snapshot(
                        List.of(new SnapshotTarget(DB + "." + table, table, Optional.empty(), TableId.of("bench_staging", table))),
                        options, w, WarehouseRunLog.of(w), new AtomicLong()).get(0);
            }
            double total = (System.nanoTime() - t0) / 1e9;
            Manifest m = landing.readManifest(new io.meshkit.core.landing.SnapshotKey(DB + "." + table, LocalDate.of(2026, 11, 23))).orElseThrow();
            double landingSeconds = Duration.between(m.startedAt(), m.endedAt()).toNanos() / 1e9;
            long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
            return new Result(landingSeconds, total - landingSeconds, r.bytes(), peak);
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
