package io.meshkit.publisher.api;

/** How a promotion, backfill or rollback ended. */
public enum PublishOutcome {
    /** Production now serves a new version (or, for a rollback, the version asked for). */
    PROMOTED,
    /** Production already served this content or version; nothing changed but the candidate's removal. */
    UNCHANGED,
    /** The candidate failed validation; production is unchanged and the candidate kept for inspection. */
    REFUSED,
    /** A dry run: nothing changed. */
    DRY_RUN
}
