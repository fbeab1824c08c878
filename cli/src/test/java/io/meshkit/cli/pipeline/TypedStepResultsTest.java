package io.meshkit.cli.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshkit.cli.WarehouseQuery;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner's report comes from the tools' typed results: each scd step's counts are exactly those the
 * builder recorded for the same build (its run record in {@code meshkit_meta.runs}, written from
 * {@code ScdResult.counts()}), the contract is read once per run, and a step's {@code args} are read
 * against the options its kind takes when the file is read.
 */
class TypedStepResultsTest {
    private static final Path MUSIC = Path.of("../examples/music").toAbsolutePath().normalize();
    private static final Pattern SCD_LINE = Pattern.compile(
            "ok   (scd@\\S+) .*-> music_candidates\\.tracks: (opened \\d+, closed \\d+, corrected \\d+, deleted \\d+), rows (\\d+)");

    @TempDir
    Path tmp;

    @Test
    void theScdCountsInTheReportAreTheBuildersResult() throws IOException {
        Path file = tmp.resolve("pipeline.yaml");
        Files.writeString(file, "name: typed\nsteps:\n"
                + "  - id: load\n    kind: load-snapshot\n    contract: " + MUSIC.resolve("contracts/tracks.odcs.yaml") + "\n"
                + "    snapshots: " + MUSIC.resolve("snapshots/tracks") + "\n"
                + "  - id: scd\n    kind: scd\n    needs: [load]\n    contract: " + MUSIC.resolve("contracts/tracks.odcs.yaml") + "\n");
        String uri = "duckdb:" + tmp.resolve("w.duckdb");
        StringWriter out = new StringWriter();
        List<LocalDate> dates = List.of(LocalDate.parse("2019-04-29"), LocalDate.parse("2019-04-30"), LocalDate.parse("2019-05-01"));
        PipelineRunner runner = new PipelineRunner(PipelineReader.read(file), uri, Map.of(), dates, name -> null, new PrintWriter(out, true));

        assertThat(runner.run(false)).as(out.toString()).isZero();

        // the builder's own record of each build, in order: "apply D: opened .., closed .., corrected .., deleted .., unchanged .., rows .."
        List<List<Object>> builds = WarehouseQuery.rows(uri, "SELECT message, row_count FROM meshkit_meta.runs WHERE tool = 'scd'"
                + " AND status = 'SUCCEEDED' ORDER BY started_at");
        Matcher m = SCD_LINE.matcher(out.toString());
        int i = 0;
        while (m.find()) {
            String recorded = (String) builds.get(i).get(0);
            assertThat(recorded).as(m.group(1)).startsWith("apply " + m.group(1).substring(4) + ": " + m.group(2) + ", unchanged ");
            assertThat(Long.parseLong(m.group(3))).as(m.group(1)).isEqualTo(((Number) builds.get(i).get(1)).longValue());
            i++;
        }
        assertThat(i).as(out.toString()).isEqualTo(3);
        assertThat(builds).hasSize(3);
        // 2019-05-01 changes a title: one version closed and one opened, as the published example says
        assertThat(out.toString()).contains("apply 2019-05-01 -> music_candidates.tracks: opened 1, closed 1, corrected 0, deleted 0, rows 13");
        // one warehouse, one read of the contract, for the whole run (3 loads, 3 builds, bookkeeping, lineage)
        assertThat(runner.contractReads()).isEqualTo(1);
    }

