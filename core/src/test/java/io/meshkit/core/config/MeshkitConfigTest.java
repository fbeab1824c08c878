package io.meshkit.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import io.meshkit.core.lineage.LineageConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One reader of meshkit.yaml, one model, one behaviour for a missing file. */
class MeshkitConfigTest {
    @TempDir
    Path dir;

    @Test
    void readsEverySectionInOnePass() throws Exception {
        Path file = Files.writeString(dir.resolve("meshkit.yaml"), """
                warehouse:
                  uri: 'duckdb::memory:'
                  settings: {threads: 2}
                lineage: {transport: console, namespace: music}
                monitor: {recentRuns: 5}
                """);
        MeshkitConfig c = MeshkitConfig.read(file);
        assertThat(c.source()).contains(file);
        assertThat(c.warehouseUri()).isEqualTo("duckdb::memory:");
        assertThat(c.warehouseSettings()).containsEntry("threads", "2");
        assertThat(c.lineage().transport()).isEqualTo("console");
        assertThat(c.lineage().namespace()).isEqualTo("music");
        assertThat(c.section("monitor")).hasValueSatisfying(m -> assertThat(m.get("recentRuns").asInt()).isEqualTo(5));
        assertThat(c.section("warehouse")).isEmpty();
        // another warehouse from --warehouse keeps the rest of the file (lineage used to be lost here)
        MeshkitConfig other = c.withWarehouseUri("duckdb:/tmp/other.duckdb");
        assertThat(other.lineage()).isEqualTo(c.lineage());
        assertThat(other.section("monitor")).isEqualTo(c.section("monitor"));
        assertThat(other.warehouseSettings()).containsEntry("threads", "2");
        // the settings are the file's warehouse's: another engine (MESHKIT_WAREHOUSE=bigquery:...) does not get them
        assertThat(c.withWarehouseUri("bigquery:proj/EU").warehouseSettings()).isEmpty();
        assertThat(c.withWarehouseUri("postgres://u@h:5432/db").lineage()).isEqualTo(c.lineage());
    }

    @Test
    void withoutAFileTheDefaultsHold() {
        MeshkitConfig d = MeshkitConfig.defaults();
        assertThat(d.source()).isEmpty();
        assertThat(d.lineage()).isEqualTo(LineageConfig.NONE);
        assertThat(d.section("monitor")).isEmpty();
    }

    @Test
    void aMissingExplicitFileIsOneLineAndExit2() {
        Path missing = dir.resolve("nope.yaml");
        assertThatThrownBy(() -> MeshkitConfig.load(Optional.of(missing)))
                .isInstanceOfSatisfying(MeshkitException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.FILE_NOT_FOUND);
                    assertThat(e.exitCode()).isEqualTo(2);
                })
                .hasMessage("Cannot read configuration " + missing + ": no such file");
    }

    @Test
    void aFileThatIsNotAMappingIsRefused() throws Exception {
        Path file = Files.writeString(dir.resolve("meshkit.yaml"), "- a\n- b\n");
        assertThatThrownBy(() -> MeshkitConfig.read(file)).isInstanceOf(MeshkitException.class)
                .hasMessage(file + ": Cannot read configuration: the file must be a mapping");
    }
}
