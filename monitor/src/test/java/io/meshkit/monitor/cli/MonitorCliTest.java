package io.meshkit.monitor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.meshkit.core.runlog.RunOutcome;
import io.meshkit.core.runlog.WarehouseRunLog;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.core.warehouse.Warehouses;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import io.meshkit.testing.CliRun;

/** The CLI against a real DuckDB file and a real local HTTP server (the JDK's). */
class MonitorCliTest {
    static final String SECRET_PATH = "/services/T0SECRET/B0SECRET/xoxb-very-secret-token";

    @TempDir
    Path dir;
    HttpServer server;
    final AtomicInteger failuresLeft = new AtomicInteger();
    final List<String> bodies = new CopyOnWriteArrayList<>();
    final List<String> idempotencyKeys = new CopyOnWriteArrayList<>();
    String url;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            int status = failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? 500 : 200;
            if (status == 200) {
                bodies.add(new String(body, StandardCharsets.UTF_8));
                idempotencyKeys.add(exchange.getRequestHeaders().getFirst("Idempotency-Key"));
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
        url = "http://127.0.0.1:" + server.getAddress().getPort() + SECRET_PATH;
        Files.writeString(dir.resolve("music.odcs.yaml"), io.meshkit.monitor.internal.MonitorServiceTest.CONTRACT);
        Files.writeString(dir.resolve("meshkit.yaml"), """
                warehouse:
                  uri: duckdb:%s
                monitor:
                  contracts: music.odcs.yaml
                  retry: {attempts: 2, initialBackoff: 10ms, maxBackoff: 20ms, timeout: 2s}
                  sinks:
                    - {name: music-slack, type: slack, url_env: TEST_SLACK_URL, teams: [music-listening]}
                    - {name: other-team, type: webhook, url_env: TEST_SLACK_URL, teams: [someone-else]}
                    - {name: log, type: jsonl, path: alerts.jsonl}
                """.formatted(dir.resolve("w.duckdb")));
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    CliRun run(String... args) {
        CommandLine cmd = MonitorCli.commandLine();
        ((CheckCommand) cmd.getSubcommands().get("check").getCommand()).env = k -> k.equals("TEST_SLACK_URL") ? url : null;
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--config";
        all[args.length + 1] = dir.resolve("meshkit.yaml").toString();
        return CliRun.of(cmd, all);
    }

    void seed(String dataset, String at, RunOutcome outcome) {
        try (Warehouse w = Warehouses.open("duckdb:" + dir.resolve("w.duckdb"))) {
            var log = new WarehouseRunLog(w, Clock.fixed(Instant.parse(at), ZoneOffset.UTC));
            log.finishRun(log.startRun("ingest", dataset).runId(), outcome);
        }
    }

    void assertNoSecret(CliRun r) {
        assertThat(r.out() + r.err()).doesNotContain("SECRET").doesNotContain("xoxb").doesNotContain(SECRET_PATH);
    }

    /** {@code history} in text, CSV and JSON: the same runs, newest first. */
    @Test
    void historyIsTextCsvOrJson() throws Exception {
        seed("music.plays", "2026-11-23T10:00:00Z", RunOutcome.succeeded(100));
        seed("music.plays", "2026-11-23T11:00:00Z", RunOutcome.failed("Cannot connect to source db:3306: timed out"));
        CliRun json = run("history", "music.plays", "--format", "json");
        assertThat(json.exitCode()).as(json.out() + json.err()).isZero();
        JsonNode h = new ObjectMapper().readTree(json.out());
        assertThat(h.get("dataset").asText()).isEqualTo("music.plays");
        assertThat(h.get("runs")).hasSize(2);
        assertThat(h.get("runs").get(0).get("status").asText()).isEqualTo("failed");
        assertThat(h.get("runs").get(0).get("message").asText()).isEqualTo("Cannot connect to source db:3306: timed out");
        assertThat(h.get("runs").get(0).get("rows").isNull()).isTrue();
        assertThat(h.get("runs").get(1).get("rows").asLong()).isEqualTo(100);
        assertThat(h.get("runs").get(1).get("tool").asText()).isEqualTo("ingest");
        assertThat(h.get("runs").get(1).get("startedAt").asText()).isEqualTo("2026-11-23T10:00:00Z");
        CliRun csv = run("history", "music.plays", "--format", "csv");
        assertThat(csv.out().lines()).hasSize(3).first().isEqualTo("run_id,tool,started_at,status,rows,duration_seconds");

        // a real run starts at a fraction of a second: the text table stays aligned under its headings
        seed("music.plays", "2026-11-23T12:00:00.123456789Z", RunOutcome.succeeded(7));
        java.util.List<String> text = run("history", "music.plays").out().lines().toList();
        assertThat(text).hasSize(4);
        assertThat(text.get(1)).contains(" 2026-11-23T12:00:00Z ");
        for (String heading : java.util.List.of("TOOL", "STARTED", "STATUS")) {
            int column = text.get(0).indexOf(heading);
            assertThat(text.subList(1, 4)).as(heading).allSatisfy(line -> assertThat(line.charAt(column - 1)).isEqualTo(' ')
                    .satisfies(c -> assertThat(line.charAt(column)).isNotEqualTo(' ')));
        }
    }

    /**
     * A real run ends at a fraction of a second and a check without {@code --now} runs at one: the
     * check line and the alert's text give whole seconds, as {@code status} does (JSON keeps them).
     */
    @Test
    void checkLineAndAlertTextGiveWholeSeconds() throws Exception {
        seed("music.plays", "2026-11-23T10:00:00.885389Z", RunOutcome.succeeded(100));
        seed("music.tracks", "2026-11-23T12:00:00.123Z", RunOutcome.succeeded(10));
        CliRun late = run("check", "--now", "2026-11-23T12:01:20.913829714Z");
        assertThat(late.exitCode()).as(late.out() + late.err()).isEqualTo(1);
        assertThat(late.out()).startsWith("checked 2 datasets at 2026-11-23T12:01:20Z: 0 failing, 1 late, 0 snoozed")
                .contains("  alert late: music.plays is late: last update 2026-11-23T10:00:00Z, SLA 2h, 1m20s late (team music-listening)");
        CliRun json = run("status", "--now", "2026-11-23T12:02:00Z", "--format", "json");
        assertThat(json.out()).contains("2026-11-23T10:00:00.885389Z");

        // a snooze for a duration from a clock with nanoseconds: the same in snooze, snoozes and status
        CliRun snooze = run("snooze", "music.plays", "--until", "12h", "--now", "2026-11-23T12:01:20.913829714Z");
        assertThat(snooze.out()).isEqualTo("snoozed music.plays until 2026-11-24T00:01:20Z\n");
        assertThat(run("snoozes", "--now", "2026-11-23T12:02:00Z").out()).startsWith("music.plays until 2026-11-24T00:01:20Z\n");
        assertThat(run("status", "--now", "2026-11-23T12:02:00Z").out()).contains(" (snoozed until 2026-11-24T00:01:20Z)\n");
    }

    @Test
    void webhookThatFailsThenRecoversGetsEachAlertExactlyOnceAndTheUrlIsNeverPrinted() throws Exception {
        seed("music.plays", "2026-11-23T10:00:00Z", RunOutcome.succeeded(100));
        seed("music.tracks", "2026-11-23T11:00:00Z", RunOutcome.succeeded(10));
        seed("music.plays", "2026-11-23T11:00:00Z", RunOutcome.failed("Cannot connect to source db:3306: timed out"));

        failuresLeft.set(2);
        CliRun down = run("check", "--now", "2026-11-23T11:30:00Z", "--verbose");
        assertThat(down.exitCode()).as(down.out() + down.err()).isEqualTo(3);
        assertThat(down.err()).contains("error: Cannot deliver 1 alert(s), kept for the next check: Cannot deliver alert to sink music-slack: HTTP 500");
        assertThat(bodies).isEmpty();
        assertNoSecret(down);

        CliRun up = run("check", "--now", "2026-11-23T11:35:00Z", "--format", "json");
        assertThat(up.exitCode()).as(up.err()).isEqualTo(1);
        JsonNode report = new ObjectMapper().readTree(up.out());
        assertThat(report.get("alertCount").asInt()).isZero();
        assertThat(report.get("delivered").asInt()).isEqualTo(1);
        assertThat(report.get("pending").asInt()).isZero();
        assertThat(report.get("tablesChanged").toString()).contains("meshkit_meta.monitor_state", "meshkit_meta.monitor_outbox");
        assertThat(bodies).hasSize(1);
        JsonNode slack = new ObjectMapper().readTree(bodies.get(0));
        assertThat(slack.get("text").asText()).startsWith("music.plays failed: run ").endsWith(
                ": Cannot connect to source db:3306: timed out (team music-listening)");
        assertThat(slack.get("blocks").get(0).get("type").asText()).isEqualTo("header");
        assertThat(slack.get("blocks").get(1).get("fields").toString()).contains("music-listening");
        assertNoSecret(up);

        for (int i = 0; i < 2; i++) {
            CliRun again = run("check", "--now", "2026-11-23T11:4" + i + ":00Z");
            assertThat(again.exitCode()).isEqualTo(1);
            assertThat(again.out()).contains("no change of state");
        }
        assertThat(bodies).hasSize(1);
        assertThat(Files.readAllLines(dir.resolve("alerts.jsonl"))).hasSize(1).allMatch(l -> l.contains("\"kind\":\"failed\""));

        seed("music.plays", "2026-11-23T11:50:00Z", RunOutcome.succeeded(100));
        CliRun recovered = run("check", "--now", "2026-11-23T11:55:00Z");
        assertThat(recovered.exitCode()).as(recovered.out()).isZero();
        assertThat(recovered.out()).contains("alert recovered: music.plays recovered: run ");
        assertThat(bodies).hasSize(2);
        assertThat(idempotencyKeys).doesNotHaveDuplicates();
    }

    /**
     * A run left RUNNING by a process that is gone (a real process, run to its end) is closed as failed,
     * "killed", by the next run of the dataset, and the monitor reports it failed exactly once.
     */
    @Test
    void aRunKilledMidwayIsClosedByTheNextRunAndReportedFailedOnce() throws Exception {
        Process gone = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-version")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        gone.waitFor();
        seed("music.plays", "2026-11-23T10:00:00Z", RunOutcome.succeeded(100));
        seed("music.tracks", "2026-11-23T10:00:00Z", RunOutcome.succeeded(10));
        try (Warehouse w = Warehouses.open("duckdb:" + dir.resolve("w.duckdb"))) {
            var log = new WarehouseRunLog(w, Clock.fixed(Instant.parse("2026-11-23T11:00:00Z"), ZoneOffset.UTC));
            String killed = log.startRun("ingest", "music.plays").runId();
            // that run's process is the one that has exited: as if it was killed holding it
            w.execute(io.meshkit.core.warehouse.Sql.of("UPDATE meshkit_meta.processes SET pid = " + gone.pid()
                    + ", process_started_at = NULL WHERE id = '" + killed + "'"));
            var later = new WarehouseRunLog(w, Clock.fixed(Instant.parse("2026-11-23T11:20:00Z"), ZoneOffset.UTC));
            later.startRun("ingest", "music.plays"); // the next run, still running when the monitor looks
            assertThat(later.run(killed).orElseThrow().status()).isEqualTo(io.meshkit.core.runlog.RunStatus.FAILED);
            assertThat(later.run(killed).orElseThrow().message()).hasValueSatisfying(m -> assertThat(m)
                    .startsWith("killed: its process (pid " + gone.pid()));
        }
        CliRun first = run("check", "--now", "2026-11-23T11:30:00Z");
        assertThat(first.exitCode()).as(first.out() + first.err()).isEqualTo(1);
        CliRun again = run("check", "--now", "2026-11-23T11:35:00Z");
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.out()).contains("no change of state");
        assertThat(Files.readAllLines(dir.resolve("alerts.jsonl"))).hasSize(1)
                .allMatch(l -> l.contains("\"kind\":\"failed\"") && l.contains("killed: its process"));
    }

