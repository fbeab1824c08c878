package io.meshkit.core.error;

import io.meshkit.core.identifier.TableId;

/** A table that a command needs does not exist. */
public final class NoSuchTableException extends MeshkitException {
    private static final long serialVersionUID = 1L;

    private final transient TableId table;

    /** {@code Cannot <verb> table <table>: it does not exist}. */
    public NoSuchTableException(String verb, TableId table) {
        super(ErrorCode.NO_SUCH_TABLE, "Cannot " + verb + " table " + table + ": it does not exist");
        this.table = table;
    }

    private NoSuchTableException(TableId table, String message) {
        super(ErrorCode.NO_SUCH_TABLE, message);
        this.table = table;
    }

    /**
     * A missing release candidate, which is nothing wrong in itself (promotion consumes it): the message says what
     * builds one.
     */
    public static NoSuchTableException candidate(String verb, TableId table) {
        return new NoSuchTableException(table, "Cannot " + verb + " table " + table + ": it does not exist (the release candidate: built by"
                + " meshkit scd apply or meshkit publish stage, consumed by promote)");
    }

    /** The missing table. */
    public TableId table() {
        return table;
    }
}
