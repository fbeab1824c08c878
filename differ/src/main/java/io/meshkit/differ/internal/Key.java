package io.meshkit.differ.internal;

import java.util.List;

/**
 * A key value: one element per key column, a {@code Long} for integer columns and a {@code String}
 * for string columns. Keys order column by column, numbers by value and strings by their UTF-8
 * bytes (binary collation), as both engines are told to order them.
 */
public record Key(List<Object> values) implements Comparable<Key> {
    /** Copies the values. */
    public Key {
        values = List.copyOf(values);
    }

    @Override
    public int compareTo(Key o) {
        for (int i = 0; i < values.size(); i++) {
            Object a = values.get(i);
            Object b = o.values.get(i);
            int c = a instanceof Long x ? Long.compare(x, (Long) b) : Values.UTF8_ORDER.compare((String) a, (String) b);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /** The values as text. */
    public List<String> texts() {
        return values.stream().map(String::valueOf).toList();
    }
}
