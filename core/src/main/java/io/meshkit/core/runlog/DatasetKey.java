package io.meshkit.core.runlog;

import static java.util.Objects.requireNonNull;

import io.meshkit.core.identifier.TableId;
import io.meshkit.core.warehouse.Dialect;
import io.meshkit.core.warehouse.Sql;
import java.util.Locale;

/**
 * How the run log names a dataset: its production table, {@code <namespace>.<table>}, in lower case
 * (a contract's {@code Air_Quality} in domain {@code main} is {@code main.air_quality}). Every tool
 * records runs, publications and leases, and keeps its own per-dataset bookkeeping, under this one
 * key, and {@link WarehouseRunLog} applies it to every name it is given, so the monitor and
 * {@code meshkit monitor history} see one dataset per table whichever tool wrote it and however a
 * user spelled it.
 */
public final class DatasetKey {
    private DatasetKey() {}

    /** The key of the dataset whose production table is {@code production}. */
    public static String of(TableId production) {
        requireNonNull(production, "production is null");
        return of(production.toString());
    }

    /** The canonical form of a dataset name given by a user or by a tool (e.g. {@code Music.Tracks}). */
    public static String of(String name) {
        requireNonNull(name, "name is null");
        return name.toLowerCase(Locale.ROOT);
    }

    /**
     * The statement that rewrites a table's {@code dataset} column into the canonical form: for run
     * logs written before the key was lower case everywhere (scd-builder and ingest recorded the
     * production table as the contract spells it). Idempotent.
     */
    public static Sql canonicalise(Dialect dialect, TableId table) {
        requireNonNull(dialect, "dialect is null");
        requireNonNull(table, "table is null");
        return dialect.sql().sql("UPDATE ").table(table).sql(" SET dataset = LOWER(dataset) WHERE dataset <> LOWER(dataset)").build();
    }
}
