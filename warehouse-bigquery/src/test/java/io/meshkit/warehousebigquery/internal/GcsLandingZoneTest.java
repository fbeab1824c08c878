package io.meshkit.warehousebigquery.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageException;
import com.google.cloud.storage.contrib.nio.testing.LocalStorageHelper;
import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import io.meshkit.core.landing.LandedFile;
import io.meshkit.core.landing.LandingOutput;
import io.meshkit.core.landing.LandingZone;
import io.meshkit.core.landing.Manifest;
import io.meshkit.core.landing.SnapshotKey;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The GCS landing zone against Google's in-memory Storage ({@code LocalStorageHelper}). */
class GcsLandingZoneTest {
    private static final SnapshotKey SNAPSHOT = new SnapshotKey("music.tracks", LocalDate.of(2026, 11, 23));

    private Storage storage;
    private String bucket;
    private GcsLandingZone landing;

    @BeforeEach
    void setUp() {
        storage = LocalStorageHelper.getOptions().getService();
        bucket = "mk-" + UUID.randomUUID().toString().substring(0, 8); // the fake's objects are shared: a bucket per test
        landing = new GcsLandingZone(GcsLocation.parse("gs://" + bucket + "/landing/"), storage);
    }

    private static byte[] bytes(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    private byte[] read(SnapshotKey snapshot, String name) throws IOException {
        try (InputStream in = landing.open(snapshot, name).orElseThrow()) {
            return in.readAllBytes();
        }
    }

    @Test
    void aPartIsInvisibleUntilCommittedThenReadsBackWhole() throws IOException {
        byte[] data = bytes(100_000, 1);
        try (LandingOutput out = landing.create(SNAPSHOT, "part-00000.parquet")) {
            out.write(data, 0, 60_000);
            assertThat(landing.list(SNAPSHOT)).isEmpty();
            assertThat(landing.open(SNAPSHOT, "part-00000.parquet")).isEmpty();
            out.write(data, 60_000, 40_000);
            assertThat(landing.list(SNAPSHOT)).isEmpty();
            out.commit();
        }
        assertThat(landing.list(SNAPSHOT)).containsExactly(new LandedFile("part-00000.parquet", 100_000));
        assertThat(read(SNAPSHOT, "part-00000.parquet")).isEqualTo(data);
        assertThat(storage.get(BlobId.of(bucket, "landing/music.tracks/snapshot_date=2026-11-23/part-00000.parquet"))).isNotNull();
        assertThat(storage.list(bucket, Storage.BlobListOption.prefix("landing/")).iterateAll()).as("the temporary object is gone")
                .extracting(b -> b.getName()).containsExactly("landing/music.tracks/snapshot_date=2026-11-23/part-00000.parquet");
    }

    @Test
    void aPartLargerThanOneUploadChunkIsSentInSeveralRequestsAndReadsBackIdentical() throws Exception {
        int size = 2 * GcsLandingZone.CHUNK_SIZE + 12_345;
        byte[] data = bytes(size, 2);
        try (LandingOutput out = landing.create(SNAPSHOT, "part-00001.parquet")) {
            for (int off = 0; off < size; off += 100_000) {
                out.write(data, off, Math.min(100_000, size - off));
            }
            assertThat(landing.list(SNAPSHOT)).as("two chunks sent, upload not finalized").isEmpty();
            out.commit();
        }
        assertThat(landing.list(SNAPSHOT)).containsExactly(new LandedFile("part-00001.parquet", size));
        assertThat(sha256(read(SNAPSHOT, "part-00001.parquet"))).isEqualTo(sha256(data));
    }

    @Test
    void anAbortedOrUncommittedWriteLeavesNothingAndTheNameCanBeWrittenAgain() throws IOException {
        try (LandingOutput out = landing.create(SNAPSHOT, "part-00000.parquet")) {
            out.write(bytes(GcsLandingZone.CHUNK_SIZE + 10, 3)); // one chunk already sent to GCS
        } // closed without commit
        LandingOutput aborted = landing.create(SNAPSHOT, "part-00001.parquet");
        aborted.write(bytes(10, 4));
        aborted.abort();
        assertThatThrownBy(aborted::commit).isInstanceOf(IOException.class).hasMessageContaining("already committed or aborted");
        assertThat(landing.list(SNAPSHOT)).isEmpty();
        assertThat(landing.open(SNAPSHOT, "part-00000.parquet")).isEmpty();
        assertThat(storage.list(bucket, Storage.BlobListOption.prefix("landing/")).iterateAll()).as("no object at all, hidden or not").isEmpty();

        try (LandingOutput out = landing.create(SNAPSHOT, "part-00000.parquet")) {
            out.write("whole".getBytes(UTF_8));
            out.commit();
        }
        assertThat(landing.list(SNAPSHOT)).containsExactly(new LandedFile("part-00000.parquet", 5));
    }

    @Test
    void committingAgainReplacesTheFile() throws IOException {
        for (String content : List.of("first version", "second")) {
            try (LandingOutput out = landing.create(SNAPSHOT, "_plan.json")) {
                out.write(content.getBytes(UTF_8));
                out.commit();
            }
        }
        assertThat(new String(read(SNAPSHOT, "_plan.json"), UTF_8)).isEqualTo("second");
        assertThat(landing.list(SNAPSHOT)).containsExactly(new LandedFile("_plan.json", 6));
    }

    @Test
    void theSnapshotIsCompleteOnlyOnceItsManifestIsWrittenLast() throws IOException {
        byte[] p0 = bytes(1000, 5);
        byte[] p1 = bytes(700, 6);
        for (var part : List.of(new Object[] {"part-00000.parquet", p0}, new Object[] {"part-00001.parquet", p1})) {
            try (LandingOutput out = landing.create(SNAPSHOT, (String) part[0])) {
                out.write((byte[]) part[1]);
                out.commit();
            }
            assertThat(landing.isComplete(SNAPSHOT)).isFalse();
            assertThat(landing.readManifest(SNAPSHOT)).isEmpty();
        }
        Manifest manifest = new Manifest(Manifest.FORMAT_VERSION, SNAPSHOT.dataset(), SNAPSHOT.date(),
                new Manifest.Source("mariadb 10.11", "jdbc:mysql://127.0.0.1:3306/test", "test", "tracks"),
                List.of(new Manifest.ManifestColumn("id", "bigint(20)", "BIGINT", false)), List.of("id"),
                List.of(new Manifest.Chunk(0, "part-00000.parquet", 10, p0.length, sha256(p0)),
                        new Manifest.Chunk(1, "part-00001.parquet", 7, p1.length, sha256(p1))),
                17, p0.length + p1.length, null, Instant.parse("2026-11-23T10:00:00Z"), Instant.parse("2026-11-23T10:01:00Z"), 0, List.of());
        landing.writeManifest(SNAPSHOT, manifest);

        assertThat(landing.isComplete(SNAPSHOT)).isTrue();
        assertThat(landing.readManifest(SNAPSHOT)).contains(manifest);
        assertThat(landing.parts(SNAPSHOT)).extracting(LandedFile::name).containsExactly("part-00000.parquet", "part-00001.parquet");
        assertThat(landing.list(SNAPSHOT)).extracting(LandedFile::name)
                .containsExactly("_manifest.json", "part-00000.parquet", "part-00001.parquet");
    }

    @Test
    void aResumedRunVerifiesAPartBySizeAndSha256AndNoticesAReplacedOne() throws IOException {
        byte[] data = bytes(50_000, 7);
        try (LandingOutput out = landing.create(SNAPSHOT, "part-00000.parquet")) {
            out.write(data);
            out.commit();
        }
        assertThat(verified(SNAPSHOT, "part-00000.parquet", data.length, sha256(data))).isTrue();
        // someone replaces the object behind meshkit's back: same size, other bytes
        storage.create(BlobInfo.newBuilder(BlobId.of(bucket, "landing/" + SNAPSHOT.relativePath() + "/part-00000.parquet")).build(),
                bytes(50_000, 8));
        assertThat(verified(SNAPSHOT, "part-00000.parquet", data.length, sha256(data))).isFalse();
        assertThat(verified(SNAPSHOT, "part-00009.parquet", data.length, sha256(data))).isFalse();
    }

    /** What snapshot-ingest's resume does with any landing zone: list for the size, read for the SHA-256. */
    private boolean verified(SnapshotKey snapshot, String name, long size, String sha) throws IOException {
        Optional<LandedFile> listed = landing.list(snapshot).stream().filter(f -> f.name().equals(name)).findFirst();
        Optional<InputStream> in = landing.open(snapshot, name);
        if (listed.isEmpty() || in.isEmpty()) {
            return false;
        }
        try (InputStream s = in.get()) {
            return listed.get().size() == size && sha256(s.readAllBytes()).equals(sha);
        }
    }

    @Test
    void listingHoldsOnlyThisSnapshotsFilesSortedAndDeleteSaysWhetherThereWasOne() throws IOException {
        SnapshotKey sibling = new SnapshotKey("music.tracks2", SNAPSHOT.date());
        SnapshotKey nextDay = new SnapshotKey("music.tracks", SNAPSHOT.date().plusDays(1));
        for (SnapshotKey s : List.of(SNAPSHOT, sibling, nextDay)) {
            for (String name : List.of("part-00001.parquet", "_chunk-00000.json", "part-00000.parquet")) {
                try (LandingOutput out = landing.create(s, name)) {
                    out.write(s.dataset().getBytes(UTF_8));
                    out.commit();
                }
            }
        }
        storage.create(BlobInfo.newBuilder(BlobId.of(bucket, "landing/" + SNAPSHOT.relativePath() + "/nested/x")).build(), new byte[3]);
        storage.create(BlobInfo.newBuilder(BlobId.of(bucket, "other/" + SNAPSHOT.relativePath() + "/part-00002.parquet")).build(), new byte[3]);

        assertThat(landing.list(SNAPSHOT)).containsExactly(new LandedFile("_chunk-00000.json", 12),
                new LandedFile("part-00000.parquet", 12), new LandedFile("part-00001.parquet", 12));
        assertThat(landing.delete(SNAPSHOT, "part-00001.parquet")).isTrue();
        assertThat(landing.delete(SNAPSHOT, "part-00001.parquet")).isFalse();
        assertThat(landing.list(SNAPSHOT)).extracting(LandedFile::name).containsExactly("_chunk-00000.json", "part-00000.parquet");
        assertThat(landing.list(sibling)).hasSize(3);

        // a crash between the finalized upload and the copy leaves a hidden temporary object: never listed, removable
        String temp = "landing/" + SNAPSHOT.relativePath() + "/.part-00003.parquet.0b5e.tmp";
        storage.create(BlobInfo.newBuilder(BlobId.of(bucket, temp)).build(), new byte[5]);
        assertThat(landing.list(SNAPSHOT)).extracting(LandedFile::name).containsExactly("_chunk-00000.json", "part-00000.parquet");
        assertThat(landing.removeTemporaryObjects(SNAPSHOT)).isEqualTo(1);
        assertThat(storage.get(BlobId.of(bucket, temp))).isNull();
        assertThat(landing.list(SNAPSHOT)).extracting(LandedFile::name).containsExactly("_chunk-00000.json", "part-00000.parquet");
        assertThat(landing.list(new SnapshotKey("music.albums", SNAPSHOT.date()))).isEmpty();
    }

    @Test
    void urisNameTheObjectsAWarehouseLoads() {
        assertThat(landing.uri()).isEqualTo("gs://" + bucket + "/landing");
        assertThat(landing.uri(SNAPSHOT, "part-00000.parquet")).hasToString(
                "gs://" + bucket + "/landing/music.tracks/snapshot_date=2026-11-23/part-00000.parquet");
        GcsLandingZone root = new GcsLandingZone(GcsLocation.parse("gs://" + bucket), storage);
        assertThat(root.uri(SNAPSHOT, "_manifest.json")).hasToString("gs://" + bucket + "/music.tracks/snapshot_date=2026-11-23/_manifest.json");
        assertThatThrownBy(() -> landing.uri(SNAPSHOT, "../x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> landing.uri(SNAPSHOT, ".hidden")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void malformedUrisAreRefusedWithOneLine() {
        assertThat(GcsLocation.parse("gs://my-bucket/a/b//")).isEqualTo(new GcsLocation("my-bucket", "a/b"));
        for (String uri : List.of("gs://", "gs://Bad_Bucket/x", "gs:my-bucket", "gs://my-bucket/a//b", "gs://my-bucket/../x", "gs://ab")) {
            assertThatThrownBy(() -> GcsLocation.parse(uri)).as(uri).isInstanceOf(MeshkitException.class)
                    .hasMessageStartingWith("Cannot open landing zone " + uri + ": ")
                    .satisfies(e -> assertThat(((MeshkitException) e).code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
        }
    }

    @Test
    void gcsFailuresBecomeOneLineErrorsThatNameTheObjectAndNoCredential() {
        Storage denied = (Storage) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Storage.class}, (p, m, a) -> {
            throw new StorageException(403, "meshkit@project.iam.gserviceaccount.com does not have storage.objects.list access");
        });
        LandingZone zone = new GcsLandingZone(GcsLocation.parse("gs://my-bucket/landing"), denied);
        assertThatThrownBy(() -> zone.list(SNAPSHOT)).isInstanceOf(MeshkitException.class)
                .hasMessage("Cannot list gs://my-bucket/landing/music.tracks/snapshot_date=2026-11-23/: "
                        + "meshkit@project.iam.gserviceaccount.com does not have storage.objects.list access"
                        + " (check the Application Default Credentials and their roles on bucket my-bucket)")
                .satisfies(e -> assertThat(((MeshkitException) e).code()).isEqualTo(ErrorCode.SERVICE_FAILURE));
        Storage missing = (Storage) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Storage.class}, (p, m, a) -> {
            throw new StorageException(404, "The specified bucket does not exist.");
        });
        assertThatThrownBy(() -> new GcsLandingZone(GcsLocation.parse("gs://no-such-bucket"), missing).open(SNAPSHOT, "_manifest.json"))
                .isInstanceOf(MeshkitException.class)
                .hasMessage("Cannot read gs://no-such-bucket/music.tracks/snapshot_date=2026-11-23/_manifest.json: The specified bucket does not exist.")
                .satisfies(e -> assertThat(((MeshkitException) e).code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
    }

    private static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
