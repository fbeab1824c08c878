package io.meshkit.core.contract;

import static java.util.Objects.requireNonNull;

import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
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
 * @param datasets the datasets (ODCS {@code schema}); a contract may have none (roles, servers or SLAs only)
 * @param sla the service levels, {@link Sla#NONE} when none are given
 * @param servers the servers
 * @param customProperties contract-level custom properties (no {@code meshkit.*} keys but the linter's
 *     {@code meshkit.lint.*}, kept as written)
 * @param tags the contract's tags
 * @param document the whole file as read: mappings (in file order), lists and scalars (String, Long, BigInteger,
 *     BigDecimal, Boolean or null). {@link ContractWriter} writes it back, so nothing read is lost and nothing
 *     is invented, including the fields meshkit does not model.
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
        Map<String, Object> customProperties,
        List<String> tags,
        Map<String, Object> document) {

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
        tags = CollectionsUtil.list(tags);
        document = CollectionsUtil.map(document);
    }

    /**
     * The dataset a command means: the one named, or the only one. Every tool that takes
     * {@code --contract FILE [--dataset NAME]} chooses this way, with the same messages.
     *
     * @param name the dataset's name, or null to take the only one
     * @param where how to name the contract in a message, usually its file
     * @throws MeshkitException (exit 2) if there is no such dataset, or several and no name
     */
    public Dataset chooseDataset(String name, Object where) {
        if (datasets.isEmpty()) {
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot choose a dataset of " + where
                    + ": the contract has no schema objects, and this command works on a table");
        }
        String names = String.join(", ", datasets.stream().map(Dataset::name).toList());
        if (name != null) {
            return dataset(name).orElseThrow(() -> new MeshkitException(ErrorCode.INVALID_ARGUMENT,
                    "Cannot find dataset " + name + " in " + where + ": it has " + names));
        }
        if (datasets.size() != 1) {
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT,
                    "Cannot choose a dataset of " + where + ": it has " + names + "; name one with --dataset");
        }
        return datasets.get(0);
    }

    /** The dataset with this logical name, if any. */
    public Optional<Dataset> dataset(String name) {
        requireNonNull(name, "name is null");
        return datasets.stream().filter(d -> d.name().equals(name)).findFirst();
    }
}
