package io.meshkit.lineage;

import io.meshkit.core.lineage.LineageConfig;
import io.meshkit.core.lineage.LineageEmitter;
import io.meshkit.core.lineage.LineageEmitterProvider;
import io.meshkit.lineage.internal.OpenLineageEmitter;
import java.util.Set;

/** The OpenLineage emitter for the {@code http}, {@code file} and {@code console} transports. */
public final class OpenLineageEmitterProvider implements LineageEmitterProvider {
    private static final Set<String> TRANSPORTS = Set.of("http", "file", "console");

    @Override
    public boolean supports(String transport) {
        return TRANSPORTS.contains(transport);
    }

    @Override
    public LineageEmitter create(LineageConfig config) {
        return OpenLineageEmitter.create(config, System.getenv(), System.err);
    }
}
