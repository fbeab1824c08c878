package io.meshkit.scdbuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshkit.core.contract.Contract;
import io.meshkit.core.contract.ContractReader;
import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import io.meshkit.scdbuilder.api.ScdTarget;
import org.junit.jupiter.api.Test;

/** Choosing the dimension of a contract, and what the user is told when it has none or several. */
class ScdTargetTest {
    private static Contract contract(String kindOfA, String kindOfB) {
        String yaml = """
                apiVersion: v3.1.0
                kind: DataContract
                id: urn:meshkit:test:shop
                version: 1.0.0
                status: active
                domain: shop
                schema:
                  - name: a
                    properties:
                      - {name: id, logicalType: integer, primaryKey: true}
                    customProperties:
                      - {property: meshkit.kind, value: %s}
                  - name: b
                    properties:
                      - {name: id, logicalType: integer, primaryKey: true}
                    customProperties:
                      - {property: meshkit.kind, value: %s}
                """.formatted(kindOfA, kindOfB);
        return ContractReader.create().parse("shop.odcs.yaml", yaml).orThrow();
    }

    /** A contract written elsewhere marks no dimension: naming a dataset would not help, marking one does. */
    @Test
    void aContractWithoutADimensionSaysHowToMarkOne() {
        Contract c = contract("fact", "fact");
        assertThatThrownBy(() -> ScdTarget.of(c, (String) null)).isInstanceOf(MeshkitException.class)
                .hasMessage("Cannot choose a dimension of contract urn:meshkit:test:shop: none of its datasets (a, b) sets"
                        + " meshkit.kind: dimension: add customProperties: [{property: meshkit.kind, value: dimension}] to the"
                        + " schema object to build")
                .extracting(e -> ((MeshkitException) e).code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
        assertThatThrownBy(() -> ScdTarget.of(c, "a")).hasMessage("Cannot build dataset a as a dimension: its contract does not set"
                + " meshkit.kind: dimension on it: add customProperties: [{property: meshkit.kind, value: dimension}] to the schema"
                + " object to build");
    }

    @Test
    void severalDimensionsAreNamedAndOneIsChosenWithDataset() {
        Contract c = contract("dimension", "dimension");
        assertThatThrownBy(() -> ScdTarget.of(c, (String) null))
                .hasMessage("Cannot choose a dimension of contract urn:meshkit:test:shop: it has 2 (a, b); name one with --dataset");
        assertThat(ScdTarget.of(c, "b").dataset().name()).isEqualTo("b");
        assertThat(ScdTarget.of(contract("fact", "dimension"), (String) null).dataset().name()).isEqualTo("b");
    }
}
