package io.meshkit.cli.pipeline;

import io.meshkit.core.contract.Column;
import io.meshkit.core.contract.Contract;
import io.meshkit.core.contract.Dataset;
import io.meshkit.core.contract.DatasetTables;
import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.identifier.TableId;
import io.meshkit.core.staging.SnapshotKeys;
import io.meshkit.core.staging.StagingSchema;
import io.meshkit.core.type.DataType;
import io.meshkit.core.warehouse.ColumnInfo;
import io.meshkit.core.warehouse.Dialect;
import io.meshkit.core.warehouse.FileFormat;
import io.meshkit.core.warehouse.LoadRequest;
import io.meshkit.core.warehouse.ResultRows;
import io.meshkit.core.warehouse.SqlBuilder;
import io.meshkit.core.warehouse.SupportsTransactions;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.core.warehouse.WriteMode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The {@code load-snapshot} step: the files of one snapshot date,
 * {@code DIR/snapshot_date=YYYY-MM-DD/*.csv} (or {@code *.parquet}), into the dataset's staging
 * table ({@code <domain>_staging.<table>} with a {@code snapshot_date DATE} column), the shape
 * snapshot-ingest writes and scd-builder reads. Set-based: the warehouse's {@code load} reads the
 * files into a work table, then one transaction deletes that date's rows and inserts the new ones,
 * cast to the contract's types; loading a date again replaces it.
 */
public final class SnapshotLoader {
    static final ColumnName SNAPSHOT_DATE = ColumnName.of("snapshot_date");

    private SnapshotLoader() {
    }

    /** Files of a date, sorted, or a one-line error if there are none. */
    public static List<Path> files(Path snapshots, LocalDate date) {
        Path dir = snapshots.resolve("snapshot_date=" + date);
        if (!Files.isDirectory(dir)) {
            throw new MeshkitException(ErrorCode.FILE_NOT_FOUND, "Cannot load snapshot " + date + ": no directory " + dir);
        }
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> files = s.filter(p -> {
                String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                return n.endsWith(".csv") || n.endsWith(".parquet");
            }).sorted().toList();
            if (files.isEmpty()) {
                throw new MeshkitException(ErrorCode.FILE_NOT_FOUND, "Cannot load snapshot " + date + ": no .csv or .parquet file in " + dir);
            }
            boolean parquet = files.get(0).toString().toLowerCase(Locale.ROOT).endsWith(".parquet");
            if (files.stream().anyMatch(f -> f.toString().toLowerCase(Locale.ROOT).endsWith(".parquet") != parquet)) {
                throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot load snapshot " + date + ": " + dir + " mixes CSV and Parquet files");
            }
            return files;
        } catch (IOException e) {
            throw new MeshkitException(ErrorCode.FILE_NOT_FOUND, "Cannot load snapshot " + date + ": " + e.getMessage(), e);
        }
    }

    /** Loads the date's files into staging and returns the rows staged for that date. */
    public static long load(Warehouse warehouse, Contract contract, Dataset dataset, List<Path> files, LocalDate date) {
        return load(warehouse, contract, dataset, files, date, false, false, new ArrayList<>());
    }

    /**
     * Loads the date's files into staging and returns the rows staged for that date; the staging table follows the
     * contract's columns ({@link StagingSchema}), with breaking changes only when {@code allowBreaking}. A snapshot
     * whose primary key has NULL or duplicate values is refused and nothing is staged; with {@code allowDuplicateKeys}
     * (an event log delivered at least once, deduplicated by a later step) repeated keys are staged as they came, and
     * NULL keys are still refused.
     */
    public static long load(Warehouse warehouse, Contract contract, Dataset dataset, List<Path> files, LocalDate date, boolean allowBreaking,
            boolean allowDuplicateKeys, List<StagingSchema.Change> changes) {
        DatasetTables tables = DatasetTables.of(contract, dataset);
        TableId staging = tables.staging();
        TableId work = TableId.of(staging.namespace().name(), staging.name() + "__load");
        Dialect d = warehouse.dialect();
        warehouse.createNamespace(staging.namespace());
        boolean parquet = files.get(0).toString().toLowerCase(Locale.ROOT).endsWith(".parquet");
        List<URI> uris = files.stream().map(p -> p.toAbsolutePath().toUri()).toList();
        warehouse.load(work, new LoadRequest(uris, parquet ? FileFormat.PARQUET : FileFormat.CSV, WriteMode.REPLACE));
        try {
            List<String> present = warehouse.describe(work).orElseThrow().columns().stream()
                    .map(c -> c.name().name().toLowerCase(Locale.ROOT)).toList();
            List<ColumnInfo> columns = new ArrayList<>();
            for (Column c : dataset.columns()) {
                if (!present.contains(c.columnName().name().toLowerCase(Locale.ROOT))) {
                    throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot load snapshot " + date + " into " + staging
                            + ": the files have no column " + c.columnName().name() + " (" + files.get(0) + ")");
                }
                columns.add(new ColumnInfo(c.columnName(), c.physicalType(), d.typeName(c.physicalType()), true));
            }
            List<ColumnName> key = dataset.primaryKey().stream().map(Column::columnName).toList();
            SnapshotKeys keys = SnapshotKeys.check(warehouse, SnapshotKeys.table(warehouse, work), key);
            if (allowDuplicateKeys) {
                keys = new SnapshotKeys(0, keys.nulls());
            }
            if (!keys.clean()) {
                throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot stage snapshot " + date + " into " + staging + ": "
                        + keys.describe(key) + " (" + files.get(0).getParent() + "); nothing was staged");
            }
            changes.addAll(StagingSchema.evolve(warehouse, staging, columns, StagingSchema.renames(dataset),
                    new ColumnInfo(SNAPSHOT_DATE, DataType.DATE, "DATE", false), allowBreaking, "stage snapshot " + date + " into " + staging,
                    "--allow-breaking (in the step's args)"));
            columns.add(new ColumnInfo(SNAPSHOT_DATE, DataType.DATE, "DATE", false));
            SqlBuilder delete = d.sql().sql("DELETE FROM ").table(staging).sql(" WHERE ").id(SNAPSHOT_DATE).sql(" = CAST(").bind(date.toString())
                    .sql(" AS DATE)");
            SqlBuilder insert = d.sql().sql("INSERT INTO ").table(staging).sql(" (");
            insert.join(columns, c -> insert.id(c.name()));
            insert.sql(") SELECT ");
            insert.join(dataset.columns(), c -> insert.sql("CAST(").id(c.columnName()).sql(" AS ").type(c.physicalType()).sql(")"));
            insert.sql(", CAST(").bind(date.toString()).sql(" AS DATE) FROM ").table(work);
            if (warehouse instanceof SupportsTransactions tx) {
                tx.inTransaction(w -> {
                    w.execute(delete.build());
                    w.execute(insert.build());
                    return null;
                });
            } else {
                warehouse.execute(delete.build());
                warehouse.execute(insert.build());
            }
            SqlBuilder count = d.sql().sql("SELECT COUNT(*) FROM ").table(staging).sql(" WHERE ").id(SNAPSHOT_DATE).sql(" = CAST(")
                    .bind(date.toString()).sql(" AS DATE)");
            try (ResultRows rows = warehouse.query(count.build())) {
                for (io.meshkit.core.warehouse.Row r : rows) {
                    return ((Number) r.get(0)).longValue();
                }
                return 0L;
            }
        } finally {
            warehouse.drop(work);
        }
    }
}
