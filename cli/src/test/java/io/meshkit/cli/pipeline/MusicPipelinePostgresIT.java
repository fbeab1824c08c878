package io.meshkit.cli.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshkit.cli.TestingPostgres;
import io.meshkit.cli.WarehouseQuery;
import io.meshkit.cli.pipeline.MusicPipelineIT.Run;
import io.meshkit.core.identifier.TableId;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example pipeline on PostgreSQL publishes the same rows as on DuckDB: {@code meshkit run
 * examples/music/pipeline.yaml} on a temporary DuckDB file and on a fresh PostgreSQL database
 * (dropped afterwards), then every published table compared row for row; a second run on PostgreSQL
 * diffs against the published production and changes nothing. Skipped only when no
 * PostgreSQL server answers ({@link TestingPostgres}), failed then under {@code -Dmeshkit.requirePostgres=true}.
 */
class MusicPipelinePostgresIT {
    private static final Path PIPELINE = Path.of("../examples/music/pipeline.yaml").toAbsolutePath().normalize();
    /** The published tables and their rows on DuckDB (MusicPipelineIT checks their content). */
    private static final List<String> PUBLISHED = List.of("tracks", "rightsholders", "plays", "royalties");

    @TempDir
    Path tmp;

    @Test
    void publishesTheSameRowsAsOnDuckDb() {
        String duckdb = "duckdb:" + tmp.resolve("w.duckdb");
        try (TestingPostgres.Database db = TestingPostgres.createDatabase()) {
            Run onDuckDb = MusicPipelineIT.run("run", PIPELINE.toString(), "--warehouse", duckdb);
            assertThat(onDuckDb.exitCode()).as(onDuckDb.out() + onDuckDb.err()).isZero();
            Run onPostgres = MusicPipelineIT.run("run", PIPELINE.toString(), "--warehouse", db.uri());
            assertThat(onPostgres.exitCode()).as(onPostgres.out() + onPostgres.err()).isZero();
            assertThat(onPostgres.out()).contains("pipeline music finished", "music.tracks             v1 (was none)",
                    "music.royalties          v1 (was none)", "monitor: 5 datasets: 5 ok");

            for (String table : PUBLISHED) {
                List<String> expected = rows(duckdb, table);
                assertThat(expected).as("music.%s on DuckDB", table).hasSizeGreaterThan(10);
                assertThat(rows(db.uri(), table)).as("music.%s on PostgreSQL, as on DuckDB", table).containsExactlyElementsOf(expected);
            }

            // again over the same dates: now production exists, so the diff runs its collect/unnest statement on PostgreSQL
            Run again = MusicPipelineIT.run("run", PIPELINE.toString(), "--warehouse", db.uri());
            assertThat(again.exitCode()).as(again.out() + again.err()).isZero();
            assertThat(again.out()).contains("music.tracks             v1 (unchanged)", "added 0, removed 0, changed 0, unchanged 12; history unchanged");
            assertThat(rows(db.uri(), "tracks")).containsExactlyElementsOf(rows(duckdb, "tracks"));
        }
    }

    private static List<String> rows(String uri, String table) {
        return WarehouseQuery.tableText(uri, TableId.of("music", table));
    }
}
