package io.meshkit.cli.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshkit.cli.WarehouseQuery;

import io.meshkit.testing.MySqlDatabase;
import io.meshkit.testing.MySqlExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example pipeline with its MySQL source ({@code MESHKIT_MYSQL_URL} set): the write-up's two
 * tracks snapshotted on 2019-02-05, track 2 renamed in MySQL, snapshotted on 2019-05-01; the
 * published dimension holds the write-up's three versions.
 */
@ExtendWith(MySqlExtension.class)
class MusicPipelineMySqlIT {
    private static final Path PIPELINE = Path.of("../examples/music/pipeline.yaml").toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    @Test
    void ingestsFromMySqlWhenTheUrlIsSet(MySqlDatabase db) throws Exception {
        try (Connection c = db.openConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE tracks (track_id BIGINT PRIMARY KEY, title VARCHAR(200) NOT NULL, artist VARCHAR(200) NOT NULL,"
                    + " genre VARCHAR(40), duration_ms INT, released_date DATE)");
            s.execute("CREATE TABLE rightsholders (track_id BIGINT, territory VARCHAR(2), rightsholder_id BIGINT NOT NULL,"
                    + " share_percent DECIMAL(5,2), PRIMARY KEY (track_id, territory))");
            s.execute("CREATE TABLE plays (play_id VARCHAR(40) PRIMARY KEY, track_id BIGINT NOT NULL, listener_id VARCHAR(40) NOT NULL,"
                    + " played_at DATETIME NOT NULL, country VARCHAR(2), platform VARCHAR(20), ms_played BIGINT, ip_address VARCHAR(40))");
            s.execute("INSERT INTO tracks VALUES (1, 'Longer, Better, Stronger Passwords', 'Adept Surfer', 'electronic', 201000, '2019-01-10'),"
                    + " (2, 'Think Before You Click', 'Cautious Mouse', 'pop', 185000, '2019-01-20')");
            s.execute("INSERT INTO rightsholders VALUES (1, 'DE', 182, 100), (1, 'FR', 182, 100), (2, 'DE', 42, 100)");
            s.execute("INSERT INTO plays VALUES ('p1', 1, '1349', '2019-02-15 11:20:00', 'DE', 'web', 200000, '10.0.0.1'),"
                    + " ('p2', 1, '1349', '2019-02-15 11:30:00', 'DE', 'web', 200000, '10.0.0.1'),"
                    + " ('p3', 2, '1066', '2019-02-15 12:05:00', 'FR', 'ios', 180000, '10.0.0.2')");
        }
        String uri = "duckdb:" + tmp.resolve("w.duckdb");
        Map<String, String> env = Map.of("MESHKIT_MYSQL_URL", db.jdbcUrl());

        assertThat(run(uri, env, LocalDate.parse("2019-02-05"))).isZero();
        try (Connection c = db.openConnection(); Statement s = c.createStatement()) {
            s.execute("UPDATE tracks SET title = 'Think Before You Click (On My Heart)' WHERE track_id = 2");
        }
        assertThat(run(uri, env, LocalDate.parse("2019-05-01"))).isZero();

        assertThat(WarehouseQuery.rows(uri, "SELECT track_id, title, CAST(valid_from AS VARCHAR), is_current FROM music.tracks ORDER BY track_id, valid_from"))
                .containsExactly(
                        List.of(1L, "Longer, Better, Stronger Passwords", "2019-02-05 00:00:00", true),
                        List.of(2L, "Think Before You Click", "2019-02-05 00:00:00", false),
                        List.of(2L, "Think Before You Click (On My Heart)", "2019-05-01 00:00:00", true));
        // the plays of February keep the title valid then; the FR play has no rights holder
        assertThat(WarehouseQuery.rows(uri, "SELECT play_id, title, rightsholder_id FROM music.royalties ORDER BY play_id")).containsExactly(
                List.of("p1", "Longer, Better, Stronger Passwords", 182L),
                List.of("p2", "Longer, Better, Stronger Passwords", 182L),
                java.util.Arrays.asList("p3", "Think Before You Click", null));
    }

    private int run(String uri, Map<String, String> env, LocalDate date) {
        StringWriter out = new StringWriter();
        PipelineRunner runner = new PipelineRunner(PipelineReader.read(PIPELINE), uri, Map.of(), List.of(date), env::get,
                new PrintWriter(out, true));
        int code = runner.run(false);
        assertThat(code).as(out.toString()).isZero();
        assertThat(out.toString()).as(out.toString()).contains("ok   ingest-mysql@" + date).doesNotContain("load-tracks");
        return code;
    }
}
