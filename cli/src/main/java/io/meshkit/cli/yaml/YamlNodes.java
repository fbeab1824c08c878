package io.meshkit.cli.yaml;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reading a YAML file as nodes, which keep their line and column, so that every mistake is reported
 * where it is written: the shared part of the pipeline and golden test readers.
 */
public final class YamlNodes {
    /** Makes the reader's own exception for a mistake at a place. */
    @FunctionalInterface
    public interface Errors {
        /** A mistake at a 1-based line and column. */
        YamlFileException at(int line, int column, String problem);
    }

    private final Errors errors;

    /** Nodes whose mistakes are reported through {@code errors}. */
    public YamlNodes(Errors errors) {
        this.errors = errors;
    }

    /** Composes a file into nodes; invalid YAML is a mistake at its place. */
    public Node compose(Path file) throws IOException {
        // the one YAML input (SECURITY.md): size, UTF-8, depth and alias limits, every failure at file:line:col
        io.meshkit.core.yaml.YamlInputException failure;
        try {
            String text = io.meshkit.core.yaml.YamlInput.read(file);
            return new Yaml(io.meshkit.core.yaml.YamlInput.loaderOptions()).compose(new java.io.StringReader(text));
        } catch (io.meshkit.core.yaml.YamlInputException e) {
            failure = e;
        } catch (RuntimeException e) {
            failure = io.meshkit.core.yaml.YamlInput.failure(file.toString(), e);
        }
        throw errors.at(failure.location().line(), failure.location().column(), failure.problem());
    }

    /** The entries of a mapping by key, in file order; a duplicate key, or one not {@code allowed} (unless null), is a mistake. */
    public Map<String, NodeTuple> entries(MappingNode map, Set<String> allowed) {
        Map<String, NodeTuple> out = new LinkedHashMap<>();
        for (NodeTuple t : map.getValue()) {
            String key = scalar(t.getKeyNode());
            if (allowed != null && !allowed.contains(key)) {
                throw error(t.getKeyNode(), "unknown key '" + key + "' (known: " + String.join(", ", allowed.stream().sorted().toList()) + ")");
            }
            if (out.putIfAbsent(key, t) != null) {
                throw error(t.getKeyNode(), "duplicate key '" + key + "'");
            }
        }
        return out;
    }

    /** A mapping node, or the mistake {@code what}. */
    public MappingNode mapping(Node node, String what) {
        if (!(node instanceof MappingNode m)) {
            throw error(node, what);
        }
        entries(m, null);
        return m;
    }

    /** A value as a string, a list of strings, or a map of strings (in file order). */
    public Object value(Node node) {
        if (node instanceof ScalarNode) {
            return scalar(node);
        }
        if (node instanceof SequenceNode) {
            return strings(node);
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (NodeTuple t : ((MappingNode) node).getValue()) {
            out.put(scalar(t.getKeyNode()), scalar(t.getValueNode()));
        }
        return out;
    }

    /** A scalar or a list of scalars, as a list. */
    public List<String> strings(Node node) {
        if (node instanceof ScalarNode) {
            return List.of(scalar(node));
        }
        if (!(node instanceof SequenceNode seq)) {
            throw error(node, "expected a list of names");
        }
        List<String> out = new ArrayList<>();
        for (Node n : seq.getValue()) {
            out.add(scalar(n));
        }
        return out;
    }

    /** A scalar's text. */
    public String scalar(Node node) {
        if (!(node instanceof ScalarNode s)) {
            throw error(node, "expected a single value");
        }
        return s.getValue();
    }

    /** A mistake at a node (at 1:1 without one). */
    public YamlFileException error(Node node, String problem) {
        Mark m = node == null ? null : node.getStartMark();
        return errors.at(m == null ? 1 : m.getLine() + 1, m == null ? 1 : m.getColumn() + 1, problem);
    }
}
