package io.meshkit.snapshotingest.internal;

import static java.util.Objects.requireNonNull;

import io.meshkit.core.landing.LandedFile;
import io.meshkit.core.landing.LandingOutput;
import io.meshkit.core.landing.LandingZone;
import io.meshkit.core.landing.SnapshotKey;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A landing zone in a local directory. A file is written as a hidden temporary file beside its final
 * name, forced to disk and renamed atomically on commit, so a crash never leaves half a file under a
 * real name; leftover temporary files (names starting with {@code .}) are ignored and cleaned up when
 * the snapshot is written again.
 */
public final class LocalLandingZone implements LandingZone {
    private final Path root;

    public LocalLandingZone(Path root) {
        this.root = requireNonNull(root, "root is null").toAbsolutePath().normalize();
    }

    @Override
    public String uri() {
        return root.toUri().toString();
    }

    private Path dir(SnapshotKey snapshot) {
        return root.resolve(snapshot.dataset()).resolve("snapshot_date=" + snapshot.date());
    }

    private Path file(SnapshotKey snapshot, String name) {
        if (name.isEmpty() || name.startsWith(".") || name.contains("/") || name.contains("\\")) {
            throw new IllegalArgumentException("not a plain file name: " + name);
        }
        return dir(snapshot).resolve(name);
    }

    @Override
    public LandingOutput create(SnapshotKey snapshot, String name) throws IOException {
        Path target = file(snapshot, name);
        Files.createDirectories(target.getParent());
        Path temp = target.resolveSibling("." + name + ".tmp-" + UUID.randomUUID());
        FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        OutputStream stream = Channels.newOutputStream(channel);
        return new LandingOutput() {
            private boolean done;

            @Override
            public void write(int b) throws IOException {
                stream.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                stream.write(b, off, len);
            }

            @Override
            public void commit() throws IOException {
                if (done) {
                    throw new IOException("already committed or aborted: " + name);
                }
                done = true;
                channel.force(true);
                stream.close();
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }

            @Override
            public void abort() {
                if (done) {
                    return;
                }
                done = true;
                try {
                    stream.close();
                    Files.deleteIfExists(temp);
                } catch (IOException e) {
                    // a temporary file left behind is ignored by readers and removed by the next write
                }
            }
        };
    }

    @Override
    public Optional<InputStream> open(SnapshotKey snapshot, String name) throws IOException {
        try {
            return Optional.of(Files.newInputStream(file(snapshot, name)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public List<LandedFile> list(SnapshotKey snapshot) throws IOException {
        Path dir = dir(snapshot);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<LandedFile> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.sorted().toList()) {
                String n = p.getFileName().toString();
                if (!n.startsWith(".") && Files.isRegularFile(p)) {
                    out.add(new LandedFile(n, Files.size(p)));
                }
            }
        }
        return out;
    }

    /** Removes temporary files left by interrupted writes. */
    public void cleanTemporaryFiles(SnapshotKey snapshot) throws IOException {
        Path dir = dir(snapshot);
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.filter(p -> p.getFileName().toString().startsWith(".")).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @Override
    public boolean delete(SnapshotKey snapshot, String name) throws IOException {
        return Files.deleteIfExists(file(snapshot, name));
    }

    @Override
    public URI uri(SnapshotKey snapshot, String name) {
        return file(snapshot, name).toUri();
    }
}
