package io.meshkit.cli.pipeline;

import io.meshkit.cli.yaml.YamlFileException;
import io.meshkit.cli.yaml.YamlNodes;
import io.meshkit.core.contract.ContractReader;
import io.meshkit.core.error.MeshkitException;
import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.identifier.TableId;
import io.meshkit.testing.golden.GoldenTest;
import io.meshkit.testing.golden.GoldenTestReader;
import java.io.IOException;
import java.io.PrintWriter;
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
 * Reads a golden test file ({@code *.test.yaml}, the format in the cli README) into a test of the
 * testing module's golden engine whose run is this pipeline ({@link PipelineRunner}, with only the
 * test's environment): every mistake (an unknown key, a step the pipeline does not have, a missing
 * fixture, a bad date) is a {@link YamlFileException} at the line and column of the offending
 * node; a mistake in the pipeline file keeps the pipeline file's own location. Paths are relative to
 * the test file. Registered for {@link java.util.ServiceLoader} in
 * {@code META-INF/services/io.meshkit.testing.golden.GoldenTestReader}.
 */
public final class PipelineGoldenTests implements GoldenTestReader {
    private static final Set<String> TOP_KEYS = Set.of("description", "pipeline", "dates", "steps", "env", "with", "given", "expect");
    private static final Set<String> EXPECT_KEYS = Set.of("file", "columns");

    /** Reads a test file each time {@link #read} is called. */
    public PipelineGoldenTests() {
    }

    /**
     * Reads and checks a test file.
     *
     * @param projectDir the project directory (its {@code pipeline.yaml} is the default pipeline)
     * @param testsDir the directory the test's name is relative to
     * @param file the test file
     */
    @Override
    public GoldenTest read(Path projectDir, Path testsDir, Path file) {
        return new Reading(file).read(projectDir, testsDir);
    }

    /** One file being read. */
    private static final class Reading {
        private final Path file;
        private final String display;
        private final YamlNodes yaml;

        private Reading(Path file) {
            this.file = file;
            this.display = file.toString();
            this.yaml = new YamlNodes((line, column, problem) -> new TestFileException(display, line, column, problem));
        }

        private GoldenTest read(Path projectDir, Path testsDir) {
            Node root;
            try {
                root = yaml.compose(file);
            } catch (IOException e) {
                throw new TestFileException(file.toString(), 1, 1, "cannot read the file: " + e.getMessage());
            }
            String relative = testsDir.toAbsolutePath().normalize().relativize(file.toAbsolutePath().normalize()).toString().replace('\\', '/');
            String name = relative.endsWith(GoldenTestReader.SUFFIX) ? relative.substring(0, relative.length() - GoldenTestReader.SUFFIX.length()) : relative;
            return test(projectDir, name, root);
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
            return new GoldenTest(file, name, description, new PipelineRun(pipeline, dates, env), contracts, given, expect);
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

        private YamlFileException error(Node node, String problem) {
            return yaml.error(node, problem);
        }
    }

    /**
     * What a test runs: the pipeline (already cut to the test's steps and with its {@code with:}
     * fields), on the test's dates, seeing only the test's environment.
     *
     * @param pipeline the pipeline to run
     * @param dates the dates of the dated steps
     * @param env the only environment variables the steps see
     */
    public record PipelineRun(Pipeline pipeline, List<LocalDate> dates, Map<String, String> env) implements GoldenTest.Run {
        /** Copies. */
        public PipelineRun {
            java.util.Objects.requireNonNull(pipeline, "pipeline is null");
            dates = List.copyOf(dates);
            env = Map.copyOf(env);
        }

        @Override
        public int run(String warehouseUri, PrintWriter log) {
            return new PipelineRunner(pipeline, warehouseUri, Map.of(), dates, env::get, log).run(false);
        }

        /** Lands in the test's own directory what the steps would land in the project's {@code .meshkit/landing}. */
        @Override
        public int run(String warehouseUri, Path workDir, PrintWriter log) {
            return new PipelineRunner(pipeline, warehouseUri, Map.of(), dates, env::get, log)
                    .withLanding(workDir.resolve("landing").toString()).run(false);
        }
    }

    /** A mistake in a test file, at a line and column. */
    private static final class TestFileException extends YamlFileException {
        TestFileException(String file, int line, int column, String problem) {
            super("Cannot run golden test", file, line, column, problem);
        }
    }
}
