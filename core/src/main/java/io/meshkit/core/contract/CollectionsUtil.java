package io.meshkit.core.contract;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Copies that keep insertion order and, unlike {@code Map.copyOf}, accept null values (YAML has them). */
final class CollectionsUtil {
    private CollectionsUtil() {}

    static <T> List<T> list(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }

    static Map<String, Object> map(Map<String, Object> map) {
        if (map == null || map.isEmpty()) {
            return Map.of();
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(java.util.Objects.requireNonNull(k, "key is null"), deep(v)));
        return Collections.unmodifiableMap(copy);
    }

    @SuppressWarnings("unchecked")
    static Object deep(Object value) {
        if (value instanceof Map<?, ?> m) {
            return map((Map<String, Object>) m);
        }
        if (value instanceof List<?> l) {
            List<Object> copy = new ArrayList<>(l.size());
            l.forEach(v -> copy.add(deep(v)));
            return Collections.unmodifiableList(copy);
        }
        return value;
    }
}
