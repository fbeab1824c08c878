package io.meshkit.publisher.api;

/** Told when a publisher command reaches a phase: for progress output (and for tests that need to pause one). */
@FunctionalInterface
public interface PublishListener {
    /** Ignores every phase. */
    PublishListener NONE = (dataset, phase) -> {};

    /** A phase of a command on a dataset began. */
    void onPhase(String dataset, Phase phase);

    /** The phases, in order. */
    enum Phase {
        /** The dataset's lease is held. */
        LEASED,
        /** The candidate is being written. */
        STAGING,
        /** The candidate is being audited. */
        VALIDATING,
        /** Production is about to switch (the atomic step). */
        SWAPPING,
        /** Production switched and the publication is recorded. */
        SWAPPED
    }
}
