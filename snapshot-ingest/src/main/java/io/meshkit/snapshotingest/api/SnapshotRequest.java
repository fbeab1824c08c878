package io.meshkit.snapshotingest.api;

import static java.util.Objects.requireNonNull;

import io.meshkit.core.contract.Contract;
import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import io.meshkit.core.identifier.Identifiers;
import java.util.List;
import java.util.Optional;

/**
 * A snapshot of MySQL (or MariaDB) tables, or its plan: where to read, which tables, where to stage them, and how.
 * Validated when made: a request that exists is legal ({@link MeshkitException} with
 * {@link ErrorCode#INVALID_ARGUMENT} otherwise, whose message names the CLI option of the field).
 *
 * @param source the source URL, e.g. {@code jdbc:mysql://127.0.0.1:3306/shop?user=meshkit}, without a password
 * @param password the source's password (the CLI reads {@code MESHKIT_MYSQL_PASSWORD}), never printed
 * @param tables MySQL tables of the URL's database, staged as {@code <database>_staging.<table>} with every column
 * @param contracts contracts: each dataset's {@code name} is the MySQL table, staged as {@code <domain>_staging.<table>}
 *     with the contract's columns
 * @param staging another staging namespace for every table, or {@code NAMESPACE.TABLE} for a single table
 * @param options how to run it
 */
public record SnapshotRequest(String source, Optional<String> password, List<String> tables, List<Contract> contracts,
        Optional<String> staging, SnapshotOptions options) {
    /** Validates and copies. */
    public SnapshotRequest {
        if (source == null || source.isBlank()) {
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot snapshot: give the MySQL source with --source URL");
        }
        requireNonNull(password, "password is null");
        tables = List.copyOf(tables);
        contracts = List.copyOf(contracts);
        requireNonNull(staging, "staging is null");
        requireNonNull(options, "options is null");
        if (tables.isEmpty() && contracts.isEmpty()) {
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot snapshot: name tables with --table or contracts with --contract");
        }
        if (tables.isEmpty() && contracts.stream().allMatch(c -> c.datasets().isEmpty())) {
            // a contract without schema objects (ODCS allows one) names no table: say so rather than snapshot nothing
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot snapshot contract " + contracts.get(0).id()
                    + ": it has no schema objects, and ingest snapshots a table per schema object");
        }
        for (String t : tables) {
            if (t == null || t.isBlank()) {
                throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot use --table '" + t + "': name a table");
            }
        }
        if (staging.isPresent()) {
            String s = staging.get();
            for (String part : s.split("\\.", -1)) {
                Identifiers.requirePortable("--staging", part);
            }
            int targets = tables.size() + contracts.stream().mapToInt(c -> c.datasets().size()).sum();
            if (s.contains(".") && targets != 1) {
                throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot use --staging " + s
                        + ": a table name fits one source table only; give a namespace (--staging NAMESPACE) for several");
            }
        }
    }

    /** A request for the tables of a contract, with no password and the default staging tables. */
    public static SnapshotRequest of(String source, Contract contract, SnapshotOptions options) {
        return new SnapshotRequest(source, Optional.empty(), List.of(), List.of(contract), Optional.empty(), options);
    }

    /** The same request with another password. */
    public SnapshotRequest withPassword(Optional<String> password) {
        return new SnapshotRequest(source, password, tables, contracts, staging, options);
    }

    /** The request without its password. */
    @Override
    public String toString() {
        return "SnapshotRequest[source=" + io.meshkit.core.secret.Secrets.redact(source) + ", password=" + (password.isPresent() ? "***" : "none")
                + ", tables=" + tables + ", contracts=" + contracts.size() + ", staging=" + staging + ", options=" + options + "]";
    }
}
