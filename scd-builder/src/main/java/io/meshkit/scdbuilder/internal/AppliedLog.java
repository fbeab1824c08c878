package io.meshkit.scdbuilder.internal;

import static java.util.Objects.requireNonNull;

import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.identifier.Namespace;
import io.meshkit.core.identifier.TableId;
import io.meshkit.core.runlog.DatasetKey;
import io.meshkit.core.runlog.MetaSchema;
import io.meshkit.core.type.DataType;
import io.meshkit.core.warehouse.ColumnInfo;
import io.meshkit.core.warehouse.Dialect;
import io.meshkit.core.warehouse.ResultRows;
import io.meshkit.core.warehouse.Row;
import io.meshkit.core.warehouse.Sql;
import io.meshkit.core.warehouse.SqlBuilder;
import io.meshkit.core.warehouse.Warehouse;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * {@code meshkit_meta.scd_applied}: what each dimension's newest built state holds. One row per
 * applied snapshot date (or events build), written together with the candidate it describes, so a
 * candidate that was built but not yet promoted still counts as applied: applying its date again
 * gives the same table, and an older date is refused.
 */
public final class AppliedLog {
    /** The table. */
    public static final TableId TABLE = Namespace.META.table("scd_applied");

    private final Warehouse warehouse;
    private final Dialect dialect;
    private volatile boolean ready;

    /** The log in a warehouse. */
    public AppliedLog(Warehouse warehouse) {
        this.warehouse = requireNonNull(warehouse, "warehouse is null");
        this.dialect = warehouse.dialect();
    }

    /**
     * One row.
     *
     * @param dataset the dataset id (production table)
     * @param appliedThrough the snapshot date (at 00:00) or the last event period applied
     * @param source {@code snapshot} or {@code events}
     * @param arrivalWatermark for events with an arrival column, the last arrival read
     * @param contractVersion the contract version the build used
     * @param candidate the candidate table written
     * @param rowCount its rows
     * @param runId the run
     * @param appliedAt when
     * @param retained the columns a new major version removed that the dimension keeps for history
     */
    public record Entry(String dataset, LocalDateTime appliedThrough, String source, Optional<LocalDateTime> arrivalWatermark,
            String contractVersion, String candidate, long rowCount, String runId, Instant appliedAt, List<String> retained) {
        /** Copies. */
        public Entry {
            retained = List.copyOf(retained);
        }
    }

    private static final ColumnName RETAINED = ColumnName.of("retained_columns");

    /** Creates the table if it does not exist. */
    public void initialise() {
        warehouse.createNamespace(Namespace.META);
        warehouse.execute(dialect.createTableIfNotExists(TABLE, List.of(
                col("dataset", DataType.VARCHAR, false), col("applied_through", DataType.TIMESTAMP, false),
                col("source", DataType.VARCHAR, false), col("arrival_watermark", DataType.TIMESTAMP, true),
                col("contract_version", DataType.VARCHAR, false), col("candidate", DataType.VARCHAR, false),
                col("row_count", DataType.BIGINT, false), col("run_id", DataType.VARCHAR, false),
                col("applied_at", DataType.TIMESTAMP, false), col(RETAINED.name(), DataType.VARCHAR, true))));
        // logs written before retained columns existed get the column (NULL: none retained)
        if (warehouse.columns(TABLE).flatMap(t -> ColumnInfo.find(t, RETAINED)).isEmpty()) {
            warehouse.execute(dialect.addColumn(TABLE, RETAINED, DataType.VARCHAR));
        }
        MetaSchema.migrate(warehouse, Clock.systemUTC(), "scd_applied", List.of(new MetaSchema.Migration(1,
                "dataset names in lower case (DatasetKey), as the run log names them",
                List.of(DatasetKey.canonicalise(dialect, TABLE)))));
        ready = true;
    }

    /** Whether the table exists; a table an older meshkit wrote is brought up to date first. */
    private boolean exists() {
        if (ready) {
            return true;
        }
        if (warehouse.columns(TABLE).isEmpty()) {
            return false;
        }
        initialise();
        return true;
    }

    private static ColumnInfo col(String name, DataType type, boolean nullable) {
        return new ColumnInfo(ColumnName.of(name), type, type.toString(), nullable);
    }

    /** The newest entry of a dataset, if the log exists and has one. */
    public Optional<Entry> last(String dataset) {
        if (!exists()) {
            return Optional.empty();
        }
        SqlBuilder select = dialect.sql().sql("SELECT dataset, applied_through, source, arrival_watermark, contract_version, candidate,"
                + " row_count, run_id, applied_at, ").id(RETAINED);
        Sql q = select.sql(" AS retained FROM ").table(TABLE).sql(" WHERE dataset = ").bind(dataset)
                .sql(" ORDER BY applied_through DESC, applied_at DESC LIMIT 1").build();
        try (ResultRows rows = warehouse.query(q)) {
            for (Row r : rows) {
                return Optional.of(new Entry(r.getString("dataset"), (LocalDateTime) r.get("applied_through"), r.getString("source"),
                        Optional.ofNullable((LocalDateTime) r.get("arrival_watermark")), r.getString("contract_version"),
                        r.getString("candidate"), r.getLong("row_count"), r.getString("run_id"),
                        ((LocalDateTime) r.get("applied_at")).toInstant(ZoneOffset.UTC), r.getString("retained") == null
                                || r.getString("retained").isEmpty() ? List.of() : List.of(r.getString("retained").split(","))));
            }
        }
        return Optional.empty();
    }

    /** The snapshot dates recorded for a dataset at or after {@code from}, in order. */
    public List<LocalDateTime> snapshotDates(String dataset, LocalDateTime from) {
        if (!exists()) {
            return List.of();
        }
        List<LocalDateTime> dates = new java.util.ArrayList<>();
        try (ResultRows rows = warehouse.query(dialect.sql().sql("SELECT DISTINCT applied_through FROM ").table(TABLE)
                .sql(" WHERE dataset = ").bind(dataset).sql(" AND source = 'snapshot' AND applied_through >= ").bind(from)
                .sql(" ORDER BY applied_through").build())) {
            for (Row r : rows) {
                dates.add((LocalDateTime) r.get(0));
            }
        }
        return dates;
    }

    /** Forgets the entries of a dataset at or after {@code from} (a restatement rewrites them). */
    public Sql forgetFrom(String dataset, LocalDateTime from) {
        return dialect.sql().sql("DELETE FROM ").table(TABLE).sql(" WHERE dataset = ").bind(dataset).sql(" AND applied_through >= ")
                .bind(from).build();
    }

    /** Records an entry. */
    public Sql record(Entry e) {
        SqlBuilder b = dialect.sql().sql("INSERT INTO ").table(TABLE).sql(" (dataset, applied_through, source, arrival_watermark,"
                + " contract_version, candidate, row_count, run_id, applied_at, ").id(RETAINED).sql(") VALUES (");
        b.bind(e.dataset()).sql(", ").bind(e.appliedThrough()).sql(", ").bind(e.source()).sql(", ")
                .bind(e.arrivalWatermark().orElse(null)).sql(", ").bind(e.contractVersion()).sql(", ").bind(e.candidate()).sql(", ")
                .bind(e.rowCount()).sql(", ").bind(e.runId()).sql(", ").bind(LocalDateTime.ofInstant(e.appliedAt(), ZoneOffset.UTC))
                .sql(", ").bind(String.join(",", e.retained()));
        return b.sql(")").build();
    }
}
