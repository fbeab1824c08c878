package io.meshkit.core.warehouse;

import io.meshkit.core.identifier.Namespace;
import io.meshkit.core.identifier.TableId;
import java.util.List;
import java.util.Optional;

/**
 * A SQL warehouse that meshkit's tools run their work in. Implementations are found through
 * {@link WarehouseProvider} by URI scheme. Optional features are mix-in interfaces
 * ({@link SupportsTransactions}, {@link SupportsDryRun}); check them with {@link #supports}.
 *
 * <p>Every method wraps the engine's errors in {@link io.meshkit.core.error.WarehouseException}
 * (or {@link io.meshkit.core.error.NoSuchTableException}), with the cause kept and bound values
 * left out. Implementations are safe for use from several threads.
 */
public interface Warehouse extends AutoCloseable {
    /** The dialect of this warehouse. */
    Dialect dialect();

    /** The URI this warehouse was opened with, with any secret removed. */
    String uri();

    /** Whether this warehouse has a capability, e.g. {@code supports(SupportsTransactions.class)}. */
    default boolean supports(Class<?> capability) {
        return capability.isInstance(this);
    }

    /** Creates the namespace if it does not exist. */
    void createNamespace(Namespace namespace);

    /** The tables and views of a namespace, sorted by name; empty if the namespace does not exist. */
    List<TableId> listTables(Namespace namespace);

    /**
     * Describes a table or view, or empty if it does not exist. The row count may cost a scan of every row (an engine
     * that keeps no count, or a view): where only the columns matter, use {@link #columns}.
     */
    Optional<TableInfo> describe(TableId table);

    /** The columns of a table or view in order, or empty if it does not exist; reads the catalog only, never a row. */
    Optional<List<ColumnInfo>> columns(TableId table);

    /** Runs a statement that returns no rows (DDL or DML). */
    QueryStats execute(Sql sql);

    /**
     * Runs a query and streams its rows. The caller closes the result. A statement that returns no
     * rows (DDL, DML) is run too and gives a result without columns, with its count in
     * {@link ResultRows#stats()}.
     */
    ResultRows query(Sql sql);

    /**
     * Creates a table from a query, with a layout. With {@link WriteMode#REPLACE} an existing table
     * is replaced atomically: readers see the old rows or the new ones.
     */
    QueryStats createTableAs(TableId target, Sql select, TableLayout layout, WriteMode mode);

    /** Loads landed files into a table. {@link WriteMode#REPLACE} replaces it atomically. */
    QueryStats load(TableId target, LoadRequest request);

    /**
     * Atomically makes {@code target} hold what {@code source} holds, and drops {@code source}. A
     * reader of {@code target} on another connection sees the old table or the new one, never
     * neither and never a mix. Where both tables share a namespace this does not copy data.
     */
    void replace(TableId target, TableId source);

    /** Copies a table into a new or replaced table. */
    QueryStats copy(TableId source, TableId target, WriteMode mode);

    /** Drops a table or view if it exists. Returns whether it existed. */
    boolean drop(TableId table);

    /** Releases the warehouse's connections. */
    @Override
    void close();
}
