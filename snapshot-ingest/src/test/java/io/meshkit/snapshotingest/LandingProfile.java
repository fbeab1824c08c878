package io.meshkit.snapshotingest;

import io.meshkit.core.landing.SnapshotKey;
import io.meshkit.snapshotingest.api.ChunkPlan;
import io.meshkit.snapshotingest.api.LockFallback;
import io.meshkit.snapshotingest.internal.ChunkPlanner;
import io.meshkit.snapshotingest.internal.ChunkReader;
import io.meshkit.snapshotingest.internal.LandedChunk;
import io.meshkit.snapshotingest.internal.LocalLandingZone;
import io.meshkit.snapshotingest.internal.MySqlSource;
import io.meshkit.snapshotingest.internal.SnapshotSession;
import io.meshkit.snapshotingest.internal.SourceColumn;
import io.meshkit.snapshotingest.internal.SourceTable;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * A profiling aid (run by hand, never by the test suite): lands one table of the benchmark database into a temporary
 * directory the way a snapshot's landing phase does (plan, one consistent snapshot, chunks on worker connections), with
 * no staging, and prints wall time, the JVM's CPU time and each worker's CPU time, so the landing can be profiled and
 * compared by CPU seconds, which a shared machine disturbs far less than wall time.
 *
 * <p>Arguments: {@code TABLE[,TABLE...] [THREADS=2] [CHUNK_ROWS=250000] [REPEATS=1] [URL]}.
 */
public final class LandingProfile {
    private LandingProfile() {}

    /** CPU seconds of this process's threads (JIT compilers and GC included), by thread name, from /proc. */
    private static String threadCpu() throws java.io.IOException {
        java.util.Map<String, Double> byName = new java.util.TreeMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path t : tasks.toList()) {
                try {
                    String stat = Files.readString(t.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replaceAll("[0-9]+$", "#");
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    byName.merge(name, (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0, Double::sum);
                } catch (java.io.IOException | RuntimeException e) {
                    // the thread ended
                }
            }
        }
        StringBuilder b = new StringBuilder();
        byName.entrySet().stream().filter(e -> e.getValue() >= 0.05).sorted((x, y) -> Double.compare(y.getValue(), x.getValue()))
                .forEach(e -> b.append(e.getKey()).append(' ').append(String.format("%.2f", e.getValue())).append(", "));
        return b.toString();
    }

    /** -Ddrain=bytes|long|object: only read the chunk's rows through JDBC (no Parquet), to price the driver alone. */
    private static final String DRAIN = System.getProperty("drain");