    @Test
    void aDiffStepPostsTheDiffOfItsTypedResultOnThePullRequest() throws IOException {
        String contract = MUSIC.resolve("contracts/tracks.odcs.yaml").toString();
        Path file = tmp.resolve("pipeline.yaml");
        Files.writeString(file, "name: pr\nsteps:\n"
                + "  - id: load\n    kind: load-snapshot\n    contract: " + contract + "\n    snapshots: " + MUSIC.resolve("snapshots/tracks") + "\n"
                + "  - id: scd\n    kind: scd\n    needs: [load]\n    contract: " + contract + "\n"
                + "  - id: pr-diff\n    kind: diff\n    needs: [scd]\n    contract: " + contract + "\n"
                + "    args: [--post-to-github, --pr, \"${PR}\", --repo, acme/data]\n"
                + "  - id: publish\n    kind: publish\n    needs: [pr-diff]\n    contract: " + contract + "\n");
        String uri = "duckdb:" + tmp.resolve("w.duckdb");
        List<String[]> posted = new java.util.ArrayList<>();
        io.meshkit.differ.api.PullRequestComments fake = (repo, pr, marker, body) -> {
            posted.add(new String[] {repo, String.valueOf(pr), marker, body});
            return new io.meshkit.differ.api.PullRequestComments.Posted("https://github.example/acme/data/pull/" + pr + "#1", true);
        };
        Map<String, String> env = Map.of("PR", "7");
        StringWriter first = new StringWriter();
        assertThat(new PipelineRunner(PipelineReader.read(file), uri, Map.of(), List.of(LocalDate.parse("2019-04-29")), env::get,
                new PrintWriter(first, true)).withPullRequests(() -> fake).run(false)).as(first.toString()).isZero();
        assertThat(first.toString()).contains("music.tracks: new dataset, no production to compare");
        assertThat(posted).isEmpty();

        StringWriter second = new StringWriter();
        assertThat(new PipelineRunner(PipelineReader.read(file), uri, Map.of(), List.of(LocalDate.parse("2019-04-30")), env::get,
                new PrintWriter(second, true)).withPullRequests(() -> fake).run(false)).as(second.toString()).isZero();
        // 2019-04-30 adds a track and corrects one: the comment is the differ's Markdown of that result
        assertThat(posted).hasSize(1);
        assertThat(posted.get(0)[0]).isEqualTo("acme/data");
        assertThat(posted.get(0)[1]).isEqualTo("7");
        assertThat(posted.get(0)[3]).startsWith(posted.get(0)[2]).contains("music.tracks");
        // a dimension: its current state by track_id (12 new, 5 corrected), then its versions (12's opened, 5's corrected)
        assertThat(posted.get(0)[3]).contains("#### History");
        assertThat(second.toString()).contains("music.tracks: added 1, removed 0, changed 1, unchanged 10; history: 2 keys changed"
                + " (versions 1 added, 0 removed, 1 changed); posted the diff comment on acme/data#7:"
                + " https://github.example/acme/data/pull/7#1");
    }

    @Test
    void anUnknownOptionInArgsIsRefusedAtItsLineNamingTheStep() throws IOException {
        Path file = tmp.resolve("pipeline.yaml");
        Files.writeString(file, "steps:\n  - id: pr-diff\n    kind: diff\n    contract: c.odcs.yaml\n    args: [--post-to-github, --pull, \"7\"]\n");
        assertThatThrownBy(() -> PipelineReader.read(file)).isInstanceOfSatisfying(PipelineFileException.class, e -> assertThat(e.line())
                .startsWith(file + ":5:11: error: step 'pr-diff': unknown option '--pull' in args of a diff step (it takes ")
                .contains("--pr NUMBER"));
        Files.writeString(file, "steps:\n  - id: publish\n    kind: publish\n    contract: c.odcs.yaml\n    args: [--keep, many]\n");
        assertThatThrownBy(() -> PipelineReader.read(file)).isInstanceOfSatisfying(PipelineFileException.class, e -> assertThat(e.line())
                .isEqualTo(file + ":5:11: error: step 'publish': option --keep takes K, not 'many'"));
        // a value from the environment is checked once expanded; the option itself is known
        Files.writeString(file, "steps:\n  - id: pr-diff\n    kind: diff\n    contract: c.odcs.yaml\n"
                + "    args: [--post-to-github, --pr, \"${MESHKIT_PR_NUMBER}\"]\n");
        StepOptions o = PipelineReader.read(file).steps().get(0).options();
        assertThat(o.expanded(StepKind.DIFF, v -> v.replace("${MESHKIT_PR_NUMBER}", "42")).integer("--pr")).contains(42);
        assertThatThrownBy(() -> o.expanded(StepKind.DIFF, v -> v.replace("${MESHKIT_PR_NUMBER}", "forty-two")))
                .hasMessage("option --pr takes NUMBER, not 'forty-two'");
    }
}
