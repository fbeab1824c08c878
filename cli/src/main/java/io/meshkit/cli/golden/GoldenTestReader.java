package io.meshkit.cli.golden;

import io.meshkit.cli.pipeline.DateRange;
import io.meshkit.cli.pipeline.Pipeline;
import io.meshkit.cli.pipeline.PipelineReader;
import io.meshkit.cli.pipeline.StepKind;
import io.meshkit.cli.yaml.YamlNodes;
import io.meshkit.core.contract.ContractReader;
import io.meshkit.core.error.MeshkitException;
import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.identifier.TableId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads a golden test file ({@code *.test.yaml}, the format in the cli README): every mistake (an
 * unknown key, a step the pipeline does not have, a missing fixture, a bad date) is a
 * {@link GoldenFileException} at the line and column of the offending node; a mistake in the
 * pipeline file keeps the pipeline file's own location. Paths are relative to the test file.
 */
public final class GoldenTestReader {
    private static final Set<String> TOP_KEYS = Set.of("description", "pipeline", "dates", "steps", "env", "with", "given", "expect");
    private static final Set<String> EXPECT_KEYS = Set.of("file", "columns");
    /** The suffix of a golden test file. */
    public static final String SUFFIX = ".test.yaml";

    private final Path file;
    private final String display;
    private final YamlNodes yaml;

    private GoldenTestReader(Path file) {
        this.file = file;
        this.display = file.toString();
        this.yaml = new YamlNodes((line, column, problem) -> new GoldenFileException(display, line, column, problem));
    }

    /**
     * Reads and checks a test file.
     *
     * @param projectDir the project directory (its {@code pipeline.yaml} is the default pipeline)
     * @param testsDir the directory the test's name is relative to
     * @param file the test file
     */
    public static GoldenTest read(Path projectDir, Path testsDir, Path file) {
        GoldenTestReader reader = new GoldenTestReader(file);
        Node root;
        try {
            root = reader.yaml.compose(file);
        } catch (IOException e) {
            throw new GoldenFileException(file.toString(), 1, 1, "cannot read the file: " + e.getMessage());
        }
        String relative = testsDir.toAbsolutePath().normalize().relativize(file.toAbsolutePath().normalize()).toString().replace('\\', '/');
        String name = relative.endsWith(SUFFIX) ? relative.substring(0, relative.length() - SUFFIX.length()) : relative;
        return reader.test(projectDir, name, root);
    }

    private GoldenTest test(Path projectDir, String name, Node root) {
        if (!(root instanceof MappingNode map)) {
            throw error(root, "a golden test is a mapping with 'expect:' (and optionally " + String.join(", ",
                    TOP_KEYS.stream().filter(k -> !k.equals("expect")).sorted().toList()) + ")");
        }
        Map<String, NodeTuple> top = yaml.entries(map, TOP_KEYS);
        String description = top.containsKey("description") ? yaml.scalar(top.get("description").getValueNode()) : "";

        Path pipelineFile;
        if (top.containsKey("pipeline")) {
            Node n = top.get("pipeline").getValueNode();
            pipelineFile = existing(n, "pipeline");
        } else {
            pipelineFile = projectDir.resolve("pipeline.yaml");
            if (!Files.isRegularFile(pipelineFile)) {
                throw error(map, "no 'pipeline:' and no pipeline.yaml in the project directory " + projectDir);
            }
        }
        // a mistake in the pipeline keeps its own file:line:col (a PipelineFileException, also exit 2)
        Pipeline pipeline = PipelineReader.read(pipelineFile);

        List<Path> contracts = contracts(pipeline);
        List<LocalDate> dates = pipeline.dates();
        if (top.containsKey("dates")) {
            Node n = top.get("dates").getValueNode();
            try {
                dates = DateRange.parse(yaml.scalar(n));
            } catch (DateTimeParseException | IllegalArgumentException e) {
                throw error(n, "'dates' must be YYYY-MM-DD or FROM..TO: " + e.getMessage());
            }
        }

        if (top.containsKey("with")) {
            Node n = top.get("with").getValueNode();
            for (NodeTuple t : yaml.mapping(n, "'with' maps step ids to the fields to override").getValue()) {
                String stepId = yaml.scalar(t.getKeyNode());
                Map<String, Object> fields = new LinkedHashMap<>();
                for (NodeTuple f : yaml.mapping(t.getValueNode(), "'with: " + stepId + "' maps field names to values").getValue()) {
                    String key = yaml.scalar(f.getKeyNode());
                    Object value = yaml.value(f.getValueNode());
                    if (StepKind.isPath(key)) {
                        value = resolvePaths(f.getValueNode(), value);
                    }
                    fields.put(key, value);
                }
                try {
                    pipeline = pipeline.with(stepId, fields);
                } catch (IllegalArgumentException e) {
                    throw error(t.getKeyNode(), e.getMessage());
                }
            }
        }

        if (top.containsKey("steps")) {
            Node n = top.get("steps").getValueNode();
            List<String> ids = yaml.strings(n);
            if (ids.isEmpty()) {
                throw error(n, "'steps' must name at least one step");
            }
            List<Node> nodes = n instanceof SequenceNode seq ? seq.getValue() : List.of(n);
            for (int i = 0; i < ids.size(); i++) {
                try {
                    pipeline.only(List.of(ids.get(i)));
                } catch (IllegalArgumentException e) {
                    throw error(nodes.get(i), e.getMessage());
                }
            }
            pipeline = pipeline.only(ids);
        }

        Map<String, String> env = new LinkedHashMap<>();
        if (top.containsKey("env")) {
            for (NodeTuple t : yaml.mapping(top.get("env").getValueNode(), "'env' maps variable names to values").getValue()) {
                String var = yaml.scalar(t.getKeyNode());
                if (!var.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                    throw error(t.getKeyNode(), "'" + var + "' is not an environment variable name (letters, digits, '_')");
                }
                env.put(var, yaml.scalar(t.getValueNode()));
            }
        }

        List<GoldenTest.Given> given = new ArrayList<>();
        if (top.containsKey("given")) {
            for (NodeTuple t : yaml.mapping(top.get("given").getValueNode(), "'given' maps tables (namespace.table) to CSV files").getValue()) {
                TableId table = table(t.getKeyNode());
                Path csv = existing(t.getValueNode(), "CSV file");
                given.add(new GoldenTest.Given(table, csv, location(t.getKeyNode())));
            }
        }

        NodeTuple expectEntry = top.get("expect");
        if (expectEntry == null) {
            throw error(map, "the test has no 'expect:' (the tables to compare after the run, each with its expected CSV file)");
        }
        List<GoldenTest.Expect> expect = new ArrayList<>();
        MappingNode expectMap = yaml.mapping(expectEntry.getValueNode(), "'expect' maps tables (namespace.table) to expected CSV files");
        if (expectMap.getValue().isEmpty()) {
            throw error(expectMap, "'expect' must name at least one table");
        }
        for (NodeTuple t : expectMap.getValue()) {
            TableId table = table(t.getKeyNode());
            Node v = t.getValueNode();
            Path csv;
            List<ColumnName> columns = new ArrayList<>();
            if (v instanceof MappingNode m) {
                Map<String, NodeTuple> e = yaml.entries(m, EXPECT_KEYS);
                if (!e.containsKey("file")) {
                    throw error(m, "an expected table needs 'file:' (the expected CSV)");
                }
                csv = path(e.get("file").getValueNode());
                if (e.containsKey("columns")) {
                    Node cn = e.get("columns").getValueNode();
                    for (String c : yaml.strings(cn)) {
                        try {
                            columns.add(ColumnName.of(c));
                        } catch (MeshkitException ex) {
                            throw error(cn, ex.getMessage());
                        }
                    }
                    if (columns.isEmpty()) {
                        throw error(cn, "'columns' must name at least one column");
                    }
                }
            } else {
                csv = path(v);
            }
            // a missing expected file is not an error here: --update writes it, a plain run fails the test
            expect.add(new GoldenTest.Expect(table, csv, columns, location(t.getKeyNode())));
        }
        return new GoldenTest(file, name, description, pipeline, dates, env, contracts, given, expect);
    }

