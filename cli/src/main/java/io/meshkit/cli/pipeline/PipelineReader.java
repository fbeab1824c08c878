package io.meshkit.cli.pipeline;

import io.meshkit.cli.yaml.YamlNodes;
import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads {@code pipeline.yaml}: every mistake (unknown key or kind, a step that needs an unknown
 * step, a cycle, a dated step needing an undated one) is a {@link PipelineFileException} at the
 * line and column of the offending node. The steps come back in topological order (file order
 * among steps that do not depend on each other).
 */
public final class PipelineReader {
    private static final Set<String> TOP_KEYS = Set.of("name", "dates", "steps");

    private final YamlNodes yaml;

    private PipelineReader(String display) {
        this.yaml = new YamlNodes((line, column, problem) -> new PipelineFileException(display, line, column, problem));
    }

    /** Reads and checks a pipeline file. */
    public static Pipeline read(Path file) {
        PipelineReader reader = new PipelineReader(file.toString());
        Node root;
        try {
            root = reader.yaml.compose(file);
        } catch (NoSuchFileException e) {
            throw new MeshkitException(ErrorCode.FILE_NOT_FOUND, "Cannot read pipeline " + file + ": no such file");
        } catch (IOException e) {
            throw new MeshkitException(ErrorCode.FILE_NOT_FOUND, "Cannot read pipeline " + file + ": " + e.getMessage(), e);
        }
        return reader.pipeline(file, root);
    }

    private Pipeline pipeline(Path file, Node root) {
        if (!(root instanceof MappingNode map)) {
            throw error(root, "a pipeline is a mapping with 'steps:' (and optionally 'name', 'dates')");
        }
        Map<String, NodeTuple> top = entries(map, TOP_KEYS);
        Path dir = file.toAbsolutePath().getParent();
        String name = top.containsKey("name") ? scalar(top.get("name").getValueNode())
                : dir == null || dir.getFileName() == null ? "pipeline" : dir.getFileName().toString();
        List<LocalDate> dates = top.containsKey("dates") ? dates(top.get("dates").getValueNode()) : List.of();
        NodeTuple stepsEntry = top.get("steps");
        if (stepsEntry == null) {
            throw error(map, "the pipeline has no 'steps:'");
        }
        if (!(stepsEntry.getValueNode() instanceof SequenceNode seq) || seq.getValue().isEmpty()) {
            throw error(stepsEntry.getValueNode(), "'steps' must be a non-empty list of steps");
        }
        List<Pipeline.Step> steps = new ArrayList<>();
        Map<String, Node> needNodes = new HashMap<>();
        Map<String, Pipeline.Step> byId = new LinkedHashMap<>();
        for (Node n : seq.getValue()) {
            Pipeline.Step step = step(n, needNodes);
            if (byId.putIfAbsent(step.id(), step) != null) {
                throw error(n, "duplicate step id '" + step.id() + "'");
            }
            steps.add(step);
        }
        for (Pipeline.Step step : steps) {
            for (String need : step.needs()) {
                Pipeline.Step needed = byId.get(need);
                if (needed == null) {
                    throw error(needNodes.get(step.id()), "step '" + step.id() + "' needs unknown step '" + need + "' (steps: "
                            + String.join(", ", byId.keySet()) + ")");
                }
                if (step.dated() && !needed.dated()) {
                    throw error(needNodes.get(step.id()), "dated step '" + step.id() + "' (runs once per date) cannot need step '" + need
                            + "', which runs once per pipeline run");
                }
            }
        }
        return new Pipeline(file, name, dates, topological(steps, byId, needNodes));
    }

    private Pipeline.Step step(Node n, Map<String, Node> needNodes) {
        if (!(n instanceof MappingNode m)) {
            throw error(n, "a step is a mapping with 'id' and 'kind'");
        }
        Map<String, NodeTuple> all = entries(m, null);
        NodeTuple kindEntry = all.get("kind");
        if (kindEntry == null) {
            throw error(m, "step has no 'kind' (one of " + StepKind.names() + ")");
        }
        String kindName = scalar(kindEntry.getValueNode());
        StepKind kind = StepKind.of(kindName).orElseThrow(() -> error(kindEntry.getValueNode(),
                "unknown step kind '" + kindName + "' (one of " + StepKind.names() + ")"));
        NodeTuple idEntry = all.get("id");
        if (idEntry == null) {
            throw error(m, "step has no 'id'");
        }
        String id = scalar(idEntry.getValueNode());
        if (!id.matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) {
            throw error(idEntry.getValueNode(), "step id '" + id + "' must be letters, digits, '.', '_' or '-'");
        }
        List<String> needs = new ArrayList<>();
        Map<String, Object> props = new LinkedHashMap<>();
        for (Map.Entry<String, NodeTuple> e : all.entrySet()) {
            String key = e.getKey();
            Node value = e.getValue().getValueNode();
            switch (key) {
                case "id", "kind" -> { }
                case "needs" -> {
                    needNodes.put(id, value);
                    needs.addAll(strings(value));
                }
                default -> {
                    if (!kind.keys().contains(key) && !key.equals("when")) {
                        throw error(e.getValue().getKeyNode(), "unknown key '" + key + "' for a " + kind.yamlName() + " step (known: id, kind, needs, when, "
                                + String.join(", ", kind.keys().stream().sorted().toList()) + ")");
                    }
                    props.put(key, value(value));
                }
            }
        }
        Pipeline.Step step = new Pipeline.Step(id, kind, needs, props, m.getStartMark().getLine() + 1, m.getStartMark().getColumn() + 1);
        requireKeys(step, m);
        checkValues(step, all);
        return step;
    }

