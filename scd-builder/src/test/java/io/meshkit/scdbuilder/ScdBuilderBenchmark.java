package io.meshkit.scdbuilder;

import io.meshkit.core.contract.Contract;
import io.meshkit.core.contract.ContractReader;
import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.identifier.TableId;
import io.meshkit.core.runlog.WarehouseRunLog;
import io.meshkit.core.warehouse.Dialect;
import io.meshkit.core.warehouse.ResultRows;
import io.meshkit.core.warehouse.Sql;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.core.warehouse.Warehouses;
import io.meshkit.scdbuilder.api.Execution;
import io.meshkit.scdbuilder.api.ScdBuilder;
import io.meshkit.scdbuilder.di.ScdBuilders;
import io.meshkit.scdbuilder.api.ScdResult;
import io.meshkit.scdbuilder.api.ScdTarget;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Applying a daily snapshot to a large dimension on DuckDB: meshkit's apply beside a baseline
 * written the way dbt's snapshot "check" strategy works (hash the rows, stage insertions, updates
 * and deletes with one join each, then update the closed versions and insert the new ones in
 * place), and the floor: one full outer join of the snapshot with the current rows comparing
 * fingerprints, counting only. Prints a Markdown table of wall times and of the process's CPU time
 * (DuckDB runs in this process), whose ratios move less when the machine is shared.
 *
 * <p>Arguments: {@code KEYS [DB_FILE] [MEMORY_LIMIT] [RUNS]}; defaults 10,000,000, a temp file, 4GB,
 * and 1 run above 2M keys (2 below); each row is the best of the runs.
 */
public final class ScdBuilderBenchmark {
    /**
     * A dimension of the benchmark: key {@code id}, {@code name} and {@code score} type 2, {@code tag} with the
     * history given, then any further property lines: {@code %1$s} the dataset, {@code %2$s} the contract's
     * name, {@code %3$s} tag's history, {@code %4$s} the further properties (indented as properties are).
     */
    private static final String DIMENSION = """
            apiVersion: v3.1.0
            kind: DataContract
            id: urn:meshkit:bench:%1$s
            name: %2$s
            version: 1.0.0
            status: active
            domain: bench
            schema:
              - name: %1$s
                properties:
                  - name: id
                    logicalType: integer
                    physicalType: BIGINT
                    required: true
                    primaryKey: true
                  - name: name
                    logicalType: string
                    physicalType: VARCHAR
                  - name: score
                    logicalType: integer
                    physicalType: INTEGER
                  - name: tag
                    logicalType: string
                    physicalType: VARCHAR
                    customProperties:
                      - property: meshkit.history
                        value: %3$s
            %4$s
                customProperties:
                  - property: meshkit.kind
                    value: dimension
            """;

    /** The apply benchmark's dimension: {@code tag} type 1. */
    private static final String CONTRACT = DIMENSION.formatted("items", "Items", "type1", "");

    /**
     * The restatement benchmark's dimension adds {@code email} (NULL on day 1, filled for 1% of the keys on
     * day 2); {@code tag} is corrected for 0.1% on day 2. The variants differ only in the history of
     * {@code tag} and the firstFill of {@code email} ({@code %s}).
     */
    private static final String RESTATE_EMAIL = """
            - name: email
              logicalType: string
              physicalType: VARCHAR
              customProperties:
                - property: meshkit.firstFill
                  value: %s
            """;

    /** A restatement variant: its dataset, what it shows, the history of tag and the firstFill of email. */
    private record Variant(String dataset, String what, String tagHistory, String emailFill) {}

    private static final List<Variant> VARIANTS = List.of(
            new Variant("items_plain", "restate, type-2 columns only (tag ignored; email's first fill opens versions)", "ignore", "version"),
            new Variant("items_type1", "restate with a type-1 column (tag corrected in every version)", "type1", "version"),
            new Variant("items_fill", "restate with `meshkit.firstFill: fill` (email's first value fills the current version)", "ignore", "fill"));

