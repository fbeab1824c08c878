package io.meshkit.snapshotingest.internal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshkit.core.landing.Manifest;
import java.io.IOException;

/**
 * A chunk that has landed, recorded as {@code _chunk-NNNNN.json} right after its part file is committed.
 * A resumed run skips a chunk whose record exists and whose part still has the recorded size and SHA-256.
 *
 * @param id the chunk id
 * @param file the part file
 * @param rows the rows written
 * @param bytes the part's size
 * @param sha256 the part's SHA-256, hex
 * @param zeroDates zero or invalid dates landed as NULL
 */
public record LandedChunk(int id, String file, long rows, long bytes, String sha256, long zeroDates) {
    static final ObjectMapper JSON = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** The record's file name for a chunk. */
    static String recordName(int id) {
        return String.format("_chunk-%05d.json", id);
    }

    byte[] toJson() throws IOException {
        return JSON.writeValueAsBytes(this);
    }

    static LandedChunk fromJson(byte[] json) throws IOException {
        return JSON.readValue(json, LandedChunk.class);
    }

    /** The manifest's entry for this chunk. */
    Manifest.Chunk toManifest() {
        return new Manifest.Chunk(id, file, rows, bytes, sha256);
    }
}
