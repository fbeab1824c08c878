package io.meshkit.snapshotingest.internal;

import java.sql.SQLException;

/** Carries a {@link SQLException} out of Parquet's write path, which declares none. */
final class SourceReadException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SourceReadException(SQLException cause) {
        super(cause);
    }

    @Override
    public synchronized SQLException getCause() {
        return (SQLException) super.getCause();
    }
}
