package io.meshkit.scdbuilder.api;

/** Whether a command changes anything or only plans. */
public enum Execution {
    /** Build the candidate and record the run. */
    RUN,
    /** Read what is needed to plan, then return the plan and its SQL without writing anything. */
    DRY_RUN
}
