package io.meshkit.monitor.cli;

import io.meshkit.core.cli.ConsoleOptions;
import io.meshkit.core.cli.WarehouseOption;
import io.meshkit.core.config.MeshkitConfig;
import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import io.meshkit.core.warehouse.Warehouses;
import io.meshkit.monitor.api.AlertSink;
import io.meshkit.monitor.api.MonitorSettings;
import io.meshkit.monitor.di.MonitorComponent;
import io.meshkit.monitor.internal.SettingsReader;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * What every monitor command shares: the warehouse and configuration, the contracts, the time,
 * {@code --verbose} and where it prints ({@link #console}), and the monitor built from them ({@link #call}).
 */
final class MonitorOptions {
    @Mixin
    WarehouseOption warehouse;

    @Option(names = "--contract", paramLabel = "FILE|DIR",
            description = "Contract file or directory giving SLAs and owner teams (default: monitor.contracts in meshkit.yaml, else contracts/).")
    Path contract;

    @Option(names = "--now", paramLabel = "INSTANT",
            description = "Evaluate as of this time (ISO-8601, e.g. 2026-11-23T12:00:00Z) instead of the clock, for reproducible runs.")
    String now;

    /** {@code --verbose} and where the command prints. */
    @Mixin
    ConsoleOptions console;

    /** Builds the monitor (alerting no sink), does the work with it and closes its warehouse. */
    <R> R call(Function<MonitorComponent, R> work) {
        return call(settings -> List.of(), work);
    }

    /** Builds the monitor, alerting the sinks made from its settings, does the work with it and closes its warehouse. */
    <R> R call(Function<MonitorSettings, List<AlertSink>> sinks, Function<MonitorComponent, R> work) {
        MeshkitConfig config = warehouse.resolvedConfig();
        MonitorSettings settings = SettingsReader.read(config);
        if (contract != null) {
            settings = settings.withContracts(Optional.of(contract));
        }
        Clock clock = clock();
        List<AlertSink> alerted = sinks.apply(settings);
        Warehouses.requireExisting(config.warehouseUri());   // after the options and settings: their mistakes are said first
        MonitorComponent c = MonitorComponent.factory().create(config, clock, settings, alerted);
        return c.closing(() -> work.apply(c));
    }

    Clock clock() {
        if (now == null) {
            return Clock.systemUTC();
        }
        return Clock.fixed(parseInstant(now, "--now"), ZoneOffset.UTC);
    }

    static Instant parseInstant(String text, String option) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT,
                    "Cannot read " + option + " '" + text + "': expected an ISO-8601 instant such as 2026-11-23T12:00:00Z");
        }
    }
}
