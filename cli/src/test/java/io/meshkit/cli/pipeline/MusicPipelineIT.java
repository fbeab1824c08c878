package io.meshkit.cli.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshkit.cli.Meshkit;
import io.meshkit.cli.WarehouseQuery;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example domain end to end, in process, on a temporary DuckDB file: {@code meshkit run
 * examples/music/pipeline.yaml}, then the published tables checked, a failing step resumed, and
 * a rerun over the same dates converging to the same versions.
 */
class MusicPipelineIT {
    private static final Path EXAMPLE = Path.of("../examples/music").toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    record Run(int exitCode, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cmd = Meshkit.commandLine();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int code = cmd.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void runsTheExampleDomainAndPublishesItsDatasets() {
        String uri = "duckdb:" + tmp.resolve("w.duckdb");
        Run r = run("run", EXAMPLE.resolve("pipeline.yaml").toString(), "--warehouse", uri);
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("pipeline music finished", "music.tracks             v1 (was none)",
                "music.royalties          v1 (was none)", "plays_per_listener = ", "95% interval", "monitor: 5 datasets: 5 ok");

        // the published tables (views over the promoted versions)
        assertThat(WarehouseQuery.count(uri, "SELECT COUNT(*) FROM music.tracks")).isEqualTo(13);
        assertThat(WarehouseQuery.count(uri, "SELECT COUNT(*) FROM music.rightsholders")).isEqualTo(37);
        assertThat(WarehouseQuery.count(uri, "SELECT COUNT(*) FROM music.plays")).isEqualTo(600);
        assertThat(WarehouseQuery.count(uri, "SELECT COUNT(*) FROM music.royalties")).isEqualTo(600);
        // the track whose title changes on 2019-05-01, as in the SoundCloud write-up
        assertThat(WarehouseQuery.rows(uri, "SELECT title, CAST(valid_from AS VARCHAR), CAST(valid_to AS VARCHAR), is_current FROM music.tracks"
                + " WHERE track_id = 2 ORDER BY valid_from")).containsExactly(
                List.of("Think Before You Click", "2019-04-28 00:00:00", "2019-05-01 00:00:00", false),
                List.of("Think Before You Click (On My Heart)", "2019-05-01 00:00:00", "9999-12-31 00:00:00", true));
        // the rights of track 2 in DE end on 2019-05-02: a tombstone
        assertThat(WarehouseQuery.count(uri, "SELECT COUNT(*) FROM music.rightsholders WHERE track_id = 2 AND territory = 'DE' AND is_current AND is_deleted"))
                .isEqualTo(1);
        // royalties: every play once, titles and holders as of the play
        assertThat(WarehouseQuery.count(uri, "SELECT COUNT(*) FROM music.royalties r JOIN music.plays p USING (play_id)")).isEqualTo(600);
        assertThat(WarehouseQuery.count(uri, "SELECT COUNT(*) FROM music.royalties WHERE track_id = 2 AND played_at >= TIMESTAMP '2019-05-01'"
                + " AND title <> 'Think Before You Click (On My Heart)'")).isZero();
        assertThat(WarehouseQuery.count(uri, "SELECT COUNT(*) FROM music.royalties WHERE track_id = 2 AND played_at < TIMESTAMP '2019-05-01'"
                + " AND title <> 'Think Before You Click'")).isZero();
        assertThat(WarehouseQuery.rows(uri, "SELECT DISTINCT rightsholder_id FROM music.royalties WHERE track_id = 1 AND territory = 'FR'"
                + " AND played_at >= TIMESTAMP '2019-04-30'")).containsExactly(List.of(77L));
        assertThat(WarehouseQuery.rows(uri, "SELECT DISTINCT rightsholder_id FROM music.royalties WHERE track_id = 2 AND territory = 'DE'"
                + " AND played_at >= TIMESTAMP '2019-05-02'")).containsExactly(java.util.Collections.singletonList(null));
        // the same sum computed independently from the published dimensions
        assertThat(WarehouseQuery.rows(uri, "SELECT CAST(SUM(royalty_eur) AS VARCHAR) FROM music.royalties")).isEqualTo(WarehouseQuery.rows(uri,
                "SELECT CAST(CAST(SUM(CASE WHEN p.ms_played >= 30000 THEN 0.004 * r.share_percent / 100 ELSE 0 END) AS DECIMAL(38, 6)) AS VARCHAR)"
                        + " FROM music.plays p JOIN music.rightsholders r ON r.track_id = p.track_id AND r.territory = p.country"
                        + " AND p.played_at >= r.valid_from AND p.played_at < r.valid_to AND NOT r.is_deleted"));
        // one run record per step, all succeeded: the tool's own under the step's dataset, else the pipeline's
        assertThat(WarehouseQuery.count(uri, "SELECT COUNT(DISTINCT r.run_id) FROM meshkit_meta.pipeline_steps s JOIN meshkit_meta.runs r"
                + " ON r.run_id = s.step_run_id WHERE r.status = 'SUCCEEDED'")).isEqualTo(34);
        // and no record of the pipeline's beside a tool's run of the same step
        assertThat(WarehouseQuery.count(uri, "SELECT COUNT(*) FROM meshkit_meta.runs WHERE tool = 'pipeline' AND status = 'SUCCEEDED'"))
                .isLessThan(34);
        assertThat(WarehouseQuery.count(uri, "SELECT COUNT(DISTINCT pipeline_run_id) FROM meshkit_meta.pipeline_steps")).isEqualTo(1);

        // a second run over the same dates restates the dimensions and publishes nothing new
        Run again = run("run", EXAMPLE.resolve("pipeline.yaml").toString(), "--warehouse", uri);
        assertThat(again.exitCode()).as(again.out() + again.err()).isZero();
        assertThat(again.out()).contains("music.tracks             v1 (unchanged)", "added 0, removed 0, changed 0, unchanged 12; history unchanged",
                "replayed by the restatement above");
    }

    @Test
    void resumesFromTheFailedStep() throws IOException {
        Path copy = tmp.resolve("music");
        copyTree(EXAMPLE, copy);
        Path model = copy.resolve("models/royalties.sql");
        String good = Files.readString(model);
        Files.writeString(model, good.replace("t.title,", "t.no_such_column,"));
        String uri = "duckdb:" + tmp.resolve("w.duckdb");
        String pipeline = copy.resolve("pipeline.yaml").toString();

        Run failed = run("run", pipeline, "--warehouse", uri, "--dates", "2019-04-28..2019-04-30");
        assertThat(failed.exitCode()).as(failed.out() + failed.err()).isEqualTo(2);
        assertThat(failed.out()).contains("FAIL royalties", "failed at royalties: ", "--resume");
        // the failed step's one run record (its tool's), which the monitor reads
        assertThat(WarehouseQuery.count(uri, "SELECT COUNT(*) FROM meshkit_meta.runs WHERE status = 'FAILED'")).isEqualTo(1);
        assertThat(WarehouseQuery.count(uri, "SELECT COUNT(*) FROM meshkit_meta.runs WHERE status = 'FAILED' AND dataset = 'music.royalties'"))
                .isEqualTo(1);

        Files.writeString(model, good);
        Run plan = run("run", pipeline, "--warehouse", uri, "--dates", "2019-04-28..2019-04-30", "--resume", "--dry-run");
        assertThat(plan.exitCode()).isZero();
        assertThat(plan.out()).contains("scd-tracks@2019-04-30", "skip (succeeded earlier", "meshkit publish stage --contract");
        Run resumed = run("run", pipeline, "--warehouse", uri, "--dates", "2019-04-28..2019-04-30", "--resume");
        assertThat(resumed.exitCode()).as(resumed.out() + resumed.err()).isZero();
        assertThat(resumed.out()).contains("skip publish", "ok   royalties", "19 steps skipped as done");
        assertThat(WarehouseQuery.count(uri, "SELECT COUNT(*) FROM music.royalties")).isEqualTo(360);
        assertThat(WarehouseQuery.count(uri, "SELECT COUNT(DISTINCT pipeline_run_id) FROM meshkit_meta.pipeline_steps")).isEqualTo(1);
    }

    @Test
    void aCycleOrUnknownStepIsAnErrorAtItsLine() throws IOException {
        Path file = tmp.resolve("pipeline.yaml");
        Files.writeString(file, """
                name: broken
                steps:
                  - id: a
                    kind: validate
                    contract: c.odcs.yaml
                    needs: [b]
                  - id: b
                    kind: publish
                    contract: c.odcs.yaml
                    needs: [a]
                """);
        Run cycle = run("run", file.toString());
        assertThat(cycle.exitCode()).isEqualTo(2);
        assertThat(cycle.err().strip()).isEqualTo(file + ":6:12: error: steps form a cycle: a -> b -> a");

        Files.writeString(file, """
                steps:
                  - id: a
                    kind: validate
                    contract: c.odcs.yaml
                    needs: [nope]
                  - id: b
                    kind: publsh
                """);
        Run unknown = run("run", file.toString());
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err().strip()).isEqualTo(file + ":7:11: error: unknown step kind 'publsh' (one of ingest, load-snapshot, scd, "
                + "transform, validate, diff, publish, sample, monitor)");
        Files.writeString(file, "steps:\n  - id: a\n    kind: validate\n    contract: c.odcs.yaml\n    needs: [nope]\n");
        Run need = run("run", file.toString());
        assertThat(need.exitCode()).isEqualTo(2);
        assertThat(need.err().strip()).isEqualTo(file + ":5:12: error: step 'a' needs unknown step 'nope' (steps: a)");
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
