package io.meshkit.core.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshkit.core.identifier.ColumnName;
import org.junit.jupiter.api.Test;

class Scd2ShapeTest {
    private static final String YAML = """
            apiVersion: v3.1.0
            kind: DataContract
            id: urn:test:rights
            version: 1.0.0
            status: active
            schema:
              - name: rights
                customProperties:
                  - property: meshkit.kind
                    value: %s
                properties:
                  - {name: territory, logicalType: string, primaryKey: true, primaryKeyPosition: 2}
                  - {name: track_id, logicalType: integer, primaryKey: true, primaryKeyPosition: 1}
                  - {name: holder, logicalType: string}
            """;

    private static Dataset dataset(String kind) {
        return ContractReader.create().parse("rights.odcs.yaml", YAML.formatted(kind)).orThrow().datasets().get(0);
    }

    @Test
    void aDimensionRowIsAVersionOfItsKey() {
        assertThat(Scd2Shape.rowKey(dataset("dimension")))
                .containsExactly(ColumnName.of("track_id"), ColumnName.of("territory"), Scd2Shape.VALID_FROM);
    }

    @Test
    void otherKindsAreKeyedByTheirPrimaryKey() {
        assertThat(Scd2Shape.rowKey(dataset("fact"))).containsExactly(ColumnName.of("track_id"), ColumnName.of("territory"));
    }
}
