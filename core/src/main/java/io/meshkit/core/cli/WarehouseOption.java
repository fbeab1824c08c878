package io.meshkit.core.cli;

import io.meshkit.core.config.MeshkitConfig;
import io.meshkit.core.warehouse.Warehouses;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * {@code --warehouse URI} and {@code --config FILE}: which warehouse a command works in. The URI
 * comes from the option, else {@code MESHKIT_WAREHOUSE}, else the config file, else the embedded
 * default {@code duckdb:.meshkit/warehouse.duckdb}.
 */
public final class WarehouseOption {
    @Option(names = "--warehouse", paramLabel = "URI",
            description = "Warehouse URI: duckdb:PATH (default duckdb:.meshkit/warehouse.duckdb), duckdb::memory:, postgres://USER@HOST:PORT/DB, bigquery:PROJECT/LOCATION.")
    String uri;

    @Option(names = "--config", paramLabel = "FILE", description = "Project configuration (default: meshkit.yaml if present).")
    java.nio.file.Path config;

    @picocli.CommandLine.Spec(picocli.CommandLine.Spec.Target.MIXEE)
    picocli.CommandLine.Model.CommandSpec mixee;

    /** {@code --wait SECONDS}: how long to wait for a warehouse another process is using (sets {@link io.meshkit.core.warehouse.OpenWait}). */
    @Option(names = "--wait", paramLabel = "SECONDS", defaultValue = "30",
            description = "Seconds to wait for a warehouse file another process is using (0..3600, default ${DEFAULT-VALUE}).")
    void setWait(long seconds) {
        if (seconds < 0 || seconds > 3600) {
            throw new picocli.CommandLine.ParameterException(mixee.commandLine(), "Cannot use --wait " + seconds + ": give 0..3600 seconds");
        }
        io.meshkit.core.warehouse.OpenWait.set(java.time.Duration.ofSeconds(seconds));
    }

    /** The configuration file given with {@code --config}, if any. */
    public Optional<java.nio.file.Path> configFile() {
        return Optional.ofNullable(config);
    }

    /** The configuration: the file given, or {@code meshkit.yaml} in the working directory, or defaults. */
    public MeshkitConfig config() {
        return MeshkitConfig.load(Optional.ofNullable(config));
    }

    /** The warehouse URI to use. */
    public String uri() {
        return resolvedConfig().warehouseUri();
    }

    /**
     * The configuration of a command that works on data already in the warehouse: {@link #resolvedConfig()},
     * refused (exit 2, creating nothing) when its warehouse does not exist ({@link Warehouses#requireExisting}),
     * so that a mistyped {@code --warehouse} path is one clear line rather than an empty warehouse
     * and a "no such table". Commands that may create the warehouse (ingest, run) use
     * {@link #resolvedConfig()}.
     */
    public MeshkitConfig existingConfig() {
        MeshkitConfig c = resolvedConfig();
        Warehouses.requireExisting(c.warehouseUri());
        return c;
    }

    /**
     * The configuration with the warehouse URI this option resolves to: the option, else
     * {@code MESHKIT_WAREHOUSE}, else the configuration file's, else the default. The file is read once.
     */
    public MeshkitConfig resolvedConfig() {
        MeshkitConfig c = config();
        if (uri != null) {
            return c.withWarehouseUri(uri);
        }
        String env = System.getenv("MESHKIT_WAREHOUSE");
        if (env != null && !env.isBlank()) {
            return c.withWarehouseUri(env);
        }
        return c;
    }
}
