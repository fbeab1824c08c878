package io.meshkit.differ;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshkit.testing.GoldenTables;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Compares an output with an expected file under {@code src/test/resources/golden}; rewrites it with {@code -Dmeshkit.golden.update=true}. */
final class Golden {
    private Golden() {}

    static void assertMatches(String actual, String name) {
        Path file = Path.of("src/test/resources/golden", name);
        try {
            if (GoldenTables.updateRequested()) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, actual);
                return;
            }
            assertThat(file).as("golden file %s (write it with -D%s=true)", file, GoldenTables.UPDATE_PROPERTY).exists();
            assertThat(actual).isEqualTo(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
