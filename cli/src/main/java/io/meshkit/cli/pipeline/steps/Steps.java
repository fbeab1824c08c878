package io.meshkit.cli.pipeline.steps;

import io.meshkit.cli.pipeline.StepKind;

/** The step of each kind. */
public final class Steps {
    private static final PipelineStep INGEST = new IngestStep();
    private static final PipelineStep LOAD_SNAPSHOT = new LoadSnapshotStep();
    private static final PipelineStep SCD = new ScdStep();
    private static final PipelineStep TRANSFORM = new PublisherSteps.Transform();
    private static final PipelineStep VALIDATE = new PublisherSteps.Validate();
    private static final PipelineStep DIFF = new DiffStep();
    private static final PipelineStep PUBLISH = new PublisherSteps.Publish();
    private static final PipelineStep SAMPLE = new SampleStep();
    private static final PipelineStep MONITOR = new MonitorStep();

    private Steps() {}

    /** What runs a step of this kind. */
    public static PipelineStep of(StepKind kind) {
        return switch (kind) {
            case INGEST -> INGEST;
            case LOAD_SNAPSHOT -> LOAD_SNAPSHOT;
            case SCD -> SCD;
            case TRANSFORM -> TRANSFORM;
            case VALIDATE -> VALIDATE;
            case DIFF -> DIFF;
            case PUBLISH -> PUBLISH;
            case SAMPLE -> SAMPLE;
            case MONITOR -> MONITOR;
        };
    }
}
