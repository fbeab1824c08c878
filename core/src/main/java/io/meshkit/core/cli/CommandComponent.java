package io.meshkit.core.cli;

import dagger.BindsInstance;
import io.meshkit.core.config.MeshkitConfig;
import io.meshkit.core.warehouse.Warehouse;
import java.time.Clock;
import java.util.function.Supplier;

/**
 * A tool's Dagger component as a command builds it inside {@code call()}: it holds the configured
 * warehouse (one per component, opened when first asked for), and the command closes it when its
 * work is done. Each tool's component extends this interface.
 */
public interface CommandComponent {
    /** The configured warehouse; the command that built the component closes it. */
    Warehouse warehouse();

    /**
     * Does the command's work, then closes the warehouse, whether the work returned or threw. The
     * work may ask this component (and {@link #warehouse()}) for anything until it returns.
     */
    default <R> R closing(Supplier<R> work) {
        try (Warehouse ignored = warehouse()) {
            return work.get();
        }
    }

    /**
     * The factory of a component that needs nothing but the configuration and a clock: a tool's
     * {@code @Component.Factory} extends it ({@code interface Factory extends CommandComponent.Factory<MyComponent> {}}).
     */
    interface Factory<C extends CommandComponent> {
        /** The component for a configuration, with this clock. */
        C create(@BindsInstance MeshkitConfig config, @BindsInstance Clock clock);
    }
}
