package io.meshkit.snapshotingest;

import io.meshkit.core.landing.LandedFile;
import io.meshkit.core.landing.LandingOutput;
import io.meshkit.core.landing.LandingZone;
import io.meshkit.core.landing.LandingZones;
import io.meshkit.core.landing.Manifest;
import io.meshkit.core.landing.SnapshotKey;
import io.meshkit.core.runlog.WarehouseRunLog;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.core.warehouse.Warehouses;
import io.meshkit.snapshotingest.api.LockFallback;
import io.meshkit.snapshotingest.api.SnapshotOptions;
import io.meshkit.snapshotingest.api.SnapshotTarget;
import io.meshkit.snapshotingest.api.TableResult;
import io.meshkit.snapshotingest.internal.MySqlSource;
import io.meshkit.snapshotingest.internal.MySqlSnapshots;
import io.meshkit.core.identifier.TableId;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
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
 * <p>Beside wall time it measures CPU time, which a shared machine disturbs far less: the raw client's (user + sys of
 * the {@code mariadb} process) and the JVM's during the landing, and on both sides the server's, summed over the
 * MariaDB threads that served the benchmark's queries (their ids from {@code information_schema.PROCESSLIST.TID},
 * their CPU from {@code /proc/<mariadbd>/task/<tid>/stat}; MariaDB on this machine only, else "n/a").
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
        System.out.println("| table | rows | raw `mariadb --batch --quick` | meshkit ingest, 2 threads (landing) | ratio "
                + "| the same landing again in this JVM | ratio, warm | staging load | Parquet | peak heap |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        List<String> cpuRows = new java.util.ArrayList<>();
        for (String table : List.of("narrow", "wide")) {
            long rows = table.equals("narrow") ? narrowRows : wideRows;
            long rawBytes = rawBytes(table);
            Raw raw = medianRaw(3, table);
            Result r = ingest(url, table);
            // a run of several tables: from the second on, the JIT has compiled the row path (the first run above paid for it)
            Result warm = ingest(url, table);
            System.out.printf("| %s | %,d | %.2f s: %,.0f rows/s, %.0f MB/s | %.2f s: %,.0f rows/s, %.0f MB/s | **%.2fx** | %.2f s: %,.0f rows/s | %.2fx "
                            + "| %.2f s | %.0f MB | %.0f MB |%n",
                    table, rows, raw.seconds, rows / raw.seconds, rawBytes / 1e6 / raw.seconds, r.landing, rows / r.landing, rawBytes / 1e6 / r.landing,
                    raw.seconds / r.landing, warm.landing, rows / warm.landing, raw.seconds / warm.landing, r.staging, r.parquetBytes / 1e6,
                    Math.max(r.peakHeap, warm.peakHeap) / 1e6);
            cpuRows.add(String.format("| %s | %s + %.2f = %s | %s + %.2f = %s | %s |", table, cpu(raw.serverCpu), raw.clientCpu,
                    cpu(raw.serverCpu < 0 ? -1 : raw.serverCpu + raw.clientCpu), cpu(r.serverCpu), r.jvmCpu,
                    cpu(r.serverCpu < 0 ? -1 : r.serverCpu + r.jvmCpu),
                    r.serverCpu < 0 || raw.serverCpu < 0 ? "n/a"
                            : String.format("%.2fx", Math.max(raw.serverCpu, raw.clientCpu) / ((r.serverCpu + r.jvmCpu) / 2))));
        }
        System.out.printf("%nmax heap (-Xmx): %.0f MB; MB/s counts the text the raw client receives (%s).%n",
                Runtime.getRuntime().maxMemory() / 1e6, "mariadb --batch output bytes");
        System.out.println();
        System.out.println("CPU seconds of the same runs (raw: the median run's), which a shared machine disturbs far less than wall time:");
        System.out.println();
        System.out.println("| table | raw: server + client CPU s | landing: server + JVM CPU s | ratio on 2 idle cores, from CPU time |");
        System.out.println("|---|---:|---:|---:|");
        cpuRows.forEach(System.out::println);
        System.out.println();
        System.out.println("Ratio from CPU time: the raw client and its server thread run side by side, so alone on 2 cores the raw read takes "
                + "about max(server, client) seconds; the landing's server threads and JVM share the 2 cores, so it takes at least "
                + "(server + JVM) / 2.");
    }

    private static String cpu(double seconds) {
        return seconds < 0 ? "n/a" : String.format("%.2f", seconds);
    }

    /** A raw client run: wall seconds, the client's CPU seconds, and the server's (-1 when not measurable). */
    private record Raw(double seconds, double clientCpu, double serverCpu) {}

    private static Raw medianRaw(int runs, String table) throws Exception {
        Raw[] v = new Raw[runs];
        for (int i = 0; i < runs; i++) {
            v[i] = raw(table);
        }
        java.util.Arrays.sort(v, Comparator.comparingDouble(Raw::seconds));
        return v[runs / 2];
    }

    private static Raw raw(String table) throws Exception {
        try (ServerCpu server = ServerCpu.watch("SELECT * FROM " + DB + "." + table)) {
            long t0 = System.nanoTime();
            // bash's `times` prints the shell's, then its children's, user and system time
            Process p = new ProcessBuilder("bash", "-c", "mariadb -h127.0.0.1 -uroot --batch --quick -e 'SELECT * FROM " + DB + "." + table
                    + "' > /dev/null && times").redirectErrorStream(false).start();
            String times = new String(p.getInputStream().readAllBytes());
            if (p.waitFor() != 0) {
                throw new IllegalStateException("mariadb client failed: " + new String(p.getErrorStream().readAllBytes()));
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            String[] children = times.strip().lines().reduce((a, b) -> b).orElse("").trim().split("\\s+");
            return new Raw(seconds, bashTime(children[0]) + bashTime(children[1]), server.seconds());
        }
    }

    /** Seconds of bash's {@code 1m2.345s}. */
    private static double bashTime(String t) {
        int m = t.indexOf('m');
        return Integer.parseInt(t.substring(0, m)) * 60 + Double.parseDouble(t.substring(m + 1, t.length() - 1));
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

    private static long rawBytes(String table) throws Exception {
        Process p = new ProcessBuilder("sh", "-c", "mariadb -h127.0.0.1 -uroot --batch --quick -e 'SELECT * FROM " + DB + "." + table + "' | wc -c")
                .start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        p.waitFor();
        return Long.parseLong(out);
    }

    private record Result(double landing, double staging, long parquetBytes, long peakHeap, double jvmCpu, double serverCpu) {}

    private static Result ingest(String url, String table) throws Exception {
        Path dir = Files.createTempDirectory("meshkit-bench-");
        try {
            System.gc();
            List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP).toList();
            heap.forEach(MemoryPoolMXBean::resetPeakUsage);
            MySqlSource source = MySqlSource.of(url, null);
            CpuAtManifest landing = new CpuAtManifest(LandingZones.open(dir.resolve("landing").toString()));
            long t0 = System.nanoTime();
            TableResult r;
            double serverCpu;
            try (Warehouse w = Warehouses.open("duckdb:" + dir.resolve("wh.duckdb"), Map.of("memory_limit", "1GB", "threads", "2"));
                    ServerCpu server = ServerCpu.watch("FROM `" + DB + "`.`" + table + "` WHERE")) {
                landing.server = server;
                landing.cpuAtStart = processCpu();
                SnapshotOptions options = new SnapshotOptions(LocalDate.of(2026, 11, 23), 2, 250_000, Duration.ofSeconds(10), LockFallback.FAIL,
                        false, ZoneOffset.UTC, true);
                r = new MySqlSnapshots(source, landing, Clock.systemUTC()).snapshot(
                        List.of(new SnapshotTarget(DB + "." + table, table, Optional.empty(), TableId.of("bench_staging", table))),
                        options, w, WarehouseRunLog.of(w), new AtomicLong()).get(0);
                serverCpu = landing.serverCpu;
            }
            double total = (System.nanoTime() - t0) / 1e9;
            Manifest m = landing.readManifest(new io.meshkit.core.landing.SnapshotKey(DB + "." + table, LocalDate.of(2026, 11, 23))).orElseThrow();
            double landingSeconds = Duration.between(m.startedAt(), m.endedAt()).toNanos() / 1e9;
            long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
            return new Result(landingSeconds, total - landingSeconds, r.bytes(), peak, (landing.cpuAtManifest - landing.cpuAtStart) / 1e9, serverCpu);
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** A landing zone that notes the JVM's and the server's CPU time when the manifest, the end of the landing, is written. */
    private static final class CpuAtManifest implements LandingZone {
        private final LandingZone zone;
        ServerCpu server;
        long cpuAtStart;
        long cpuAtManifest;
        double serverCpu = -1;

        CpuAtManifest(LandingZone zone) {
            this.zone = zone;
        }

        @Override
        public String uri() {
            return zone.uri();
        }

        @Override
        public LandingOutput create(SnapshotKey snapshot, String name) throws IOException {
            return zone.create(snapshot, name);
        }

        @Override
        public Optional<InputStream> open(SnapshotKey snapshot, String name) throws IOException {
            return zone.open(snapshot, name);
        }

        @Override
        public List<LandedFile> list(SnapshotKey snapshot) throws IOException {
            return zone.list(snapshot);
        }

        @Override
        public boolean delete(SnapshotKey snapshot, String name) throws IOException {
            return zone.delete(snapshot, name);
        }

        @Override
        public URI uri(SnapshotKey snapshot, String name) {
            return zone.uri(snapshot, name);
        }

        @Override
        public void writeManifest(SnapshotKey snapshot, Manifest manifest) throws IOException {
            zone.writeManifest(snapshot, manifest);
            cpuAtManifest = processCpu();
            try {
                serverCpu = server.seconds();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
