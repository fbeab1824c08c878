package io.meshkit.core.cli;

import io.meshkit.core.config.MeshkitConfig;
import io.meshkit.core.error.MeshkitException;
import io.meshkit.core.warehouse.Warehouses;
import java.util.function.Function;
import picocli.CommandLine.Mixin;

/**
 * What a command that works in the warehouse and prints a result shares: {@code --format},
 * {@code --verbose} and where it prints ({@link OutputOptions}), and {@code --warehouse},
 * {@code --config} and {@code --wait} ({@link WarehouseOption}). Add with {@code @Mixin}; long work
 * adds {@link ProgressOption} beside it. (A command that orders its options by hand, with
 * {@code sortOptions = false}, adds the two mixins in the order it wants instead.)
 */
public final class WarehouseCommandOptions extends OutputOptions {
    @Mixin
    WarehouseOption warehouse;

    /**
     * The configuration, with the warehouse URI resolved, of a warehouse that must exist already
     * ({@link WarehouseOption#existingConfig}): what a command that reads or builds on data in it uses.
     */
    public MeshkitConfig config() {
        return warehouse.existingConfig();
    }

    /**
     * The configuration, with the warehouse URI resolved ({@link WarehouseOption#resolvedConfig}), of a
     * warehouse the command may create: a command that brings data in (ingest, publish stage of a query).
     */
    public MeshkitConfig configCreatingWarehouse() {
        return warehouse.resolvedConfig();
    }

    /**
     * Runs work in a warehouse it may create ({@link #configCreatingWarehouse}). When the work fails in
     * a warehouse that did not exist before, the message's first line says so: an empty warehouse made
     * by a mistyped path explains a "no such table" better than the table does.
     *
     * @param creator what created it, for the message, e.g. {@code "this command"}
     */
    public <R> R creatingWarehouse(String creator, Function<MeshkitConfig, R> work) {
        MeshkitConfig config = configCreatingWarehouse();
        boolean existed = Warehouses.exists(config.warehouseUri());
        try {
            return work.apply(config);
        } catch (MeshkitException e) {
            if (existed || !Warehouses.exists(config.warehouseUri())) {
                throw e;
            }
            String message = e.getMessage();
            int eol = message.indexOf('\n') < 0 ? message.length() : message.indexOf('\n');
            throw new MeshkitException(e.code(), message.substring(0, eol) + " (warehouse " + config.warehouseUri()
                    + " did not exist: " + creator + " created it empty; check the path)" + message.substring(eol), e);
        }
    }

    /**
     * Builds the command's component for {@link #config()} (a warehouse that exists), does the work with it and closes its
     * warehouse, whether the work returned or threw.
     */
    public <C extends CommandComponent, R> R call(Function<MeshkitConfig, C> component, Function<? super C, R> work) {
        C c = component.apply(config());
        return c.closing(() -> work.apply(c));
    }
}
