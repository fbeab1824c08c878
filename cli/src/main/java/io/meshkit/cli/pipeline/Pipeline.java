package io.meshkit.cli.pipeline;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed {@code pipeline.yaml}: its steps in a valid (topological) order.
 *
 * @param file the file, for messages
 * @param name the pipeline's name (default: the file's directory name)
 * @param dates the default dates of the dated steps, if the file names them
 * @param steps the steps, every step after the steps it needs
 */
public record Pipeline(Path file, String name, List<LocalDate> dates, List<Step> steps) {
    /** Copies. */
    public Pipeline {
        requireNonNull(file, "file is null");
        requireNonNull(name, "name is null");
        dates = List.copyOf(dates);
        steps = List.copyOf(steps);
    }

    /** The directory relative paths of the file are resolved against. */
    public Path baseDir() {
        Path parent = file.toAbsolutePath().getParent();
        return parent == null ? Path.of(".") : parent;
    }

    /**
     * One step.
     *
     * @param id unique id
     * @param kind what it does
     * @param needs the ids of the steps that must succeed first
     * @param properties the step's other keys (contract, sql, snapshots, ...), as strings or lists of strings
     * @param line 1-based line of the step in the file
     * @param column 1-based column
     */
    public record Step(String id, StepKind kind, List<String> needs, Map<String, Object> properties, int line, int column) {
        /** Copies. */
        public Step {
            requireNonNull(id, "id is null");
            requireNonNull(kind, "kind is null");
            needs = List.copyOf(needs);
            properties = Map.copyOf(properties);
        }

        /** A string property. */
        public Optional<String> string(String key) {
            Object v = properties.get(key);
            return v instanceof String s ? Optional.of(s) : Optional.empty();
        }

        /** A property that is a string or a list of strings, as a list. */
        @SuppressWarnings("unchecked")
        public List<String> strings(String key) {
            Object v = properties.get(key);
            if (v == null) {
                return List.of();
            }
            return v instanceof List<?> l ? (List<String>) l : List.of((String) v);
        }

        /** A map property (for example a sample step's metrics), in file order. */
        @SuppressWarnings("unchecked")
        public Map<String, String> map(String key) {
            Object v = properties.get(key);
            return v instanceof Map<?, ?> m ? (Map<String, String>) m : Map.of();
        }

        /** Whether the step runs once per date. */
        public boolean dated() {
            return kind.dated(this);
        }
    }
}
