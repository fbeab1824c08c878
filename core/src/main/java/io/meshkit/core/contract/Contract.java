package io.meshkit.core.contract;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The content of one ODCS contract file.
 *
 * @param apiVersion the ODCS version, e.g. {@code v3.1.0}
 * @param kind always {@code DataContract}
 * @param id the contract's unique id
 * @param name a human name, or null
 * @param version the contract's own version
 * @param status e.g. {@code active}, {@code draft}
 * @param domain the owning domain, or null
 * @param dataProduct the data product, or null
 * @param description the description, or null
 * @param team the owning team, or null
 * @param datasets the datasets (ODCS {@code schema}); at least one in a valid contract
 * @param sla the service levels, {@link Sla#NONE} when none are given
 * @param servers the servers
 * @param customProperties contract-level custom properties (no {@code meshkit.*} keys but the linter's
 *     {@code meshkit.lint.*}, kept as written)
 */
public record Contract(
        String apiVersion,
        String kind,
        String id,
        String name,
        String version,
        String status,
        String domain,
        String dataProduct,
        Description description,
        Team team,
        List<Dataset> datasets,
        Sla sla,
        List<Server> servers,
        Map<String, Object> customProperties) {

    /** The only {@code kind} of an ODCS data contract. */
    public static final String KIND = "DataContract";

    /** Validates mandatory fields and copies collections. */
    public Contract {
        requireNonNull(apiVersion, "apiVersion is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(id, "id is null");
        requireNonNull(version, "version is null");
        requireNonNull(status, "status is null");
        datasets = CollectionsUtil.list(datasets);
        sla = sla == null ? Sla.NONE : sla;
        servers = CollectionsUtil.list(servers);
        customProperties = CollectionsUtil.map(customProperties);
    }

    /** The dataset with this logical name, if any. */
    public Optional<Dataset> dataset(String name) {
        requireNonNull(name, "name is null");
        return datasets.stream().filter(d -> d.name().equals(name)).findFirst();
    }
}
