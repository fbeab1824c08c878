package io.meshkit.core.contract;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * A YAML document read into a small tree whose nodes know their JSON Pointer and source location, so that every
 * problem can point at the node it is about. Jackson's own tree forgets locations, hence this.
 */
final class YamlTree {
    private static final YAMLFactory FACTORY = io.meshkit.core.yaml.YamlInput.factory();

    private YamlTree() {}

    /** A node of the tree. */
    sealed interface Node permits MapNode, ListNode, ScalarNode {
        String pointer();

        SourceLocation location();

        /** The node's kind for messages: "a mapping", "a list", "a string", ... */
        String describe();
    }

    /** A mapping, keys in document order. */
    record MapNode(String pointer, SourceLocation location, Map<String, Node> entries, Map<String, SourceLocation> keys)
            implements Node {
        Node get(String key) {
            return entries.get(key);
        }

        @Override
        public String describe() {
            return "a mapping";
        }
    }

    /** A sequence. */
    record ListNode(String pointer, SourceLocation location, List<Node> items) implements Node {
        @Override
        public String describe() {
            return "a list";
        }
    }

    /**
     * A scalar: {@code value} is a String, Long, BigInteger, BigDecimal, Boolean or null; {@code text} is as written.
     */
    record ScalarNode(String pointer, SourceLocation location, Object value, String text) implements Node {
        boolean isNull() {
            return value == null;
        }

        @Override
        public String describe() {
            if (value == null) {
                return "null";
            }
            if (value instanceof Boolean) {
                return "a boolean";
            }
            if (value instanceof Number) {
                return "a number";
            }
            return "a string";
        }
    }

    /** The parsed root (null when the document could not be read) and where every node is. */
    record Parsed(Node root, Map<String, SourceLocation> locations, Map<String, SourceLocation> keyLocations) {}

    /** Reads a YAML document, adding any syntax problem (and duplicate keys) to {@code problems}. */
    static Parsed parse(String displayPath, String yaml, Problems problems) {
        Map<String, SourceLocation> locations = new LinkedHashMap<>();
        Map<String, SourceLocation> keyLocations = new LinkedHashMap<>();
        Reader reader = new Reader(displayPath, problems, locations, keyLocations);
        reader.text = yaml;
        try (JsonParser parser = FACTORY.createParser(yaml)) {
            reader.parser = parser;
            JsonToken token = parser.nextToken();
            if (token == null) {
                problems.error(new SourceLocation(displayPath, 1, 1), "the file is empty: expected an ODCS contract");
                return new Parsed(null, locations, keyLocations);
            }
            Node root = reader.read(token, "");
            if (parser.nextToken() != null) {
                problems.error(reader.location(), "a contract file holds a single YAML document");
            }
            return new Parsed(root, locations, keyLocations);
        } catch (IOException e) {
            syntaxProblem(displayPath, e, problems);
            return new Parsed(null, locations, keyLocations);
        } catch (RuntimeException e) {
            // SnakeYAML's limits (aliases, depth, size) and Jackson's constraints: bad input, never an internal error
            io.meshkit.core.yaml.YamlInputException f = io.meshkit.core.yaml.YamlInput.failure(displayPath, e);
            problems.error(f.location(), f.problem());
            return new Parsed(null, locations, keyLocations);
        }
    }

    private static void syntaxProblem(String displayPath, IOException e, Problems problems) {
        Throwable cause = e.getCause();
        if (cause instanceof MarkedYAMLException y) {
            Mark mark = y.getProblemMark() != null ? y.getProblemMark() : y.getContextMark();
            int line = mark == null ? 1 : mark.getLine() + 1;
            int column = mark == null ? 1 : mark.getColumn() + 1;
            String message = y.getProblem() == null ? "malformed YAML" : y.getProblem();
            if (y.getContext() != null) {
                message += " (" + y.getContext() + ")";
            }
            problems.error(new SourceLocation(displayPath, line, column), "invalid YAML: " + clean(message));
            return;
        }
        JsonLocation at = e instanceof JsonProcessingException p ? p.getLocation() : null;
        String message = e instanceof JsonProcessingException p ? p.getOriginalMessage() : e.getMessage();
        problems.error(location(displayPath, at), "invalid YAML: " + clean(message));
    }

    private static String clean(String message) {
        if (message == null) {
            return "malformed YAML";
        }
        int source = message.indexOf(" at [Source:");
        String m = source >= 0 ? message.substring(0, source) : message;
        return m.replaceAll("\\s+", " ").trim();
    }

    static SourceLocation location(String displayPath, JsonLocation at) {
        if (at == null) {
            return new SourceLocation(displayPath, 1, 1);
        }
        return new SourceLocation(displayPath, Math.max(1, at.getLineNr()), Math.max(1, at.getColumnNr()));
    }

    private static final class Reader {
        private final String displayPath;
        private final Problems problems;
        private final Map<String, SourceLocation> locations;
        private final Map<String, SourceLocation> keyLocations;
        private JsonParser parser;
        private String text;

        Reader(String displayPath, Problems problems, Map<String, SourceLocation> locations,
                Map<String, SourceLocation> keyLocations) {
            this.displayPath = displayPath;
            this.problems = problems;
            this.locations = locations;
            this.keyLocations = keyLocations;
        }

