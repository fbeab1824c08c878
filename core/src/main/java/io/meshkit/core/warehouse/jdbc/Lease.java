package io.meshkit.core.warehouse.jdbc;

import java.sql.Connection;

/** A connection borrowed for one operation or one result stream. */
public interface Lease extends AutoCloseable {
    /** The borrowed connection. */
    Connection connection();

    /** Whether the connection is inside a transaction that the caller must not commit. */
    boolean inTransaction();

    /** Gives the connection back; {@code broken} connections are closed instead of reused. */
    void release(boolean broken);

    @Override
    default void close() {
        release(false);
    }
}
