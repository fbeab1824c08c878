package io.meshkit.monitor.internal;

import static java.util.Objects.requireNonNull;

import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.identifier.TableId;
import java.time.Duration;
import java.util.Optional;

/**
 * What a contract promises about one dataset: who owns it and how fresh it stays.
 *
 * @param dataset the run-log name of the dataset: its production table, {@code <domain>.<table>}
 * @param team the owner team
 * @param freshness the freshness SLA
 * @param production the production table
 * @param freshnessColumn the SLA's element column in this dataset, for freshness queries
 */
record Expectation(String dataset, Optional<String> team, Optional<Duration> freshness, TableId production,
        Optional<ColumnName> freshnessColumn) {
    Expectation {
        requireNonNull(dataset, "dataset is null");
        requireNonNull(team, "team is null");
        requireNonNull(freshness, "freshness is null");
        requireNonNull(production, "production is null");
        requireNonNull(freshnessColumn, "freshnessColumn is null");
    }
}