    /** Every contract file the pipeline's steps name (a directory: the contracts under it). */
    private static List<Path> contracts(Pipeline pipeline) {
        Set<Path> out = new java.util.LinkedHashSet<>();
        for (Pipeline.Step s : pipeline.steps()) {
            for (String c : s.strings("contract")) {
                if (c.contains("${")) {
                    continue;
                }
                Path p = pipeline.baseDir().resolve(c).normalize();
                if (Files.exists(p)) {
                    out.addAll(ContractReader.create().findContracts(p));
                }
            }
        }
        return List.copyOf(out);
    }

    private Object resolvePaths(Node node, Object value) {
        if (value instanceof String s) {
            return resolve(node, s).toString();
        }
        if (value instanceof List<?> list) {
            List<String> out = new ArrayList<>();
            for (Object o : list) {
                out.add(resolve(node, (String) o).toString());
            }
            return out;
        }
        return value;
    }

    private Path resolve(Node node, String text) {
        if (text.contains("${")) {
            throw error(node, "a path in a test cannot use ${...}: give the path itself");
        }
        Path p = Path.of(text);
        return p.isAbsolute() ? p : base().resolve(p).normalize();
    }

    private Path base() {
        Path parent = file.toAbsolutePath().getParent();
        return parent == null ? Path.of(".").toAbsolutePath() : parent;
    }

    private Path path(Node node) {
        return display(resolve(node, yaml.scalar(node)));
    }

    private Path existing(Node node, String what) {
        Path p = path(node);
        if (!Files.exists(p)) {
            throw error(node, "no " + what + " " + p);
        }
        return p;
    }

    /** Relative to the working directory when under it: messages read better. */
    private static Path display(Path absolute) {
        Path cwd = Path.of("").toAbsolutePath();
        return absolute.startsWith(cwd) && !absolute.equals(cwd) ? cwd.relativize(absolute) : absolute;
    }

    private TableId table(Node node) {
        String text = yaml.scalar(node);
        if (!text.contains(".")) {
            throw error(node, "'" + text + "' is not a table: write namespace.table, for example music.tracks");
        }
        try {
            return TableId.parse(text);
        } catch (MeshkitException e) {
            throw error(node, e.getMessage());
        }
    }

    private GoldenTest.Location location(Node node) {
        Mark m = node.getStartMark();
        return new GoldenTest.Location(display, m == null ? 1 : m.getLine() + 1, m == null ? 1 : m.getColumn() + 1);
    }

    private GoldenFileException error(Node node, String problem) {
        return (GoldenFileException) yaml.error(node, problem);
    }
}
