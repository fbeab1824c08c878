package io.meshkit.warehousebigquery.internal;

import static java.util.Objects.requireNonNull;

import com.google.api.gax.paging.Page;
import com.google.cloud.ReadChannel;
import com.google.cloud.WriteChannel;
import com.google.cloud.storage.Blob;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageException;
import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import io.meshkit.core.landing.LandedFile;
import io.meshkit.core.landing.LandingOutput;
import io.meshkit.core.landing.LandingZone;
import io.meshkit.core.landing.SnapshotKey;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * A landing zone in a GCS bucket. A file is streamed by a resumable upload (a {@link WriteChannel}) to a
 * hidden temporary object beside its final name ({@code .<name>.<uuid>.tmp}); {@link LandingOutput#commit()}
 * finalizes the upload, checks the object's size against the bytes written, copies it to its final name and
 * deletes the temporary object. The copy is a server-side rewrite within one bucket (same location and
 * storage class: no bytes are sent again) and publishes the whole object in one step, replacing an older one.
 * So a reader never sees a part under its real name before it is whole and checked. Names starting with
 * {@code .} are never listed; a temporary object left by a crash between the upload and the copy is removed
 * by {@link #removeTemporaryObjects}, or by a bucket lifecycle rule on the suffix {@code .tmp}.
 *
 * <p>GCS errors become {@link MeshkitException}s ({@code SERVICE_FAILURE}, exit code 3; a missing bucket is
 * {@code INVALID_ARGUMENT}); their messages carry GCS's reason, never a credential.
 */
public final class GcsLandingZone implements LandingZone {
    /** Bytes sent per upload request; each open upload buffers this much. A multiple of 256 KiB. */
    static final int CHUNK_SIZE = 8 << 20;
    /** Ends every temporary object's name, for a lifecycle rule. */
    static final String TEMPORARY_SUFFIX = ".tmp";

    private final GcsLocation location;
    private final Supplier<Storage> connect;
    private volatile Storage storage;

    /** A landing zone at a location whose client is made on first use. */
    public GcsLandingZone(GcsLocation location, Supplier<Storage> connect) {
        this.location = requireNonNull(location, "location is null");
        this.connect = requireNonNull(connect, "connect is null");
    }

    /** A landing zone at a location on a given client (tests: {@code LocalStorageHelper}). */
    public GcsLandingZone(GcsLocation location, Storage storage) {
        this(location, () -> storage);
        this.storage = requireNonNull(storage, "storage is null");
    }

    private Storage storage() {
        Storage s = storage;
        if (s == null) {
            synchronized (this) {
                if (storage == null) {
                    storage = connect.get();
                }
                s = storage;
            }
        }
        return s;
    }

    @Override
    public String uri() {
        return location.toString();
    }

    private String directory(SnapshotKey snapshot) {
        return location.objectName(snapshot.relativePath()) + "/";
    }

    private BlobId blob(SnapshotKey snapshot, String name) {
        if (name.isEmpty() || name.startsWith(".") || name.contains("/") || name.contains("\\")) {
            throw new IllegalArgumentException("not a plain file name: " + name);
        }
        return BlobId.of(location.bucket(), directory(snapshot) + name);
    }

    @Override
    public LandingOutput create(SnapshotKey snapshot, String name) throws IOException {
        BlobId id = blob(snapshot, name);
        BlobId temp = BlobId.of(id.getBucket(), directory(snapshot) + "." + name + "." + UUID.randomUUID() + TEMPORARY_SUFFIX);
        WriteChannel channel;
        try {
            channel = storage().writer(BlobInfo.newBuilder(temp).setContentType(contentType(name)).build());
        } catch (StorageException e) {
            throw wrap("write " + gs(id), e);
        }
        channel.setChunkSize(CHUNK_SIZE);
        return new Upload(id, temp, channel);
    }

    private static String contentType(String name) {
        return name.endsWith(".json") ? "application/json" : "application/octet-stream";
    }

    /** A resumable upload to a temporary object, published under its name on commit. */
    private final class Upload extends LandingOutput {
        private final BlobId id;
        private final BlobId temp;
        private final WriteChannel channel;
        private long written;
        private boolean done;

        Upload(BlobId id, BlobId temp, WriteChannel channel) {
            this.id = id;
            this.temp = temp;
            this.channel = channel;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (done) {
                throw new IOException("already committed or aborted: " + gs(id));
            }
            ByteBuffer buffer = ByteBuffer.wrap(b, off, len);
            try {
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            } catch (StorageException e) {
                throw new IOException("Cannot write " + gs(id) + ": " + reason(e), e);
            }
            written += len;
        }

        @Override
        public void commit() throws IOException {
            if (done) {
                throw new IOException("already committed or aborted: " + gs(id));
            }
            done = true;
            try {
                channel.close(); // finalizes the upload: the temporary object appears whole, or not at all
            } catch (StorageException e) {
                deleteQuietly(temp);
                throw new IOException("Cannot write " + gs(id) + ": " + reason(e), e);
            }
            try {
                Blob uploaded = storage().get(temp);
                if (uploaded == null || uploaded.getSize() == null || uploaded.getSize() != written) {
                    throw new IOException("Cannot write " + gs(id) + ": GCS holds " + (uploaded == null ? "no object" : uploaded.getSize() + " bytes")
                            + " after an upload of " + written + " bytes");
                }
                storage().copy(Storage.CopyRequest.newBuilder().setSource(temp).setTarget(BlobId.of(id.getBucket(), id.getName())).build())
                        .getResult();
            } catch (StorageException e) {
                throw new IOException("Cannot write " + gs(id) + ": " + reason(e), e);
            } finally {
                deleteQuietly(temp);
            }
        }

        @Override
        public void abort() {
            if (done) {
                return;
            }
            done = true;
            // Not closing the channel: that would finalize the upload. An unfinalized session creates no object
            // and expires on its own; the delete only matters where the session already made one (a fake).
            deleteQuietly(temp);
        }
    }

    private void deleteQuietly(BlobId temp) {
        try {
            storage().delete(temp);
        } catch (StorageException e) {
            // a hidden temporary object left behind is never listed; removeTemporaryObjects or a lifecycle rule removes it
        }
    }

    /** Deletes the temporary objects of a snapshot left by interrupted writes; returns how many. */
    public int removeTemporaryObjects(SnapshotKey snapshot) throws IOException {
        String directory = directory(snapshot);
        int removed = 0;
        try {
            for (Blob b : storage().list(location.bucket(), Storage.BlobListOption.prefix(directory + "."),
                    Storage.BlobListOption.currentDirectory()).iterateAll()) {
                if (!b.isDirectory() && b.getName().endsWith(TEMPORARY_SUFFIX) && storage().delete(b.getBlobId())) {
                    removed++;
                }
            }
        } catch (StorageException e) {
            throw wrap("clean " + gs(BlobId.of(location.bucket(), directory)), e);
        }
        return removed;
    }

    private Blob getOrNull(BlobId id) throws IOException {
        try {
            return storage().get(id);
        } catch (StorageException e) {
            throw wrap("read " + gs(id), e);
        }
    }

    @Override
    public Optional<InputStream> open(SnapshotKey snapshot, String name) throws IOException {
        BlobId id = blob(snapshot, name);
        Blob found = getOrNull(id);
        if (found == null) {
            return Optional.empty();
        }
        // Pin the generation where GCS reports one, so a concurrent replace cannot mix two versions in one read.
        BlobId pinned = found.getGeneration() == null ? id : BlobId.of(id.getBucket(), id.getName(), found.getGeneration());
        ReadChannel reader;
        try {
            reader = storage().reader(pinned);
        } catch (StorageException e) {
            throw wrap("read " + gs(id), e);
        }
        reader.setChunkSize(CHUNK_SIZE);
        InputStream in = Channels.newInputStream(reader);
        return Optional.of(new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                int n = read(one, 0, 1);
                return n < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                try {
                    return in.read(b, off, len);
                } catch (StorageException e) {
                    throw new IOException("Cannot read " + gs(id) + ": " + reason(e), e);
                }
            }

            @Override
            public void close() throws IOException {
                in.close();
            }
        });
    }

    @Override
    public List<LandedFile> list(SnapshotKey snapshot) throws IOException {
        String directory = directory(snapshot);
        List<LandedFile> files = new ArrayList<>();
        try {
            Page<Blob> page = storage().list(location.bucket(), Storage.BlobListOption.prefix(directory),
                    Storage.BlobListOption.currentDirectory());
            for (Blob b : page.iterateAll()) {
                String name = b.getName().substring(directory.length());
                if (!b.isDirectory() && !name.isEmpty() && !name.contains("/") && !name.startsWith(".")) {
                    files.add(new LandedFile(name, b.getSize() == null ? 0 : b.getSize()));
                }
            }
        } catch (StorageException e) {
            throw wrap("list " + gs(BlobId.of(location.bucket(), directory)), e);
        }
        files.sort(Comparator.comparing(LandedFile::name));
        return files;
    }

    @Override
    public boolean delete(SnapshotKey snapshot, String name) throws IOException {
        BlobId id = blob(snapshot, name);
        try {
            return storage().delete(id);
        } catch (StorageException e) {
            throw wrap("delete " + gs(id), e);
        }
    }

    @Override
    public URI uri(SnapshotKey snapshot, String name) {
        return URI.create(gs(blob(snapshot, name)));
    }

    private static String gs(BlobId id) {
        return "gs://" + id.getBucket() + "/" + id.getName();
    }

    private MeshkitException wrap(String what, StorageException e) {
        ErrorCode code = e.getCode() == 404 ? ErrorCode.INVALID_ARGUMENT : ErrorCode.SERVICE_FAILURE;
        String reason = reason(e);
        if (e.getCode() == 401 || e.getCode() == 403) {
            reason += " (check the Application Default Credentials and their roles on bucket " + location.bucket() + ")";
        }
        return new MeshkitException(code, "Cannot " + what + ": " + reason, e);
    }

    /** GCS's first message line. Request headers, where a token would be, are never part of it. */
    static String reason(StorageException e) {
        String message = e.getMessage() == null ? "HTTP " + e.getCode() : e.getMessage().strip();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline).strip();
    }

    @Override
    public void close() {
        // the Storage client holds no resources that need releasing
    }
}
