package io.meshkit.sampler.internal;

import static java.util.Objects.requireNonNull;

import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.identifier.TableId;
import io.meshkit.core.warehouse.ColumnInfo;
import io.meshkit.core.warehouse.ResultRows;
import io.meshkit.core.warehouse.Row;
import io.meshkit.core.warehouse.Sql;
import io.meshkit.core.warehouse.SqlBuilder;
import io.meshkit.core.warehouse.SupportsPromotion;
import io.meshkit.core.warehouse.SupportsTransactions;
import io.meshkit.core.warehouse.TableLayout;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.core.warehouse.WriteMode;
import io.meshkit.sampler.api.PrepareResult;
import io.meshkit.sampler.api.SamplingLayout;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Lays a table out for sampling: adds {@code sampling_value} (core's dialect function of the key)
 * and lays the rows out by it (sorted or clustered, as the warehouse does). A rewrite builds a candidate beside the
 * table and swaps it in atomically; an append inserts one batch, sorted on its own, so each batch's
 * row groups keep tight sampling-value ranges without rewriting older data.
 */
public final class Preparer {
    private static final TableLayout LAYOUT = TableLayout.clusteredBy(List.of(SamplingLayout.SAMPLING_VALUE));
    private static final TableLayout BUCKET_LAYOUT = TableLayout.clusteredBy(List.of(SampleFilter.SAMPLING_BUCKET));
    private static final String CANDIDATE_SUFFIX = "__meshkit_sampling";

    private final Warehouse warehouse;

    /** A preparer working in a warehouse. */
    public Preparer(Warehouse warehouse) {
        this.warehouse = requireNonNull(warehouse, "warehouse is null");
    }

    /** Rewrites the whole table sorted by sampling value; a rerun gives the same table. */
    public PrepareResult rewrite(TableId table, ColumnName key) {
        return rewrite(table, table, key);
    }

    /**
     * Writes {@code table} from the rows of {@code source} (a published view, say) with their sampling value, laid
     * out by it, and swaps it in atomically (creating its namespace if need be); with {@code source} equal to
     * {@code table}, the table is rewritten in place. A rerun gives the same table.
     */
    public PrepareResult rewrite(TableId source, TableId table, ColumnName key) {
        long start = System.nanoTime();
        refusePublished(warehouse, table);
        Columns columns = Columns.of(warehouse, source, "prepare");
        columns.require(key, "sampling key");
        if (!source.equals(table)) {
            warehouse.createNamespace(table.namespace());
        }
        TableId candidate = table.withName(table.name() + CANDIDATE_SUFFIX);
        warehouse.drop(candidate); // what a crashed run left behind
        Sql select = select(columns.info().columns(), key, source);
        warehouse.createTableAs(candidate, select, layout(), WriteMode.REPLACE);
        long withoutKey = count(candidate, true);
        long rows = count(candidate, false);
        warehouse.replace(table, candidate);
        return new PrepareResult(table, key, Optional.empty(), rows, 0, withoutKey, Duration.ofNanos(System.nanoTime() - start));
    }

    /**
     * Appends a batch, sorted by sampling value, to a prepared table. With {@code replaceBy}, rows of
     * the table whose {@code replaceBy} value occurs in the batch are deleted first (in the same
     * transaction where the warehouse has them), so appending the same batch twice changes nothing.
     */
    public PrepareResult append(TableId table, ColumnName key, TableId batch, Optional<ColumnName> replaceBy) {
        long start = System.nanoTime();
        refusePublished(warehouse, table);
        Columns target = Columns.of(warehouse, table, "append to");
        target.requirePrepared();
        Columns source = Columns.of(warehouse, batch, "append from");
        source.require(key, "sampling key");
        replaceBy.ifPresent(c -> {
            target.require(c, "--replace-by");
            source.require(c, "--replace-by");
        });
        // the batch's columns in the table's order; sampling_value computed, never taken from the batch
        SqlBuilder b = warehouse.dialect().sql().sql("SELECT ");
        b.join(target.info().columns(), c -> {
            if (c.name().name().equalsIgnoreCase(SamplingLayout.SAMPLING_VALUE.name())) {
                b.append(warehouse.dialect().samplingValue(key)).sql(" AS ").id(SamplingLayout.SAMPLING_VALUE);
            } else if (c.name().name().equalsIgnoreCase(SampleFilter.SAMPLING_BUCKET.name())) {
                b.append(SampleFilter.bucket(warehouse.dialect(), warehouse.dialect().samplingValue(key))).sql(" AS ").id(SampleFilter.SAMPLING_BUCKET);
            } else {
                source.require(c.name(), "column of " + table);
                b.id(c.name());
            }
        });
        Sql select = b.sql(" FROM ").table(batch).build();
        Function<Warehouse, long[]> work = w -> {
            long replaced = 0;
            if (replaceBy.isPresent()) {
                ColumnName c = replaceBy.get();
                Sql delete = w.dialect().sql().sql("DELETE FROM ").table(table).sql(" WHERE ").id(c)
                        .sql(" IN (SELECT DISTINCT ").id(c).sql(" FROM ").table(batch).sql(")").build();
                replaced = w.execute(delete).rowsAffected().orElse(0);
            }
            long written = w.createTableAs(table, select, layout(), WriteMode.APPEND).rowsAffected().orElse(-1);
            return new long[] {replaced, written};
        };
        long[] counts = warehouse instanceof SupportsTransactions tx ? tx.inTransaction(work) : work.apply(warehouse);
        long withoutKey = countNullKeys(batch, key);
        return new PrepareResult(table, key, Optional.of(batch), counts[1], counts[0], withoutKey,
                Duration.ofNanos(System.nanoTime() - start));
    }

    /**
     * Refuses to write a production table that {@code meshkit publish} serves (a view or table the
     * warehouse's promotion set), or the release table such a production reads: rewriting either would change
     * what consumers read without a release, validation or a version to roll back to, and the next promotion
     * would find a table it did not make. A prepared copy of production is what to sample: {@code --from}
     * the production table into another table.
     *
     * @throws MeshkitException (invalid argument, exit 2) if {@code table} is a served production table or its release
     */
    public static void refusePublished(Warehouse warehouse, TableId table) {
        if (!(warehouse instanceof SupportsPromotion promotion)) {
            return;
        }
        Optional<TableId> release = promotion.servedRelease(table);
        if (release.isPresent()) {
            throw refused(table, "a production table that meshkit publish serves (release " + release.get() + ")", table);
        }
        Optional<TableId> production = promotion.servingProduction(table);
        if (production.isPresent()) {
            throw refused(table, "the release that meshkit publish serves as production table " + production.get(), production.get());
        }
    }

    private static MeshkitException refused(TableId table, String what, TableId production) {
        TableId copy = preparedCopy(production);
        return new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot prepare table " + table + ": it is " + what
                + ", and rewriting it would bypass publish; prepare a copy instead: --from " + production + " --table " + copy
                + " (and sample that table)");
    }

    /**
     * Where a served production table's prepared copy goes: {@code <namespace>_sampled.<table>}, beside the
     * domain's other working namespaces (staging, candidates) and where a pipeline's sample step prepares it.
     */
    public static TableId preparedCopy(TableId production) {
        return TableId.of(production.namespace().name() + "_sampled", production.name());
    }

    /** Sorted (clustered) by the sampling value, or by its INT64 bucket where the warehouse cannot cluster by a DOUBLE. */
    private TableLayout layout() {
        return SampleFilter.needsBucket(warehouse.dialect()) ? BUCKET_LAYOUT : LAYOUT;
    }

    private Sql select(List<ColumnInfo> columns, ColumnName key, TableId table) {
        SqlBuilder b = warehouse.dialect().sql().sql("SELECT ");
        for (ColumnInfo c : columns) {
            if (!c.name().name().equalsIgnoreCase(SamplingLayout.SAMPLING_VALUE.name())
                    && !c.name().name().equalsIgnoreCase(SampleFilter.SAMPLING_BUCKET.name())) {
                b.id(c.name()).sql(", ");
            }
        }
        Sql value = warehouse.dialect().samplingValue(key);
        b.append(value).sql(" AS ").id(SamplingLayout.SAMPLING_VALUE);
        if (SampleFilter.needsBucket(warehouse.dialect())) {
            b.sql(", ").append(SampleFilter.bucket(warehouse.dialect(), value)).sql(" AS ").id(SampleFilter.SAMPLING_BUCKET);
        }
        return b.sql(" FROM ").table(table).build();
    }

    private long count(TableId table, boolean onlyWithoutKey) {
        SqlBuilder b = warehouse.dialect().sql().sql("SELECT count(*) AS n FROM ").table(table);
        if (onlyWithoutKey) {
            b.sql(" WHERE ").id(SamplingLayout.SAMPLING_VALUE).sql(" IS NULL");
        }
        return single(b.build());
    }

    private long countNullKeys(TableId table, ColumnName key) {
        return single(warehouse.dialect().sql().sql("SELECT count(*) AS n FROM ").table(table).sql(" WHERE ").id(key).sql(" IS NULL").build());
    }

    private long single(Sql sql) {
        try (ResultRows rows = warehouse.query(sql)) {
            for (Row r : rows) {
                return r.getLong("n");
            }
        }
        throw new MeshkitException(ErrorCode.INTERNAL_ERROR, "Cannot count rows: the warehouse returned no row");
    }
}