        SourceLocation location() {
            return YamlTree.location(displayPath, parser.currentTokenLocation());
        }

        /** Whether the current scalar is written in quotes (Jackson reads a plain empty scalar as ""). */
        private boolean quoted() {
            long offset = parser.currentTokenLocation().getCharOffset();
            if (text == null || offset < 0 || offset >= text.length()) {
                return true;
            }
            int index;
            try { // SnakeYAML counts code points, not chars: after an emoji the two differ (only empty scalars get here)
                index = text.offsetByCodePoints(0, (int) offset);
            } catch (IndexOutOfBoundsException e) {
                return true;
            }
            if (index >= text.length()) {
                return true;
            }
            char c = text.charAt(index);
            return c == '"' || c == '\'';
        }

        Node read(JsonToken token, String pointer) throws IOException {
            SourceLocation at = location();
            locations.put(pointer, at);
            switch (token) {
                case START_OBJECT: {
                    Map<String, Node> entries = new LinkedHashMap<>();
                    Map<String, SourceLocation> keys = new LinkedHashMap<>();
                    while (parser.nextToken() == JsonToken.FIELD_NAME) {
                        String key = parser.currentName();
                        SourceLocation keyAt = location();
                        String child = pointer + "/" + SourceMap.escape(key);
                        SourceLocation first = keys.get(key);
                        if (first != null) {
                            problems.error(keyAt, "duplicate key '" + key + "' (first at line " + first.line() + ")");
                            // read and drop the duplicate so the first one and its locations stay
                            Map<String, SourceLocation> kept = new LinkedHashMap<>(locations);
                            Map<String, SourceLocation> keptKeys = new LinkedHashMap<>(keyLocations);
                            read(parser.nextToken(), child);
                            locations.clear();
                            locations.putAll(kept);
                            keyLocations.clear();
                            keyLocations.putAll(keptKeys);
                            continue;
                        }
                        keys.put(key, keyAt);
                        keyLocations.put(child, keyAt);
                        entries.put(key, read(parser.nextToken(), child));
                    }
                    return new MapNode(pointer, at, Collections.unmodifiableMap(entries), Collections.unmodifiableMap(keys));
                }
                case START_ARRAY: {
                    List<Node> items = new ArrayList<>();
                    JsonToken t;
                    while ((t = parser.nextToken()) != JsonToken.END_ARRAY) {
                        items.add(read(t, pointer + "/" + items.size()));
                    }
                    return new ListNode(pointer, at, Collections.unmodifiableList(items));
                }
                case VALUE_STRING:
                    if (parser instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
                        // Jackson hands an alias over as its anchor's name, which would be misread as a value
                        problems.error(at, "YAML aliases (*" + parser.getText() + ") are not supported in contracts: "
                                + "write the content out");
                        return new ScalarNode(pointer, at, null, "");
                    }
                    if (parser.getText().isEmpty() && !quoted()) {
                        return new ScalarNode(pointer, at, null, ""); // `key:` with nothing after it is null in YAML
                    }
                    return new ScalarNode(pointer, at, parser.getText(), parser.getText());
                case VALUE_NUMBER_INT: {
                    BigInteger big = parser.getBigIntegerValue();
                    Object value = big.bitLength() < 64 ? (Object) big.longValue() : big;
                    return new ScalarNode(pointer, at, value, parser.getText());
                }
                case VALUE_NUMBER_FLOAT: {
                    String text = parser.getText();
                    Object value;
                    try {
                        BigDecimal d = new BigDecimal(text.replace("_", ""));
                        // read a float in the form the writer gives back, so that write -> read is the same value
                        // and a float stays a float: 1e5 as 100000.0, 1e999 as 1.0E+999 (not written out)
                        value = d.scale() < 1 && d.scale() >= -100 ? d.setScale(1)
                                : d.scale() < -100 && d.precision() == 1 ? d.setScale(d.scale() + 1) : d;
                    } catch (NumberFormatException e) {
                        value = text; // .inf, .nan: keep as written
                    }
                    return new ScalarNode(pointer, at, value, text);
                }
                case VALUE_TRUE:
                case VALUE_FALSE:
                    return new ScalarNode(pointer, at, token == JsonToken.VALUE_TRUE, parser.getText());
                case VALUE_NULL:
                    return new ScalarNode(pointer, at, null, parser.getText());
                default:
                    // embedded objects and the like do not occur in YAML text; keep the text
                    return new ScalarNode(pointer, at, parser.getText(), parser.getText());
            }
        }
    }

    /** The plain Java value of a node: maps, lists and scalar values. */
    static Object toJava(Node node) {
        if (node instanceof MapNode m) {
            Map<String, Object> map = new LinkedHashMap<>();
            m.entries().forEach((k, v) -> map.put(k, toJava(v)));
            return Collections.unmodifiableMap(map);
        }
        if (node instanceof ListNode l) {
            List<Object> list = new ArrayList<>();
            l.items().forEach(v -> list.add(toJava(v)));
            return Collections.unmodifiableList(list);
        }
        return ((ScalarNode) node).value();
    }
}
