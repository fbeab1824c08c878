package io.meshkit.core.warehouse;

/**
 * A warehouse that can tag the work it does with a meshkit run id, so that its own records (job
 * history, billing exports, audit logs) can be grouped by run. On BigQuery every job carries the run
 * id as the label {@code meshkit-run-id}. DuckDB keeps no such records and does not implement this.
 *
 * <p>A tool that has started a run ({@link io.meshkit.core.runlog.RunLog#startRun}) does its work on
 * {@code SupportsRunLabels.forRun(warehouse, run.runId())} and needs no warehouse module.
 */
public interface SupportsRunLabels {
    /**
     * A view of this warehouse whose work carries the run id. It shares this warehouse's
     * connections and clients; closing it releases nothing (close the warehouse it came from). It
     * has the same capabilities as this warehouse. A warehouse whose labels accept fewer characters
     * than a run id may hold normalises it (documented by each warehouse); the run ids of
     * {@link io.meshkit.core.runlog.WarehouseRunLog} (UUIDs) pass unchanged.
     *
     * @throws IllegalArgumentException if the run id is blank
     */
    Warehouse forRun(String runId);

    /**
     * {@code warehouse} with its work tagged with the run id where it
     * {@linkplain SupportsRunLabels supports run labels}, or {@code warehouse} itself where it does not.
     */
    static Warehouse forRun(Warehouse warehouse, String runId) {
        return warehouse instanceof SupportsRunLabels labels ? labels.forRun(runId) : warehouse;
    }
}