    @Test
    void unreachableWebhookIsReportedWithoutItsUrl() {
        seed("music.plays", "2026-11-23T11:00:00Z", RunOutcome.failed("Cannot connect"));
        server.stop(0);
        CliRun r = run("check", "--now", "2026-11-23T11:30:00Z", "--verbose");
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.err()).contains("Cannot deliver alert to sink music-slack: ConnectException");
        assertNoSecret(r);
    }

    @Test
    void statusJsonMetricsAndSnooze() throws Exception {
        seed("music.plays", "2026-11-23T11:00:00Z", RunOutcome.succeeded(100));
        CliRun status = run("status", "--now", "2026-11-23T12:00:00Z", "--format", "json");
        assertThat(status.exitCode()).isZero();
        JsonNode s = new ObjectMapper().readTree(status.out());
        assertThat(s.get("datasetCount").asInt()).isEqualTo(2);
        assertThat(s.get("datasets").get(0).get("state").asText()).isEqualTo("ok");
        assertThat(s.get("datasets").get(0).get("lagSeconds").asLong()).isEqualTo(3600);
        assertThat(s.get("datasets").get(1).get("state").asText()).isEqualTo("late");

        CliRun snooze = run("snooze", "music.tracks", "--until", "2h", "--now", "2026-11-23T12:00:00Z", "--reason", "backfill");
        assertThat(snooze.out()).isEqualTo("snoozed music.tracks until 2026-11-23T14:00:00Z (backfill)\n");
        CliRun metrics = run("metrics", "--now", "2026-11-23T12:00:00Z");
        assertThat(metrics.out()).contains("# HELP meshkit_dataset_late ", "# TYPE meshkit_dataset_late gauge\n",
                "meshkit_dataset_late{dataset=\"music.tracks\",team=\"music-listening\"} 1\n",
                "meshkit_dataset_snoozed{dataset=\"music.tracks\",team=\"music-listening\"} 1\n",
                "meshkit_dataset_lag_seconds{dataset=\"music.plays\",team=\"music-listening\"} 3600\n",
                "meshkit_dataset_last_run_rows{dataset=\"music.plays\",team=\"music-listening\"} 100\n",
                "meshkit_dataset_runs_total{dataset=\"music.plays\",team=\"music-listening\"} 1\n");
    }

    @Test
    void badInputIsOneLineAndExitTwo() {
        CliRun r = run("status", "--now", "yesterday");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("error: Cannot read --now 'yesterday': expected an ISO-8601 instant such as 2026-11-23T12:00:00Z\n");
    }

    @Test
    void missingWebhookVariableIsAConfigurationError() throws Exception {
        url = null;
        CliRun r = run("check", "--now", "2026-11-23T12:00:00Z");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("error: Cannot configure alert sink music-slack: environment variable TEST_SLACK_URL is not set\n");
    }

    @Test
    void parsesEverySubcommand() {
        CommandLine cmd = MonitorCli.commandLine();
        assertThat(cmd.getSubcommands().keySet()).contains("check", "status", "metrics", "snooze", "unsnooze", "snoozes", "history");
        cmd.parseArgs("check", "--dry-run", "--format", "json", "--now", "2026-11-23T12:00:00Z", "--contract", "contracts");
    }
}
