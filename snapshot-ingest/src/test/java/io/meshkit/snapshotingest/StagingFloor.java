package io.meshkit.snapshotingest;

import io.meshkit.core.identifier.TableId;
import io.meshkit.core.warehouse.FileFormat;
import io.meshkit.core.warehouse.LoadRequest;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.core.warehouse.Warehouses;
import io.meshkit.core.warehouse.WriteMode;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The staging load's floor for {@code bench/snapshot-ingest.sh} (never run by the test suite): a bare
 * {@code CREATE TABLE AS SELECT * FROM} the Parquet parts of a landing directory, into the warehouse file the
 * ingest staged them in, timed inside the JVM as the ingest's {@code phases.stagingMs} is. Prints milliseconds.
 *
 * <p>Arguments: {@code WAREHOUSE_FILE LANDING_DIR}.
 */
public final class StagingFloor {
    private StagingFloor() {}

    public static void main(String[] args) throws Exception {
        List<URI> parts;
        try (Stream<Path> files = Files.walk(Path.of(args[1]))) {
            parts = files.filter(p -> p.getFileName().toString().matches("part-\\d+\\.parquet")).sorted().map(Path::toUri).toList();
        }
        TableId floor = TableId.of("bench_floor", "parts");
        try (Warehouse w = Warehouses.open("duckdb:" + args[0])) {
            w.createNamespace(floor.namespace());
            long t0 = System.nanoTime();
            w.load(floor, new LoadRequest(parts, FileFormat.PARQUET, WriteMode.REPLACE));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            w.drop(floor);
            System.out.println(ms);
        }
    }
}
