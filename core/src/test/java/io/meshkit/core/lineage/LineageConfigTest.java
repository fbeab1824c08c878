package io.meshkit.core.lineage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshkit.core.config.MeshkitConfig;
import io.meshkit.core.error.MeshkitException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LineageConfigTest {
    @TempDir
    Path dir;

    private Path write(String yaml) throws Exception {
        return Files.writeString(dir.resolve("meshkit.yaml"), yaml);
    }

    /** The lineage section as the one configuration reader reads it. */
    private static LineageConfig lineageOf(Path file) {
        return MeshkitConfig.read(file).lineage();
    }

    @Test
    void isOffByDefault() throws Exception {
        assertThat(MeshkitConfig.defaults().lineage().enabled()).isFalse();
        assertThat(lineageOf(write("warehouse: 'duckdb::memory:'\n")).enabled()).isFalse();
        assertThat(Lineage.open(LineageConfig.NONE)).isSameAs(LineageEmitter.NONE);
    }

    @Test
    void readsTheHttpTransport() throws Exception {
        LineageConfig config = lineageOf(write("""
                lineage:
                  transport: HTTP
                  url: https://marquez.example:5000
                  api_key_env: OL_KEY
                  namespace: music
                  timeout: 750ms
                """));
        assertThat(config.transport()).isEqualTo("http");
        assertThat(config.url()).contains("https://marquez.example:5000");
        assertThat(config.endpoint()).isEqualTo("/api/v1/lineage");
        assertThat(config.apiKeyEnv()).contains("OL_KEY");
        assertThat(config.namespace()).isEqualTo("music");
        assertThat(config.timeout()).isEqualTo(Duration.ofMillis(750));
    }

    @Test
    void readsTheFileTransport() throws Exception {
        LineageConfig config = lineageOf(write("lineage: {transport: file, file: out/lineage.jsonl}\n"));
        assertThat(config.file()).contains(Path.of("out/lineage.jsonl"));
        assertThat(config.namespace()).isEqualTo("meshkit");
    }

    @Test
    void rejectsBadSettingsInOneLineNamingTheFile() throws Exception {
        Path file = write("lineage: {transport: kafka}\n");
        assertThatThrownBy(() -> lineageOf(file)).isInstanceOf(MeshkitException.class)
                .hasMessageStartingWith(file + ": Cannot read configuration: lineage.transport must be one of");
        Path noUrl = write("lineage: {transport: http}\n");
        assertThatThrownBy(() -> lineageOf(noUrl)).hasMessageContaining("lineage.url is required");
        Path secretInUrl = write("lineage: {transport: http, url: 'https://user:pw@host'}\n");
        assertThatThrownBy(() -> lineageOf(secretInUrl)).hasMessageContaining("without credentials")
                .hasMessageNotContaining("pw@");
        Path broken = write("lineage:\n  transport: [http\n");
        assertThatThrownBy(() -> lineageOf(broken)).hasMessageStartingWith(broken + ":3:1: Cannot read configuration: invalid YAML")
                .satisfies(e -> assertThat(e.getMessage().lines()).hasSize(1));
        Path badTimeout = write("lineage: {transport: console, timeout: soon}\n");
        assertThatThrownBy(() -> lineageOf(badTimeout)).hasMessageContaining("lineage.timeout");
    }

    @Test
    void aConfiguredTransportWithoutAProviderIsAClearError() {
        LineageConfig http = new LineageConfig("http", Optional.of("http://localhost:1"), "/api/v1/lineage",
                Optional.empty(), Optional.empty(), "meshkit", Duration.ofSeconds(1));
        assertThatThrownBy(() -> Lineage.open(http)).isInstanceOf(MeshkitException.class)
                .hasMessageContaining("meshkit-lineage");
    }
}
