package io.meshkit.publisher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshkit.core.runlog.WarehouseRunLog;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.publisher.cli.PublishCli;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import io.meshkit.testing.CliRun;

class PublishCliTest {
    @TempDir
    Path dir;

    private String out;
    private String err;

    /** Publishing works on data in a warehouse: one that exists, empty (a missing file is refused, exit 2). */
    @org.junit.jupiter.api.BeforeEach
    void emptyWarehouse() {
        Fixtures.open(dir.resolve("w.duckdb")).close();
    }

    private int run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--warehouse");
        all.add("duckdb:" + dir.resolve("w.duckdb"));
        all.add("--contract");
        all.add(Fixtures.contractFile().toString());
        CliRun run = CliRun.of(PublishCli.commandLine(), all.toArray(String[]::new));
        out = run.out();
        err = run.err();
        return run.exitCode();
    }

    private static final String QUERY = "SELECT range AS event_id, 'k' AS kind, CAST(range AS DOUBLE) AS amount FROM range(40)";

    /**
     * A new project's first stage of a query's rows makes the warehouse, as ingest and run do; a
     * dry run or a stage from a table refuses a missing one and creates nothing; a query that fails in
     * the warehouse it just made says so (a mistyped path).
     */
    @Test
    void aStageOfAQueryCreatesAMissingWarehouseAndNothingElseDoes() {
        Path missing = dir.resolve("new.duckdb");
        String uri = "duckdb:" + missing;
        String contract = Fixtures.contractFile().toString();
        for (String[] refused : List.of(new String[] {"stage", "--query", QUERY, "--dry-run"},
                new String[] {"backfill", "--query", QUERY, "--dry-run"}, new String[] {"stage", "--from-table", "shop_raw.events"})) {
            List<String> args = new ArrayList<>(List.of(refused));
            args.addAll(List.of("--warehouse", uri, "--contract", contract));
            CliRun r = CliRun.of(PublishCli.commandLine(), args.toArray(String[]::new));
            assertThat(r.exitCode()).as(String.join(" ", refused)).isEqualTo(2);
            assertThat(r.err()).startsWith("error: Cannot open warehouse " + uri + ": it does not exist");
            assertThat(missing).doesNotExist();
        }

        Path mistyped = dir.resolve("mistyped.duckdb");
        CliRun failed = CliRun.of(PublishCli.commandLine(), "stage", "--query", "SELECT * FROM shop_raw.events", "--warehouse",
                "duckdb:" + mistyped, "--contract", contract);
        assertThat(failed.exitCode()).isEqualTo(2);
        assertThat(failed.err().lines().findFirst().orElseThrow())
                .endsWith(" (warehouse duckdb:" + mistyped + " did not exist: this command created it empty; check the path)");

        CliRun staged = CliRun.of(PublishCli.commandLine(), "backfill", "--query", QUERY, "--warehouse", uri, "--contract", contract);
        assertThat(staged.exitCode()).as(staged.err()).isZero();
        assertThat(staged.out()).contains("promoted shop.events: v1 (was none), 40 rows");
    }

    @Test
    void backfillAsJsonNamesEveryTableAndCount() throws Exception {
        assertThat(run("backfill", "--query", QUERY, "--format", "json")).isEqualTo(0);
        JsonNode j = new ObjectMapper().readTree(out);
        assertThat(j.get("outcome").asText()).isEqualTo("promoted");
        assertThat(j.get("version").asLong()).isEqualTo(1);
        assertThat(j.get("rows").asLong()).isEqualTo(40);
        assertThat(j.get("tablesCreated").toString()).contains("shop_candidates.events__v000001");
        assertThat(j.get("tablesChanged").toString()).contains("shop.events", "meshkit_meta.publications");
        assertThat(j.get("validation").get("counts").get("failed").asLong()).isZero();

        assertThat(run("history", "--format", "json")).isEqualTo(0);
        assertThat(new ObjectMapper().readTree(out).get("versions").get(0).get("rows").asLong()).isEqualTo(40);
    }

    /**
     * A CI log gets each phase of work as it starts and how long it took: no line for taking the lease or
     * for having swapped, and no count of "0 steps" for phases that count nothing.
     */
    @Test
    void backfillShowsItsPhasesOnStandardErrorAndKeepsStandardOutputClean() throws Exception {
        assertThat(run("backfill", "--query", QUERY, "--format", "json", "--progress", "lines")).isEqualTo(0);
        assertThat(new ObjectMapper().readTree(out).get("outcome").asText()).isEqualTo("promoted");
        List<String> lines = err.lines().toList();
        assertThat(lines).hasSize(7);
        String s = "[0-9.]+ s";
        for (int i = 0; i < 3; i++) {
            String phase = "publish backfill: " + List.of("staging", "validating", "swapping").get(i) + " shop.events";
            assertThat(lines.get(2 * i)).isEqualTo(phase);
            assertThat(lines.get(2 * i + 1)).matches(java.util.regex.Pattern.quote(phase) + " finished in " + s);
        }
        assertThat(lines.get(6)).matches("publish backfill: done in " + s);
        assertThat(run("backfill", "--query", QUERY, "--progress", "off")).isEqualTo(0);
        assertThat(err).isEmpty();
    }

    /** An error run shows where it stopped, never that it finished: the error line follows. */
    @Test
    void anErrorRunNeverSaysFinished() {
        assertThat(run("validate", "--progress", "lines")).isEqualTo(2);
        assertThat(err.lines().toList()).hasSize(3).satisfies(l -> {
            assertThat(l.get(0)).isEqualTo("publish validate: validating shop.events");
            assertThat(l.get(1)).matches("publish validate: validating shop.events failed after [0-9.]+ s");
            assertThat(l.get(2)).isEqualTo("error: Cannot validate table shop_candidates.events: it does not exist (the release candidate: built by meshkit scd apply or meshkit publish stage, consumed by promote)");
        });
    }

    @Test
    void aFailedValidationExitsOneAndPromotesNothing() {
        run("backfill", "--query", QUERY);
        assertThat(run("stage", "--query", "SELECT 1::BIGINT AS event_id, NULL::VARCHAR AS kind, 1.0::DOUBLE AS amount")).isEqualTo(0);
        assertThat(run("validate")).isEqualTo(1);
        assertThat(out).startsWith("FAILED shop_candidates.events for shop.events").contains("failed  required_not_null (kind)");
        assertThat(run("promote", "--format", "markdown")).isEqualTo(1);
        assertThat(out).contains("### promote `shop.events`: refused");
        assertThat(run("history")).isEqualTo(0);
        assertThat(out).contains("v1").doesNotContain("v2");
    }

    @Test
    void badInputAndAHeldLeaseAreOneLineErrorsWithExitTwo() {
        assertThat(run("stage")).isEqualTo(2);
        assertThat(err).isEqualTo("error: Cannot stage the candidate: give exactly one of --query, --query-file, --from-table"
                + System.lineSeparator());
        assertThat(run("promote")).isEqualTo(2);
        assertThat(err).startsWith("error: Cannot promote table shop_candidates.events: it does not exist");
        assertThat(run("rollback", "--to", "3")).isEqualTo(2);
        assertThat(err).startsWith("error: Cannot roll back dataset shop.events: shop.events was never promoted by meshkit");
        assertThat(run("stage", "--query", "SELECT nope FROM nowhere")).isEqualTo(2);
        assertThat(err.lines().count()).isEqualTo(1);
        assertThat(run("validate", "--dataset", "orders")).isEqualTo(2);
        assertThat(err).startsWith("error: Cannot find dataset orders in ");

        try (Warehouse w = Fixtures.open(dir.resolve("w.duckdb"))) {
            WarehouseRunLog.of(w).acquireLease("shop.events", "publish by bob (pid 7 on ci)", Duration.ofMinutes(10));
        }
        assertThat(run("backfill", "--query", QUERY)).isEqualTo(2);
        assertThat(err).startsWith("error: Cannot lock dataset shop.events: it is held by publish by bob (pid 7 on ci) since ");
        assertThat(err).doesNotContain("at io.meshkit");
    }

    @Test
    void dryRunPrintsThePlanAndChangesNothingInTheDatabase() throws Exception {
        assertThat(run("backfill", "--query", QUERY, "--dry-run")).isEqualTo(0);
        assertThat(out).startsWith("dry run: would stage shop.events into shop_candidates.events (nothing changed)")
                .contains("CREATE OR REPLACE VIEW \"shop\".\"events\" AS SELECT * FROM \"shop_candidates\".\"events__v000001\"");
        try (Warehouse w = Fixtures.open(dir.resolve("w.duckdb"))) {
            assertThat(w.listTables(io.meshkit.core.identifier.Namespace.META)).isEmpty();
            assertThat(w.describe(io.meshkit.core.identifier.TableId.of("shop", "events"))).isEmpty();
        }
    }

    @Test
    void parsesEveryCommandWithoutRunningIt() {
        CommandLine cmd = PublishCli.commandLine();
        assertThat(cmd.getSubcommands().keySet()).contains("stage", "validate", "promote", "backfill", "rollback", "history");
        var parsed = cmd.parseArgs("rollback", "--contract", "c.yaml", "--to", "4", "--production", "a.b", "--dry-run", "--lease-ttl", "90s");
        assertThat(parsed.subcommand().matchedOptionValue("--to", 0L)).isEqualTo(4L);
    }
}
