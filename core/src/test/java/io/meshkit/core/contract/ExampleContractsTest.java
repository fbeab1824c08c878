package io.meshkit.core.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshkit.core.identifier.ColumnName;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The example contracts the project ships validate cleanly. */
class ExampleContractsTest {
    private static final Path EXAMPLES = Path.of("../examples/music/contracts");

    private final ContractReader reader = ContractReader.create();

    @Test
    void examplesHaveNoProblems() {
        assertThat(reader.findContracts(EXAMPLES)).extracting(p -> p.getFileName().toString())
                .containsExactly("plays.odcs.yaml", "rightsholders.odcs.yaml", "royalties.odcs.yaml", "tracks.odcs.yaml");
        for (Path file : reader.findContracts(EXAMPLES)) {
            assertThat(reader.parse(file).problems()).as(file.toString()).isEmpty();
        }
    }

    @Test
    void examplesSayWhatTheyMean() {
        Dataset tracks = reader.read(EXAMPLES.resolve("tracks.odcs.yaml")).dataset("tracks").orElseThrow();
        assertThat(tracks.kind()).isEqualTo(DatasetKind.DIMENSION);
        assertThat(tracks.primaryKey()).extracting(Column::name).containsExactly("track_id");
        assertThat(tracks.column("genre").orElseThrow().history()).isEqualTo(HistoryMode.TYPE1);

        Dataset rights = reader.read(EXAMPLES.resolve("rightsholders.odcs.yaml")).datasets().get(0);
        assertThat(rights.primaryKey()).extracting(Column::name).containsExactly("track_id", "territory");
        assertThat(rights.deletes()).isEqualTo(DeletesMode.TOMBSTONE);

        Contract plays = reader.read(EXAMPLES.resolve("plays.odcs.yaml"));
        Dataset p = plays.datasets().get(0);
        assertThat(p.kind()).isEqualTo(DatasetKind.FACT);
        assertThat(p.samplingKey()).contains(ColumnName.of("listener_id"));
        assertThat(p.columns()).filteredOn(Column::isPersonalData).extracting(Column::name).containsExactly("ip_address");
        assertThat(plays.sla().freshness()).contains(Duration.ofHours(2));
        assertThat(plays.sla().retention()).contains(Duration.ofDays(730));
    }
}
