package io.meshkit.core.warehouse;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * What {@link SupportsPromotion#promote} runs for some promotions, for a dry run: its steps in order and
 * how they commit. It holds no transaction boundaries: a caller that shows or runs the steps inside
 * a transaction of its own (the publisher records the publication in the same commit) spells them
 * itself, around its own steps too.
 *
 * @param steps the statements and calls, in the order they run
 * @param commit whether the steps commit together or one by one
 */
public record PromotionPlan(List<Step> steps, Commit commit) {
    /** Copies the steps. */
    public PromotionPlan {
        steps = List.copyOf(requireNonNull(steps, "steps is null"));
        requireNonNull(commit, "commit is null");
    }

    /** The lines a dry run prints for the steps, one each, without transaction boundaries. */
    public List<String> lines() {
        return steps.stream().map(Step::description).toList();
    }

    /** How the steps of a plan become visible to readers. */
    public enum Commit {
        /**
         * In one transaction: the warehouse's own, or the caller's when {@link SupportsPromotion#promote}
         * is called inside {@link SupportsTransactions#inTransaction}.
         */
        TOGETHER,
        /** Each step on its own: a reader may see some steps done and the next not yet. */
        EACH_STEP
    }

    /**
     * One step: a statement that runs exactly as it is shown, or a call of the warehouse's API (a job, a
     * change of metadata) described for people.
     *
     * @param statement the statement, if the step is one (values bound, never in the text)
     * @param description what the step does, as a dry run prints it: the statement's text for a statement
     */
    public record Step(Optional<Sql> statement, String description) {
        /** Validates the fields. */
        public Step {
            requireNonNull(statement, "statement is null");
            requireNonNull(description, "description is null");
        }

        /** A statement, shown as its text. */
        public static Step of(Sql statement) {
            return new Step(Optional.of(statement), statement.toString());
        }

        /** A call that is not a statement, e.g. a copy job. */
        public static Step call(String description) {
            return new Step(Optional.empty(), description);
        }
    }
}
