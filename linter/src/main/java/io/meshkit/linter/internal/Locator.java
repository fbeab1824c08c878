package io.meshkit.linter.internal;

import io.meshkit.core.contract.SourceLocation;
import io.meshkit.core.contract.SourceMap;

/** Finds the line and column of contract nodes, by JSON Pointer, falling back to the nearest parent. */
final class Locator {
    private final String path;
    private final SourceMap map;
    private final String text;

    Locator(String path, SourceMap map, String text) {
        this.path = path;
        this.map = map;
        this.text = text;
    }

    String path() {
        return path;
    }

    String text() {
        return text;
    }

    SourceMap map() {
        return map;
    }

    static String dataset(int i) {
        return "/schema/" + i;
    }

    static String column(int dataset, int column) {
        return "/schema/" + dataset + "/properties/" + column;
    }

    /** The node's value, else its key, else the nearest parent's. */
    SourceLocation at(String pointer) {
        String p = pointer;
        while (true) {
            var l = map.locationOf(p);
            if (l.isPresent()) {
                return relocate(l.get());
            }
            var k = map.keyLocationOf(p);
            if (k.isPresent()) {
                return relocate(k.get());
            }
            if (p.isEmpty()) {
                return new SourceLocation(path, 1, 1);
            }
            p = p.substring(0, p.lastIndexOf('/'));
        }
    }

    /** The first of the pointers that exists in the file, else {@link #at} of the last. */
    SourceLocation first(String... pointers) {
        for (String p : pointers) {
            var l = map.locationOf(p);
            if (l.isPresent()) {
                return relocate(l.get());
            }
        }
        return at(pointers[pointers.length - 1]);
    }

    /** Where a mapping entry's key is written, else {@link #at}. */
    SourceLocation key(String pointer) {
        return map.keyLocationOf(pointer).map(this::relocate).orElseGet(() -> at(pointer));
    }

    /**
     * The pointer of the value of a custom property ({@code key}) of the object at {@code base}, written as a
     * {@code {property, value}} list entry or as a mapping entry; null when it is not there. The source map has
     * no values, so list entries are recognised by the text at the location of their {@code property}.
     */
    String customProperty(String base, String key) {
        String mapForm = base + "/customProperties/" + SourceMap.escape(key);
        if (map.locationOf(mapForm).isPresent()) {
            return mapForm;
        }
        for (int i = 0; ; i++) {
            String entry = base + "/customProperties/" + i;
            if (map.locationOf(entry).isEmpty()) {
                return null;
            }
            var at = map.locationOf(entry + "/property");
            if (at.isPresent() && textAt(at.get()).regionMatches(true, 0, key, 0, key.length())) {
                String rest = textAt(at.get()).substring(key.length());
                if (rest.isEmpty() || !Character.isLetterOrDigit(rest.charAt(0)) && rest.charAt(0) != '.') {
                    return entry + "/value";
                }
            }
        }
    }

    private int[] lineStarts;

    private String textAt(SourceLocation l) {
        if (lineStarts == null) {
            java.util.List<Integer> starts = new java.util.ArrayList<>();
            starts.add(0);
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) == '\n') {
                    starts.add(i + 1);
                }
            }
            lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
        }
        if (l.line() > lineStarts.length) {
            return "";
        }
        int start = lineStarts[l.line() - 1] + l.column() - 1;
        if (start >= text.length()) {
            return "";
        }
        int end = text.indexOf('\n', start);
        String s = text.substring(start, end < 0 ? text.length() : end);
        return s.startsWith("'") || s.startsWith("\"") ? s.substring(1) : s;
    }

    private SourceLocation relocate(SourceLocation l) {
        return l.path().equals(path) ? l : new SourceLocation(path, l.line(), l.column());
    }
}
