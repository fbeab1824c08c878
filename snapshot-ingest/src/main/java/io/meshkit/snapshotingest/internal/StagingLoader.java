package io.meshkit.snapshotingest.internal;

import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.identifier.TableId;
import io.meshkit.core.type.DataType;
import io.meshkit.core.warehouse.ColumnInfo;
import io.meshkit.core.warehouse.Dialect;
import io.meshkit.core.warehouse.FileFormat;
import io.meshkit.core.warehouse.LoadRequest;
import io.meshkit.core.warehouse.ResultRows;
import io.meshkit.core.warehouse.Sql;
import io.meshkit.core.warehouse.SqlBuilder;
import io.meshkit.core.warehouse.SupportsTransactions;
import io.meshkit.core.warehouse.TableLayout;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.core.warehouse.WriteMode;
import io.meshkit.snapshotingest.api.StagingChange;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Loads a landed snapshot into its staging table: the staged columns plus {@code snapshot_date DATE}.
 * In one transaction where the warehouse has them (else by building the new table beside the old one and
 * swapping it in), the date's old rows are deleted and the new ones inserted, read from the files in place
 * where the warehouse can ({@link Dialect#scanFiles}), else from a scratch table the files are loaded into first. Readers see the old date or the new one, never a mix, and loading
 * the same date again leaves the same rows.
 */
public final class StagingLoader {
    /**
     * Runs a staging load with the warehouse's inserts free to write the rows in any order ({@link
     * Dialect#unorderedInserts}), then restores its default. Staging rows have no order (readers filter and join by key
     * and date), and an engine that keeps the parts' order may write the rows twice: measured on the default
     * warehouse, the second write cost 0.85 s of CPU per 5M narrow rows at the close (bench/results/snapshot-ingest-2026-12-07.md).
     */
    public static <T> T unordered(Warehouse warehouse, Supplier<T> load) {
        Optional<Dialect.SessionSetting> setting = warehouse.dialect().unorderedInserts();
        if (setting.isEmpty()) {
            return load.get();
        }
        warehouse.execute(setting.get().set());
        try {
            return load.get();
        } finally {
            warehouse.execute(setting.get().reset());
        }
    }

    /** The date column every staging table has. */
    public static final ColumnName SNAPSHOT_DATE = ColumnName.of("snapshot_date");

    private StagingLoader() {}

    /** Loads the files for a date and returns the staging table's row count for that date. */
    public static long stage(Warehouse warehouse, TableId staging, LocalDate date, List<URI> files, List<ColumnMapping.Staged> columns) {
        return stage(warehouse, staging, date, files, columns, Map.of(), false, new ArrayList<>());
    }

    /**
     * Loads the files for a date and returns the staging table's row count for that date. The staging table
     * follows the columns ({@link StagingSchema}): new columns are added, wider types widened, declared renames
     * renamed; breaking changes only with {@code allowBreaking}. The changes made are added to {@code changes}.
     */
    public static long stage(Warehouse warehouse, TableId staging, LocalDate date, List<URI> files, List<ColumnMapping.Staged> columns,
            Map<ColumnName, ColumnName> renames, boolean allowBreaking, List<StagingChange> changes) {
        Dialect d = warehouse.dialect();
        changes.addAll(StagingSchema.evolve(warehouse, staging, columns(d, columns), renames,
                new ColumnInfo(SNAPSHOT_DATE, DataType.DATE, d.typeName(DataType.DATE), false), allowBreaking,
                "stage snapshot " + date + " into " + staging, "--allow-breaking"));
        // where the warehouse reads the files in place, the new rows come straight from the files: one
        // write of the rows; else the files are loaded into a scratch table first, then copied
        Optional<Sql> scan = d.scanFiles(files, FileFormat.PARQUET);
        if (scan.isPresent()) {
            for (URI f : files) { // a load says which file is missing; so does this, before the warehouse's own words
                if ("file".equalsIgnoreCase(f.getScheme()) && !Files.isReadable(Path.of(f))) {
                    throw new MeshkitException(ErrorCode.FILE_NOT_FOUND, "Cannot stage table " + staging + ": cannot read file " + Path.of(f));
                }
            }
        }
        TableId scratch = staging.withName("_meshkit_load_" + staging.name() + "_" + date.toString().replace("-", ""));
        if (scan.isEmpty()) {
            warehouse.load(scratch, new LoadRequest(files, FileFormat.PARQUET, WriteMode.REPLACE));
        }
        try {
            SqlBuilder select = d.sql().sql("SELECT ");
            select.join(columns, c -> {
                if (c.source() == null) {
                    select.sql("CAST(NULL AS ").type(c.type()).sql(") AS ").id(c.target());
                } else {
                    select.sql("CAST(").id(ColumnName.of(c.source())).sql(" AS ").type(c.type()).sql(") AS ").id(c.target());
                }
            });
            select.sql(", CAST(").bind(date.toString()).sql(" AS ").type(DataType.DATE).sql(") AS ").id(SNAPSHOT_DATE).sql(" FROM ");
            if (scan.isPresent()) {
                select.append(scan.get()).sql(" AS landed");
            } else {
                select.table(scratch);
            }
            Sql newRows = select.build();
            List<ColumnName> targets = new ArrayList<>(columns.stream().map(ColumnMapping.Staged::target).toList());
            targets.add(SNAPSHOT_DATE);
            Sql delete = d.sql().sql("DELETE FROM ").table(staging).sql(" WHERE ").id(SNAPSHOT_DATE)
                    .sql(" = CAST(").bind(date.toString()).sql(" AS ").type(DataType.DATE).sql(")").build();
            Sql insert = d.sql().sql("INSERT INTO ").table(staging).sql(" (").ids(targets).sql(") ").append(newRows).build();
            if (warehouse instanceof SupportsTransactions tx) {
                tx.inTransaction(w -> {
                    w.execute(delete);
                    w.execute(insert);
                    return null;
                });
            } else {
                // no multi-statement transactions: build the whole new table beside the old one and swap it in atomically
                TableId next = staging.withName("_meshkit_next_" + staging.name());
                SqlBuilder all = d.sql().sql("SELECT ").ids(targets).sql(" FROM ").table(staging).sql(" WHERE ").id(SNAPSHOT_DATE)
                        .sql(" <> CAST(").bind(date.toString()).sql(" AS ").type(DataType.DATE).sql(") UNION ALL ").append(newRows);
                warehouse.createTableAs(next, all.build(), TableLayout.NONE, WriteMode.REPLACE);
                warehouse.replace(staging, next);
            }
            return count(warehouse, staging, date);
        } finally {
            if (scan.isEmpty()) {
                warehouse.drop(scratch);
            }
        }
    }

    /** The staging columns of staged columns (nullable: a snapshot may hold NULL in any of them). */
    static List<ColumnInfo> columns(Dialect d, List<ColumnMapping.Staged> columns) {
        List<ColumnInfo> infos = new ArrayList<>();
        for (ColumnMapping.Staged c : columns) {
            infos.add(new ColumnInfo(c.target(), c.type(), d.typeName(c.type()), true));
        }
        return infos;
    }

    /** The rows of a table. */
    static long count(Warehouse warehouse, TableId table) {
        try (ResultRows r = warehouse.query(warehouse.dialect().sql().sql("SELECT COUNT(*) AS n FROM ").table(table).build())) {
            return r.iterator().next().getLong("n");
        }
    }

    /** The rows of a date in a staging table. */
    public static long count(Warehouse warehouse, TableId staging, LocalDate date) {
        Dialect d = warehouse.dialect();
        try (ResultRows r = warehouse.query(d.sql().sql("SELECT COUNT(*) AS n FROM ").table(staging).sql(" WHERE ").id(SNAPSHOT_DATE)
                .sql(" = CAST(").bind(date.toString()).sql(" AS ").type(DataType.DATE).sql(")").build())) {
            return r.iterator().next().getLong("n");
        }
    }

    /** The rows of a date in a staging table, as a relation. */
    public static Sql dateRows(Warehouse warehouse, TableId staging, LocalDate date) {
        Dialect d = warehouse.dialect();
        return d.sql().sql("SELECT * FROM ").table(staging).sql(" WHERE ").id(SNAPSHOT_DATE).sql(" = CAST(").bind(date.toString())
                .sql(" AS ").type(DataType.DATE).sql(")").build();
    }

    /** How many key values occur more than once among a date's rows (0 when the key is empty). */
    public static long duplicateKeys(Warehouse warehouse, TableId staging, LocalDate date, List<ColumnName> key) {
        if (key.isEmpty()) {
            return 0;
        }
        Dialect d = warehouse.dialect();
        Sql sql = d.sql().sql("SELECT COUNT(*) AS n FROM (SELECT ").ids(key).sql(" FROM ").table(staging).sql(" WHERE ").id(SNAPSHOT_DATE)
                .sql(" = CAST(").bind(date.toString()).sql(" AS ").type(DataType.DATE).sql(") GROUP BY ").ids(key)
                .sql(" HAVING COUNT(*) > 1) AS dup").build();
        try (ResultRows r = warehouse.query(sql)) {
            return r.iterator().next().getLong("n");
        }
    }

    static MeshkitException mismatch(TableId staging, long expected, long actual) {
        return new MeshkitException(ErrorCode.WAREHOUSE_FAILURE, "Cannot stage table " + staging + ": loaded " + actual
                + " rows, the manifest says " + expected);
    }
}
