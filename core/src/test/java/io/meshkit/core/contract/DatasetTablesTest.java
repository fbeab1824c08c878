package io.meshkit.core.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshkit.core.identifier.TableId;
import org.junit.jupiter.api.Test;

class DatasetTablesTest {
    private static final String YAML = """
            apiVersion: v3.1.0
            kind: DataContract
            id: urn:test:tracks
            version: 1.0.0
            status: active
            domain: %s
            schema:
              - name: tracks
                physicalName: track_versions
                properties:
                  - name: track_id
                    logicalType: integer
            """;

    @Test
    void placesTablesInTheDomainNamespaces() {
        Contract contract = ContractReader.create().parse("tracks.odcs.yaml", YAML.formatted("Music-Catalog")).orThrow();
        DatasetTables tables = DatasetTables.of(contract, contract.datasets().get(0));
        assertThat(tables.production()).isEqualTo(TableId.of("music_catalog", "track_versions"));
        assertThat(tables.staging()).isEqualTo(TableId.of("music_catalog_staging", "track_versions"));
        assertThat(tables.candidate()).isEqualTo(TableId.of("music_catalog_candidates", "track_versions"));
    }

    @Test
    void usesMainWithoutADomain() {
        Contract contract = ContractReader.create().parse("t.odcs.yaml", YAML.formatted("''")).orThrow();
        assertThat(DatasetTables.of(contract, contract.datasets().get(0)).production())
                .isEqualTo(TableId.of("main", "track_versions"));
    }

    @Test
    void aCommandChoosesTheNamedOrTheOnlyDataset() {
        Contract contract = ContractReader.create().parse("tracks.odcs.yaml", YAML.formatted("music")).orThrow();
        assertThat(contract.chooseDataset(null, "tracks.odcs.yaml").name()).isEqualTo("tracks");
        assertThat(contract.chooseDataset("tracks", "tracks.odcs.yaml").name()).isEqualTo("tracks");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> contract.chooseDataset("plays", "tracks.odcs.yaml"))
                .hasMessage("Cannot find dataset plays in tracks.odcs.yaml: it has tracks");
    }
}
