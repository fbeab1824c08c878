package io.meshkit.scdbuilder;

import io.meshkit.core.contract.Contract;
import io.meshkit.core.contract.ContractReader;

/** Small dimension contracts for tests. */
final class Contracts {
    private Contracts() {}

    /**
     * A {@code music.items} dimension with key {@code id}, type-2 {@code name}, type-1 {@code genre}
     * and ignored {@code plays}, plus any extra property lines.
     */
    static Contract items(String version, String deletes, String extraProperties) {
        String yaml = """
                apiVersion: v3.1.0
                kind: DataContract
                id: urn:meshkit:test:items
                name: Items
                version: %s
                status: active
                domain: music
                schema:
                  - name: items
                    properties:
                      - name: id
                        logicalType: integer
                        physicalType: BIGINT
                        required: true
                        primaryKey: true
                      - name: name
                        logicalType: string
                        physicalType: VARCHAR
                      - name: genre
                        logicalType: string
                        physicalType: VARCHAR
                        customProperties:
                          - property: meshkit.history
                            value: type1
                      - name: plays
                        logicalType: integer
                        physicalType: BIGINT
                        customProperties:
                          - property: meshkit.history
                            value: ignore
                %s
                    customProperties:
                      - property: meshkit.kind
                        value: dimension
                      - property: meshkit.deletes
                        value: %s
                """.formatted(version, extraProperties, deletes);
        return ContractReader.create().parse("items.odcs.yaml", yaml).orThrow();
    }

    static Contract items(String deletes) {
        return items("1.0.0", deletes, "");
    }
}
