package io.meshkit.core.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the standard's verdict on a file means for meshkit, independently of meshkit's reader: the official schema
 * of its apiVersion (with Jackson's own YAML reading) decides; a file it accepts is read without errors, written
 * back without loss, and converted to a valid v3.1.0 contract. {@link OdcsStandardTest} checks the examples and
 * real-world files this way, {@link OdcsGeneratedContractsTest} generated and edited ones.
 */
final class StandardChecks {
    /** Floats as BigDecimal: 1e999999999 is a number, not a double's Infinity. */
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final Map<String, Schema> SCHEMAS = new ConcurrentHashMap<>();
    private static final ContractReader READER = ContractReader.create();

    private StandardChecks() {}

    /** The official schema of a version, loaded from the same resources meshkit ships, by a validator of its own. */
    static Schema schema(String version) {
        return SCHEMAS.computeIfAbsent(version, v -> {
            try (InputStream in = StandardChecks.class.getResourceAsStream(
                    "/io/meshkit/core/contract/odcs/odcs-json-schema-" + v + ".json")) {
                Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2019_09).getSchema(in);
                schema.initializeValidators();
                return schema;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** The schema node of a version, for generators. */
    static JsonNode schemaNode(String version) {
        return schema(version).getSchemaNode();
    }

    static JsonNode tree(String yaml) {
        try {
            return YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The official schema's verdict on a YAML text: meshkit's reader plays no part. */
    static boolean schemaAccepts(String yaml) {
        JsonNode doc = tree(yaml);
        return doc != null && doc.isObject() && schema(doc.path("apiVersion").asText()).validate(doc).isEmpty();
    }

    /**
     * For a file the schema accepts: no errors (warnings allowed); write → read gives the same contract and the
     * written form is the input's content (nothing lost, nothing invented) and valid; the conversion to v3.1.0 is
     * valid and keeps the columns and SLAs.
     */
    static Contract assertAcceptedAndKept(String display, String yaml) {
        return assertAcceptedAndKept(READER.parse(display, yaml), yaml);
    }

    /** {@link #assertAcceptedAndKept(String, String)} of a text already read. */
    static Contract assertAcceptedAndKept(ParsedContract parsed, String yaml) {
        assertThat(parsed.errors()).as("the schema accepts %s", parsed.displayPath()).isEmpty();
        Contract contract = parsed.orThrow();

        String written = ContractWriter.write(contract);
        assertThat(schemaAccepts(written)).as("written:%n%s", written).isTrue();
        assertThat(same(tree(yaml), tree(written))).as("written content differs:%n%s", written).isTrue();
        assertThat(READER.parse("written.odcs.yaml", written).contract()).as(written).contains(contract);

        String converted;
        try {
            converted = ContractWriter.write(contract, ContractWriter.API_VERSION);
        } catch (io.meshkit.core.error.MeshkitException e) {
            // what v3.1.0 requires and the file does not say (an athena server's stagingDir) is not invented
            assertThat(e.getMessage()).startsWith("Cannot convert contract").contains("which v3.1.0 requires");
            return contract;
        }
        assertThat(schema("v3.1.0").validate(tree(converted))).as(converted).isEmpty();
        Contract v31 = READER.parse("converted.odcs.yaml", converted).orThrow();
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
        return contract;
    }

    /**
     * meshkit's own rules that stay errors on a file the standard accepts, because the contract cannot be used
     * safely: names that would be hostile in SQL or blank (DESIGN.md, bad input), two datasets, properties or
     * columns with the same name (tables cannot hold both), an SQL quality rule that is not one read-only query
     * (SECURITY.md), and a misspelt or malformed physicalType (varchr, MAP<STRING>) with no logicalType or nested
     * properties to say the column's type instead.
     */
    static boolean deliberateRefusal(ContractProblem p) {
        String m = p.message();
        return p.isError() && (m.contains(" is not a safe name: ") || m.startsWith("duplicate dataset name ")
                || m.startsWith("duplicate property ") || m.startsWith("duplicate column name ")
                || m.contains(" cannot run: ") || m.startsWith("physicalType "));
    }

    /** For a file the schema refuses: errors, each at a line of the file. */
    static void assertRefused(String display, ParsedContract parsed) {
        assertThat(parsed.errors()).as("the schema refuses %s", display).isNotEmpty();
        assertThat(parsed.errors()).allSatisfy(e -> {
            assertThat(e.location().path()).isEqualTo(display);
            assertThat(e.location().line()).isPositive();
        });
    }

    /** The same content: mappings in the same key order, numbers by value. */
    static boolean same(JsonNode a, JsonNode b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        if (a.isObject() && b.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> x = a.fields();
            Iterator<Map.Entry<String, JsonNode>> y = b.fields();
            while (x.hasNext() && y.hasNext()) {
                Map.Entry<String, JsonNode> ex = x.next();
                Map.Entry<String, JsonNode> ey = y.next();
                if (!ex.getKey().equals(ey.getKey()) || !same(ex.getValue(), ey.getValue())) {
                    return false;
                }
            }
            return !x.hasNext() && !y.hasNext();
        }
        if (a.isArray() && b.isArray()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!same(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }
}
