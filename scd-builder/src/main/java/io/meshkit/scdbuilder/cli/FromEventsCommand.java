package io.meshkit.scdbuilder.cli;

import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.identifier.TableId;
import io.meshkit.scdbuilder.api.EventSource;
import io.meshkit.scdbuilder.api.Execution;
import io.meshkit.scdbuilder.api.ScdBuilder;
import io.meshkit.scdbuilder.api.ScdResult;
import io.meshkit.scdbuilder.api.ScdTarget;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code meshkit scd from-events --events T}. */
@Command(name = "from-events", description = {"Build the dimension from a table of change events.",
    "Each event has a key, an operation, an event time and the after-image; changes within one period of the contract's time resolution collapse to the last.",
    "With --arrival-column only the keys with events loaded since the last build are rebuilt (late events included); without it every event is rolled up from the beginning."},
        footer = {"%nExample:", "  $ ${COMMAND-FULL-NAME} --contract examples/music/contracts/tracks.odcs.yaml --events music_staging.track_events"})
final class FromEventsCommand extends BuildCommand {
    @Option(names = "--events", paramLabel = "NAMESPACE.TABLE", required = true, description = "The events table.")
    TableId events;

    @Option(names = "--op-column", paramLabel = "COLUMN", defaultValue = "op",
            description = "The operation column: create, update or delete (default ${DEFAULT-VALUE}).")
    String opColumn;

    @Option(names = "--time-column", paramLabel = "COLUMN", defaultValue = "event_time",
            description = "The event time column (default ${DEFAULT-VALUE}).")
    String timeColumn;

    @Option(names = "--arrival-column", paramLabel = "COLUMN",
            description = "When each event was loaded; enables incremental builds.")
    String arrivalColumn;

    @Option(names = "--full", description = "Roll up every event even with an arrival column.")
    boolean full;

    @Override
    ScdResult build(ScdBuilder scd, ScdTarget target, Execution execution) {
        Optional<ColumnName> arrival = Optional.ofNullable(arrivalColumn).map(ColumnName::of);
        EventSource.Mode mode = arrival.isPresent() && !full ? EventSource.Mode.INCREMENTAL : EventSource.Mode.FULL;
        return scd.fromEvents(target, new EventSource(events, ColumnName.of(opColumn), ColumnName.of(timeColumn), arrival, mode),
                execution);
    }
}
