package io.meshkit.core.warehouse;

/** What a statement that creates a table does when the table already exists. */
public enum WriteMode {
    /** Fail if the table exists. */
    CREATE,
    /** Replace the table atomically if it exists. */
    REPLACE,
    /** Add rows to the table, creating it if it does not exist. */
    APPEND
}
