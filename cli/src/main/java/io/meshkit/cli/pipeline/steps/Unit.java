package io.meshkit.cli.pipeline.steps;

import io.meshkit.cli.pipeline.Pipeline;
import java.time.LocalDate;
import java.util.Optional;

/**
 * A unit of work: a step, for one date when the step is dated.
 *
 * @param step the step
 * @param date its date, for a dated step
 */
public record Unit(Pipeline.Step step, Optional<LocalDate> date) {
    /** The unit's key in the run state and the output: {@code id} or {@code id@date}. */
    public String key() {
        return step.id() + date.map(d -> "@" + d).orElse("");
    }
}
