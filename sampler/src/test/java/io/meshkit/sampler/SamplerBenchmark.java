package io.meshkit.sampler;

import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.identifier.TableId;
import io.meshkit.core.warehouse.ResultRows;
import io.meshkit.core.warehouse.Sql;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.core.warehouse.Warehouses;
import io.meshkit.sampler.api.Evaluation;
import io.meshkit.sampler.api.Filter;
import io.meshkit.sampler.api.Metric;
import io.meshkit.sampler.api.MetricQuery;
import io.meshkit.sampler.api.PrepareResult;
import io.meshkit.sampler.api.Rate;
import io.meshkit.sampler.internal.DefaultSampler;
import io.meshkit.sampler.internal.Format;
import io.meshkit.sampler.internal.SvgChart;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The sampler benchmark (run by {@code bench/sampler.sh}, never by surefire): a synthetic lessons
 * table generated inside DuckDB (rows, users with a Zipf-like number of lessons each, two years of
 * dates, country, platform, course), laid out by {@code prepare}, then the Duolingo table for two
 * queries of 10 per-user metrics at 100%, 10%, 1% and 0.1%, with the plain full query (no sampling)
 * timed in the same run as the baseline.
 *
 * <p>Arguments: {@code DB_FILE USERS LESSON_SCALE RUNS CHART_SVG}. The generated and prepared table
 * is kept in DB_FILE and reused when it exists with the same number of users.
 */
public final class SamplerBenchmark {
    private static final TableId LESSONS = TableId.of("bench", "lessons");
    private static final ColumnName USER = ColumnName.of("user_id");

    /** Independent samples per rate of the coverage measurement. */
    private static final int REPS = Integer.getInteger("sampler.bench.reps", 1000);

