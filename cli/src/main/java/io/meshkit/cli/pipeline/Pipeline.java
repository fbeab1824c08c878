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

    /**
     * This pipeline with only the given steps, in pipeline order (a golden test's {@code steps:}).
     * The steps they need are not added: a test names what it runs and gives the rest as tables.
     *
     * @throws IllegalArgumentException naming an unknown step id and the known ones
     */
    public Pipeline only(List<String> stepIds) {
        List<String> known = steps.stream().map(Step::id).toList();
        for (String id : stepIds) {
            if (!known.contains(id)) {
                throw new IllegalArgumentException("no step '" + id + "' in " + file + " (steps: " + String.join(", ", known) + ")");
            }
        }
        return new Pipeline(file, name, dates, steps.stream().filter(s -> stepIds.contains(s.id())).toList());
    }

    /**
     * This pipeline with some fields of one step replaced (a golden test's {@code with:}), values as
     * {@link PipelineReader} reads them: strings, lists of strings, or maps of strings.
     *
     * @throws IllegalArgumentException for an unknown step id or a key the step's kind does not take
     */
    public Pipeline with(String stepId, Map<String, Object> fields) {
        List<Step> out = new java.util.ArrayList<>();
        boolean found = false;
        for (Step s : steps) {
            if (s.id().equals(stepId)) {
                out.add(s.with(fields));
                found = true;
            } else {
                out.add(s);
            }
        }
        if (!found) {
            throw new IllegalArgumentException("no step '" + stepId + "' in " + file + " (steps: "
                    + String.join(", ", steps.stream().map(Step::id).toList()) + ")");
        }
        return new Pipeline(file, name, dates, out);
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

        /**
         * This step with some of its fields replaced.
         *
         * @throws IllegalArgumentException for a key this step's kind does not take
         */
        public Step with(Map<String, Object> fields) {
            Map<String, Object> p = new java.util.LinkedHashMap<>(properties);
            for (Map.Entry<String, Object> e : fields.entrySet()) {
                if (!kind.keys().contains(e.getKey()) && !e.getKey().equals("when")) {
                    throw new IllegalArgumentException("unknown key '" + e.getKey() + "' for a " + kind.yamlName() + " step (known: when, "
                            + String.join(", ", kind.keys().stream().sorted().toList()) + ")");
                }
                p.put(e.getKey(), e.getValue());
            }
            Step s = new Step(id, kind, needs, p, line, column);
            s.options(); // an unknown option is refused here, not when the step runs
            return s;
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

        /**
         * The step's {@code args:}, read against the options its kind takes.
         *
         * @throws IllegalArgumentException naming an unknown option or a bad value
         */
        public StepOptions options() {
            return StepOptions.parse(kind, strings("args"));
        }

        /** Where the step is, for messages: {@code FILE:LINE:COLUMN}. */
        public String where(Path file) {
            return file + ":" + line + ":" + column;
        }

        /** Whether the step runs once per date. */
        public boolean dated() {
            return kind.dated(this);
        }
    }
}
