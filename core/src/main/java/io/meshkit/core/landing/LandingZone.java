package io.meshkit.core.landing;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * Where raw snapshots land as files, before a warehouse loads them: a local directory or a bucket.
 *
 * <p>A snapshot ({@link SnapshotKey}) holds part files and small metadata files; names starting with
 * {@code _} are metadata. It is <em>complete</em> exactly when its manifest exists: writers land every part
 * first and {@link #writeManifest} last, readers look for the manifest first. Every write goes through a
 * {@link LandingOutput}, which makes a file visible only once it is whole.
 *
 * <p>Implementations are safe for use from several threads, and wrap I/O failures in
 * {@link io.meshkit.core.error.MeshkitException} with code {@code SOURCE_FAILURE}-like external categories
 * where the store failed; the {@link IOException}s declared here are for streams only.
 */
public interface LandingZone extends AutoCloseable {
    /** The manifest's file name inside a snapshot. */
    String MANIFEST = "_manifest.json";

    /** The URI this landing zone was opened with, e.g. {@code file:/data/landing} or {@code gs://bucket/landing}. */
    String uri();

    /** Starts writing a file of a snapshot; it becomes visible on {@link LandingOutput#commit()}. */
    LandingOutput create(SnapshotKey snapshot, String name) throws IOException;

    /** Opens a file of a snapshot for reading, or empty if it does not exist. */
    Optional<InputStream> open(SnapshotKey snapshot, String name) throws IOException;

    /** The files of a snapshot (parts and metadata, not in-flight writes), sorted by name; empty if there are none. */
    List<LandedFile> list(SnapshotKey snapshot) throws IOException;

    /** The part files of a snapshot: its files whose names do not start with {@code _}. */
    default List<LandedFile> parts(SnapshotKey snapshot) throws IOException {
        return list(snapshot).stream().filter(f -> !f.name().startsWith("_")).toList();
    }

    /** Deletes a file of a snapshot if it exists; returns whether it did. */
    boolean delete(SnapshotKey snapshot, String name) throws IOException;

    /** The URI of a file, for a warehouse to load ({@code file:} or {@code gs:}). */
    URI uri(SnapshotKey snapshot, String name);

    /** Writes the manifest, the commit point: after this the snapshot is complete. */
    default void writeManifest(SnapshotKey snapshot, Manifest manifest) throws IOException {
        try (LandingOutput out = create(snapshot, MANIFEST)) {
            out.write(manifest.toJson());
            out.commit();
        }
    }

    /** The manifest of a complete snapshot, or empty if the snapshot is not complete. */
    default Optional<Manifest> readManifest(SnapshotKey snapshot) throws IOException {
        Optional<InputStream> in = open(snapshot, MANIFEST);
        if (in.isEmpty()) {
            return Optional.empty();
        }
        try (InputStream s = in.get()) {
            return Optional.of(Manifest.fromJson(s.readAllBytes()));
        }
    }

    /** Whether the snapshot is complete (its manifest exists). */
    default boolean isComplete(SnapshotKey snapshot) throws IOException {
        return list(snapshot).stream().anyMatch(f -> f.name().equals(MANIFEST));
    }

    /** Releases any client this landing zone holds. */
    @Override
    default void close() {}
}