    private static long drain(Connection c, SourceTable table, String key, ChunkPlan.Chunk chunk) throws java.sql.SQLException {
        String sql = "SELECT * FROM `" + table.database() + "`.`" + table.name() + "` WHERE "
                + (chunk.lower() == null ? "1 = 1" : "`" + key + "` >= " + chunk.lower().get(0))
                + (chunk.upper() == null ? "" : " AND `" + key + "` < " + chunk.upper().get(0));
        long n = 0;
        long sink = 0;
        try (java.sql.PreparedStatement s = c.prepareStatement(sql, java.sql.ResultSet.TYPE_FORWARD_ONLY, java.sql.ResultSet.CONCUR_READ_ONLY)) {
            s.setFetchSize(Integer.MIN_VALUE);
            try (java.sql.ResultSet rs = s.executeQuery()) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    n++;
                    for (int i = 1; i <= columns; i++) {
                        switch (DRAIN) {
                            case "bytes" -> {
                                byte[] b = rs.getBytes(i);
                                sink += b == null ? 0 : b.length;
                            }
                            case "object" -> sink += rs.getObject(i) == null ? 0 : 1;
                            default -> sink += 0;
                        }
                    }
                }
            }
        }
        return sink == -1 ? -1 : n;
    }

    public static void main(String[] args) throws Exception {
        List<String> tableNames = List.of(args[0].split(","));
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        long chunkRows = args.length > 2 ? Long.parseLong(args[2]) : 250_000;
        int repeats = args.length > 3 ? Integer.parseInt(args[3]) : 1;
        String url = args.length > 4 ? args[4] : "jdbc:mysql://127.0.0.1:3306/meshkit_bench?user=root";
        MySqlSource source = MySqlSource.of(url, null);
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        for (int r = 0; r < repeats; r++) {
          for (String tableName : tableNames) {
            String keep = System.getProperty("keep");
            Path dir = keep != null ? Files.createDirectories(Path.of(keep)) : Files.createTempDirectory("meshkit-profile-");
            try {
                ServerCpu server = ServerCpu.watch("`" + tableName + "` WHERE");
                long cpu0 = os.getProcessCpuTime();
                long t0 = System.nanoTime();
                SourceTable table = source.describe(tableName);
                List<SourceColumn> key = table.primaryKey().stream().map(k -> table.column(k).orElseThrow()).toList();
                ChunkPlan plan = new ChunkPlanner(source).plan(table, key, chunkRows, true);
                LocalLandingZone landing = new LocalLandingZone(dir);
                SnapshotKey snapshot = new SnapshotKey("bench." + tableName, LocalDate.of(2026, 11, 23));
                AtomicLong rows = new AtomicLong();
                AtomicLong bytes = new AtomicLong();
                ConcurrentLinkedQueue<String> workerStats = new ConcurrentLinkedQueue<>();
                long tRead;
                try (SnapshotSession session = SnapshotSession.open(source, threads, Duration.ofSeconds(10), LockFallback.FAIL, new ArrayList<>())) {
                    tRead = System.nanoTime();
                    ConcurrentLinkedQueue<ChunkPlan.Chunk> queue = new ConcurrentLinkedQueue<>(plan.chunks());
                    ExecutorService pool = Executors.newFixedThreadPool(session.workers().size());
                    List<Future<?>> futures = new ArrayList<>();
                    for (Connection c : session.workers()) {
                        futures.add(pool.submit(() -> {
                            long w0 = System.nanoTime();
                            long c0 = mx.getCurrentThreadCpuTime();
                            int n = 0;
                            for (ChunkPlan.Chunk chunk; (chunk = queue.poll()) != null; n++) {
                                if (DRAIN != null) {
                                    rows.addAndGet(drain(c, table, key.get(0).name(), chunk));
                                    continue;
                                }
                                LandedChunk l = ChunkReader.read(c, table, key, chunk, landing, snapshot, ZoneOffset.UTC, new AtomicLong());
                                rows.addAndGet(l.rows());
                                bytes.addAndGet(l.bytes());
                            }
                            workerStats.add(String.format("%d chunks, busy %.2f s wall, %.2f s CPU", n, (System.nanoTime() - w0) / 1e9,
                                    (mx.getCurrentThreadCpuTime() - c0) / 1e9));
                            return null;
                        }));
                    }
                    for (Future<?> f : futures) {
                        f.get();
                    }
                    pool.shutdown();
                }
                double wall = (System.nanoTime() - t0) / 1e9;
                double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
                double serverCpu = server.seconds();
                System.out.printf("%s: %,d rows in %d chunks, %.1f MB Parquet; wall %.2f s (reading %.2f s, %,.0f rows/s); JVM CPU %.2f s; server CPU %.2f s; workers: %s%n",
                        tableName, rows.get(), plan.chunks().size(), bytes.get() / 1e6, wall, (System.nanoTime() - tRead) / 1e9,
                        rows.get() / wall, cpu, serverCpu, String.join("; ", workerStats));
                if (Boolean.getBoolean("threads")) {
                    System.out.println("  JVM threads by CPU so far (s): " + threadCpu());
                }
            } finally {
                try (Stream<Path> files = keep != null ? Stream.empty() : Files.walk(dir)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
          }
        }
    }
}
