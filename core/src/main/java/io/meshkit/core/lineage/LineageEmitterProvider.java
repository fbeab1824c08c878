package io.meshkit.core.lineage;

/**
 * Makes emitters for the lineage transports it knows. Found through {@link java.util.ServiceLoader};
 * the {@code meshkit-lineage} module provides the OpenLineage one.
 */
public interface LineageEmitterProvider {
    /** Whether this provider handles the transport ({@code http}, {@code file}, {@code console}). */
    boolean supports(String transport);

    /** An emitter for the configuration. */
    LineageEmitter create(LineageConfig config);
}
