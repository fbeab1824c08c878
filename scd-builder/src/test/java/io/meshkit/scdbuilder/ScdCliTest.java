package io.meshkit.scdbuilder;

import static io.meshkit.scdbuilder.ScdFixture.row;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshkit.core.warehouse.Warehouses;
import io.meshkit.scdbuilder.cli.ScdCli;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import io.meshkit.testing.CliRun;

/** The {@code meshkit-scd} command line against a DuckDB file. */
class ScdCliTest {
    @TempDir
    Path dir;

    private String warehouse;
    private final String contract = ScdFixture.resource("tracks.odcs.yaml").toString();
    /** The last run. */
    private CliRun last;

    @BeforeEach
    void stage() {
        warehouse = "duckdb:" + dir.resolve("w.duckdb");
        try (ScdFixture f = ScdFixture.of(Warehouses.open(warehouse), ScdFixture.contract("tracks.odcs.yaml"))) {
            f.stage(LocalDate.of(2019, 2, 5), row(1L, "Longer, Better, Stronger Passwords", "Adept Surfer"),
                    row(2L, "Think Before You Click", "Cautious Mouse"));
            f.stage(LocalDate.of(2019, 5, 1), row(1L, "Longer, Better, Stronger Passwords", "Adept Surfer"),
                    row(2L, "Think Before You Click (On My Heart)", "Cautious Mouse"));
            f.stage(LocalDate.of(2019, 6, 1), row(1L, "a", "b"), row(1L, "c", "d"));
        }
    }

    private int run(String... args) {
        last = CliRun.of(ScdCli.commandLine(), args);
        return last.exitCode();
    }

    @Test
    void applyPrintsCountsAndJsonNamesTheTables() throws Exception {
        assertThat(run("apply", "--warehouse", warehouse, "--contract", contract, "--date", "2019-02-05")).isZero();
        assertThat(last.out()).startsWith("Built candidate music_candidates.tracks for music.tracks: apply 2019-02-05")
                .contains("opened 2, closed 0, corrected 0, deleted 0, unchanged 0, rows 2");
        assertThat(run("apply", "--warehouse", warehouse, "--contract", contract, "--date", "2019-05-01", "--format", "json")).isZero();
        JsonNode json = new ObjectMapper().readTree(last.out());
        assertThat(json.get("candidate").asText()).isEqualTo("music_candidates.tracks");
        assertThat(json.get("counts").get("opened").asLong()).isEqualTo(1);
        assertThat(json.get("counts").get("closed").asLong()).isEqualTo(1);
        assertThat(json.get("counts").get("unchanged").asLong()).isEqualTo(1);
        assertThat(json.get("tablesChanged").toString()).contains("music_candidates.tracks", "meshkit_meta.scd_applied");

        assertThat(run("check", "--warehouse", warehouse, "--contract", contract)).isZero();
        assertThat(last.out()).startsWith("music_candidates.tracks: 6 of 6 checks passed");
        assertThat(run("as-of", "--warehouse", warehouse, "--contract", contract, "--table", "music_candidates.tracks",
                "--at", "2019-03-01", "--format", "csv")).isZero();
        assertThat(last.out()).contains("2,Think Before You Click,Cautious Mouse,2019-02-05 00:00:00,2019-05-01 00:00:00");
    }

    /** check and as-of read as long as apply writes: the same --progress, on standard error only. */
    @Test
    void checkAndAsOfShowProgressLikeTheBuildsDo() {
        assertThat(run("apply", "--warehouse", warehouse, "--contract", contract, "--date", "2019-02-05", "--progress", "off")).isZero();
        assertThat(last.err()).isEmpty();
        assertThat(run("check", "--warehouse", warehouse, "--contract", contract, "--progress", "lines")).isZero();
        assertThat(last.out()).startsWith("music_candidates.tracks: 6 of 6 checks passed").doesNotContain("scd check:");
        assertThat(last.err()).startsWith("scd check: check music_candidates.tracks\n")
                .contains("scd check: check music_candidates.tracks finished, 6 checks, ").contains("scd check: done in ");
        assertThat(run("as-of", "--warehouse", warehouse, "--contract", contract, "--table", "music_candidates.tracks",
                "--at", "2019-03-01", "--format", "csv", "--progress", "lines")).isZero();
        assertThat(last.out()).contains("2,Think Before You Click,Cautious Mouse").doesNotContain("scd as-of:");
        assertThat(last.err()).contains("scd as-of: read music_candidates.tracks as of 2019-03-01 finished, 2 rows, ");
        assertThat(run("as-of", "--warehouse", warehouse, "--contract", contract, "--table", "music_candidates.tracks", "--at", "2019-03-01",
                "--progress", "sideways"))
                .isEqualTo(2);
        assertThat(last.err()).startsWith("error: Cannot show progress as 'sideways': expected auto, bar, lines or off");
        // a build that fails after its progress lines: they come first, the error line is last and nothing is said twice
        assertThat(run("apply", "--warehouse", warehouse, "--contract", contract, "--date", "2019-06-01", "--progress", "lines"))
                .isEqualTo(2);
        java.util.List<String> lines = last.err().lines().toList();
        assertThat(lines).first().asString().startsWith("scd apply: apply music.tracks");
        assertThat(lines).last().asString().startsWith("error: Cannot apply snapshot 2019-06-01 to music.tracks: 1 key of (track_id)");
        assertThat(lines).doesNotHaveDuplicates().noneMatch(l -> l.contains("done in") || l.contains(" finished, "));
        assertThat(last.out()).isEmpty();
        for (String sub : java.util.List.of("check", "as-of")) {
            assertThat(ScdCli.commandLine().getSubcommands().get(sub).getCommandSpec().findOption("--progress").description())
                    .isEqualTo(ScdCli.commandLine().getSubcommands().get("apply").getCommandSpec().findOption("--progress").description());
        }
    }

