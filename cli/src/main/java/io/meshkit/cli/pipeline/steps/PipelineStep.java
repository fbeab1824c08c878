package io.meshkit.cli.pipeline.steps;

import java.util.List;

/**
 * What one kind of step does: the pipeline runner plans units, resumes and reports; a step runs one
 * unit by calling its tool's Java API with a typed request in the run's one warehouse, and says how it
 * went from the tool's typed result.
 */
public interface PipelineStep {
    /**
     * The plan's lines for a unit: the command a user could run by hand for each call (display text built from the
     * typed request, with {@code ${VAR}} shown by name and secrets redacted), or what the step does.
     */
    List<String> plan(Unit unit, StepContext context);

    /** Runs a unit. A tool's error comes back as a failed outcome with the command; nothing is thrown for it. */
    StepOutcome run(Unit unit, StepContext context);
}
