package io.meshkit.cli.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshkit.core.error.WarehouseException;
import io.meshkit.core.identifier.Namespace;
import io.meshkit.core.identifier.TableId;
import io.meshkit.core.warehouse.ResultRows;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.core.warehouse.Warehouses;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code meshkit run --fresh} removes the files an ingest step landed for the pipeline's datasets (a disabled
 * step too: a project switching back to its sample files leaves no MySQL snapshot behind), listed like the
 * tables, and leaves other datasets' files alone; with {@code --dry-run} it only lists them.
 */
class FreshStartTest {
    private static final Path MUSIC = Path.of("../examples/music").toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    @Test
    void removesTheLandedFilesOfThePipelinesDatasetsOnly() throws IOException {
        Path landing = tmp.resolve("landing");
        Path tracks = landing.resolve("music.tracks");
        for (String date : List.of("2019-04-28", "2019-04-29")) {
            Path d = Files.createDirectories(tracks.resolve("snapshot_date=" + date));
            Files.writeString(d.resolve("part-00000.parquet"), "x");
            Files.writeString(d.resolve("_manifest.json"), "{}");
        }
        Path other = Files.createDirectories(landing.resolve("music.plays/snapshot_date=2019-04-28"));
        Files.writeString(other.resolve("part-00000.parquet"), "x");
        Path file = tmp.resolve("pipeline.yaml");
        Files.writeString(file, "name: fresh\ndates: 2019-04-28..2019-04-29\nsteps:\n"
                + "  - id: ingest\n    kind: ingest\n    when: env.MESHKIT_MYSQL_URL\n    source: ${MESHKIT_MYSQL_URL}\n"
                + "    contract: " + MUSIC.resolve("contracts/tracks.odcs.yaml") + "\n    args: [--landing, " + landing + "]\n");
        String uri = "duckdb:" + tmp.resolve("w.duckdb");

        StringWriter dry = new StringWriter();
        PipelineRunner plan = new PipelineRunner(PipelineReader.read(file), uri, Map.of(), List.of(), name -> null, new PrintWriter(dry, true));
        assertThat(plan.withFresh(true).dryRun(false)).isZero();
        assertThat(dry.toString()).contains("fresh start (dry run: would remove): 1 removed in " + uri,
                "  removed landing files " + tracks + " (2 snapshot dates, 4 files)");
        assertThat(tracks).isDirectory();

        List<String> removed = new PipelineRunner(PipelineReader.read(file), uri, Map.of(), List.of(), name -> null,
                new PrintWriter(new StringWriter(), true)).fresh(false);
        assertThat(removed).containsExactly("landing files " + tracks + " (2 snapshot dates, 4 files)");
        assertThat(tracks).doesNotExist();
        assertThat(other.resolve("part-00000.parquet")).exists();
    }

    /**
     * A fresh start looks a table up in the catalog and never reads its rows: a production view, and a run log
     * table without a dataset column, that fail when read are removed and skipped.
     */
    @Test
    void readsNoRowsOfTheTablesItLooksUp() throws IOException {
        Path file = tmp.resolve("pipeline.yaml");
        Files.writeString(file, "name: fresh\ndates: 2019-04-28..2019-04-28\nsteps:\n"
                + "  - id: ingest\n    kind: ingest\n    when: env.MESHKIT_MYSQL_URL\n    source: ${MESHKIT_MYSQL_URL}\n"
                + "    contract: " + MUSIC.resolve("contracts/tracks.odcs.yaml") + "\n    args: [--landing, " + tmp.resolve("landing") + "]\n");
        String uri = "duckdb:" + tmp.resolve("w.duckdb");
        TableId production = TableId.of("music", "tracks");
        TableId unread = Namespace.META.table("fresh_unread");
        try (Warehouse w = Warehouses.open(uri, Map.of())) {
            for (String ns : List.of("music", "raw", Namespace.META.name())) {
                w.createNamespace(Namespace.of(ns));
            }
            w.execute(w.dialect().sql().sql("CREATE TABLE raw.tracks AS SELECT 1 AS track_id, 'not a number' AS code").build());
            String unreadable = " FROM raw.tracks WHERE CAST(code AS BIGINT) > 0";
            w.execute(w.dialect().sql().sql("CREATE VIEW ").table(production).sql(" AS SELECT track_id" + unreadable).build());
            w.execute(w.dialect().sql().sql("CREATE VIEW ").table(unread).sql(" AS SELECT code" + unreadable).build());
            assertThatThrownBy(() -> {
                try (ResultRows rows = w.query(w.dialect().sql().sql("SELECT count(*) FROM ").table(production).build())) {
                    rows.iterator().next();
                }
            }).as("reading the view's rows fails").isInstanceOf(WarehouseException.class);
        }

        List<String> removed = new PipelineRunner(PipelineReader.read(file), uri, Map.of(), List.of(), name -> null,
                new PrintWriter(new StringWriter(), true)).fresh(false);
        assertThat(removed).containsExactly("table " + production);
        try (Warehouse w = Warehouses.open(uri, Map.of())) {
            assertThat(w.columns(production)).isEmpty();
            assertThat(w.columns(unread)).isPresent();
        }
    }
}
