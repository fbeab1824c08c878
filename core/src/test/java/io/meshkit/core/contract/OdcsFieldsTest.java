package io.meshkit.core.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshkit.core.contract.OdcsFields.Place;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The keys meshkit knows at each place of a contract are every key the official schemas name there. */
class OdcsFieldsTest {
    private static final Map<Place, String> DEFINITIONS = Map.ofEntries(
            Map.entry(Place.SCHEMA_OBJECT, "SchemaObject"),
            Map.entry(Place.PROPERTY, "SchemaProperty"),
            Map.entry(Place.ITEMS, "SchemaItemProperty"),
            Map.entry(Place.QUALITY, "DataQuality"),
            Map.entry(Place.SLA, "ServiceLevelAgreementProperty"),
            Map.entry(Place.SERVER, "Server"),
            Map.entry(Place.CUSTOM_PROPERTY, "CustomProperty"),
            Map.entry(Place.ROLE, "Role"),
            Map.entry(Place.SUPPORT, "SupportItem"),
            Map.entry(Place.PRICE, "Pricing"));

    @ParameterizedTest
    @ValueSource(strings = {"v3.0.0", "v3.0.1", "v3.0.2", "v3.1.0"})
    void everyKeyOfTheSchemaIsKnown(String version) throws IOException {
        JsonNode schema;
        try (InputStream in = getClass().getResourceAsStream("odcs/odcs-json-schema-" + version + ".json")) {
            schema = new ObjectMapper().readTree(in);
        }
        JsonNode defs = schema.get("$defs");
        assertThat(OdcsFields.known(Place.ROOT)).containsAll(keys(schema, defs, new HashSet<>()));
        assertThat(OdcsFields.known(Place.DESCRIPTION))
                .containsAll(keys(schema.at("/properties/description"), defs, new HashSet<>()));
        DEFINITIONS.forEach((place, def) -> assertThat(OdcsFields.known(place)).as("%s %s", version, def)
                .containsAll(keys(defs.get(def), defs, new HashSet<>())));
        Set<String> member = keys(defs.has("TeamMember") ? defs.get("TeamMember") : defs.get("Team"), defs, new HashSet<>());
        assertThat(OdcsFields.known(Place.TEAM_MEMBER)).containsAll(member);
        if (defs.has("TeamMember")) {
            assertThat(OdcsFields.known(Place.TEAM)).containsAll(keys(defs.get("Team"), defs, new HashSet<>()));
            assertThat(OdcsFields.known(Place.RELATIONSHIP)).containsAll(keys(defs.get("Relationship"), defs, new HashSet<>()));
        }
        assertThat(OdcsFields.known(Place.AUTHORITATIVE_DEFINITION))
                .containsAll(keys(defs.at("/AuthoritativeDefinitions/items"), defs, new HashSet<>()));
        Set<String> options = new HashSet<>();
        for (JsonNode branch : defs.at("/SchemaBaseProperty/allOf")) {
            branch.at("/then/properties/logicalTypeOptions/properties").fieldNames().forEachRemaining(options::add);
        }
        assertThat(options).isNotEmpty();
        assertThat(OdcsFields.known(Place.LOGICAL_TYPE_OPTIONS)).containsAll(options);
    }

    /** The property names a schema node allows, through $ref, allOf/anyOf/oneOf and if/then. */
    private static Set<String> keys(JsonNode node, JsonNode defs, Set<String> seen) {
        Set<String> out = new HashSet<>();
        if (node == null || !node.isObject()) {
            return out;
        }
        JsonNode ref = node.get("$ref");
        if (ref != null && ref.asText().startsWith("#/$defs/") && seen.add(ref.asText())) {
            out.addAll(keys(defs.at(ref.asText().substring("#/$defs".length())), defs, seen));
        }
        if (node.has("properties")) {
            node.get("properties").fieldNames().forEachRemaining(out::add);
        }
        for (String k : new String[] {"allOf", "anyOf", "oneOf"}) {
            for (JsonNode x : node.path(k)) {
                out.addAll(keys(x, defs, seen));
            }
        }
        out.addAll(keys(node.get("then"), defs, seen));
        return out;
    }
}
