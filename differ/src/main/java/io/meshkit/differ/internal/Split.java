package io.meshkit.differ.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * A key range split into contiguous children at the given boundaries: each child starts at a
 * boundary (the first at the range's lower bound) and ends where the next starts.
 *
 * @param parent the range
 * @param boundaries the first key of every child but the first, ascending
 */
public record Split(KeyRange parent, List<Key> boundaries) {
    /** Copies. */
    public Split {
        java.util.Objects.requireNonNull(parent, "parent is null");
        boundaries = List.copyOf(boundaries);
    }

    /** The children's ranges, in order. */
    public List<KeyRange> children() {
        List<KeyRange> out = new ArrayList<>();
        for (int i = 0; i <= boundaries.size(); i++) {
            out.add(new KeyRange(i == 0 ? parent.lower() : boundaries.get(i - 1), i == boundaries.size() ? parent.upper() : boundaries.get(i)));
        }
        return out;
    }
}
