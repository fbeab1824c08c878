package io.meshkit.core.lineage;

import static java.util.Objects.requireNonNull;

import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.UUID;

/** Opens the configured lineage emitter and reports runs to it. */
public final class Lineage {
    private Lineage() {}

    /**
     * The emitter the configuration asks for: {@link LineageEmitter#NONE} when lineage is off (the
     * default), else one from a provider on the class path.
     */
    public static LineageEmitter open(LineageConfig config) {
        requireNonNull(config, "config is null");
        if (!config.enabled()) {
            return LineageEmitter.NONE;
        }
        for (LineageEmitterProvider provider : ServiceLoader.load(LineageEmitterProvider.class)) {
            if (provider.supports(config.transport())) {
                return provider.create(config);
            }
        }
        throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot emit lineage: no provider for transport '"
                + config.transport() + "' on the class path (add io.meshkit:meshkit-lineage)");
    }

    /**
     * Reports the start of a run and returns the handle that reports its end.
     *
     * @param job the job name, e.g. {@code ingest.music.tracks}
     */
    public static Run start(LineageEmitter emitter, LineageConfig config, Clock clock, String runId, String job,
            List<LineageDataset> inputs, List<LineageDataset> outputs) {
        Run run = new Run(emitter, clock, toUuid(runId), config.namespace(), job, inputs, outputs);
        run.send(LineageEvent.Type.START, Optional.empty());
        return run;
    }

    private static UUID toUuid(String runId) {
        try {
            return UUID.fromString(runId);
        } catch (IllegalArgumentException e) {
            return UUID.nameUUIDFromBytes(runId.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    /** A started run: report how it ended exactly once. */
    public static final class Run {
        private final LineageEmitter emitter;
        private final Clock clock;
        private final UUID runId;
        private final String namespace;
        private final String job;
        private final List<LineageDataset> inputs;
        private final List<LineageDataset> outputs;
        private boolean ended;

        private Run(LineageEmitter emitter, Clock clock, UUID runId, String namespace, String job,
                List<LineageDataset> inputs, List<LineageDataset> outputs) {
            this.emitter = requireNonNull(emitter, "emitter is null");
            this.clock = requireNonNull(clock, "clock is null");
            this.runId = runId;
            this.namespace = namespace;
            this.job = requireNonNull(job, "job is null");
            this.inputs = List.copyOf(inputs);
            this.outputs = List.copyOf(outputs);
        }

        /** Reports success. */
        public void complete() {
            end(LineageEvent.Type.COMPLETE, Optional.empty());
        }

        /** Reports failure with the run's one-line error. */
        public void fail(String error) {
            end(LineageEvent.Type.FAIL, Optional.of(error == null ? "failed" : error));
        }

        private void end(LineageEvent.Type type, Optional<String> error) {
            if (!ended) {
                ended = true;
                send(type, error);
            }
        }

        private void send(LineageEvent.Type type, Optional<String> error) {
            if (emitter.enabled()) {
                emitter.emit(new LineageEvent(type, clock.instant(), runId, namespace, job, inputs, outputs, error));
            }
        }
    }
}
