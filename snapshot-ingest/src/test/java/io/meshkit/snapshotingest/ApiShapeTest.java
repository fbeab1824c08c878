package io.meshkit.snapshotingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The module's shape: its {@code api} package names no {@code internal} class, in an import or written out in full. */
class ApiShapeTest {
    @Test
    void theApiUsesNoInternalClass() throws Exception {
        Path api = Path.of("src/main/java/io/meshkit/snapshotingest/api");
        List<String> found = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> s = Files.list(api)) {
            files = s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
        assertThat(files).extracting(p -> p.getFileName().toString()).contains("SnapshotIngest.java", "SnapshotRequest.java", "FilesRequest.java");
        for (Path f : files) {
            List<String> lines = Files.readAllLines(f);
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).contains("snapshotingest.internal")) {
                    found.add(f.getFileName() + ":" + (i + 1) + ": " + lines.get(i).trim());
                }
            }
        }
        assertThat(found).as("api using internal classes").isEmpty();
    }
}
