package io.meshkit.snapshotingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small contracts for the tests: domain {@code shop}, one dataset with the properties given. */
final class TestContracts {
    /** The key most tests' datasets have: {@code id INTEGER}. */
    private static final String ID = """
            - name: id
              logicalType: integer
              physicalType: INTEGER
              required: true
              primaryKey: true
              primaryKeyPosition: 1
            """;

    private TestContracts() {}

    /** Writes {@code DIR/NAME-VERSION.odcs.yaml}, keyed by {@code id}; {@code properties} are YAML list items after the key, at column 0. */
    static Path write(Path dir, String name, String version, String properties) throws IOException {
        return write(dir.resolve(name + "-" + version + ".odcs.yaml"), name, name, version, ID + properties);
    }

    /**
     * Writes {@code file}: contract {@code name} at {@code version} whose one schema object is the table {@code dataset},
     * with exactly {@code properties} (YAML list items at column 0).
     */
    static Path write(Path file, String name, String dataset, String version, String properties) throws IOException {
        Files.writeString(file, """
                apiVersion: v3.1.0
                kind: DataContract
                id: urn:meshkit:shop:%s
                name: %s
                version: %s
                status: active
                domain: shop
                schema:
                  - name: %s
                    logicalType: object
                    properties:
                %s""".formatted(name, name, version, dataset, properties.indent(6)));
        return file;
    }
}
