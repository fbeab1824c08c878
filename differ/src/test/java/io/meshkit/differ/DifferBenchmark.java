package io.meshkit.differ;

import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.identifier.TableId;
import io.meshkit.core.warehouse.ResultRows;
import io.meshkit.core.warehouse.Row;
import io.meshkit.core.warehouse.Sql;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.core.warehouse.Warehouses;
import io.meshkit.differ.api.SegmentSettings;
import io.meshkit.differ.api.DiffRequest;
import io.meshkit.differ.api.DiffResult;
import io.meshkit.differ.di.Differs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * The differ's benchmark (run by {@code bench/differ.sh}, never by the test suite). Prints Markdown
 * rows, each beside a baseline measured in the same run:
 * <ol>
 *   <li>in the warehouse: two 10M-row, 10-column DuckDB tables with 0.1% of rows changed; the full diff
 *       against its floor, the bound: one hash per row of all compared columns, joined on the key, differing
 *       rows counted (target: at most 1.2x); then the key-only join against the same bound, for reference;</li>
 *   <li>across databases on this machine's loopback: a 1M-row MySQL table against its DuckDB copy with 10
 *       planted differences; the segment diff against downloading both sides in full and comparing them
 *       row by row, then MySQL digesting the whole table once (a bound);</li>
 *   <li>{@code network}: the same across a shaped, delayed link, one profile per call (see {@link #network});
 *       {@code proxy}: the {@link DelayProxy} that delays it; {@code compare}: the user's baseline's second
 *       process, DuckDB comparing a downloaded file with the candidate ({@link #compareDownload}); the
 *       whole-process {@code meshkit diff} is the distribution's {@code bin/meshkit} (the last argument).</li>
 * </ol>
 * Baseline and meshkit run alternately; each row shows median wall and CPU time (this JVM with
 * DuckDB's threads, plus a MySQL/MariaDB server on this machine). Arguments: work directory, rows for
 * (1) (0 to skip it), rows for (2), MySQL JDBC URL (or "-" to skip (2)), runs.
 */
public final class DifferBenchmark {
    private DifferBenchmark() {}

    public static void main(String[] args) throws Exception {
        if (args[0].equals("proxy")) {
            DelayProxy.run(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Long.parseLong(args[3]));
            return;
        }
        if (args[0].equals("compare")) {
            long t0 = System.nanoTime();
            long n = compareDownload(Path.of(args[1]), Path.of(args[2]));
            // the differences, then the milliseconds of DuckDB's open and query alone (what a native DuckDB CLI would take)
            System.out.println(n + " " + (System.nanoTime() - t0) / 1_000_000);
            return;
        }
        if (args[0].equals("network")) {
            network(Path.of(args[1]), Integer.parseInt(args[2]), args[3], args[4], Long.parseLong(args[5]), Integer.parseInt(args[6]), args[7],
                    args[8]);
            return;
        }
        Path work = Path.of(args[0]);
        long warehouseRows = Long.parseLong(args[1]);
        int mysqlRows = Integer.parseInt(args[2]);
        String mysqlUrl = args[3];
        int runs = Integer.parseInt(args[4]);
        Files.createDirectories(work);
        System.out.println("| scenario | baseline | baseline (median s) | meshkit (median s) | ratio | baseline CPU s | meshkit CPU s | CPU ratio | target | met |");
        System.out.println("|---|---|---:|---:|---:|---:|---:|---:|---|---|");
        if (warehouseRows > 0) {
            warehouse(work, warehouseRows, runs);
        }
        if (!mysqlUrl.equals("-")) {
            crossDatabase(work, mysqlUrl, mysqlRows, runs);
        }
    }

    private static Warehouse open(Path file) {
        return Warehouses.open("duckdb:" + file, Map.of("memory_limit", "4GB"));
    }

    // ---- (1) in the warehouse ----

    private static void warehouse(Path work, long rows, int runs) {
        Path file = work.resolve("differ-" + rows + ".duckdb");
        try (Warehouse w = open(file)) {
            TableId a = TableId.of("bench", "a");
            if (w.describe(a).map(t -> t.rowCount() != rows).orElse(true)) {
                w.execute(Sql.of("CREATE SCHEMA IF NOT EXISTS bench"));
                w.execute(Sql.of("CREATE OR REPLACE TABLE bench.a AS SELECT range AS id, range % 1000 AS c_int, (range * 7) % 100003 AS c_big,"
                        + " CAST(range % 10000 AS DECIMAL(12,2)) / 100 AS c_dec, range / 3.0 AS c_dbl, hash(range) % 1000 / 7.0 AS c_dbl2,"
                        + " 'user-' || (range % 50000) AS c_str, ['a','b','c','d'][1 + range % 4] AS c_cat,"
                        + " DATE '2020-01-01' + CAST(range % 2000 AS INTEGER) AS c_date,"
                        + " TIMESTAMP '2024-01-01' + to_seconds(range % 86400) AS c_ts FROM range(" + rows + ")"));
                // 0.1% of rows changed, spread over the key range, in two columns
                w.execute(Sql.of("CREATE OR REPLACE TABLE bench.b AS SELECT * REPLACE ("
                        + " CASE WHEN id % 1000 = 7 THEN c_int + 1 ELSE c_int END AS c_int,"
                        + " CASE WHEN id % 1000 = 7 THEN c_str || 'x' ELSE c_str END AS c_str) FROM bench.a"));
                w.execute(Sql.of("CHECKPOINT"));
            }
            TableId b = TableId.of("bench", "b");
            DiffRequest request = DiffRequest.of(a, b, ColumnName.list("id"));
            // the floor: the least any diff of all columns reads and joins, one hash of each row's values joined on
            // the key and the differing hashes counted; no per-column counts, examples or profiles
            String hash = "hash(c_int, c_big, c_dec, c_dbl, c_dbl2, c_str, c_cat, c_date, c_ts)";
            LongSupplier bound = () -> {
                try (ResultRows r = w.query(Sql.of("SELECT count(*) FILTER (WHERE p.h IS DISTINCT FROM c.h) FROM (SELECT id, " + hash
                        + " AS h FROM bench.a) p FULL JOIN (SELECT id, " + hash + " AS h FROM bench.b) c ON p.id = c.id"))) {
                    return ((Number) r.iterator().next().get(0)).longValue();
                }
            };
            long[] changed = {0};
            Timing[] t = medians(runs, bound, () -> {
                DiffResult r = Differs.inWarehouse(w).diff(request);
                changed[0] = r.changed();
                return r.changed();
            });
            if (changed[0] != rows / 1000) {
                throw new IllegalStateException("expected " + rows / 1000 + " changed keys, the diff found " + changed[0]);
            }
            String floorName = "the bound: one hash per row of all 9 columns, joined on the key, differing hashes counted";
            row(String.format(Locale.ROOT, "in-warehouse diff (counts, per-column counts and examples, profiles), 2 x %,d rows x 10 columns, %,d changed",
                    rows, changed[0]), floorName, t[0], t[1], true, "≤ 1.2x the bound", t[1].wall() / t[0].wall() <= 1.2);
            // for reference: the key-only join, against the same bound
            Timing[] keyOnly = medians(runs, bound, () -> {
                try (ResultRows r = w.query(Sql.of("SELECT count(*) FROM bench.a FULL JOIN bench.b USING (id)"))) {
                    return ((Number) r.iterator().next().get(0)).longValue();
                }
            });
            bound("for reference: `count(*)` of the full outer join on the key alone (reads no value)", floorName, keyOnly[0], keyOnly[1], true);
        }
    }

    // ---- (2) across databases ----

    private static void crossDatabase(Path work, String url, int rows, int runs) throws Exception {
        String db = "meshkit_bench";
        String base = url.replaceFirst("(jdbc:mysql://[^/]+/)[^?]*", "$1");
        try (Connection c = DriverManager.getConnection(base); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE IF NOT EXISTS " + db);
            s.execute("USE " + db);
            boolean fresh = true;
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = '" + db + "' AND TABLE_NAME = 'items'")) {
                rs.next();
                if (rs.getLong(1) > 0) {
                    try (ResultSet n = c.createStatement().executeQuery("SELECT COUNT(*) FROM items")) {
                        n.next();
                        fresh = n.getLong(1) != rows;
                    }
                }
            }
            if (fresh) {
                s.execute("DROP TABLE IF EXISTS items");
                s.execute("CREATE TABLE items (id BIGINT PRIMARY KEY, qty INT, price DECIMAL(10,2), score DOUBLE, name VARCHAR(40),"
                        + " note VARCHAR(40) NULL, flag TINYINT(1), born DATE, seen DATETIME(6), city VARCHAR(20))"
                        + " CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci");
                s.execute("INSERT INTO items SELECT seq, seq % 100, (seq % 1000) / 100, seq / 8, CONCAT('name-', seq),"
                        + " IF(seq % 3 = 0, NULL, CONCAT('n', seq % 7)), seq % 2, DATE_ADD('2020-01-01', INTERVAL seq % 1000 DAY),"
                        + " TIMESTAMP('2024-01-01') + INTERVAL seq SECOND + INTERVAL seq MICROSECOND,"
                        + " ELT(1 + seq % 3, 'Berlin', 'Paris', 'Rome') FROM seq_1_to_" + rows);
            }
        }
        Path file = work.resolve("differ-cross-" + rows + ".duckdb");
        try (Warehouse w = open(file)) {
            w.execute(Sql.of("CREATE SCHEMA IF NOT EXISTS d"));
            w.execute(Sql.of("CREATE OR REPLACE TABLE d.items AS SELECT CAST(range AS BIGINT) AS id, CAST(range % 100 AS INTEGER) AS qty,"
                    + " CAST((range % 1000) / 100 AS DECIMAL(10,2)) AS price, range / 8 AS score, 'name-' || range AS name,"
                    + " CASE WHEN range % 3 = 0 THEN NULL ELSE 'n' || (range % 7) END AS note, CAST(range % 2 AS TINYINT) AS flag,"
                    + " DATE '2020-01-01' + CAST(range % 1000 AS INTEGER) AS born,"
                    + " TIMESTAMP '2024-01-01' + to_seconds(range) + to_microseconds(range) AS seen,"
                    + " ['Berlin', 'Paris', 'Rome'][1 + range % 3] AS city FROM range(1, " + (rows + 1) + ")"));
            // 10 planted differences, spread over the key range
            w.execute(Sql.of("UPDATE d.items SET qty = -1 WHERE id IN (1, 99999, 200000, 333333, 500001, 650000, 777777, 888888, 999000, "
                    + rows + ")"));
            TableId prod = TableId.of(db, "items");
            TableId cand = TableId.of("d", "items");
            String dbUrl = base.replaceFirst("(jdbc:mysql://[^/]+/)", "$1" + db);
            long[] found = {0};
            Timing[] t = medians(runs, () -> downloadBoth(dbUrl, w, rows), () -> {
                DiffResult r = Differs.mysqlAgainstWarehouse(dbUrl, null, w, new SegmentSettings(
                        Integer.getInteger("differ.segments", SegmentSettings.DEFAULT_FANOUT),
                        Integer.getInteger("differ.downloadThreshold", SegmentSettings.DEFAULT_DOWNLOAD_THRESHOLD)))
                        .diff(DiffRequest.of(prod, cand, ColumnName.list("id")));
                found[0] = r.changed();
                System.err.println("segments: " + r.work());
                return r.changed();
            });
            Timing full = t[0];
            Timing segments = t[1];
            if (found[0] != 10) {
                throw new IllegalStateException("expected 10 changed keys, the segment diff found " + found[0]);
            }
            row(String.format(Locale.ROOT, "cross-database diff, MySQL %,d rows vs DuckDB copy, 10 planted", rows),
                    "download both sides in full, compare row by row", full, segments, false, "≥ 5x faster", full.wall() / segments.wall() >= 5);
            // the least a checksum costs MySQL alone: one MD5 over all rows' plain texts (no canonical forms), one query,
            // while the other side and the bisection cost nothing
            Timing[] least = medians(runs, () -> downloadBoth(dbUrl, w, rows), () -> mysqlDigest(dbUrl));
            bound("bound: MySQL alone digests the whole table once (`MD5(GROUP_CONCAT(CONCAT_WS(...)))`, plain texts)",
                    "download both sides in full, compare row by row", least[0], least[1], false);
        }
    }

    // ---- (3) across databases over a (shaped, delayed) network ----

    /**
     * One network profile: production in a MySQL server reached through {@code proxyUrl} (the bench
     * script shapes the server's port with tc and delays it with {@link DelayProxy}), the candidate
     * in DuckDB. Measures, alternately, the full download of both sides with a row-by-row compare
     * and the cross-database diff in this JVM; then, as a user runs them, whole processes: the
     * {@code mariadb --batch --quick} client downloading production to a file and DuckDB comparing
     * that file with the candidate (the baseline), the client alone (for reference: it compares
     * nothing), and {@code meshkit diff --source}.
     * For each: median wall time, this process's CPU, the server's CPU (from /proc of {@code serverPid}),
     * and the rows and bytes the server sent (its global status, read through {@code statusUrl}).
     */
    private static void network(Path work, int rows, String proxyUrl, String statusUrl, long serverPid, int runs, String label,
            String meshkit) throws Exception {
        String db = "meshkit_bench";
        try (Connection c = DriverManager.getConnection(statusUrl); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE IF NOT EXISTS " + db);
            s.execute("USE " + db);
            boolean fresh = true;
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = '" + db
                    + "' AND TABLE_NAME = 'items'")) {
                rs.next();
                if (rs.getLong(1) > 0) {
                    try (ResultSet n = c.createStatement().executeQuery("SELECT COUNT(*) FROM items")) {
                        n.next();
                        fresh = n.getLong(1) != rows;
                    }
                }
            }
            if (fresh) {
                createMySqlItems(s, rows);
            }
        }
        Path file = work.resolve("differ-net-" + rows + ".duckdb");
        String dbUrl = proxyUrl.replaceFirst("(jdbc:mysql://[^/]+/)[^?]*", "$1" + db);
        TableId prod = TableId.of(db, "items");
        TableId cand = TableId.of("d", "items");
        List<String> out = new ArrayList<>();
        double[] baseWall = new double[runs];
        double[] diffWall = new double[runs];
        Sample[] base = new Sample[runs];
        Sample[] diff = new Sample[runs];
        DiffResult[] last = new DiffResult[1];
        try (Warehouse w = open(file)) {
            createDuckItems(w, rows);
            LongSupplier download = () -> downloadBoth(dbUrl, w, rows);
            LongSupplier segments = () -> {
                DiffResult r = Differs.mysqlAgainstWarehouse(dbUrl, null, w, SegmentSettings.DEFAULTS).diff(DiffRequest.of(prod, cand, ColumnName.list("id")));
                last[0] = r;
                return r.changed();
            };
            download.getAsLong(); // warm-up
            segments.getAsLong();
            for (int i = 0; i < runs; i++) {
                base[i] = sample(statusUrl, serverPid, download);
                diff[i] = sample(statusUrl, serverPid, segments);
            }
        }
        if (last[0].changed() != 10) {
            throw new IllegalStateException("expected 10 changed keys, the segment diff found " + last[0].changed());
        }
        // whole processes, as a user runs them (the warehouse file is closed: the CLI opens it)
        String javaBin = ProcessHandle.current().info().command().orElse("java");
        String cp = System.getProperty("java.class.path");
        java.net.URI uri = java.net.URI.create(proxyUrl.substring("jdbc:".length()));
        List<String> client = List.of("mariadb", "-h", uri.getHost(), "-P", String.valueOf(uri.getPort()), "-uroot", "--batch", "--quick",
                "-e", "SELECT id, qty, price, score, name, note, flag, born, seen, city FROM " + db + ".items ORDER BY id");
        // the distribution's own command, as a user runs it (its launcher's JVM options and class-data archive)
        List<String> cli = List.of(meshkit, "diff", "--warehouse", "duckdb:" + file, "--source", dbUrl,
                "--production", db + ".items", "--candidate", "d.items", "--key", "id", "--format", "json");
        // the user's own diff: the client's output to a file, then DuckDB compares that file with the candidate
        Path tsv = work.resolve("differ-net-download.tsv");
        List<String> compare = List.of(javaBin, "-cp", cp, DifferBenchmark.class.getName(), "compare", tsv.toString(), file.toString());
        // per run, the compare process's JVM start and exit: its wall time less DuckDB's open and query
        List<Long> compareJvmMillis = new ArrayList<>();
        LongSupplier downloadAndCompare = () -> {
            runTo(client, tsv);
            String[] found = new String[1];
            long t0 = System.nanoTime();
            run(compare, found);
            long processMillis = (System.nanoTime() - t0) / 1_000_000;
            String[] parts = found[0].trim().split(" ");
            long n = Long.parseLong(parts[0]);
            compareJvmMillis.add(processMillis - Long.parseLong(parts[1]));
            if (n != 10) {
                throw new IllegalStateException("the download and DuckDB compare found " + n + " differences, not 10");
            }
            return n;
        };
        Sample[] fairRuns = new Sample[runs];
        Sample[] clientRuns = new Sample[runs];
        Sample[] cliRuns = new Sample[runs];
        String[] cliJson = new String[1];
        downloadAndCompare.getAsLong(); // warm-up
        run(client, null);
        run(cli, null);
        for (int i = 0; i < runs; i++) {
            fairRuns[i] = sample(statusUrl, serverPid, downloadAndCompare);
            clientRuns[i] = sample(statusUrl, serverPid, () -> run(client, null));
            cliRuns[i] = sample(statusUrl, serverPid, () -> run(cli, cliJson));
        }
        Files.deleteIfExists(tsv);
        com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(cliJson[0]);
        if (json.path("keys").path("changed").asLong() != 10) {
            throw new IllegalStateException("meshkit diff found " + json.path("keys").path("changed") + " changed keys, not 10");
        }
        Sample b = Sample.median(base);
        Sample d = Sample.median(diff);
        Sample mc = Sample.median(clientRuns);
        Sample mf = Sample.median(fairRuns);
        // the same download and compare without the compare JVM's start (as with a native DuckDB CLI)
        List<Long> jvm = compareJvmMillis.subList(compareJvmMillis.size() - runs, compareJvmMillis.size());
        double[] native_ = new double[runs];
        for (int i = 0; i < runs; i++) {
            native_[i] = fairRuns[i].wall - jvm.get(i) / 1000.0;
        }
        Arrays.sort(native_);
        double mn = native_[runs / 2];
        Sample md = Sample.median(cliRuns);
        System.out.println(String.format(Locale.ROOT, "| %s | download both sides in full, compare row by row (in one JVM) | %.2f | | %.2f | %.2f | %,d | %,d | 10 |",
                label, b.wall, b.cpu, b.serverCpu, b.rowsSent, b.bytesSent));
        System.out.println(String.format(Locale.ROOT, "| %s | cross-database diff (`CrossDatabaseDiffer`, same JVM) | %.2f | **%.1fx** | %.2f | %.2f | %,d | %,d | %d |",
                label, d.wall, b.wall / d.wall, d.cpu, d.serverCpu, d.rowsSent, d.bytesSent, last[0].changed()));
        System.out.println(String.format(Locale.ROOT, "| %s | `mariadb --batch --quick` downloads production to a file, then DuckDB compares it with the candidate (whole processes) | %.2f | | %.2f | %.2f | %,d | %,d | 10 |",
                label, mf.wall, mf.cpu, mf.serverCpu, mf.rowsSent, mf.bytesSent));
        System.out.println(String.format(Locale.ROOT, "| %s | for reference: `mariadb --batch --quick` downloads production (whole process, compares nothing) | %.2f | | %.2f | %.2f | %,d | %,d | |",
                label, mc.wall, mc.cpu, mc.serverCpu, mc.rowsSent, mc.bytesSent));
        System.out.println(String.format(Locale.ROOT, "| %s | for reference: the same download and compare less the compare JVM's start and exit (as a native DuckDB CLI would run it) | %.2f | | | | | | |",
                label, mn));
        System.out.println(String.format(Locale.ROOT, "| %s | `meshkit diff --source` (whole process: `bin/meshkit`, its JVM, DuckDB, diff) | %.2f | **%.1fx** vs download to a file + DuckDB compare (%.1fx without the compare JVM's start), %.1fx vs the client alone | %.2f | %.2f | %,d | %,d | %d |",
                label, md.wall, mf.wall / md.wall, mn / md.wall, mc.wall / md.wall, md.cpu, md.serverCpu, md.rowsSent, md.bytesSent, json.path("keys").path("changed").asLong()));
        StringBuilder steps = new StringBuilder();
        for (DiffResult.Step st : last[0].work().steps()) {
            steps.append(steps.length() == 0 ? "" : ", ").append(st.name()).append(' ').append(st.millis()).append(" ms")
                    .append(st.segments() > 0 ? " (" + st.segments() + (st.rows() > 0 ? " ranges, " + st.rows() + " rows)" : " ranges)") : "");
        }
        long elapsed = json.path("work").path("elapsedMillis").asLong();
        System.err.println("STEPS " + label + ": " + steps + "; whole diff " + last[0].work().elapsedMillis() + " ms in this JVM; "
                + "the CLI process: " + Math.round(md.wall * 1000) + " ms, of which the diff " + elapsed + " ms and JVM start, DuckDB and output "
                + (Math.round(md.wall * 1000) - elapsed) + " ms");
        System.out.flush();
    }

    /** One measured run: wall, this process's CPU, the server's CPU, and what the server sent. */
    private record Sample(double wall, double cpu, double serverCpu, long rowsSent, long bytesSent) {
        static Sample median(Sample[] runs) {
            Sample[] s = runs.clone();
            Arrays.sort(s, java.util.Comparator.comparingDouble(Sample::wall));
            return s[s.length / 2];
        }
    }

    /** CPU seconds (user + system) of the processes {@link #run} and {@link #runTo} ran since the last sample. */
    private static double childCpu;

    private static Sample sample(String statusUrl, long serverPid, LongSupplier work) {
        System.gc();
        childCpu = 0;
        long[] before = serverStatus(statusUrl);
        long serverBefore = pidCpuNanos(serverPid);
        long cpuBefore = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
        long start = System.nanoTime();
        work.getAsLong();
        double wall = (System.nanoTime() - start) / 1e9;
        long cpu = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() - cpuBefore;
        long server = pidCpuNanos(serverPid) - serverBefore;
        long[] after = serverStatus(statusUrl);
        // for whole processes, their own CPU rather than this JVM's (which only waited)
        return new Sample(wall, childCpu > 0 ? childCpu : cpu / 1e9, server / 1e9, after[0] - before[0], after[1] - before[1]);
    }

    /** The server's global Rows_sent and Bytes_sent. */
    private static long[] serverStatus(String url) {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SHOW GLOBAL STATUS WHERE Variable_name IN ('Rows_sent', 'Bytes_sent')")) {
            long[] out = new long[2];
            while (rs.next()) {
                out[rs.getString(1).equalsIgnoreCase("Rows_sent") ? 0 : 1] = rs.getLong(2);
            }
            return out;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long pidCpuNanos(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10_000_000L;
        } catch (java.io.IOException | RuntimeException e) {
            return 0;
        }
    }

    /** The command under {@code /usr/bin/time}, which writes its user and system CPU seconds to {@code cpu}. */
    private static List<String> timed(List<String> command, Path cpu) {
        List<String> out = new ArrayList<>(List.of("/usr/bin/time", "-f", "%U %S", "-o", cpu.toString()));
        out.addAll(command);
        return out;
    }

    private static void addChildCpu(Path cpu) throws java.io.IOException {
        String[] f = Files.readString(cpu).trim().split("\\s+");
        Files.delete(cpu);
        childCpu += Double.parseDouble(f[f.length - 2]) + Double.parseDouble(f[f.length - 1]);
    }

    /** Runs a process to its end with its output to a file, failing on a non-zero exit. */
    private static void runTo(List<String> command, Path output) {
        try {
            Path cpu = Files.createTempFile("differ-bench", ".cpu");
            Process p = new ProcessBuilder(timed(command, cpu)).redirectError(ProcessBuilder.Redirect.DISCARD).redirectOutput(output.toFile()).start();
            int exit = p.waitFor();
            addChildCpu(cpu);
            if (exit != 0) {
                throw new IllegalStateException(command.get(0) + " exited with " + exit);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The second half of the user's baseline, as a DuckDB session runs it: the client's tab-separated
     * download of production read with {@code read_csv} and fully joined with the candidate on the
     * key; returns the rows that differ (added, removed or changed in any column).
     */
    static long compareDownload(Path tsv, Path duckdb) throws java.sql.SQLException {
        String columns = "{'id': 'BIGINT', 'qty': 'INTEGER', 'price': 'DECIMAL(10,2)', 'score': 'DOUBLE', 'name': 'VARCHAR',"
                + " 'note': 'VARCHAR', 'flag': 'TINYINT', 'born': 'DATE', 'seen': 'TIMESTAMP', 'city': 'VARCHAR'}";
        String values = "(%1$s.qty, %1$s.price, %1$s.score, %1$s.name, %1$s.note, %1$s.flag, %1$s.born, %1$s.seen, %1$s.city)";
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + duckdb); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM read_csv('" + tsv + "', delim = '\t', header = true, quote = '',"
                        + " escape = '', nullstr = 'NULL', columns = " + columns + ") p FULL JOIN d.items c ON p.id = c.id"
                        + " WHERE p.id IS NULL OR c.id IS NULL OR " + String.format(values, "p") + " IS DISTINCT FROM " + String.format(values, "c"))) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Runs a process to its end (its output to /dev/null, or captured), failing on a non-zero exit. */
    private static long run(List<String> command, String[] captured) {
        try {
            Path cpu = Files.createTempFile("differ-bench", ".cpu");
            ProcessBuilder pb = new ProcessBuilder(timed(command, cpu)).redirectError(ProcessBuilder.Redirect.DISCARD);
            if (captured == null) {
                pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
            }
            Process p = pb.start();
            if (captured != null) {
                captured[0] = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            }
            int exit = p.waitFor();
            addChildCpu(cpu);
            if (exit != 0 && !(captured != null && exit == 1)) {
                throw new IllegalStateException(command.get(0) + " exited with " + exit);
            }
            return exit;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void createMySqlItems(Statement s, int rows) throws java.sql.SQLException {
        s.execute("DROP TABLE IF EXISTS items");
        s.execute("CREATE TABLE items (id BIGINT PRIMARY KEY, qty INT, price DECIMAL(10,2), score DOUBLE, name VARCHAR(40),"
                + " note VARCHAR(40) NULL, flag TINYINT(1), born DATE, seen DATETIME(6), city VARCHAR(20))"
                + " CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci");
        s.execute("INSERT INTO items SELECT seq, seq % 100, (seq % 1000) / 100, seq / 8, CONCAT('name-', seq),"
                + " IF(seq % 3 = 0, NULL, CONCAT('n', seq % 7)), seq % 2, DATE_ADD('2020-01-01', INTERVAL seq % 1000 DAY),"
                + " TIMESTAMP('2024-01-01') + INTERVAL seq SECOND + INTERVAL seq MICROSECOND,"
                + " ELT(1 + seq % 3, 'Berlin', 'Paris', 'Rome') FROM seq_1_to_" + rows);
    }

    /** The candidate: the same rows in DuckDB, with 10 planted differences spread over the key range. */
    private static void createDuckItems(Warehouse w, int rows) {
        w.execute(Sql.of("CREATE SCHEMA IF NOT EXISTS d"));
        w.execute(Sql.of("CREATE OR REPLACE TABLE d.items AS SELECT CAST(range AS BIGINT) AS id, CAST(range % 100 AS INTEGER) AS qty,"
                + " CAST((range % 1000) / 100 AS DECIMAL(10,2)) AS price, range / 8 AS score, 'name-' || range AS name,"
                + " CASE WHEN range % 3 = 0 THEN NULL ELSE 'n' || (range % 7) END AS note, CAST(range % 2 AS TINYINT) AS flag,"
                + " DATE '2020-01-01' + CAST(range % 1000 AS INTEGER) AS born,"
                + " TIMESTAMP '2024-01-01' + to_seconds(range) + to_microseconds(range) AS seen,"
                + " ['Berlin', 'Paris', 'Rome'][1 + range % 3] AS city FROM range(1, " + (rows + 1) + ")"));
        w.execute(Sql.of("UPDATE d.items SET qty = -1 WHERE id IN (1, 99999, 200000, 333333, 500001, 650000, 777777, 888888, 999000, "
                + rows + ")"));
        w.execute(Sql.of("CHECKPOINT"));
    }

    /**
     * A TCP proxy on the loopback interface that delays every chunk by a fixed time in each
     * direction (round trip = twice the delay), for a benchmark without netem. Reads run ahead of
     * writes, so the delay adds latency without limiting throughput.
     */
    static final class DelayProxy {
        private DelayProxy() {}

        static void run(int listenPort, int targetPort, long oneWayMicros) throws java.io.IOException {
            java.net.InetAddress lo = java.net.InetAddress.getLoopbackAddress();
            try (java.net.ServerSocket server = new java.net.ServerSocket(listenPort, 64, lo)) {
                System.err.println("delay proxy " + listenPort + " -> " + targetPort + ", " + oneWayMicros + " us each way");
                while (true) {
                    java.net.Socket client = server.accept();
                    java.net.Socket target = new java.net.Socket(lo, targetPort);
                    client.setTcpNoDelay(true);
                    target.setTcpNoDelay(true);
                    pump(client, target, oneWayMicros);
                    pump(target, client, oneWayMicros);
                }
            }
        }

        private record Chunk(long due, byte[] bytes) {}

        private static void pump(java.net.Socket from, java.net.Socket to, long oneWayMicros) {
            java.util.concurrent.LinkedBlockingQueue<Chunk> queue = new java.util.concurrent.LinkedBlockingQueue<>();
            Thread reader = new Thread(() -> {
                byte[] buf = new byte[256 * 1024];
                try (var in = from.getInputStream()) {
                    int n;
                    while ((n = in.read(buf)) > 0) {
                        queue.put(new Chunk(System.nanoTime() + oneWayMicros * 1000, Arrays.copyOf(buf, n)));
                    }
                } catch (java.io.IOException | InterruptedException e) {
                    // the connection ended
                }
                queue.add(new Chunk(System.nanoTime() + oneWayMicros * 1000, null));
            });
            Thread writer = new Thread(() -> {
                try {
                    var out = to.getOutputStream();
                    while (true) {
                        Chunk c = queue.take();
                        long wait = c.due() - System.nanoTime();
                        if (wait > 0) {
                            java.util.concurrent.locks.LockSupport.parkNanos(wait);
                        }
                        if (c.bytes() == null) {
                            to.shutdownOutput();
                            return;
                        }
                        out.write(c.bytes());
                    }
                } catch (java.io.IOException | InterruptedException e) {
                    try {
                        from.close();
                        to.close();
                    } catch (java.io.IOException ignored) {
                        // closing anyway
                    }
                }
            });
            reader.setDaemon(true);
            writer.setDaemon(true);
            reader.start();
            writer.start();
        }
    }

    /** The baseline: stream every row of both sides in key order and compare them in the JVM. */
    private static long downloadBoth(String url, Warehouse w, int rows) {
        String cols = "id, qty, price, score, name, note, flag, born, seen, city";
        long differences = 0;
        try (Connection c = DriverManager.getConnection(url);
                PreparedStatement ps = c.prepareStatement("SELECT " + cols + " FROM items ORDER BY id",
                        ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
                ResultRows duck = w.query(Sql.of("SELECT " + cols + " FROM d.items ORDER BY id"))) {
            ps.setFetchSize(Integer.MIN_VALUE);
            try (ResultSet rs = ps.executeQuery()) {
                Iterator<Row> it = duck.iterator();
                while (rs.next() && it.hasNext()) {
                    Row r = it.next();
                    Object[] mine = {rs.getLong(1), rs.getInt(2), rs.getBigDecimal(3), rs.getDouble(4), rs.getString(5), rs.getString(6),
                        (long) rs.getInt(7), rs.getObject(8, java.time.LocalDate.class), rs.getObject(9, java.time.LocalDateTime.class), rs.getString(10)};
                    List<Object> theirs = r.values();
                    if (!Objects.equals(mine[1], ((Number) theirs.get(1)).intValue()) || !Objects.equals(mine[4], theirs.get(4))
                            || !Objects.equals(mine[5], theirs.get(5)) || mine[2].toString().compareTo(theirs.get(2).toString()) != 0
                            || !Objects.equals(mine[8], theirs.get(8)) || !Objects.equals(mine[9], theirs.get(9))) {
                        differences++;
                    }
                }
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        if (differences < 10) {
            throw new IllegalStateException("the full download found only " + differences + " differences");
        }
        return differences;
    }

    private static long mysqlDigest(String url) {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("SET SESSION group_concat_max_len = 1073741824");
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*), MD5(GROUP_CONCAT(CONCAT_WS(X'1E', id, qty, price, score, name,"
                    + " IFNULL(note, X'1F'), flag, born, seen, city) SEPARATOR X'1D')) FROM items")) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Median wall time and median CPU time (this process, DuckDB's threads included, plus the local MySQL server's). */
    private record Timing(double wall, double cpu) {}

    /**
     * Medians of the baseline and of meshkit, run alternately (one warm-up each first), so that a
     * change in the machine's load during the benchmark weighs on both alike.
     */
    private static Timing[] medians(int runs, LongSupplier baseline, LongSupplier mine) {
        baseline.getAsLong(); // warm-up: JIT, file cache
        mine.getAsLong();
        double[][] wall = new double[2][runs];
        double[][] cpu = new double[2][runs];
        LongSupplier[] work = {baseline, mine};
        for (int i = 0; i < runs; i++) {
            for (int w = 0; w < 2; w++) {
                System.gc(); // the other's garbage is not collected on this one's time
                long c = cpuNanos();
                long start = System.nanoTime();
                work[w].getAsLong();
                wall[w][i] = (System.nanoTime() - start) / 1e9;
                cpu[w][i] = (cpuNanos() - c) / 1e9;
            }
        }
        Timing[] out = new Timing[2];
        for (int w = 0; w < 2; w++) {
            Arrays.sort(wall[w]);
            Arrays.sort(cpu[w]);
            out[w] = new Timing(wall[w][runs / 2], cpu[w][runs / 2]);
        }
        return out;
    }

    /** CPU time of this JVM (with DuckDB's native threads) and of a MySQL/MariaDB server on this machine, if any. */
    private static long cpuNanos() {
        long own = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
        return own + serverCpuNanos();
    }

    private static long serverCpuNanos() {
        try (var procs = Files.list(Path.of("/proc"))) {
            long total = 0;
            for (Path p : (Iterable<Path>) procs::iterator) {
                Path comm = p.resolve("comm");
                if (!p.getFileName().toString().chars().allMatch(Character::isDigit) || !Files.isReadable(comm)) {
                    continue;
                }
                String name = Files.readString(comm).trim();
                if (name.equals("mariadbd") || name.equals("mysqld")) {
                    String stat = Files.readString(p.resolve("stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    total += (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10_000_000L; // utime + stime in 1/100 s
                }
            }
            return total;
        } catch (java.io.IOException | RuntimeException e) {
            return 0;
        }
    }

    /** A row that bounds what any implementation could reach: measured the same way, no target. */
    private static void bound(String scenario, String baseline, Timing base, Timing mine, boolean lowerIsBetter) {
        double ratio = lowerIsBetter ? mine.wall() / base.wall() : base.wall() / mine.wall();
        double cpuRatio = lowerIsBetter ? mine.cpu() / base.cpu() : base.cpu() / mine.cpu();
        System.out.println(String.format(Locale.ROOT, "| %s | %s | %.2f | %.2f | %.2fx | %.2f | %.2f | %.2fx | (a bound) | |", scenario, baseline,
                base.wall(), mine.wall(), ratio, base.cpu(), mine.cpu(), cpuRatio));
        System.out.flush();
    }

    private static void row(String scenario, String baseline, Timing base, Timing mine, boolean lowerIsBetter, String target, boolean met) {
        double ratio = lowerIsBetter ? mine.wall() / base.wall() : base.wall() / mine.wall();
        double cpuRatio = lowerIsBetter ? mine.cpu() / base.cpu() : base.cpu() / mine.cpu();
        System.out.println(String.format(Locale.ROOT, "| %s | %s | %.2f | %.2f | %.2fx | %.2f | %.2f | %.2fx | %s | %s |", scenario, baseline,
                base.wall(), mine.wall(), ratio, base.cpu(), mine.cpu(), cpuRatio, target, met ? "yes" : "**no**"));
        System.out.flush();
    }

}