    /**
     * The typed keys: {@code args} against the options of the step's kind, and the values that name a
     * table, a column, a rate or a metric, each refused at its own line and column. A value holding
     * {@code ${VAR}} is checked when the step runs.
     */
    private void checkValues(Pipeline.Step step, Map<String, NodeTuple> all) {
        String what = "step '" + step.id() + "': ";
        if (all.containsKey("args")) {
            try {
                step.options();
            } catch (IllegalArgumentException e) {
                throw error(all.get("args").getValueNode(), what + e.getMessage());
            }
        }
        for (String key : List.of("events", "table")) {
            step.string(key).filter(v -> !v.contains("${")).ifPresent(v -> check(all.get(key), what + "'" + key + "' must be NAMESPACE.TABLE",
                    () -> io.meshkit.core.identifier.TableId.parse(v)));
        }
        for (String key : List.of("key", "by")) {
            for (String v : step.strings(key)) {
                check(all.get(key), what + "'" + key + "' must name a column", () -> io.meshkit.core.identifier.ColumnName.of(v));
            }
        }
        step.string("rate").ifPresent(v -> check(all.get("rate"), what + "'rate' must be a percentage such as 10% or a fraction such as 0.1",
                () -> io.meshkit.sampler.api.Rate.parse(v)));
        step.map("metrics").forEach((name, expr) -> check(all.get("metrics"), what + "metric " + name + ": ",
                () -> io.meshkit.sampler.api.Metric.parse(name, expr)));
        if (step.kind() == StepKind.MONITOR && step.strings("contract").size() > 1) {
            throw error(all.get("contract").getValueNode(), what + "a monitor step takes one contract file or directory");
        }
    }

    private void check(NodeTuple entry, String problem, Runnable parse) {
        try {
            parse.run();
        } catch (RuntimeException e) {
            String detail = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
            throw error(entry.getValueNode(), problem.endsWith(": ") ? problem + detail : problem);
        }
    }

    private void requireKeys(Pipeline.Step step, Node node) {
        List<String> required = switch (step.kind()) {
            case INGEST -> List.of("contract", "source");
            case LOAD_SNAPSHOT -> List.of("contract", "snapshots");
            case TRANSFORM -> List.of("contract", "sql");
            case SAMPLE -> List.of("contract", "metrics");
            case MONITOR -> List.of();
            default -> List.of("contract");
        };
        for (String key : required) {
            if (!step.properties().containsKey(key)) {
                throw error(node, "a " + step.kind().yamlName() + " step needs '" + key + "'");
            }
        }
    }

    private List<Pipeline.Step> topological(List<Pipeline.Step> steps, Map<String, Pipeline.Step> byId, Map<String, Node> needNodes) {
        List<Pipeline.Step> out = new ArrayList<>();
        Map<String, Integer> state = new HashMap<>(); // 1 visiting, 2 done
        for (Pipeline.Step s : steps) {
            visit(s, byId, needNodes, state, out, new ArrayList<>());
        }
        return out;
    }

    private void visit(Pipeline.Step s, Map<String, Pipeline.Step> byId, Map<String, Node> needNodes, Map<String, Integer> state,
            List<Pipeline.Step> out, List<String> path) {
        Integer st = state.get(s.id());
        if (st != null && st == 2) {
            return;
        }
        path.add(s.id());
        if (st != null) {
            List<String> cycle = path.subList(path.indexOf(s.id()), path.size());
            throw error(needNodes.get(s.id()), "steps form a cycle: " + String.join(" -> ", cycle));
        }
        state.put(s.id(), 1);
        for (String need : s.needs()) {
            visit(byId.get(need), byId, needNodes, state, out, path);
        }
        state.put(s.id(), 2);
        path.remove(path.size() - 1);
        out.add(s);
    }

    private List<LocalDate> dates(Node node) {
        try {
            if (node instanceof ScalarNode) {
                return DateRange.parse(scalar(node));
            }
            List<LocalDate> out = new ArrayList<>();
            for (String s : strings(node)) {
                out.add(LocalDate.parse(s));
            }
            return out;
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw error(node, "'dates' must be FROM..TO or a list of dates YYYY-MM-DD: " + e.getMessage());
        }
    }

    private Map<String, NodeTuple> entries(MappingNode map, Set<String> allowed) {
        return yaml.entries(map, allowed);
    }

    private Object value(Node node) {
        return yaml.value(node);
    }

    private List<String> strings(Node node) {
        return yaml.strings(node);
    }

    private String scalar(Node node) {
        return yaml.scalar(node);
    }

    private PipelineFileException error(Node node, String problem) {
        return (PipelineFileException) yaml.error(node, problem);
    }
}