    private ScdBuilderBenchmark() {}

    public static void main(String[] args) throws Exception {
        long keys = args.length > 0 ? Long.parseLong(args[0].replace("_", "")) : 10_000_000L;
        Path db = args.length > 1 ? Path.of(args[1]) : Files.createTempFile("scd-bench", ".duckdb");
        String memory = args.length > 2 ? args[2] : "4GB";
        int runs = args.length > 3 ? Integer.parseInt(args[3]) : keys > 2_000_000 ? 1 : 2;
        Files.deleteIfExists(db);
        Contract contract = ContractReader.create().parse("items.odcs.yaml", CONTRACT).orThrow();
        ScdTarget target = ScdTarget.of(contract, "items");
        TableId production = target.tables().production();
        TableId staging = target.tables().staging();
        TableId baseline = production.withName("items_dbt");
        LocalDate day1 = LocalDate.of(2026, 11, 22);
        LocalDate day2 = LocalDate.of(2026, 11, 23);
        try (Warehouse w = Warehouses.open("duckdb:" + db, Map.of("memory_limit", memory, "threads", "2"))) {
            Dialect d = w.dialect();
            long t0 = System.nanoTime();
            w.createNamespace(production.namespace());
            w.createNamespace(staging.namespace());
            // the dimension as of day 1: one current version per key
            w.execute(Sql.of("CREATE TABLE " + d.quote(production) + " AS SELECT range AS id, 'item ' || range AS name,"
                    + " CAST(range % 1000 AS INTEGER) AS score, 't' || (range % 7) AS tag, TIMESTAMP '2026-11-22 00:00:00' AS valid_from,"
                    + " TIMESTAMP '9999-12-31 00:00:00' AS valid_to, TRUE AS is_current FROM range(" + keys + ")"));
            // day 2: 1% changed (type 2), 0.2% deleted, 0.5% new
            w.execute(Sql.of("CREATE TABLE " + d.quote(staging) + " AS SELECT range AS id,"
                    + " CASE WHEN range % 100 = 7 THEN 'item ' || range || ' (remastered)' ELSE 'item ' || range END AS name,"
                    + " CAST(range % 1000 AS INTEGER) AS score, 't' || (range % 7) AS tag, DATE '" + day2 + "' AS snapshot_date"
                    + " FROM range(" + keys + ") WHERE range % 500 <> 3"
                    + " UNION ALL SELECT range, 'item ' || range, 1, 't1', DATE '" + day2 + "' FROM range(" + keys + ", " + (keys + keys / 200) + ")"));
            long setupMs = (System.nanoTime() - t0) / 1_000_000;
            long snapshotRows = scalar(w, "SELECT COUNT(*) FROM " + d.quote(staging));

            // the floor: one full outer join comparing fingerprints, count only
            List<ColumnName> t2 = ColumnName.list("name", "score");
            String floorSql = "SELECT COUNT(*) FROM (SELECT id, " + d.rowFingerprint(t2).text() + " AS fp FROM " + d.quote(staging)
                    + " WHERE snapshot_date = DATE '" + day2 + "') s FULL OUTER JOIN (SELECT id, " + d.rowFingerprint(t2).text() + " AS fp FROM "
                    + d.quote(production) + " WHERE is_current) c ON s.id = c.id WHERE s.fp IS DISTINCT FROM c.fp";

            ScdBuilder scd = ScdBuilders.create(w, WarehouseRunLog.of(w), Clock.systemUTC());
            Best floor = new Best();
            Best apply = new Best();
            Best check = new Best();
            Best dbt = new Best();
            long changed = 0;
            ScdResult result = null;
            for (int r = 0; r < runs; r++) {
                Timer t = new Timer();
                changed = scalar(w, floorSql);
                floor.add(t);

                w.drop(target.tables().candidate());
                w.execute(Sql.of("DROP TABLE IF EXISTS meshkit_meta.scd_applied"));
                t = new Timer();
                result = scd.apply(target, day2, Execution.RUN);
                apply.add(t);
                t = new Timer();
                scd.check(target, target.tables().candidate());
                check.add(t);

                w.execute(Sql.of("CREATE OR REPLACE TABLE " + d.quote(baseline) + " AS SELECT * FROM " + d.quote(production)));
                t = new Timer();
                dbtCheckStrategy(w, baseline, staging, day2, t2);
                dbt.add(t);
            }
            long dbtRows = scalar(w, "SELECT COUNT(*) FROM " + d.quote(baseline));
            if (dbtRows != result.counts().rows()) {
                throw new IllegalStateException("baseline wrote " + dbtRows + " rows, meshkit " + result.counts().rows());
            }
            String mem = scalarText(w, "SELECT current_setting('memory_limit')");
            System.out.printf("Dimension %,d keys; snapshot %,d rows (1%% changed, 0.2%% deleted, 0.5%% new); %,d keys differ."
                    + " DuckDB memory_limit %s, threads 2; setup %,d ms. Best of %d runs.%n%n", keys, snapshotRows, changed, mem, setupMs, runs);
            System.out.println("| what | ms | vs floor | CPU ms | CPU vs floor |");
            System.out.println("|---|---:|---:|---:|---:|");
            row("floor: one full outer join comparing fingerprints (count only)", floor.ms, floor.cpu, floor);
            row("meshkit apply, build only (the apply minus a separate check run of its candidate)", apply.ms - check.ms,
                    apply.cpu - check.cpu, floor);
            row("**meshkit apply + SCD2 invariant checks** (what `meshkit scd apply` runs)", apply.ms, apply.cpu, floor);
            row("baseline: dbt snapshot \"check\" strategy (stage with 3 joins, update + insert in place)", dbt.ms, dbt.cpu, floor);
            System.out.printf("%nmeshkit apply with its checks vs baseline: %.2fx faster (CPU %.2fx); the checks alone %,d ms (CPU %,d ms);"
                    + " counts: %s%n", (double) dbt.ms / apply.ms, (double) dbt.cpu / apply.cpu, check.ms, check.cpu,
                    result.counts().summary());
            restatements(w, keys, runs, day1, day2, floor, dbt);
        }
        Files.deleteIfExists(db);
        Files.deleteIfExists(Path.of(db + ".wal"));
    }

