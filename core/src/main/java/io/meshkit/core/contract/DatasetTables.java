package io.meshkit.core.contract;

import static java.util.Objects.requireNonNull;

import io.meshkit.core.identifier.Identifiers;
import io.meshkit.core.identifier.Namespace;
import io.meshkit.core.identifier.TableId;
import java.util.Locale;

/**
 * Where a contract's dataset lives in the warehouse, by convention, so every tool finds the same
 * tables without being told: production in the contract's domain namespace, the landed snapshots
 * in {@code <domain>_staging}, release candidates in {@code <domain>_candidates}. A contract
 * without a domain uses the namespace {@code main}. Every command lets the user override these
 * with {@code --table}, {@code --staging} or {@code --candidate}.
 *
 * @param production the published table consumers read
 * @param staging the snapshots as landed by ingest, with a {@code snapshot_date} column
 * @param candidate the release candidate built beside production
 */
public record DatasetTables(TableId production, TableId staging, TableId candidate) {
    /** The namespace of datasets whose contract names no domain. */
    public static final String DEFAULT_NAMESPACE = "main";

    /** Validates. */
    public DatasetTables {
        requireNonNull(production, "production is null");
        requireNonNull(staging, "staging is null");
        requireNonNull(candidate, "candidate is null");
    }

    /**
     * The conventional tables of one dataset of a contract.
     *
     * @throws io.meshkit.core.error.MeshkitException (exit 2) when the contract's domain is not a portable name
     */
    public static DatasetTables of(Contract contract, Dataset dataset) {
        requireNonNull(contract, "contract is null");
        requireNonNull(dataset, "dataset is null");
        String domain = contract.domain() == null || contract.domain().isBlank()
                ? DEFAULT_NAMESPACE
                : Identifiers.requirePortable("the domain of contract " + contract.id() + " as a namespace",
                        contract.domain().trim().toLowerCase(Locale.ROOT).replace('-', '_'));
        String table = dataset.tableName();
        return new DatasetTables(
                TableId.of(domain, table),
                TableId.of(domain + "_staging", table),
                TableId.of(domain + "_candidates", table));
    }

    /** The namespace of production. */
    public Namespace namespace() {
        return production.namespace();
    }
}
