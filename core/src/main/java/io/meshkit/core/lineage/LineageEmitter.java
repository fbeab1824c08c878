package io.meshkit.core.lineage;

/**
 * Sends lineage events somewhere. Emitting never fails a run: an emitter that cannot deliver says
 * so in one line on standard error and the run goes on.
 */
public interface LineageEmitter extends AutoCloseable {
    /** The emitter of a project without lineage configured: does nothing. */
    LineageEmitter NONE = new LineageEmitter() {
        @Override
        public void emit(LineageEvent event) {}

        @Override
        public boolean enabled() {
            return false;
        }
    };

    /** Sends one event. */
    void emit(LineageEvent event);

    /** Whether events go anywhere; tools may skip building them when not. */
    default boolean enabled() {
        return true;
    }

    @Override
    default void close() {}
}
