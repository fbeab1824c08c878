package io.meshkit.differ.internal;

import java.util.List;

/**
 * A downloaded row: its key and the canonical texts of the compared columns (null for NULL).
 *
 * @param key the key
 * @param texts the compared columns' canonical texts, in {@link RowShape} order
 */
public record SourceRow(Key key, List<String> texts) {
    /** Copies the texts (which may hold nulls). */
    public SourceRow {
        texts = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(texts));
    }
}
