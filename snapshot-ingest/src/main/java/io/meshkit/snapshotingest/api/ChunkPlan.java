package io.meshkit.snapshotingest.api;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * How one table is split into chunks. Stored beside the parts as {@code _plan.json}, so a resumed run
 * reads exactly the chunks the interrupted one planned.
 *
 * @param table the source table
 * @param key the key columns the table is split by (empty: one chunk)
 * @param strategy how the chunks were found
 * @param estimatedRows the rows expected (the server's estimate, or the exact count of a keyset scan)
 * @param chunks the chunks, by id; empty in a dry run of a keyset table, where only {@code chunkCount} is known
 * @param chunkCount the number of chunks (estimated when {@code chunks} is empty)
 */
public record ChunkPlan(String table, List<String> key, Strategy strategy, long estimatedRows, List<Chunk> chunks, int chunkCount) {
    /** How a table is split. */
    public enum Strategy {
        /** A single integer key: ranges of equal width between MIN and MAX. */
        INTEGER_RANGE,
        /** A string or composite key: boundaries every N keys of a streaming key scan. */
        KEYSET,
        /** No usable key: one chunk, read by one worker. */
        SINGLE
    }

    /** Copies. */
    public ChunkPlan {
        requireNonNull(table, "table is null");
        key = List.copyOf(key);
        requireNonNull(strategy, "strategy is null");
        chunks = List.copyOf(chunks);
    }

    /** A plan whose chunks are known. */
    public static ChunkPlan of(String table, List<String> key, Strategy strategy, long estimatedRows, List<Chunk> chunks) {
        return new ChunkPlan(table, key, strategy, estimatedRows, chunks, chunks.size());
    }

    /**
     * One chunk: the rows whose key is at least {@code lower} and below {@code upper}, compared as tuples.
     * Bounds are the key values' text (binary keys in Base64); null means unbounded.
     *
     * @param id the chunk number, from 0
     * @param lower the inclusive lower bound, or null
     * @param upper the exclusive upper bound, or null
     */
    public record Chunk(int id, List<String> lower, List<String> upper) {
        /** Copies. */
        public Chunk {
            lower = lower == null ? null : List.copyOf(lower);
            upper = upper == null ? null : List.copyOf(upper);
        }

        /** The part file of this chunk. */
        @com.fasterxml.jackson.annotation.JsonIgnore
        public String file() {
            return String.format("part-%05d.parquet", id);
        }
    }
}
