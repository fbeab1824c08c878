package io.meshkit.cli.diff;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshkit.cli.CliRun;
import io.meshkit.cli.TestingPostgres;
import io.meshkit.core.warehouse.Warehouses;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The diff of a dimension as a reviewer sees it, on a dimension built by {@code meshkit scd apply}: the example's tracks
 * built over three daily snapshots and promoted (production), then the candidate applies a fourth day that changes a
 * title (a type-2 change) and an artist, drops track 3 from the snapshot (deleted) and adds track 7. {@code meshkit diff
 * --contract} compares the current state by track_id and the histories version by version, on DuckDB and on PostgreSQL
 * (skipped without a server unless {@code -Dmeshkit.requirePostgres=true}), with the same text.
 */
class DimensionDiffTest {
    private static final Path CONTRACT = Path.of("../examples/music/contracts/tracks.odcs.yaml").toAbsolutePath().normalize();

    /** What the diff prints, on every warehouse. */
    static final String TEXT = String.join(System.lineSeparator(),
            "diff music_candidates.tracks against music.tracks (dimensions, key track_id, in the warehouse)",
            "current state: the live versions (is_current, not is_deleted) by track_id",
            "rows: production 6, candidate 6",
            "keys: 1 added, 1 removed, 2 changed, 3 unchanged",
            "  added: 1 new, 0 back after a delete; removed: 1 deleted, 0 dropped (no version left in the candidate)",
            "  column        changed nulls before nulls after mean before mean after",
            "  title               1        0.00%       0.00%",
            "  artist              1        0.00%       0.00%",
            "  genre               0        0.00%       0.00%",
            "  duration_ms         0        0.00%       0.00%    223873.2   209995.5",
            "  released_date       0        0.00%       0.00%",
            "  title at track_id=2: Think Before You Click -> Think Before You Click (On My Heart)",
            "  artist at track_id=4: The Patch Tuesdays -> The Patch Wednesdays",
            "  added track_id=7 (new)",
            "  removed track_id=3 (deleted)",
            "history: every version by track_id, valid_from",
            "versions: production 6, candidate 9: 3 added, 0 removed, 3 changed, 3 unchanged",
            "keys: 4 of 7 with a changed history",
            "  track_id=2: 1 -> 2 versions (1 added, 1 changed)",
            "  track_id=3: 1 -> 1 version (1 changed)",
            "  track_id=4: 1 -> 2 versions (1 added, 1 changed)",
            "  track_id=7: 0 -> 1 version (1 added)",
            "expectation: met", "");

    private static final List<String> TRACKS = List.of(
            "1, 'Longer, Better, Stronger Passwords', 'Adept Surfer', 'electronic', 201000, DATE '2019-01-10'",
            "2, 'Think Before You Click', 'Cautious Mouse', 'pop', 185000, DATE '2019-01-20'",
            "3, 'Summer Backup', 'The Patch Tuesdays', 'other', 253127, DATE '2018-10-07'",
            "4, 'Phishing Backup', 'The Patch Tuesdays', 'hip-hop', 144673, DATE '2018-08-10'",
            "5, 'Phishing Heart', 'Zero Day Choir', 'pop', 276090, DATE '2018-07-15'");

    @TempDir
    Path tmp;

    @Test
    void onDuckDb() throws Exception {
        String uri = "duckdb:" + tmp.resolve("w.duckdb");
        Warehouses.open(uri).close();   // query reads a warehouse that exists
        diffOfABuiltDimension(uri);
    }

    @Test
    void onPostgres() throws Exception {
        try (TestingPostgres.Database db = TestingPostgres.createDatabase()) {
            diffOfABuiltDimension(db.uri());
        }
    }

