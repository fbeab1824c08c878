package io.meshkit.core.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The standard decides what is valid. Every example of the standard (copied from {@code shared/odcs/examples}) and
 * every contract in the styles of other tools under {@code contracts/real-world} is checked against the official
 * schema of its apiVersion, independently of meshkit's reader: a file the schema accepts is accepted (warnings
 * allowed), a file it refuses gets an error at a {@code file:line:column}; read → write → read gives the same
 * contract, and the contract converted to v3.1.0 is valid under the v3.1.0 schema.
 */
class OdcsStandardTest {
    private static final Path EXAMPLES = Path.of("src/test/resources/odcs-examples");
    private static final Path REAL_WORLD = Path.of("src/test/resources/contracts/real-world");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Map<String, Schema> SCHEMAS = new HashMap<>();

    private final ContractReader reader = ContractReader.create();

    static Stream<Path> contracts() throws IOException {
        List<Path> all = new ArrayList<>();
        for (Path dir : List.of(EXAMPLES, REAL_WORLD)) {
            try (Stream<Path> files = Files.list(dir)) {
                files.filter(p -> p.toString().endsWith(".yaml")).sorted().forEach(all::add);
            }
        }
        return all.stream();
    }

    private static synchronized Schema schema(String version) {
        return SCHEMAS.computeIfAbsent(version, v -> {
            try (InputStream in = OdcsStandardTest.class.getResourceAsStream(
                    "/io/meshkit/core/contract/odcs/odcs-json-schema-" + v + ".json")) {
                return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2019_09).getSchema(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** The official schema's verdict on a file, with its own YAML reading: meshkit's reader plays no part. */
    private static boolean schemaAccepts(String yaml) throws IOException {
        JsonNode doc = YAML.readTree(yaml);
        return schema(doc.path("apiVersion").asText()).validate(doc).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("contracts")
    void theStandardDecidesAndNothingIsLost(Path file) throws IOException {
        String text = Files.readString(file);
        ParsedContract parsed = reader.parse(file);
        if (!schemaAccepts(text)) {
            assertThat(parsed.errors()).as("the schema refuses %s", file).isNotEmpty();
            assertThat(parsed.errors()).allSatisfy(e -> {
                assertThat(e.location().path()).isEqualTo(file.toString());
                assertThat(e.location().line()).isPositive();
            });
            return;
        }
        assertThat(parsed.errors()).as("the schema accepts %s", file).isEmpty();
        Contract contract = parsed.orThrow();

        String written = ContractWriter.write(contract);
        assertThat(schemaAccepts(written)).as(written).isTrue();
        assertThat(reader.parse("written.odcs.yaml", written).contract()).as(written).contains(contract);

        String converted = ContractWriter.write(contract, ContractWriter.API_VERSION);
        JsonNode doc = YAML.readTree(converted);
        assertThat(schema("v3.1.0").validate(doc)).as(converted).isEmpty();
        Contract v31 = reader.parse("converted.odcs.yaml", converted).orThrow();
        assertThat(v31.apiVersion()).isEqualTo("v3.1.0");
        assertThat(v31.datasets()).hasSameSizeAs(contract.datasets());
        for (int i = 0; i < contract.datasets().size(); i++) {
            List<Column> before = contract.datasets().get(i).columns();
            List<Column> after = v31.datasets().get(i).columns();
            assertThat(after).extracting(Column::name).isEqualTo(before.stream().map(Column::name).toList());
            assertThat(after).extracting(Column::logicalType)
                    .isEqualTo(before.stream().map(Column::logicalType).toList());
            assertThat(after).extracting(Column::physicalType)
                    .isEqualTo(before.stream().map(Column::physicalType).toList());
        }
        assertThat(v31.sla()).isEqualTo(contract.sla());
    }

    @Test
    void theStandardsOwnVerdictsOnItsExamples() throws IOException {
        List<String> refused = new ArrayList<>();
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                if (reader.parse(f).hasErrors()) {
                    refused.add(f.getFileName().toString());
                }
            }
        }
        // the three that declare v3.0.2 but use v3.1.0 forms (shared/odcs/README.md)
        assertThat(refused).containsExactly("data-types__all-data-types.odcs.yaml",
                "quality__column-completeness.odcs.yaml", "stakeholders__basic-four-dpo.odcs.yaml");
    }
}
