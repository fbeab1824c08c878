package io.meshkit.core.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Property test of "the standard decides": documents generated from the official JSON schema of each apiVersion
 * meshkit reads, and random schema-shaped edits of the standard's examples and the real-world contracts (fields
 * added and dropped, keys reordered, scalars changed within their type or enum, the other alternative of a
 * oneOf/anyOf). Whatever the schema accepts must pass {@link StandardChecks#assertAcceptedAndKept}, unless all its
 * errors are ones meshkit makes on purpose ({@link StandardChecks#deliberateRefusal}). Fixed seeds, bounded tries; a failure
 * prints each document's seed and YAML, and {@code -Dodcs.seed=N} reruns only that document ({@code -Dodcs.base},
 * {@code -Dodcs.generated} and {@code -Dodcs.edits} explore further).
 */
class OdcsGeneratedContractsTest {
    /** {@code -Dodcs.base=N} explores other documents than the build's. */
    private static final long SEED = Long.getLong("odcs.base", 20261207L);
    private static final int GENERATED_PER_VERSION = Integer.getInteger("odcs.generated", 250);
    private static final int EDITS_PER_EXAMPLE = Integer.getInteger("odcs.edits", 12);
    private static final Long ONLY = Long.getLong("odcs.seed");
    private static final Path EXAMPLES = Path.of("src/test/resources/odcs-examples");
    private static final Path REAL_WORLD = Path.of("src/test/resources/contracts/real-world");
    /** Values the schema leaves free but meshkit reads: type spellings, SLA properties, units and values, SQL. */
    private static final Map<String, List<String>> HINTS = Map.of(
            "physicalType", List.of("VARCHAR(10)", "varchar[15]", "bigint", "INT64", "decimal(10,2)", "NUMBER(38,0)",
                    "TIMESTAMP_NTZ", "timestamp", "timestamptz", "datetime", "time", "date", "DOUBLE", "boolean",
                    "tinyint(1)", "STRUCT<a INT64, b STRING>", "struct<a:int>", "ARRAY<STRING>", "int[]",
                    "MAP<STRING, INT64>", "MAP(VARCHAR, INTEGER)", "record", "RECORD", "STRUCT", "ARRAY", "JSON",
                    "jsonb", "VARIANT", "GEOGRAPHY", "uuid", "string", "long", "FLOAT(10,2)", "numeric(100,2)",
                    "STRUCT<>", "ARRAY<>", "MAP<STRING>", "VARCHAR(", "decimal(2,10)", "h3cell", "table", "topic"),
            "property", List.of("freshness", "latency", "frequency", "retention", "availability", "Freshness",
                    "generalAvailability", "timeOfAvailability"),
            "value", List.of("1d", "P1D", "PT15M", "500ms", "2 hours", "99.9%", "yearly", "-1", "0", "soon"),
            "unit", List.of("d", "day", "days", "h", "hours", "y", "yr", "minutes", "ms", "percent", "rows", "%"),
            "query", List.of("SELECT COUNT(*) FROM ${table}", "select 1", "WITH a AS (SELECT 1) SELECT * FROM a",
                    "SELECT COUNT(*) FROM t WHERE \"update\" IS NULL"),
            "metric", List.of("nullValues", "rowCount"),
            "rule", List.of("nullCheck", "duplicateCount", "validValues", "rowCount", "customCheck"));
    private static final ObjectMapper QUOTED = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper PLAIN = new ObjectMapper(YAMLFactory.builder()
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES).build());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> failures = new ArrayList<>();
    private final long cpuAtStart = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    private int accepted;
    private int refused;
    private int deliberate;

    @Test
    void documentsGeneratedFromEachSchemaAreReadWrittenAndConverted() {
        for (int v = 0; v < OdcsSchemas.VERSIONS.size(); v++) {
            String version = OdcsSchemas.VERSIONS.get(v);
            SchemaDocuments generator = null;
            for (int i = 0; i < GENERATED_PER_VERSION; i++) {
                long seed = SEED + 1_000_000L * v + i;
                if (ONLY != null && ONLY != seed) {
                    continue;
                }
                Random random = new Random(seed);
                generator = new SchemaDocuments(StandardChecks.schemaNode(version), random, HINTS);
                ObjectNode doc = (ObjectNode) generator.generate();
                doc.put("apiVersion", version); // the schema's enum names versions meshkit does not read
                check(seed, version, text(doc, random));
            }
        }
        report("generated", ONLY == null ? 2 * GENERATED_PER_VERSION : 0);
    }

    @Test
    void editsOfTheExamplesAndRealWorldContractsThatTheSchemaAcceptsAreReadWrittenAndConverted() throws IOException {
        List<Path> examples;
        examples = new ArrayList<>();
        for (Path dir : List.of(EXAMPLES, REAL_WORLD)) {
            try (Stream<Path> files = Files.list(dir)) {
                files.filter(p -> p.toString().endsWith(".yaml")).sorted().forEach(examples::add);
            }
        }
        for (int e = 0; e < examples.size(); e++) {
            String text = Files.readString(examples.get(e));
            if (!StandardChecks.schemaAccepts(text)) {
                continue; // the three examples the standard's own schema refuses (OdcsStandardTest), bad real-world files
            }
            JsonNode example = StandardChecks.tree(text);
            String version = example.get("apiVersion").asText();
            for (int i = 0; i < EDITS_PER_EXAMPLE; i++) {
                long seed = SEED + 10_000_000L + 1_000L * e + i;
                if (ONLY != null && ONLY != seed) {
                    continue;
                }
                Random random = new Random(seed);
                JsonNode edited = new SchemaDocuments(StandardChecks.schemaNode(version), random, HINTS)
                        .mutate(example, 1 + random.nextInt(3));
                check(seed, examples.get(e).getFileName() + " edited", text(edited, random));
            }
        }
        report("edited", ONLY == null ? 150 : 0);
    }

    private void check(long seed, String what, String yaml) {
        boolean valid;
        try {
            valid = StandardChecks.schemaAccepts(yaml);
        } catch (RuntimeException e) {
            return; // text Jackson itself cannot read back is no contract
        }
        if (!valid) {
            refused++;
            return;
        }
        accepted++;
        try {
            ParsedContract parsed = ContractReader.create().parse("generated.odcs.yaml", yaml);
            if (parsed.hasErrors() && parsed.errors().stream().allMatch(StandardChecks::deliberateRefusal)) {
                deliberate++;
                return;
            }
            StandardChecks.assertAcceptedAndKept(parsed, yaml);
        } catch (AssertionError | RuntimeException e) {
            String message = String.valueOf(e.getMessage());
            failures.add("seed " + seed + " (" + what + "): " + e.getClass().getSimpleName() + ": "
                    + message + "\n--- YAML (rerun with -Dodcs.seed=" + seed
                    + (SEED == 20261207L ? "" : " -Dodcs.base=" + SEED) + ") ---\n" + yaml);
        }
    }

    private void report(String name, int minimumAccepted) {
        Path all = Path.of("target/odcs-" + name + "-failures.txt");
        try { // every failure, for reading them all at once
            Files.deleteIfExists(all);
            if (!failures.isEmpty()) {
                Files.write(all, String.join("\n\n=====\n", failures).getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long cpu = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpuAtStart;
        System.out.println(name + ": " + accepted + " documents the schema accepts checked, "
                + refused + " it refuses skipped, " + deliberate + " refused by meshkit on purpose, " + failures.size()
                + " failed, " + cpu / 1_000_000 + " ms CPU");
        assertThat(failures).as("%d of %d accepted documents failed; the first ones:%n%s", failures.size(), accepted,
                String.join("\n\n", failures.subList(0, Math.min(3, failures.size())))).isEmpty();
        assertThat(accepted - deliberate).as("documents checked").isGreaterThanOrEqualTo(minimumAccepted);
    }

    /** The document as YAML with every string quoted, as YAML with minimal quotes, or as JSON (a YAML subset). */
    private static String text(JsonNode doc, Random random) {
        try {
            return switch (random.nextInt(4)) {
                case 0 -> PLAIN.writeValueAsString(doc);
                case 1 -> JSON.writerWithDefaultPrettyPrinter().writeValueAsString(doc);
                default -> QUOTED.writeValueAsString(doc);
            };
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
