package io.meshkit.sampler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshkit.core.warehouse.Sql;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.core.warehouse.Warehouses;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import io.meshkit.testing.CliRun;

/** The command line end to end on a DuckDB file: prepare, query, sql, recommend, evaluate, and its errors. */
class SampleCliTest {
    @TempDir
    Path dir;

    private String uri;

    @BeforeEach
    void createTable() {
        uri = "duckdb:" + dir.resolve("w.duckdb");
        try (Warehouse w = Warehouses.open(uri, Map.of("memory_limit", "1GB"))) {
            w.createNamespace(io.meshkit.core.identifier.Namespace.of("learning"));
            w.execute(Sql.of("CREATE TABLE learning.lessons AS SELECT range % 3000 AS user_id, ['ios','android','web'][1 + CAST(range % 3 AS INTEGER)]"
                    + " AS platform, CAST(range % 17 AS INTEGER) AS xp FROM range(30000)"));
        }
    }

    private CliRun run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--warehouse");
        all.add(uri);
        return CliRun.of(SampleCli.commandLine(), all.toArray(String[]::new));
    }

    @Test
    void prepareThenQueryAsJson() throws Exception {
        CliRun prepare = run("prepare", "--table", "learning.lessons", "--key", "user_id", "--format", "json");
        assertThat(prepare.exitCode()).as(prepare.err()).isZero();
        JsonNode p = new ObjectMapper().readTree(prepare.out());
        assertThat(p.get("tablesChanged").get(0).asText()).isEqualTo("learning.lessons");
        assertThat(p.get("rowsWritten").asLong()).isEqualTo(30000);

        CliRun q = run("query", "--table", "learning.lessons", "--key", "user_id", "--rate", "100%", "-m", "lessons=count", "-m", "xp_per_user=sum(xp)/users",
                "--by", "platform", "--where", "xp>=0", "--format", "json");
        assertThat(q.exitCode()).as(q.err()).isZero();
        JsonNode r = new ObjectMapper().readTree(q.out());
        assertThat(r.get("groups")).hasSize(3);
        JsonNode est = r.get("groups").get(0).get("estimates").get(0);
        assertThat(est.get("metric").asText()).isEqualTo("lessons");
        assertThat(est.get("estimate").asDouble()).isEqualTo(10000);
        assertThat(est.get("scaled").asBoolean()).isTrue();
        assertThat(r.get("groups").get(0).get("estimates").get(1).get("scaled").asBoolean()).isFalse();
        // where the statement's time went: the parts add up to it (to the microsecond each), one result row per platform at 100%
        JsonNode timing = r.get("statementTiming");
        assertThat(timing.get("resultRows").asLong()).isEqualTo(3);
        assertThat(timing.get("prepareMs").asDouble() + timing.get("executeMs").asDouble() + timing.get("readMs").asDouble())
                .isCloseTo(r.get("elapsedMs").asDouble(), org.assertj.core.data.Offset.offset(1.01));

        CliRun table = run("query", "--table", "learning.lessons", "--key", "user_id", "--rate", "10%", "-m", "lessons=count");
        assertThat(table.out()).contains("learning.lessons at 10% of users by user_id").contains("95% interval").contains("scaled by 1/10%");
        assertThat(table.out()).containsPattern("\\(\\d[\\d,]* sampled users\\)").contains("ms checking the table")
                .containsPattern("rows read in \\d+ ms \\(prepare [\\d.]+, execute [\\d.]+, read [\\d,]+ result rows [\\d.]+\\)");
        assertThat(run("query", "--table", "learning.lessons", "--key", "user_id", "--rate", "100%", "-m", "lessons=count").out())
                .contains("at 100% of users by user_id (every user)");
    }

    @Test
    void groupedHeadlineCountsUserGroupPairsNotUsers() throws Exception {
        try (Warehouse w = Warehouses.open(uri, Map.of("memory_limit", "1GB"))) {
            // 301 users with 10 lessons each, on all three platforms (301 = 1 mod 3)
            w.execute(Sql.of("CREATE TABLE learning.multi AS SELECT range % 301 AS user_id, ['ios','android','web'][1 + CAST(range % 3 AS INTEGER)]"
                    + " AS platform FROM range(3010)"));
        }
        assertThat(run("prepare", "--table", "learning.multi", "--key", "user_id").exitCode()).isZero();
        CliRun distinct = run("sql", "--table", "learning.multi", "--rate", "50%", "--format", "csv", "SELECT count(DISTINCT user_id) AS n FROM {sample}");
        long users = Long.parseLong(distinct.out().lines().reduce((a, b) -> b).orElseThrow());
        assertThat(users).isBetween(100L, 200L);

        CliRun text = run("query", "--table", "learning.multi", "--key", "user_id", "--rate", "50%", "-m", "lessons=count", "--by", "platform");
        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.out()).contains(String.format(java.util.Locale.ROOT, "(%,d user-group pairs sampled)", 3 * users)).doesNotContain("sampled users");
        JsonNode json = new ObjectMapper().readTree(run("query", "--table", "learning.multi", "--key", "user_id", "--rate", "50%",
                "-m", "lessons=count", "--by", "platform", "--format", "json").out());
        assertThat(json.get("userGroupPairs").asLong()).isEqualTo(3 * users);
        assertThat(json.get("sampledUsers").asLong()).isEqualTo(3 * users);
        // without --by each sampled user is counted once
        assertThat(run("query", "--table", "learning.multi", "--key", "user_id", "--rate", "50%", "-m", "lessons=count").out())
                .contains(String.format(java.util.Locale.ROOT, "(%,d sampled users)", users));
    }

    @Test
    void warnsWhenAFewUsersCarryTheMetricInTextAndJson() throws Exception {
        try (Warehouse w = Warehouses.open(uri, Map.of("memory_limit", "1GB"))) {
            // Pareto lessons per user (tail index 1.2: a few users with thousands of lessons)
            w.execute(Sql.of("CREATE TABLE learning.heavy AS SELECT user_id, 10 AS xp FROM (SELECT user_id, unnest(range(n)) FROM ("
                    + "SELECT range AS user_id, CAST(least(100000, floor(pow(((hash(range, 7) >> 11) + 0.5) / 9007199254740992.0, -1 / 1.2))) AS BIGINT) AS n"
                    + " FROM range(20000)))"));
        }
        assertThat(run("prepare", "--table", "learning.heavy", "--key", "user_id").exitCode()).isZero();
        assertThat(run("prepare", "--table", "learning.lessons", "--key", "user_id").exitCode()).isZero();

        CliRun text = run("query", "--table", "learning.heavy", "--key", "user_id", "--rate", "10%", "-m", "lessons=count", "-m", "users=users");
        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.out()).containsPattern("warning: lessons: [0-9,]+ users, effective sample size [0-9,]+, skewness [0-9.]+")
                .doesNotContain("warning: users");
        JsonNode heavy = new ObjectMapper().readTree(run("query", "--table", "learning.heavy", "--key", "user_id", "--rate", "10%",
                "-m", "lessons=count", "--format", "json").out());
        assertThat(heavy.get("warnings")).hasSize(1);
        JsonNode est = heavy.get("groups").get(0).get("estimates").get(0);
        assertThat(est.get("unreliable").asBoolean()).isTrue();
        assertThat(est.get("effectiveSampleSize").asDouble()).isLessThan(est.get("users").asDouble() / 10);

        // ten lessons per user: nothing to warn about
        JsonNode light = new ObjectMapper().readTree(run("query", "--table", "learning.lessons", "--key", "user_id", "--rate", "10%",
                "-m", "lessons=count", "--format", "json").out());
        assertThat(light.get("warnings")).isEmpty();
        assertThat(run("query", "--table", "learning.lessons", "--key", "user_id", "--rate", "10%", "-m", "lessons=count").out()).doesNotContain("warning");
    }

    @Test
    void sqlIsMarkedUnscaledAndEvaluateWritesAChart() throws Exception {
        assertThat(run("prepare", "--table", "learning.lessons", "--key", "user_id").exitCode()).isZero();
        CliRun sql = run("sql", "--table", "learning.lessons", "--rate", "10%", "SELECT count(DISTINCT user_id) AS users FROM {sample}");
        assertThat(sql.exitCode()).as(sql.err()).isZero();
        assertThat(sql.out()).startsWith("UNSCALED");
        // a placeholder without an alias is named after its table; one with an alias keeps it
        CliRun aliases = run("sql", "--table", "learning.lessons", "--rate", "100%", "--format", "csv",
                "SELECT count(*) AS n FROM {sample} a JOIN {sample:learning.lessons} AS b ON a.user_id = b.user_id"
                        + " WHERE a.user_id IN (SELECT lessons.user_id FROM {sample})");
        assertThat(aliases.exitCode()).as(aliases.err()).isZero();
        assertThat(aliases.out()).endsWith("n" + System.lineSeparator() + "300000" + System.lineSeparator()); // 3,000 users x 10 x 10
        Path chart = dir.resolve("chart.svg");
        CliRun eval = run("evaluate", "--table", "learning.lessons", "--key", "user_id", "-m", "lessons=count", "-m", "users=users",
                "--by", "platform", "--runs", "1", "--chart", chart.toString(), "--format", "markdown", "--progress", "lines");
        assertThat(eval.exitCode()).as(eval.err()).isZero();
        assertThat(eval.out()).contains("| 100% |").contains("| 0.1% |").contains("average error");
        // 2 queries (the plain one and the sampled one at 4 rates) x 1 round: on standard error only
        assertThat(eval.err()).contains("sample evaluate: estimating finished, 5 of 5 queries", "sample evaluate: timing finished, 5 of 5 queries");
        assertThat(eval.out()).doesNotContain("sample evaluate:");
        String svg = Files.readString(chart);
        assertThat(svg).startsWith("<svg").contains("polyline").endsWith("</svg>\n");
        CliRun rec = run("recommend", "--table", "learning.lessons", "--key", "user_id", "-m", "lessons=count", "--max-error", "0.0001%");
        assertThat(rec.exitCode()).as(rec.err()).isZero();
        assertThat(rec.out()).startsWith("recommended rate: 100%");
    }

    @Test
    void dryRunChangesNothing() {
        CliRun dry = run("prepare", "--table", "learning.lessons", "--key", "user_id", "--dry-run");
        assertThat(dry.exitCode()).as(dry.err()).isZero();
        assertThat(dry.out()).startsWith("dry run: would rewrite learning.lessons with sampling_value of user_id");
        assertThat(run("query", "--table", "learning.lessons", "--key", "user_id", "-m", "n=count").err()).contains("has no sampling_value column");
        // table names the format for people too, as on the other sample commands
        CliRun table = run("prepare", "--table", "learning.lessons", "--key", "user_id", "--dry-run", "--format", "table");
        assertThat(table.exitCode()).as(table.err()).isZero();
        assertThat(table.out()).isEqualTo(dry.out());
    }

    /** A dry run checks the key in the catalog and reads no row: a source whose rows cannot be read is no obstacle. */
    @Test
    void dryRunReadsNoRows() {
        try (Warehouse w = Warehouses.open(uri, Map.of("memory_limit", "1GB"))) {
            w.execute(Sql.of("CREATE VIEW learning.unreadable AS SELECT user_id FROM learning.lessons WHERE CAST(platform AS INTEGER) > 0"));
        }
        CliRun dry = run("prepare", "--from", "learning.unreadable", "--table", "learning.copy", "--key", "user_id", "--dry-run");
        assertThat(dry.exitCode()).as(dry.err()).isZero();
        assertThat(dry.out()).startsWith("dry run: would write learning.copy from learning.unreadable with sampling_value of user_id");
    }

    @Test
    void badInputIsOneLineAndExitCodeTwo() {
        CliRun unprepared = run("query", "--table", "learning.lessons", "--key", "user_id", "-m", "n=count");
        assertThat(unprepared.exitCode()).isEqualTo(2);
        assertThat(unprepared.err().strip()).isEqualTo(
                "error: Cannot query table learning.lessons: it has no sampling_value column (run 'meshkit sample prepare' on it first)");
        CliRun noTable = run("prepare", "--key", "user_id");
        assertThat(noTable.exitCode()).isEqualTo(2);
        assertThat(noTable.err()).startsWith("error: Cannot prepare table: give --table NAMESPACE.TABLE or --contract FILE");
        CliRun badRate = run("query", "--table", "learning.lessons", "--key", "user_id", "-m", "n=count", "--rate", "abc");
        assertThat(badRate.exitCode()).isEqualTo(2);
        assertThat(badRate.err()).contains("Cannot parse sampling rate 'abc'");
        CliRun noKey = run("prepare", "--table", "learning.lessons", "--key", "nope");
        assertThat(noKey.exitCode()).isEqualTo(2);
        assertThat(noKey.err()).contains("has no column nope (sampling key)").doesNotContain("Exception");
        CliRun missing = run("prepare", "--table", "learning.nope", "--key", "user_id");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err().lines().count()).isEqualTo(1);
    }

    @Test
    void contractNamesTheTableAndKey() throws Exception {
        Path contract = dir.resolve("lessons.odcs.yaml");
        Files.writeString(contract, """
                apiVersion: v3.1.0
                kind: DataContract
                id: lessons
                version: 1.0.0
                status: active
                domain: learning
                schema:
                  - name: lessons
                    customProperties:
                      - property: meshkit.samplingKey
                        value: user_id
                    properties:
                      - name: user_id
                        logicalType: integer
                      - name: platform
                        logicalType: string
                      - name: xp
                        logicalType: integer
                """);
        CliRun prepare = run("prepare", "--contract", contract.toString());
        assertThat(prepare.exitCode()).as(prepare.err()).isZero();
        assertThat(prepare.out()).startsWith("prepared learning.lessons: 30,000 rows with sampling_value of user_id");
        Path queryFile = dir.resolve("q.yaml");
        Files.writeString(queryFile, "metrics:\n  lessons: count\n  users: users\ndimensions: [platform]\n");
        CliRun q = run("query", "--contract", contract.toString(), "--query", queryFile.toString(), "--rate", "100%", "--format", "csv");
        assertThat(q.exitCode()).as(q.err()).isZero();
        assertThat(q.out()).startsWith("platform,metric,scaled,estimate").contains("android,lessons,true,10000.0");
    }

    @Test
    void parsesWithoutRunning() {
        CommandLine cmd = SampleCli.commandLine();
        CommandLine.ParseResult r = cmd.parseArgs("query", "--table", "a.b", "--rate", "0.1%", "-m", "x=count", "--by", "c,d");
        assertThat(r.subcommand().matchedOptionValue("--rate", null).toString()).isEqualTo("0.1%");
        assertThat(cmd.getCommandSpec().name()).isEqualTo("meshkit-sample");
    }
}