    private void diffOfABuiltDimension(String warehouse) throws Exception {
        List<String> rows = new ArrayList<>();
        for (String day : List.of("2019-04-28", "2019-04-29")) {
            TRACKS.forEach(t -> rows.add("(" + t + ", DATE '" + day + "')"));
        }
        // 04-30: track 5's genre corrected (type 1), track 6 new
        List<String> third = new ArrayList<>(TRACKS);
        third.set(4, third.get(4).replace("'pop'", "'jazz'"));
        third.add("6, 'Patch River', 'Zero Day Choir', 'hip-hop', 283349, DATE '2018-01-27'");
        third.forEach(t -> rows.add("(" + t + ", DATE '2019-04-30')"));
        // 05-01, the candidate's day: 2 retitled, 4's artist changed, 3 gone from the snapshot, 7 new
        List<String> fourth = new ArrayList<>(third);
        fourth.set(1, fourth.get(1).replace("'Think Before You Click'", "'Think Before You Click (On My Heart)'"));
        fourth.set(3, fourth.get(3).replace("'The Patch Tuesdays'", "'The Patch Wednesdays'"));
        fourth.remove(2);
        fourth.add("7, 'Backup Heart', 'Adept Surfer', 'pop', 169861, DATE '2018-04-20'");
        fourth.forEach(t -> rows.add("(" + t + ", DATE '2019-05-01')"));
        run("query", "--warehouse", warehouse, "CREATE SCHEMA music_staging; CREATE TABLE music_staging.tracks (track_id BIGINT,"
                + " title VARCHAR, artist VARCHAR, genre VARCHAR, duration_ms INTEGER, released_date DATE, snapshot_date DATE);"
                + " INSERT INTO music_staging.tracks VALUES " + String.join(", ", rows));
        for (String day : List.of("2019-04-28", "2019-04-29", "2019-04-30")) {
            run("scd", "apply", "--warehouse", warehouse, "--contract", CONTRACT.toString(), "--date", day, "--progress", "off");
        }
        // promoted as the publisher does: production is the candidate of 04-30
        run("query", "--warehouse", warehouse, "CREATE SCHEMA music; CREATE TABLE music.tracks AS SELECT * FROM music_candidates.tracks");
        run("scd", "apply", "--warehouse", warehouse, "--contract", CONTRACT.toString(), "--date", "2019-05-01", "--progress", "off");

        CliRun text = CliRun.of("diff", "--warehouse", warehouse, "--contract", CONTRACT.toString(), "--progress", "off");
        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.out()).isEqualTo(TEXT);

        CliRun json = CliRun.of("diff", "--warehouse", warehouse, "--contract", CONTRACT.toString(), "--format", "json", "--progress", "off");
        assertThat(json.exitCode()).as(json.err()).isZero();
        JsonNode r = new ObjectMapper().readTree(json.out());
        assertThat(r.get("key").toString()).isEqualTo("[\"track_id\"]");
        assertThat(r.get("keys").toString()).isEqualTo("{\"added\":1,\"removed\":1,\"changed\":2,\"unchanged\":3}");
        JsonNode d = r.get("dimension");
        assertThat(d.at("/keys/new/examples").toString()).isEqualTo("[[\"7\"]]");
        assertThat(d.at("/keys/deleted/examples").toString()).isEqualTo("[[\"3\"]]");
        assertThat(d.at("/keys/returned/count").asLong()).isZero();
        assertThat(d.at("/keys/dropped/count").asLong()).isZero();
        assertThat(d.at("/history/versions").toString())
                .isEqualTo("{\"production\":6,\"candidate\":9,\"added\":3,\"removed\":0,\"changed\":3,\"unchanged\":3}");
        assertThat(d.at("/history/keysWithChangedHistory").asLong()).isEqualTo(4);
        assertThat(d.at("/history/examples/0").toString()).isEqualTo("{\"key\":[\"2\"],\"productionVersions\":1,\"candidateVersions\":2,"
                + "\"added\":1,\"removed\":0,\"changed\":1}");

        // a refactor that changes nothing but history is not "no change"; the versions as rows stay one option away
        CliRun expectNone = CliRun.of("diff", "--warehouse", warehouse, "--contract", CONTRACT.toString(), "--expect", "no-change",
                "--progress", "off");
        assertThat(expectNone.exitCode()).isEqualTo(1);
        assertThat(expectNone.out()).contains("expectation: NOT met: expected no change, found 1 added, 1 removed, 2 changed,"
                + " and 4 key(s) with a changed history");
        CliRun versions = CliRun.of("diff", "--warehouse", warehouse, "--contract", CONTRACT.toString(), "--key", "track_id,valid_from",
                "--progress", "off");
        assertThat(versions.exitCode()).as(versions.err()).isZero();
        assertThat(versions.out()).contains("(key track_id, valid_from, in the warehouse)", "keys: 3 added, 0 removed, 3 changed, 3 unchanged")
                .doesNotContain("history");
    }

    private static void run(String... args) {
        CliRun r = CliRun.of(args);
        assertThat(r.exitCode()).as(String.join(" ", args) + "\n" + r.out() + r.err()).isZero();
    }
}
