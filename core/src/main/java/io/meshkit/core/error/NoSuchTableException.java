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

    /** The missing table. */
    public TableId table() {
        return table;
    }
}
