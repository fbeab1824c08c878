package io.meshkit.publisher.api;

import java.util.List;
import java.util.OptionalLong;

/**
 * Write-audit-publish for one dataset at a time: build a release candidate beside production,
 * audit it against its contract, and promote it atomically, keeping the last versions to roll back
 * to. Commands that change anything hold the dataset's lease in the run log while they run, so a
 * second publish of the same dataset fails at once with {@link io.meshkit.core.runlog.LeaseHeldException}.
 */
public interface Publisher {
    /** Writes the release candidate from a query or a table. Never touches production. */
    StageResult stage(PublishTarget target, StageSource source, PublishPolicy policy, Mode mode);

    /** Audits the candidate. Read-only; in a dry run, lists the checks without running them. */
    ValidationReport validate(PublishTarget target, PublishPolicy policy, Mode mode);

    /**
     * Audits the candidate and, if it passes, makes it production's new version atomically and
     * records the publication. A failing candidate is kept and production left as it was
     * ({@link PublishOutcome#REFUSED}); a candidate equal to what production serves is dropped and
     * nothing else changes ({@link PublishOutcome#UNCHANGED}), so a rerun converges.
     */
    PublishResult promote(PublishTarget target, PublishPolicy policy, Mode mode);

    /** Stage, audit and promote in one go under one lease: the backfill without downtime. */
    PublishResult backfill(PublishTarget target, StageSource source, PublishPolicy policy, Mode mode);

    /**
     * Makes production serve a kept version again, atomically: {@code version}, or the kept version
     * before the one served now.
     */
    PublishResult rollback(PublishTarget target, OptionalLong version, PublishPolicy policy, Mode mode);

    /** The published versions, newest first, with the one served and those kept marked. */
    List<VersionInfo> history(PublishTarget target);
}
