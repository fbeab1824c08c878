package io.meshkit.linter.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/** A small YAML document (a conventions file) with the line and column of every node, by JSON Pointer. */
final class YamlDoc {
    private static final YAMLFactory YAML = io.meshkit.core.yaml.YamlInput.factory();

    final String path;
    final JsonNode root;
    private final Map<String, int[]> locations;

    private YamlDoc(String path, JsonNode root, Map<String, int[]> locations) {
        this.path = path;
        this.root = root;
        this.locations = locations;
    }

    /** Parses YAML text; malformed YAML and duplicate keys are {@code INVALID_ARGUMENT} with file:line:column. */
    static YamlDoc parse(String path, String text) {
        Map<String, int[]> locations = new HashMap<>();
        try (JsonParser p = YAML.createParser(text)) {
            JsonToken t = p.nextToken();
            JsonNode root = t == null ? JsonNodeFactory.instance.objectNode() : read(p, "", locations, path);
            return new YamlDoc(path, root, locations);
        } catch (JsonProcessingException e) {
            JsonLocation l = e.getLocation();
            String at = l == null ? path : path + ":" + Math.max(1, l.getLineNr()) + ":" + Math.max(1, l.getColumnNr());
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot read conventions " + at + ": "
                    + e.getOriginalMessage().lines().findFirst().orElse("malformed YAML"), e);
        } catch (IOException | RuntimeException e) {
            if (e instanceof MeshkitException m) {
                throw m;
            }
            io.meshkit.core.yaml.YamlInputException f = io.meshkit.core.yaml.YamlInput.failure(path, e);
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot read conventions " + f.location() + ": " + f.problem(), e);
        }
    }

    private static JsonNode read(JsonParser p, String pointer, Map<String, int[]> locations, String path) throws IOException {
        JsonLocation l = p.currentTokenLocation();
        locations.put(pointer, new int[] {Math.max(1, l.getLineNr()), Math.max(1, l.getColumnNr())});
        JsonToken t = p.currentToken();
        JsonNodeFactory f = JsonNodeFactory.instance;
        switch (t) {
            case START_OBJECT -> {
                ObjectNode o = f.objectNode();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    String child = pointer + "/" + key.replace("~", "~0").replace("/", "~1");
                    JsonLocation kl = p.currentTokenLocation();
                    locations.put("key:" + child, new int[] {Math.max(1, kl.getLineNr()), Math.max(1, kl.getColumnNr())});
                    if (o.has(key)) {
                        throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot read conventions " + path + ":"
                                + kl.getLineNr() + ":" + kl.getColumnNr() + ": duplicate key '" + key + "'");
                    }
                    p.nextToken();
                    o.set(key, read(p, child, locations, path));
                }
                return o;
            }
            case START_ARRAY -> {
                ArrayNode a = f.arrayNode();
                int i = 0;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    a.add(read(p, pointer + "/" + i++, locations, path));
                }
                return a;
            }
            case VALUE_STRING -> {
                return f.textNode(p.getText());
            }
            case VALUE_NUMBER_INT -> {
                return f.numberNode(p.getLongValue());
            }
            case VALUE_NUMBER_FLOAT -> {
                return f.numberNode(p.getDecimalValue());
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return f.booleanNode(t == JsonToken.VALUE_TRUE);
            }
            case VALUE_NULL -> {
                return f.nullNode();
            }
            default -> {
                return f.textNode(p.getText());
            }
        }
    }

    /** {@code path:line:column} of a node, or of the nearest parent that has a location. */
    String at(String pointer) {
        String p = pointer;
        while (true) {
            int[] l = locations.get(p);
            if (l != null) {
                return path + ":" + l[0] + ":" + l[1];
            }
            if (p.isEmpty()) {
                return path + ":1:1";
            }
            p = p.substring(0, p.lastIndexOf('/'));
        }
    }

    /** An {@code INVALID_ARGUMENT} error at the key of a mapping entry. */
    MeshkitException keyError(String pointer, String message) {
        int[] l = locations.get("key:" + pointer);
        String at = l == null ? at(pointer) : path + ":" + l[0] + ":" + l[1];
        return new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot read conventions " + at + ": " + message);
    }

    /** An {@code INVALID_ARGUMENT} error at a node. */
    MeshkitException error(String pointer, String message) {
        return new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot read conventions " + at(pointer) + ": " + message);
    }
}