    /**
     * Restating the last day ({@code restate --from day 2}, with days 1 and 2 staged) of three variants of one
     * dimension: type-2 columns only, with a type-1 column, and with a {@code firstFill: fill} column. A type-1 or fill
     * column makes the rollback read each key's values in the last staged snapshot before the date (a window over
     * the earlier snapshots, joined to the rolled-back base), so that a correction leaves nothing of the retracted
     * snapshot; the type-2-only restatement has no such read and is the reference, measured in the same run.
     */
    private static void restatements(Warehouse w, long keys, int runs, LocalDate day1, LocalDate day2, Best floor, Best dbt) {
        Dialect d = w.dialect();
        long t0 = System.nanoTime();
        TableId all = TableId.of("bench_staging", "items_all");
        w.execute(Sql.of("CREATE OR REPLACE TABLE " + d.quote(all) + " AS SELECT range AS id, 'item ' || range AS name,"
                + " CAST(range % 1000 AS INTEGER) AS score, 't' || (range % 7) AS tag, CAST(NULL AS VARCHAR) AS email,"
                + " DATE '" + day1 + "' AS snapshot_date FROM range(" + keys + ")"
                + " UNION ALL SELECT range, CASE WHEN range % 100 = 7 THEN 'item ' || range || ' (remastered)' ELSE 'item ' || range END,"
                + " CAST(range % 1000 AS INTEGER), CASE WHEN range % 1000 = 11 THEN 'fixed' ELSE 't' || (range % 7) END,"
                + " CASE WHEN range % 100 = 13 THEN 'u' || range || '@example.com' END, DATE '" + day2 + "'"
                + " FROM range(" + keys + ") WHERE range % 500 <> 3"
                + " UNION ALL SELECT range, 'item ' || range, 1, 't1', NULL, DATE '" + day2 + "' FROM range(" + keys + ", "
                + (keys + keys / 200) + ")"));
        long setupMs = (System.nanoTime() - t0) / 1_000_000;
        ScdBuilder scd = ScdBuilders.create(w, WarehouseRunLog.of(w), Clock.systemUTC());
        Best[] applies = new Best[VARIANTS.size()];
        Best[] restates = new Best[VARIANTS.size()];
        ScdResult[] results = new ScdResult[VARIANTS.size()];
        for (int v = 0; v < VARIANTS.size(); v++) {
            Variant variant = VARIANTS.get(v);
            t0 = System.nanoTime();
            Contract contract = ContractReader.create().parse(variant.dataset() + ".odcs.yaml",
                    DIMENSION.formatted(variant.dataset(), variant.dataset(), variant.tagHistory(),
                            RESTATE_EMAIL.formatted(variant.emailFill()).indent(6))).orThrow();
            ScdTarget target = ScdTarget.of(contract, variant.dataset());
            TableId production = target.tables().production();
            w.execute(Sql.of("CREATE OR REPLACE TABLE " + d.quote(target.tables().staging()) + " AS SELECT * FROM " + d.quote(all)));
            w.execute(Sql.of("CREATE OR REPLACE TABLE " + d.quote(production) + " AS SELECT id, name, score, tag, email,"
                    + " TIMESTAMP '" + day1 + " 00:00:00' AS valid_from, TIMESTAMP '9999-12-31 00:00:00' AS valid_to, TRUE AS is_current"
                    + " FROM " + d.quote(all) + " WHERE snapshot_date = DATE '" + day1 + "'"));
            w.drop(target.tables().candidate());
            w.execute(Sql.of("DROP TABLE IF EXISTS meshkit_meta.scd_applied"));
            applies[v] = new Best();
            Timer t = new Timer();
            scd.apply(target, day2, Execution.RUN);
            applies[v].add(t);
            setupMs += (System.nanoTime() - t0) / 1_000_000;
            restates[v] = new Best();
            for (int r = 0; r < runs; r++) {
                t = new Timer();
                results[v] = scd.restate(target, day2, Execution.RUN);
                restates[v].add(t);
            }
        }
        System.out.printf("%n### restate --from the last day, %,d keys%n%n", keys);
        System.out.printf("Days 1 and 2 staged (%,d rows); day 2 as above, plus tag corrected for 0.1%% of the keys and email"
                + " (NULL on day 1) filled for 1%%. Each variant's day 2 applied once, then `restate --from` day 2 (roll back to day 1,"
                + " apply day 2 again, check): best of %d runs; setup and applies %,d ms. Ratios against the type-2-only restatement"
                + " and against the baseline above (dbt snapshot \"check\", an apply), all measured in this run.%n%n",
                scalar(w, "SELECT COUNT(*) FROM " + d.quote(all)), runs, setupMs);
        System.out.println("| what | ms | CPU ms | vs type-2 only | CPU vs type-2 only | vs baseline | CPU vs baseline | vs floor | apply ms |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (int v = 0; v < VARIANTS.size(); v++) {
            Best r = restates[v];
            System.out.printf("| %s | %,d | %,d | %.2fx | %.2fx | %.2fx | %.2fx | %.2fx | %,d |%n", VARIANTS.get(v).what(), r.ms, r.cpu,
                    (double) r.ms / restates[0].ms, (double) r.cpu / Math.max(1, restates[0].cpu), (double) r.ms / dbt.ms,
                    (double) r.cpu / Math.max(1, dbt.cpu), (double) r.ms / floor.ms, applies[v].ms);
        }
        System.out.println();
        for (int v = 0; v < VARIANTS.size(); v++) {
            System.out.printf("%s counts: %s%n", VARIANTS.get(v).dataset(), results[v].counts().summary());
        }
    }

