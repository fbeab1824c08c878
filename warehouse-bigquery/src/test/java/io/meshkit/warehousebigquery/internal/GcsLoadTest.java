package io.meshkit.warehousebigquery.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.cloud.bigquery.LoadJobConfiguration;
import com.google.cloud.storage.contrib.nio.testing.LocalStorageHelper;
import io.meshkit.core.identifier.Namespace;
import io.meshkit.core.identifier.TableId;
import io.meshkit.core.landing.LandingOutput;
import io.meshkit.core.landing.Manifest;
import io.meshkit.core.landing.SnapshotKey;
import io.meshkit.core.warehouse.FileFormat;
import io.meshkit.core.warehouse.LoadRequest;
import io.meshkit.core.warehouse.QueryStats;
import io.meshkit.core.warehouse.ResultRows;
import io.meshkit.core.warehouse.Row;
import io.meshkit.core.warehouse.Sql;
import io.meshkit.core.warehouse.WriteMode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A snapshot landed in the GCS landing zone and loaded by a BigQuery load job, end to end offline: the parts are
 * real Parquet files (written by DuckDB), landed on Google's in-memory Storage, and the fake's load job reads
 * them back from that storage by their {@code gs://} URIs.
 */
class GcsLoadTest {
    private static final String URI_ = "bigquery:meshkit-test/EU";
    private static final SnapshotKey SNAPSHOT = new SnapshotKey("music.plays", LocalDate.of(2026, 11, 23));

    @TempDir
    Path dir;

    @Test
    void aCompleteSnapshotInGcsLoadsIntoBigQueryByItsManifest() throws Exception {
        var storage = LocalStorageHelper.getOptions().getService();
        String bucket = "mk-" + UUID.randomUUID().toString().substring(0, 8);
        GcsLandingZone landing = new GcsLandingZone(GcsLocation.parse("gs://" + bucket + "/landing"), storage);

        List<Manifest.Chunk> chunks = new ArrayList<>();
        long bytes = 0;
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            for (int part = 0; part < 2; part++) {
                Path file = dir.resolve("part-" + part + ".parquet");
                st.execute("COPY (SELECT i AS id, 'track ' || i AS title, i * 0.5 AS seconds, DATE '2026-11-01' + CAST(i % 20 AS INTEGER) AS played"
                        + " FROM range(" + part * 600 + ", " + (part + 1) * 600 + ") t(i)) TO '" + file + "' (FORMAT parquet)");
                byte[] data = Files.readAllBytes(file);
                String name = String.format("part-%05d.parquet", part);
                try (LandingOutput out = landing.create(SNAPSHOT, name)) {
                    out.write(data);
                    out.commit();
                }
                chunks.add(new Manifest.Chunk(part, name, 600, data.length, sha256(data)));
                bytes += data.length;
            }
        }
        landing.writeManifest(SNAPSHOT, new Manifest(Manifest.FORMAT_VERSION, SNAPSHOT.dataset(), SNAPSHOT.date(),
                new Manifest.Source("duckdb", "duckdb::memory:", "main", "plays"), List.of(), List.of("id"), chunks, 1200, bytes, null,
                Instant.parse("2026-11-23T10:00:00Z"), Instant.parse("2026-11-23T10:00:05Z"), 0, List.of()));

        FakeBigQueryClient fake = new FakeBigQueryClient();
        fake.attachStorage(storage);
        BigQuerySettings settings = BigQuerySettings.parse(URI_, Map.of("run_id", "run-7"));
        try (BigQueryWarehouse warehouse = new BigQueryWarehouse(URI_, settings, fake,
                new Retry(1, java.time.Duration.ofMillis(1), java.time.Duration.ofMillis(1), d -> {}))) {
            warehouse.createNamespace(Namespace.of("music"));
            TableId plays = Namespace.of("music").table("plays");

            Manifest manifest = landing.readManifest(SNAPSHOT).orElseThrow();
            List<URI> files = manifest.files().stream().map(f -> landing.uri(SNAPSHOT, f)).toList();
            QueryStats stats = warehouse.load(plays, new LoadRequest(files, FileFormat.PARQUET, WriteMode.REPLACE));
            assertThat(stats.rowsAffected()).hasValue(1200);
            assertThat(((LoadJobConfiguration) fake.jobs.get(fake.jobs.size() - 1)).getSourceUris()).containsExactly(
                    "gs://" + bucket + "/landing/music.plays/snapshot_date=2026-11-23/part-00000.parquet",
                    "gs://" + bucket + "/landing/music.plays/snapshot_date=2026-11-23/part-00001.parquet");

            assertThat(summary(warehouse)).isEqualTo(List.of(1200L, 1199L * 1200 / 2, 20L, "track 999")); // MAX of strings: "track 999" > "track 1199"
            // REPLACE again truncates, APPEND adds
            warehouse.load(plays, new LoadRequest(files, FileFormat.PARQUET, WriteMode.REPLACE));
            assertThat(summary(warehouse).get(0)).isEqualTo(1200L);
            warehouse.load(plays, new LoadRequest(files.subList(0, 1), FileFormat.PARQUET, WriteMode.APPEND));
            assertThat(summary(warehouse).get(0)).isEqualTo(1800L);
        }
    }

    private static List<Object> summary(BigQueryWarehouse warehouse) {
        try (ResultRows rows = warehouse.query(Sql.of("SELECT COUNT(*) AS n, SUM(id) AS s, COUNT(DISTINCT played) AS days,"
                + " MAX(title) AS last_title FROM `music`.`plays` WHERE seconds = id / 2"))) {
            Row r = rows.iterator().next();
            return List.of(r.getLong("n"), r.getLong("s"), r.getLong("days"), r.getString("last_title"));
        }
    }

    private static String sha256(byte[] data) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IOException(e);
        }
    }
}