    private SamplerBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path db = Path.of(args[0]);
        long users = Long.parseLong(args[1]);
        double scale = Double.parseDouble(args[2]);
        int runs = Integer.parseInt(args[3]);
        Path chart = Path.of(args[4]);
        Files.createDirectories(db.toAbsolutePath().getParent());
        try (Warehouse w = Warehouses.open("duckdb:" + db, Map.of("memory_limit", "4GB", "threads", "2"))) {
            DefaultSampler sampler = new DefaultSampler(w);
            boolean reuse = w.describe(LESSONS).isPresent() && w.describe(LESSONS).get().column(ColumnName.of("sampling_value")).isPresent()
                    && single(w, "SELECT count(DISTINCT user_id) FROM bench.lessons") == users;
            if (!reuse) {
                long t0 = System.nanoTime();
                SyntheticLessons.create(w, LESSONS, 1, users, 2026, 730, 3000, 2.5, scale);
                long gen = System.nanoTime() - t0;
                PrepareResult p = sampler.prepare(LESSONS, USER);
                System.err.printf(Locale.ROOT, "generated in %.1f s, prepared %,d rows in %.1f s%n", gen / 1e9, p.rowsWritten(), p.elapsed().toMillis() / 1e3);
                System.out.printf(Locale.ROOT, "Table generated inside DuckDB in %.1f s; `prepare` (sampling value + sort) took %.1f s.%n%n",
                        gen / 1e9, p.elapsed().toMillis() / 1e3);
            } else {
                System.out.println("Table reused from an earlier run (generation and `prepare` not re-timed).\n");
            }
            long rows = single(w, "SELECT count(*) FROM bench.lessons");
            long distinctUsers = single(w, "SELECT count(DISTINCT user_id) FROM bench.lessons");
            long maxLessons = single(w, "SELECT max(n) FROM (SELECT count(*) AS n FROM bench.lessons GROUP BY user_id)");
            long days = single(w, "SELECT count(DISTINCT lesson_date) FROM bench.lessons");
            System.out.printf(Locale.ROOT, "Table: %,d rows, %,d users (lessons per user: mean %.1f, max %,d), %,d days, 10 countries, 3 platforms, 5 courses.%n%n",
                    rows, distinctUsers, (double) rows / distinctUsers, maxLessons, days);

            List<Metric> metrics = List.of(
                    Metric.parse("lessons_per_user=count/users"),
                    Metric.parse("xp_per_user=sum(xp)/users"),
                    Metric.parse("seconds_per_user=sum(duration_s)/users"),
                    Metric.parse("correct_per_user=sum(correct)/users"),
                    Metric.parse("mistakes_per_user=sum(mistakes)/users"),
                    Metric.parse("hearts_lost_per_user=sum(hearts_lost)/users"),
                    Metric.parse("completed_per_user=sum(completed)/users"),
                    Metric.parse("xp_per_lesson=mean(xp)"),
                    Metric.parse("active_users=users"),
                    Metric.parse("lessons=count"));
            List<MetricQuery> queries = List.of(
                    new MetricQuery(LESSONS, USER, metrics, ColumnName.list("platform"), List.of()),
                    new MetricQuery(LESSONS, USER, metrics, List.of(), List.of(Filter.parse("lesson_date>=2025-01-01"))));
            Evaluation e = sampler.evaluate(queries, Rate.LADDER, 20, runs);

            System.out.println("| sampling rate | query time | speed-up vs plain full query | vs sampler at 100% | bytes scanned (estimated) | average error | max error | intervals holding the truth (one sample) |");
            System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|");
            Evaluation.RateRow full = e.rows().get(0);
            for (Evaluation.RateRow r : e.rows()) {
                System.out.printf(Locale.ROOT, "| %s | %,d ms | %.1fx | %.1fx | %s | %s | %s | %s |%n", r.rate(), r.time().toMillis(),
                        r.speedUp(e.baselineTime()), r.speedUp(full.time()), Format.bytes(r.bytes()), Format.percent(r.averageError()),
                        Format.percent(r.maxError()), Format.percent(r.coverage()));
            }
            System.out.printf(Locale.ROOT, "%nBaseline: the plain full query (GROUP BY without sampling filter or per-user grouping), %,d ms for the %d queries"
                    + " (median of %d runs each, after a warm-up; the plain query and every rate are timed in turn in each round). Times are summed over the queries; errors and coverage are over %d numbers"
                    + " (10 metrics x (3 platforms + 1 filtered total)).%n", e.baselineTime().toMillis(), e.queries(), runs, e.rows().get(0).numbers());
            System.out.println();
            System.out.print(whereTheTimeGoes(w, queries.get(0)));
            System.out.println();
            System.out.print(cpuTime(w, queries, Integer.getInteger("sampler.bench.cpuRounds", 5)));
            System.out.println();
            try (Warehouse mem = Warehouses.open("duckdb::memory:", Map.of("memory_limit", "4GB", "threads", "2"))) {
                System.out.print(HeavyTailedBenchmark.report(mem, REPS, Integer.getInteger("sampler.bench.recommendReps", 400)));
            }
            Files.writeString(chart, SvgChart.render(e, String.format(Locale.ROOT, "Sampling %,d lessons of %,d users: error and time against rate", rows, distinctUsers)));
        }
    }

    /**
     * The first query's time at each rate, split as the warehouse measures it ({@code ResultRows.timing}):
     * preparing the statement (near zero when the connection kept it from an earlier run of the same
     * text), executing it until its result can be read, and reading the result rows; what DuckDB reports
     * of its execution (EXPLAIN ANALYZE: its total, the rows and row groups the scan read), the rows of
     * the result, and the work around it that the measured time leaves out (the table's description,
     * read once per table by an estimator, and the bytes estimate).
     */
    static String whereTheTimeGoes(Warehouse w, MetricQuery q) {
        io.meshkit.sampler.internal.MetricEstimator e = new io.meshkit.sampler.internal.MetricEstimator(w);
        StringBuilder b = new StringBuilder("### Where the time goes\n\n"
                + "The first query (10 metrics by platform), median of 5 runs: the statement as `evaluate` measures it, split as the warehouse"
                + " measures it (`ResultRows.timing()`: preparing the statement, near zero when the connection kept it from the run before;"
                + " binding and executing it until its result can be read, DuckDB planning it again with the values; reading the result rows),"
                + " DuckDB's own execution time and what its scan read (`EXPLAIN ANALYZE`, one run), the rows of the result (one per platform"
                + " and unit below 100%), and outside the measured time the table's description (read once per table by an estimator, so once"
                + " per `query` and once per `evaluate`) and the bytes estimate (storage metadata).\n\n"
                + "| sampling rate | statement | prepare | execute | read the result | DuckDB execution | rows scanned | row groups scanned | result rows | table description | bytes estimate |\n"
                + "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Rate r : Rate.LADDER) {
            long[] statement = new long[5];
            long[] prepare = new long[5];
            long[] execute = new long[5];
            long[] read = new long[5];
            long[] metadata = new long[5];
            long[] estimate = new long[5];
            io.meshkit.core.warehouse.Sql sql = io.meshkit.sampler.internal.EstimatorSql.of(w, q, r);
            long resultRows = 0;
            for (int i = 0; i < 5; i++) {
                var cost = e.run(q, r).cost();
                statement[i] = cost.elapsed().toNanos();
                estimate[i] = cost.estimating().toNanos();
                var timing = cost.timing().orElseThrow();
                prepare[i] = timing.prepare().toNanos();
                execute[i] = timing.execute().toNanos();
                read[i] = timing.read().toNanos();
                resultRows = timing.rows();
                long t0 = System.nanoTime();
                w.describe(q.table());
                metadata[i] = System.nanoTime() - t0;
            }
            String analyze = explainAnalyze(w, sql);
            b.append(String.format(Locale.ROOT, "| %s | %.1f ms | %.1f ms | %.1f ms | %.1f ms | %s | %s | %s | %,d | %.1f ms | %.1f ms |%n", r, median(statement),
                    median(prepare), median(execute), median(read),
                    find(analyze, "Total Time: ([0-9.]+)s", v -> String.format(Locale.ROOT, "%.1f ms", Double.parseDouble(v) * 1e3)),
                    scannedRows(analyze),
                    find(analyze, "Row Groups Scanned: ([0-9]+ / [0-9]+)", v -> v),
                    resultRows, median(metadata), median(estimate)));
        }
        // the 1% statement's operators with DuckDB's own timing (a linear plan: scan, per-user aggregate, per-slice aggregate, sort)
        b.append("\n`EXPLAIN ANALYZE` of the 1% statement (DuckDB's operator timings; the text with the rate written in):\n\n```text\n");
        io.meshkit.core.warehouse.Sql sql = io.meshkit.sampler.internal.EstimatorSql.of(w, q, Rate.parse("1%"));
        b.append(explainAnalyze(w, sql));
        String text = sql.text();
        for (Object p : sql.parameters()) {
            text = text.replaceFirst("\\?", java.util.regex.Matcher.quoteReplacement(String.valueOf(p)));
        }
        b.append("```\n\nThe statement:\n\n```sql\n").append(text).append("\n```\n");
        return b.toString();
    }

    /** DuckDB's EXPLAIN ANALYZE of a statement, its blank lines dropped. */
    private static String explainAnalyze(Warehouse w, io.meshkit.core.warehouse.Sql sql) {
        StringBuilder b = new StringBuilder();
        try (ResultRows rows = w.query(w.dialect().sql().sql("EXPLAIN ANALYZE ").append(sql).build())) {
            for (io.meshkit.core.warehouse.Row row : rows) {
                for (String line : String.valueOf(row.get(1)).split("\n")) {
                    if (!line.isBlank()) {
                        b.append(line).append('\n');
                    }
                }
            }
        }
        return b.toString();
    }

    /** The rows the scan returned: the most rows of any operator (the plans here aggregate what they scan), or "-". */
    private static String scannedRows(String analyze) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("([0-9][0-9,]*) rows").matcher(analyze);
        long most = -1;
        while (m.find()) {
            most = Math.max(most, Long.parseLong(m.group(1).replace(",", "")));
        }
        return most < 0 ? "-" : String.format(Locale.ROOT, "%,d", most);
    }

    /** The first group of a pattern in a text, formatted, or "-". */
    private static String find(String text, String regex, java.util.function.UnaryOperator<String> format) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(regex).matcher(text);
        return m.find() ? format.apply(m.group(1)) : "-";
    }

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();

    /**
     * Wall and CPU time of the plain full query and of the sampler at 1% and 0.1%, run alternately
     * (plain, 1%, 0.1% in each round, both queries each) so that the other processes' load falls on
     * all of them alike; CPU is this process's (DuckDB's threads included), which the other processes'
     * load changes much less than the wall time.
     */
    static String cpuTime(Warehouse w, List<MetricQuery> queries, int rounds) {
        io.meshkit.sampler.internal.MetricEstimator e = new io.meshkit.sampler.internal.MetricEstimator(w);
        List<Rate> rates = List.of(Rate.parse("1%"), Rate.parse("0.1%"));
        long[][] wall = new long[rates.size() + 1][rounds];
        long[] cpu = new long[rates.size() + 1];
        for (int i = 0; i < rounds; i++) {
            for (int k = 0; k <= rates.size(); k++) {
                long c0 = OS.getProcessCpuTime();
                long t0 = System.nanoTime();
                for (MetricQuery q : queries) {
                    if (k == 0) {
                        try (ResultRows rows = w.query(io.meshkit.sampler.internal.EstimatorSql.plain(w, q))) {
                            rows.forEach(x -> { });
                        }
                    } else {
                        e.run(q, rates.get(k - 1), false);
                    }
                }
                wall[k][i] = System.nanoTime() - t0;
                cpu[k] += OS.getProcessCpuTime() - c0;
            }
        }
        double plainWall = median(wall[0]);
        double plainCpu = cpu[0] / 1e6 / rounds;
        StringBuilder b = new StringBuilder("### Wall and CPU time, run alternately\n\n"
                + "Both queries (the 2 queries of the table above), " + rounds + " rounds, each round the plain full query, then the sampler at 1%,"
                + " then at 0.1% (the sampler's whole call through one estimator, as `evaluate` and `recommend` make them: the statement and the estimates,"
                + " no bytes estimate; the table's description is read on the first call only)."
                + " Wall: median of the rounds; CPU: this process's CPU time (DuckDB's 2 threads included) per round, the mean.\n\n"
                + "| query | wall | speed-up (wall) | CPU | speed-up (CPU) |\n|---|---:|---:|---:|---:|\n");
        b.append(String.format(Locale.ROOT, "| plain full query | %,.1f ms | 1.0x | %,.1f ms | 1.0x |%n", plainWall, plainCpu));
        for (int k = 1; k <= rates.size(); k++) {
            double wl = median(wall[k]);
            double c = cpu[k] / 1e6 / rounds;
            b.append(String.format(Locale.ROOT, "| sampler at %s | %,.1f ms | %.1fx | %,.1f ms | %.1fx |%n", rates.get(k - 1), wl, plainWall / wl, c,
                    c > 0 ? plainCpu / c : Double.NaN));
        }
        return b.toString();
    }

    private static double median(long[] ns) {
        long[] v = ns.clone();
        java.util.Arrays.sort(v);
        return v[v.length / 2] / 1e6;
    }

    private static long single(Warehouse w, String sql) {
        try (ResultRows r = w.query(Sql.of(sql))) {
            return ((Number) r.iterator().next().get(0)).longValue();
        }
    }
}
