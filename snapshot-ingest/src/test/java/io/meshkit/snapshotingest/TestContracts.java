package io.meshkit.snapshotingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small contracts for the tests: domain {@code shop}, one dataset keyed by {@code id INTEGER}, and the properties given. */
final class TestContracts {
    private TestContracts() {}

    /** Writes {@code DIR/NAME-VERSION.odcs.yaml}; {@code properties} are YAML list items after the key, at column 0. */
    static Path write(Path dir, String name, String version, String properties) throws IOException {
        Path file = dir.resolve(name + "-" + version + ".odcs.yaml");
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
                      - name: id
                        logicalType: integer
                        physicalType: INTEGER
                        required: true
                        primaryKey: true
                        primaryKeyPosition: 1
                %s""".formatted(name, name, version, name, properties.indent(6)));
        return file;
    }
}
