package io.meshkit.cli.pipeline;

import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.identifier.Namespace;
import io.meshkit.core.identifier.TableId;
import io.meshkit.core.type.DataType;
import io.meshkit.core.warehouse.ColumnInfo;
import io.meshkit.core.warehouse.Dialect;
import io.meshkit.core.warehouse.ResultRows;
import io.meshkit.core.warehouse.Row;
import io.meshkit.core.warehouse.Warehouse;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code meshkit_meta.pipeline_steps}: one row per finished unit (a step, or a dated step for one
 * date) of a pipeline run, keyed by the run key (pipeline name and dates), so that
 * {@code --resume} skips what succeeded and redoes the rest. The step's own run record (tool
 * {@code pipeline}) is in {@code meshkit_meta.runs}; this table links it to the pipeline run id.
 */
public final class PipelineState {
    static final TableId TABLE = Namespace.META.table("pipeline_steps");

    private final Warehouse warehouse;
    private final Dialect d;

    public PipelineState(Warehouse warehouse) {
        this.warehouse = warehouse;
        this.d = warehouse.dialect();
    }

    public void initialise() {
        warehouse.createNamespace(Namespace.META);
        warehouse.execute(d.createTableIfNotExists(TABLE, List.of(
                col("run_key", DataType.VARCHAR, false), col("pipeline_run_id", DataType.VARCHAR, false),
                col("unit", DataType.VARCHAR, false), col("status", DataType.VARCHAR, false),
                col("step_run_id", DataType.VARCHAR, true), col("finished_at", DataType.TIMESTAMP, false),
                col("message", DataType.VARCHAR, true))));
    }

    private static ColumnInfo col(String name, DataType type, boolean nullable) {
        return new ColumnInfo(ColumnName.of(name), type, type.toString(), nullable);
    }

    public void record(String runKey, String runId, String unit, String status, String stepRunId, String message) {
        warehouse.execute(d.sql().sql("INSERT INTO ").table(TABLE).sql(" VALUES (").bind(runKey).sql(", ").bind(runId).sql(", ").bind(unit)
                .sql(", ").bind(status).sql(", ").bind(stepRunId).sql(", CAST(")
                .bind(LocalDateTime.ofInstant(Instant.now(), ZoneOffset.UTC).toString()).sql(" AS TIMESTAMP), ").bind(message).sql(")").build());
    }

    /** The latest pipeline run id of a run key, if any. */
    public Optional<String> lastRun(String runKey) {
        if (warehouse.columns(TABLE).isEmpty()) {
            return Optional.empty();
        }
        try (ResultRows rows = warehouse.query(d.sql().sql("SELECT pipeline_run_id FROM ").table(TABLE).sql(" WHERE run_key = ").bind(runKey)
                .sql(" ORDER BY finished_at DESC LIMIT 1").build())) {
            for (Row r : rows) {
                return Optional.of((String) r.get(0));
            }
        }
        return Optional.empty();
    }

    /** The units that succeeded under a run key (in any run with that key). */
    public Set<String> succeeded(String runKey) {
        Set<String> out = new HashSet<>();
        if (warehouse.columns(TABLE).isEmpty()) {
            return out;
        }
        try (ResultRows rows = warehouse.query(d.sql().sql("SELECT DISTINCT unit FROM ").table(TABLE).sql(" WHERE run_key = ").bind(runKey)
                .sql(" AND status = ").bind("succeeded").build())) {
            for (Row r : rows) {
                out.add((String) r.get(0));
            }
        }
        return out;
    }

    /** The last applied snapshot date of a dimension, from scd-builder's documented log, if any. */
    public Optional<LocalDateTime> lastApplied(String dataset) {
        TableId applied = Namespace.META.table("scd_applied");
        if (warehouse.columns(applied).isEmpty()) {
            return Optional.empty();
        }
        // LOWER: rows an older scd-builder wrote in the table's own case, before scd-builder migrates them
        try (ResultRows rows = warehouse.query(d.sql().sql("SELECT MAX(applied_through) FROM ").table(applied).sql(" WHERE LOWER(dataset) = ")
                .bind(io.meshkit.core.runlog.DatasetKey.of(dataset)).build())) {
            for (Row r : rows) {
                Object v = r.get(0);
                if (v instanceof LocalDateTime t) {
                    return Optional.of(t);
                }
                if (v instanceof java.sql.Timestamp ts) {
                    return Optional.of(ts.toLocalDateTime());
                }
            }
        }
        return Optional.empty();
    }
}
