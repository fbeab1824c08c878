package io.meshkit.monitor.bench;

import io.meshkit.core.runlog.WarehouseRunLog;
import io.meshkit.core.warehouse.ResultRows;
import io.meshkit.core.warehouse.Sql;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.core.warehouse.Warehouses;
import io.meshkit.monitor.api.CheckReport;
import io.meshkit.monitor.api.MonitorSettings;
import io.meshkit.monitor.internal.MonitorService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code check} over 10,000 datasets with a year of daily runs each (3.65M runs, 1.825M publications),
 * SLAs and teams from 100 contracts of 100 datasets. Baselines in the same run: {@code SELECT count(*)}
 * over the runs, and the bulk read alone. Prints Markdown table rows. Args: WORK_DIR [RUNS=5].
 */
public final class MonitorBenchmark {
    static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Files.createDirectories(work);
        Path db = work.resolve("monitor-bench.duckdb");
        Files.deleteIfExists(db);
        Path contracts = work.resolve("contracts");
        writeContracts(contracts);
        try (Warehouse w = Warehouses.open("duckdb:" + db, Map.of("memory_limit", "2GB"))) {
            long t0 = System.nanoTime();
            seed(w);
            System.err.printf("seeded in %.1f s%n", (System.nanoTime() - t0) / 1e9);
            MonitorSettings settings = MonitorSettings.defaults().withContracts(Optional.of(contracts));
            Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
            Supplier<MonitorService> monitor = () -> new MonitorService(w, new WarehouseRunLog(w, clock), clock, settings, List.of(), d -> {});
            double count = median(runs, () -> scalar(w, "SELECT count(*) FROM meshkit_meta.runs"));
            double latest = median(runs, () -> scalar(w, "SELECT count(*) FROM (SELECT dataset, MAX(started_at) FROM meshkit_meta.runs GROUP BY dataset)"));
            double bulk = median(runs, () -> new WarehouseRunLog(w, clock).forEachDatasetActivity(NOW.minus(settings.lookback()), 10, a -> {}));
            long f0 = System.nanoTime();
            CheckReport first = monitor.get().check();
            double firstMs = (System.nanoTime() - f0) / 1e6;
            CheckReport[] last = new CheckReport[1];
            double steady = median(runs, () -> last[0] = monitor.get().check());
            int[] n = {0};
            double status = median(runs, () -> monitor.get().status(s -> n[0]++));
            System.out.printf("| `SELECT count(*)` over 3.65M runs (baseline) | %.0f | 1.0x | |%n", count);
            System.out.printf("| latest-run query alone (`GROUP BY dataset`, baseline) | %.0f | %.1fx | |%n", latest, latest / count);
            System.out.printf("| bulk read alone (`RunLog.forEachDatasetActivity`) | %.0f | %.1fx | |%n", bulk, bulk / count);
            System.out.printf("| `check`, first (%d datasets: %d failing, %d late; %d alerts and state rows written) | %.0f | %.1fx | < 2000 ms |%n",
                    first.datasets(), first.failing(), first.late(), first.alerts().size(), firstMs, firstMs / count);
            System.out.printf("| `check`, steady state (%d alerts) | %.0f | %.1fx | < 2000 ms |%n", last[0].alerts().size(), steady, steady / count);
            System.out.printf("| `status` (%d datasets streamed) | %.0f | %.1fx | |%n", n[0] / (runs + 1), status, status / count);
            System.out.printf("%nRatios against the latest-run query: bulk read %.1fx, steady check %.1fx.%n", bulk / latest, steady / latest);
        }
    }

    static void writeContracts(Path dir) throws Exception {
        Files.createDirectories(dir);
        for (int c = 0; c < 100; c++) {
            StringBuilder b = new StringBuilder("apiVersion: v3.1.0\nkind: DataContract\nid: urn:bench:d" + c + "\nversion: 1.0.0\nstatus: active\n")
                    .append("domain: d").append(String.format("%03d", c)).append("\nschema:\n");
            for (int t = 0; t < 100; t++) {
                b.append("  - name: t").append(String.format("%03d", t)).append("\n    properties:\n      - name: id\n        logicalType: integer\n")
                        .append("        physicalType: BIGINT\n        primaryKey: true\n");
            }
            b.append("team:\n  name: team-").append(c % 20).append("\nslaProperties:\n  - property: freshness\n    value: 36\n    unit: h\n");
            Files.writeString(dir.resolve("d" + c + ".odcs.yaml"), b);
        }
    }

    /** 10,000 datasets x 365 daily runs, in time order; ~1% fail their latest run, ~1% stopped 3 days ago; half publish daily. */
    static void seed(Warehouse w) {
        new WarehouseRunLog(w, Clock.systemUTC()).initialise();
        w.execute(Sql.of("""
                INSERT INTO meshkit_meta.runs
                SELECT md5(d::VARCHAR || '-' || day::VARCHAR) AS run_id, 'ingest' AS tool,
                  'd' || lpad((d // 100)::VARCHAR, 3, '0') || '.t' || lpad((d % 100)::VARCHAR, 3, '0') AS dataset,
                  TIMESTAMP '2025-11-24 02:00:00' + INTERVAL (day) DAY + INTERVAL (d % 60) SECOND AS started_at,
                  TIMESTAMP '2025-11-24 02:10:00' + INTERVAL (day) DAY + INTERVAL (d % 60) SECOND AS ended_at,
                  CASE WHEN day = 364 AND d % 97 = 0 THEN 'FAILED' ELSE 'SUCCEEDED' END AS status,
                  CASE WHEN day = 364 AND d % 97 = 0 THEN NULL ELSE 1000 + (d * 13 + day * 7) % 100 END AS row_count,
                  NULL AS byte_count,
                  CASE WHEN day = 364 AND d % 97 = 0 THEN 'Cannot connect to source db:3306: timed out' END AS message
                FROM range(365) r(day), range(10000) q(d)
                WHERE NOT (d % 101 = 0 AND day > 361)
                ORDER BY started_at, dataset"""));
        w.execute(Sql.of("""
                INSERT INTO meshkit_meta.publications
                SELECT 'd' || lpad((d // 100)::VARCHAR, 3, '0') || '.t' || lpad((d % 100)::VARCHAR, 3, '0'), day + 1, '1.0.0',
                  'd' || lpad((d // 100)::VARCHAR, 3, '0'), 't' || lpad((d % 100)::VARCHAR, 3, '0'), 1000, 'x',
                  TIMESTAMP '2025-11-24 02:20:00' + INTERVAL (day) DAY, 'ci', md5(d::VARCHAR || '-' || day::VARCHAR)
                FROM range(365) r(day), range(10000) q(d)
                WHERE d % 2 = 0 AND NOT (d % 101 = 0 AND day > 361) AND NOT (day = 364 AND d % 97 = 0)
                ORDER BY 8, 1"""));
    }

    static long scalar(Warehouse w, String sql) {
        try (ResultRows r = w.query(Sql.of(sql))) {
            return r.iterator().next().getLong(r.columns().get(0).name().name());
        }
    }

    static double median(int runs, Runnable r) {
        r.run(); // warm-up
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            r.run();
            ms.add((System.nanoTime() - t) / 1e6);
        }
        Collections.sort(ms);
        return ms.get(ms.size() / 2);
    }
}
