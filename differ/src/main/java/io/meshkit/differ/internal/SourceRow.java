package io.meshkit.differ.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A downloaded row: its key, the canonical texts of the compared columns (what is compared, null for
 * NULL) and their display texts (what an example shows).
 *
 * @param key the key
 * @param texts the compared columns' canonical texts, in {@link RowShape} order
 * @param displays the compared columns' values as the engine writes them, in the same order
 */
public record SourceRow(Key key, List<String> texts, List<String> displays) {
    /** Copies the lists (which may hold nulls). */
    public SourceRow {
        texts = Collections.unmodifiableList(new ArrayList<>(texts));
        displays = Collections.unmodifiableList(new ArrayList<>(displays));
        if (texts.size() != displays.size()) {
            throw new IllegalArgumentException("texts and displays differ in size");
        }
    }
}
