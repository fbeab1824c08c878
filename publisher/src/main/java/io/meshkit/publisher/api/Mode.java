package io.meshkit.publisher.api;

/** Whether a command changes the warehouse or only says what it would do. */
public enum Mode {
    /** Do it. */
    RUN,
    /** Print the tables, SQL and checks, change nothing (not even the run log). */
    DRY_RUN
}