    /** dbt's snapshot "check" strategy, in place on the target: stage changes with a join per kind, then update and insert. */
    private static void dbtCheckStrategy(Warehouse w, TableId target, TableId staging, LocalDate day, List<ColumnName> checkCols) {
        Dialect d = w.dialect();
        String t = d.quote(target);
        String fpCols = d.rowFingerprint(checkCols).text();
        String stage = t.replace("items_dbt", "items_dbt_staging");
        w.execute(Sql.of("CREATE OR REPLACE TABLE " + stage + " AS"
                + " WITH snapshotted AS (SELECT id, " + fpCols + " AS h FROM " + t + " WHERE is_current),"
                + " src AS (SELECT id, name, score, tag, " + fpCols + " AS h FROM " + d.quote(staging)
                + " WHERE snapshot_date = DATE '" + day + "'),"
                + " insertions AS (SELECT 'insert' AS change, src.id, src.name, src.score, src.tag FROM src LEFT JOIN snapshotted"
                + " ON src.id = snapshotted.id WHERE snapshotted.id IS NULL OR snapshotted.h <> src.h),"
                + " updates AS (SELECT 'update' AS change, src.id, NULL AS name, NULL AS score, NULL AS tag FROM src JOIN snapshotted"
                + " ON src.id = snapshotted.id WHERE snapshotted.h <> src.h),"
                + " deletes AS (SELECT 'delete' AS change, snapshotted.id, NULL, NULL, NULL FROM snapshotted LEFT JOIN src"
                + " ON src.id = snapshotted.id WHERE src.id IS NULL)"
                + " SELECT * FROM insertions UNION ALL SELECT * FROM updates UNION ALL SELECT * FROM deletes"));
        w.execute(Sql.of("UPDATE " + t + " SET valid_to = TIMESTAMP '" + day + " 00:00:00', is_current = FALSE FROM " + stage
                + " s WHERE s.change IN ('update', 'delete') AND " + t + ".id = s.id AND " + t + ".is_current"));
        w.execute(Sql.of("INSERT INTO " + t + " SELECT id, name, score, tag, TIMESTAMP '" + day + " 00:00:00',"
                + " TIMESTAMP '9999-12-31 00:00:00', TRUE FROM " + stage + " WHERE change = 'insert'"));
    }

