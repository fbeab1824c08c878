package io.meshkit.core.landing;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The {@code _manifest.json} of a complete snapshot: what was landed, from where, and when. Written last
 * ({@link LandingZone#writeManifest}); a warehouse load reads the part list and the schema from it.
 *
 * @param formatVersion the manifest format, {@value #FORMAT_VERSION}
 * @param dataset the dataset, as in the {@link SnapshotKey}
 * @param snapshotDate the snapshot date
 * @param source where the rows came from
 * @param columns the landed columns, in file order
 * @param key the columns the source was chunked by (empty for a table without a key)
 * @param chunks one entry per part file
 * @param rows the rows of all chunks
 * @param bytes the bytes of all part files
 * @param position the source's binary log position and GTID set at the snapshot, or null when the server
 *     exposes none (binary log off)
 * @param startedAt when the first run that landed a chunk of this snapshot started
 * @param endedAt when the manifest was written
 * @param zeroDates how many zero or invalid dates (e.g. {@code 0000-00-00}) were landed as NULL
 * @param warnings one-line warnings of the run (no row values)
 */
public record Manifest(
        int formatVersion,
        String dataset,
        LocalDate snapshotDate,
        Source source,
        List<ManifestColumn> columns,
        List<String> key,
        List<Chunk> chunks,
        long rows,
        long bytes,
        Position position,
        Instant startedAt,
        Instant endedAt,
        long zeroDates,
        List<String> warnings) {

    /** The manifest format this version of meshkit writes. */
    public static final int FORMAT_VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT);

    /** Validates and copies. */
    public Manifest {
        requireNonNull(dataset, "dataset is null");
        requireNonNull(snapshotDate, "snapshotDate is null");
        requireNonNull(source, "source is null");
        columns = List.copyOf(columns);
        key = List.copyOf(key);
        chunks = List.copyOf(chunks);
        requireNonNull(startedAt, "startedAt is null");
        requireNonNull(endedAt, "endedAt is null");
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    /** The snapshot this manifest describes. */
    @JsonIgnore
    public SnapshotKey snapshot() {
        return new SnapshotKey(dataset, snapshotDate);
    }

    /** The part file names, in chunk order. */
    @JsonIgnore
    public List<String> files() {
        return chunks.stream().map(Chunk::file).toList();
    }

    /** The manifest as JSON (UTF-8). */
    public byte[] toJson() {
        try {
            return JSON.writeValueAsBytes(this);
        } catch (JsonProcessingException e) {
            throw new MeshkitException(ErrorCode.INTERNAL_ERROR, "Cannot write manifest of " + snapshot() + ": " + e.getOriginalMessage(), e);
        }
    }

    /** Reads a manifest from JSON. */
    public static Manifest fromJson(byte[] json) {
        try {
            return JSON.readValue(json, Manifest.class);
        } catch (IOException e) {
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot read manifest: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }

    /**
     * Where a snapshot was read from.
     *
     * @param system the source system, e.g. {@code mysql} or {@code mariadb}, with its version
     * @param url the source URL with any secret removed
     * @param database the database (schema)
     * @param table the table
     */
    public record Source(String system, String url, String database, String table) {
        /** Validates. */
        public Source {
            requireNonNull(url, "url is null");
            requireNonNull(table, "table is null");
            url = io.meshkit.core.secret.Secrets.redact(url);
        }
    }

    /**
     * A landed column.
     *
     * @param name the column name in the part files (the source column's name)
     * @param sourceType the source's type, e.g. {@code bigint(20) unsigned}
     * @param type the portable type ({@link io.meshkit.core.type.DataType#toString()}), e.g. {@code HUGEINT}
     * @param nullable whether it may hold NULL
     */
    public record ManifestColumn(String name, String sourceType, String type, boolean nullable) {
        /** Validates. */
        public ManifestColumn {
            requireNonNull(name, "name is null");
            requireNonNull(type, "type is null");
        }
    }

    /**
     * One chunk of the source, landed as one part file.
     *
     * @param id the chunk number, from 0
     * @param file the part file name
     * @param rows the rows in the file
     * @param bytes the file's size
     * @param sha256 the SHA-256 of the file's bytes, hex
     */
    public record Chunk(int id, String file, long rows, long bytes, String sha256) {
        /** Validates. */
        public Chunk {
            requireNonNull(file, "file is null");
            requireNonNull(sha256, "sha256 is null");
        }
    }

    /**
     * A point in the source's history.
     *
     * @param binlogFile the binary log file, or null
     * @param binlogPosition the position in it, or -1
     * @param gtidSet the GTID set (MySQL {@code @@gtid_executed}, MariaDB {@code @@gtid_current_pos}), or null
     */
    public record Position(String binlogFile, long binlogPosition, String gtidSet) {}
}
