package io.meshkit.publisher;

import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.identifier.Namespace;
import io.meshkit.core.identifier.TableId;
import io.meshkit.core.type.DataType;
import io.meshkit.core.warehouse.Dialect;
import io.meshkit.core.warehouse.ResultRows;
import io.meshkit.core.warehouse.Sql;
import io.meshkit.core.warehouse.SqlBuilder;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.core.warehouse.Warehouses;
import io.meshkit.publisher.api.Mode;
import io.meshkit.publisher.api.PublishOutcome;
import io.meshkit.publisher.api.PublishResult;
import io.meshkit.publisher.api.PublishTarget;
import io.meshkit.publisher.internal.DefaultPublisher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The time of the promotion itself (the atomic switch: rename the candidate into its version
 * table, re-point the production view, record the publication, commit) for candidates of 1M and
 * 10M rows, beside a baseline measured in the same run: a promotion that copies the candidate
 * into production ({@code CREATE OR REPLACE TABLE ... AS SELECT}, what {@code Warehouse.replace}
 * does across namespaces). Prints a Markdown table. Run by {@code bench/publisher.sh}.
 *
 * <p>Arguments: work directory, then row counts (default 1000000 10000000), then repetitions (default 3).
 */
public final class PromotionBenchmark {
    private PromotionBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args.length > 0 ? args[0] : "bench/work/publisher");
        long[] sizes = args.length > 1 ? java.util.Arrays.stream(args[1].split(",")).mapToLong(Long::parseLong).toArray()
                : new long[] {1_000_000, 10_000_000};
        int reps = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        Files.createDirectories(work);

        warmUp(work);
        List<double[]> results = new ArrayList<>();
        for (long n : sizes) {
            results.add(measure(work, n, reps));
        }

        System.out.println("| candidate rows | promotion (switch) ms, median | full promote incl. audit ms, median | copy baseline ms, median | switch / copy "
                + "| audit ms, median | audit floor ms, median | **audit / floor** |");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (int i = 0; i < sizes.length; i++) {
            double[] r = results.get(i);
            System.out.printf(Locale.ROOT, "| %,d | %.1f | %.0f | %.0f | %.3f | %.0f | %.0f | **%.2fx** |%n", sizes[i], r[0], r[1], r[2], r[0] / r[2],
                    r[3], r[4], r[3] / r[4]);
        }
        if (sizes.length >= 2) {
            double[] small = results.get(0);
            double[] large = results.get(sizes.length - 1);
            System.out.println();
            System.out.printf(Locale.ROOT, "Ratio %,d / %,d rows: promotion (switch) %.2f (target < 1.5); copy baseline %.2f.%n",
                    sizes[sizes.length - 1], sizes[0], large[0] / small[0], large[2] / small[2]);
        }
    }

    private static Warehouse open(Path file) {
        return Warehouses.open("duckdb:" + file, Map.of("memory_limit", "1GB", "threads", "2"));
    }

    private static void warmUp(Path work) throws Exception {
        Path file = work.resolve("warmup.duckdb");
        Files.deleteIfExists(file);
        Files.deleteIfExists(work.resolve("warmup.duckdb.wal"));
        try (Warehouse w = open(file)) {
            DefaultPublisher p = Fixtures.publisher(w);
            for (int gen = 1; gen <= 5; gen++) {
                p.backfill(Fixtures.target(), Fixtures.rows(10_000 + gen, gen), Fixtures.policy(), Mode.RUN);
            }
        }
    }

    /**
     * The audit's floor: one aggregate scan of the candidate computing what the audit checks (row count, key uniqueness as
     * the count of distinct keys, the NULL count of each required column, and the same checksum), nothing else.
     */
    static Sql auditFloor(Dialect d, PublishTarget target) {
        List<ColumnName> key = target.dataset().primaryKey().stream().map(c -> c.columnName()).toList();
        List<ColumnName> all = target.dataset().columns().stream().map(c -> c.columnName()).toList();
        SqlBuilder b = d.sql().sql("SELECT COUNT(*) AS row_count, ")
                .append(d.countDistinctIf(key.stream().map(k -> d.sql().id(k).build()).toList(), Sql.of("TRUE"))).sql(" AS distinct_keys");
        for (var c : target.dataset().columns()) {
            if (c.required()) {
                b.sql(", SUM(CASE WHEN ").id(c.columnName()).sql(" IS NULL THEN 1 ELSE 0 END)");
            }
        }
        b.sql(", SUM(CAST(FLOOR(").append(d.samplingValue(d.rowFingerprint(all))).sql(" * 2147483648.0) AS ").type(DataType.BIGINT)
                .sql(")) AS fingerprint_sum FROM ").table(target.candidate());
        return b.build();
    }

    /** Median switch ms, median full-promote ms, median copy-baseline ms, median audit ms, median audit-floor ms. */
    private static double[] measure(Path work, long n, int reps) throws Exception {
        Path file = work.resolve("promote-" + n + ".duckdb");
        Files.deleteIfExists(file);
        Files.deleteIfExists(work.resolve(file.getFileName() + ".wal"));
        List<Double> swaps = new ArrayList<>();
        List<Double> fulls = new ArrayList<>();
        List<Double> copies = new ArrayList<>();
        List<Double> audits = new ArrayList<>();
        List<Double> floors = new ArrayList<>();
        PublishTarget target = Fixtures.target();
        try (Warehouse w = open(file)) {
            DefaultPublisher p = Fixtures.publisher(w);
            for (int rep = 0; rep < reps; rep++) {
                long gen = rep + 1;
                p.stage(target, Fixtures.rows(n, gen), Fixtures.policy(), Mode.RUN);
                w.execute(Sql.of("CHECKPOINT")); // staging's writes reach the file before the clock starts, as in a real pipeline
                // the audit alone (what promote runs before the switch), then its floor on the same candidate, alternating;
                // first one floor scan not counted, so that neither pays for reading the new candidate from the file first
                try (ResultRows rows = w.query(auditFloor(w.dialect(), target))) {
                    rows.iterator().next();
                }
                long a0 = System.nanoTime();
                if (!p.validate(target, Fixtures.policy(), Mode.RUN).passed()) {
                    throw new IllegalStateException("the audit of " + n + " rows failed");
                }
                audits.add((System.nanoTime() - a0) / 1e6);
                long f0 = System.nanoTime();
                try (ResultRows rows = w.query(auditFloor(w.dialect(), target))) {
                    rows.iterator().next();
                }
                floors.add((System.nanoTime() - f0) / 1e6);
                long t0 = System.nanoTime();
                PublishResult r = p.promote(target, Fixtures.policy(), Mode.RUN);
                long t1 = System.nanoTime();
                if (r.outcome() != PublishOutcome.PROMOTED || r.rows().orElse(-1) != n) {
                    throw new IllegalStateException("promotion " + rep + " of " + n + " rows: " + r.outcome());
                }
                swaps.add(r.swapTime().toNanos() / 1e6);
                fulls.add((t1 - t0) / 1e6);

                // baseline: promote by copying the same rows into a production table
                TableId copyTarget = TableId.of("baseline", "events");
                w.createNamespace(Namespace.of("baseline"));
                long c0 = System.nanoTime();
                w.execute(Sql.of("CREATE OR REPLACE TABLE baseline.events AS SELECT * FROM " + w.dialect().quote(r.release().orElseThrow())));
                long c1 = System.nanoTime();
                copies.add((c1 - c0) / 1e6);
                w.drop(copyTarget);
                System.err.printf(Locale.ROOT, "%,d rows, rep %d: switch %.1f ms, full promote %.0f ms, copy %.0f ms, audit %.0f ms, floor %.0f ms%n",
                        n, rep + 1, swaps.get(rep), fulls.get(rep), copies.get(rep), audits.get(rep), floors.get(rep));
            }
        }
        Files.deleteIfExists(file);
        return new double[] {median(swaps), median(fulls), median(copies), median(audits), median(floors)};
    }

    private static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        s.sort(Double::compare);
        return s.get(s.size() / 2);
    }
}