    @Test
    void errorsAreOneLineWithExitCodeTwo() {
        run("apply", "--warehouse", warehouse, "--contract", contract, "--date", "2019-05-01");
        assertThat(run("apply", "--warehouse", warehouse, "--contract", contract, "--date", "2019-02-05")).isEqualTo(2);
        assertThat(last.err()).isEqualTo("error: Cannot apply snapshot 2019-02-05 to music.tracks: it is older than the last applied"
                + " snapshot 2019-05-01; to rebuild history from 2019-02-05 run: meshkit scd restate --from 2019-02-05\n");
        assertThat(run("apply", "--warehouse", warehouse, "--contract", contract, "--date", "2019-06-01")).isEqualTo(2);
        assertThat(last.err()).startsWith("error: Cannot apply snapshot 2019-06-01 to music.tracks: 1 key of (track_id) occurs")
                .doesNotContain("\tat ");
        assertThat(run("apply", "--warehouse", warehouse, "--contract", contract, "--date", "2019-13-01")).isEqualTo(2);
        assertThat(last.err()).isEqualTo("error: Cannot parse --date '2019-13-01': expected YYYY-MM-DD\n");
        assertThat(run("apply", "--warehouse", warehouse, "--contract", dir.resolve("nope.odcs.yaml").toString(), "--date", "2019-05-01"))
                .isEqualTo(2);
    }

    @Test
    void dryRunPrintsThePlanAndSqlAndWritesNothing() {
        assertThat(run("restate", "--warehouse", warehouse, "--contract", contract, "--from", "2019-02-05", "--dry-run")).isEqualTo(2);
        assertThat(last.err()).contains("1 key of (track_id) occurs more than once"); // 2019-06-01 is staged and bad
        assertThat(run("apply", "--warehouse", warehouse, "--contract", contract, "--date", "2019-02-05", "--dry-run")).isZero();
        assertThat(last.out()).startsWith("Plan for apply music.tracks (2019-02-05) (dry run: nothing written)")
                .contains("FULL OUTER JOIN", "WHEN s.\"title\" IS DISTINCT FROM c.\"title\" OR s.\"artist\" IS DISTINCT FROM c.\"artist\"")
                .doesNotContain("md5("); // no floating-point or JSON attribute to fingerprint
        assertThat(run("check", "--warehouse", warehouse, "--contract", contract)).isEqualTo(2);
        assertThat(last.err()).isEqualTo("error: Cannot check table music_candidates.tracks: it does not exist (the release candidate: built by meshkit scd apply or meshkit publish stage, consumed by promote)\n");
    }

    @Test
    void tableOverridesProduction() {
        assertThat(run("apply", "--warehouse", warehouse, "--contract", contract, "--date", "2019-02-05", "--table", "music.tracks_v2",
                "--format", "json")).isZero();
        assertThat(last.out()).contains("\"dataset\" : \"music.tracks_v2\"");
        assertThat(run("apply", "--warehouse", warehouse, "--contract", contract, "--date", "2019-02-05", "--table", "a.b",
                "--production", "c.d")).isEqualTo(2);
        assertThat(last.err()).isEqualTo("error: Cannot choose the production table: --table and --production name different tables\n");
    }

    @Test
    void parsesWithoutRunning() {
        CommandLine.ParseResult p = ScdCli.commandLine().parseArgs("from-events", "--contract", "c.yaml", "--events", "s.e",
                "--arrival-column", "loaded_at", "--dry-run");
        assertThat(p.subcommand().matchedOptionValue("--events", null).toString()).isEqualTo("s.e");
    }
}