    private static void row(String what, long ms, long cpu, Best floor) {
        System.out.printf("| %s | %,d | %.2fx | %,d | %.2fx |%n", what, ms, (double) ms / floor.ms, cpu, (double) cpu / floor.cpu);
    }

    /** This process's CPU time in ms, every thread (DuckDB's too); -1 where the JVM cannot tell. */
    private static long cpuMs() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime() / 1_000_000;
        }
        return -1;
    }

    /** Wall and CPU time since it was made. */
    private static final class Timer {
        final long wall = System.nanoTime();
        final long cpu = cpuMs();
    }

    /** The fastest of several runs (by wall time), with its CPU time. */
    private static final class Best {
        long ms = Long.MAX_VALUE;
        long cpu;

        void add(Timer t) {
            long took = (System.nanoTime() - t.wall) / 1_000_000;
            if (took < ms) {
                ms = took;
                cpu = cpuMs() - t.cpu;
            }
        }
    }

    private static long scalar(Warehouse w, String sql) {
        try (ResultRows rows = w.query(Sql.of(sql))) {
            return ((Number) rows.iterator().next().get(0)).longValue();
        }
    }

    private static String scalarText(Warehouse w, String sql) {
        try (ResultRows rows = w.query(Sql.of(sql))) {
            return String.valueOf(rows.iterator().next().get(0));
        }
    }
}
