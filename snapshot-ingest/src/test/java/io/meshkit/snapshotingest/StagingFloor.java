package io.meshkit.snapshotingest;

import io.meshkit.core.identifier.TableId;
import io.meshkit.core.warehouse.FileFormat;
import io.meshkit.core.warehouse.LoadRequest;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.core.warehouse.Warehouses;
import io.meshkit.core.warehouse.WriteMode;
import io.meshkit.snapshotingest.internal.ColumnMapping;
import io.meshkit.snapshotingest.internal.StagingLoader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * The staging load's floor for {@code bench/snapshot-ingest.sh} (never run by the test suite): a bare
 * {@code CREATE TABLE AS SELECT * FROM} the Parquet parts of a landing directory, into the warehouse file the
 * ingest staged them in, timed inside the JVM as the ingest's {@code phases.stagingMs} is; then, alternating with it
 * in the same JVM, {@link StagingLoader#stage} of the same parts into a fresh staging table as the ingest runs it
 * ({@link StagingLoader#unordered}: the staging phase without the count of the duplicate check), so that the ratio is taken under the same load.
 * Prints the medians in milliseconds: {@code FLOOR STAGE}.
 *
 * <p>Arguments: {@code WAREHOUSE_FILE LANDING_DIR [REPS=1]}.
 */
public final class StagingFloor {
    private StagingFloor() {}

    public static void main(String[] args) throws Exception {
        List<URI> parts;
        try (Stream<Path> files = Files.walk(Path.of(args[1]))) {
            parts = files.filter(p -> p.getFileName().toString().matches("part-\\d+\\.parquet")).sorted().map(Path::toUri).toList();
        }
        int reps = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        TableId floor = TableId.of("bench_floor", "parts");
        TableId staging = TableId.of("bench_floor", "staged");
        long[] floorMs = new long[reps];
        long[] stageMs = new long[reps];
        try (Warehouse w = Warehouses.open("duckdb:" + args[0])) {
            w.createNamespace(floor.namespace());
            for (int i = 0; i < reps; i++) {
                long t0 = System.nanoTime();
                w.load(floor, new LoadRequest(parts, FileFormat.PARQUET, WriteMode.REPLACE));
                floorMs[i] = (System.nanoTime() - t0) / 1_000_000;
                List<ColumnMapping.Staged> columns = w.describe(floor).orElseThrow().columns().stream()
                        .map(c -> new ColumnMapping.Staged(c.name().name(), c.name(), c.type())).toList();
                w.drop(floor);
                w.drop(staging);
                t0 = System.nanoTime();
                StagingLoader.unordered(w, () -> StagingLoader.stage(w, staging, LocalDate.of(2026, 11, 23), parts, columns));
                stageMs[i] = (System.nanoTime() - t0) / 1_000_000;
                w.drop(staging);
            }
        }
        Arrays.sort(floorMs);
        Arrays.sort(stageMs);
        System.out.println(floorMs[reps / 2] + " " + stageMs[reps / 2]);
    }
}
