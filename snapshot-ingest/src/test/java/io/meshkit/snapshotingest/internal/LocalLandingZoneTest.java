package io.meshkit.snapshotingest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshkit.core.landing.LandedFile;
import io.meshkit.core.landing.LandingOutput;
import io.meshkit.core.landing.LandingZone;
import io.meshkit.core.landing.LandingZones;
import io.meshkit.core.landing.Manifest;
import io.meshkit.core.landing.SnapshotKey;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalLandingZoneTest {
    @TempDir
    Path dir;

    private final SnapshotKey key = new SnapshotKey("shop.orders", LocalDate.of(2026, 11, 23));

    @Test
    void aFileIsVisibleOnlyOnceCommitted() throws Exception {
        LandingZone zone = LandingZones.open(dir.toString());
        LandingOutput out = zone.create(key, "part-00000.parquet");
        out.write(new byte[] {1, 2, 3});
        assertThat(zone.list(key)).isEmpty();
        out.commit();
        assertThat(zone.list(key)).containsExactly(new LandedFile("part-00000.parquet", 3));
        try (LandingOutput aborted = zone.create(key, "part-00001.parquet")) {
            aborted.write(7); // closed without commit: discarded
        }
        assertThat(zone.parts(key)).extracting(LandedFile::name).containsExactly("part-00000.parquet");
        assertThat(dir.resolve("shop.orders/snapshot_date=2026-11-23").toFile().list()).containsExactly("part-00000.parquet");
    }

    @Test
    void theManifestIsTheCommitPointAndRoundTrips() throws Exception {
        LandingZone zone = LandingZones.open("file:" + dir);
        assertThat(zone.isComplete(key)).isFalse();
        Manifest m = new Manifest(Manifest.FORMAT_VERSION, key.dataset(), key.date(),
                new Manifest.Source("mariadb 10.11", "jdbc:mysql://h/shop?user=u", "shop", "orders"),
                List.of(new Manifest.ManifestColumn("id", "bigint(20)", "BIGINT", false)), List.of("id"),
                List.of(new Manifest.Chunk(0, "part-00000.parquet", 10, 100, "ab")), 10, 100, null,
                Instant.parse("2026-11-23T01:00:00Z"), Instant.parse("2026-11-23T01:00:05Z"), 0, List.of());
        zone.writeManifest(key, m);
        assertThat(zone.isComplete(key)).isTrue();
        assertThat(zone.readManifest(key)).contains(m);
        assertThat(new String(m.toJson(), java.nio.charset.StandardCharsets.UTF_8)).contains("\"startedAt\" : \"2026-11-23T01:00:00Z\"")
                .doesNotContain("relativePath");
    }
}
