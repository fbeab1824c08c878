package io.meshkit.scdbuilder.api;

import static java.util.Objects.requireNonNull;

import io.meshkit.core.warehouse.Sql;
import java.util.Optional;

/**
 * One step of a build, as {@code --dry-run} prints it.
 *
 * @param description what the step does, for people
 * @param sql the statement it runs, if it runs one (values bound, never in the text)
 */
public record PlanStep(String description, Optional<Sql> sql) {
    /** Validates the fields. */
    public PlanStep {
        requireNonNull(description, "description is null");
        requireNonNull(sql, "sql is null");
    }

    /** A step that runs a statement. */
    public static PlanStep of(String description, Sql sql) {
        return new PlanStep(description, Optional.of(sql));
    }

    /** A step without a statement of its own (e.g. an atomic replace through the warehouse SPI). */
    public static PlanStep note(String description) {
        return new PlanStep(description, Optional.empty());
    }
}
