package io.meshkit.monitor.internal;

import io.meshkit.core.contract.Contract;
import io.meshkit.core.contract.ContractReader;
import io.meshkit.core.contract.Dataset;
import io.meshkit.core.contract.DatasetTables;
import io.meshkit.core.contract.TeamMember;
import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.runlog.DatasetKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The expectations of every dataset of the contracts, keyed by run-log dataset name ({@code domain.table}). */
final class Expectations {
    private Expectations() {}

    /** Reads the contracts at a path (file or directory); a bad contract is a {@code ContractException} (exit 2). */
    static Map<String, Expectation> load(Optional<Path> contracts) {
        Map<String, Expectation> out = new LinkedHashMap<>();
        if (contracts.isEmpty()) {
            Path conventional = Path.of("contracts");
            if (!Files.isDirectory(conventional)) {
                return out;
            }
            contracts = Optional.of(conventional);
        }
        ContractReader reader = ContractReader.create();
        for (Path file : reader.findContracts(contracts.get())) {
            Contract c = reader.read(file);
            add(c, out);
        }
        return out;
    }

    /** Adds the expectations of one contract. */
    static void add(Contract c, Map<String, Expectation> out) {
        Optional<String> team = team(c);
        // ODCS v3 says how old the newest data may be with latency (freshness is read too: the stricter counts)
        Optional<String> element = c.sla().maxDataAgeElement();
        for (Dataset d : c.datasets()) {
            DatasetTables tables = DatasetTables.of(c, d);
            // the run log's name of the dataset (every tool records it so), so a mixed-case table (ODCS examples
            // write Air_Quality) is one dataset here too, not a second one never updated
            String key = DatasetKey.of(tables.production());
            out.put(key, new Expectation(key, team, c.sla().maxDataAge(), tables.production(), freshnessColumn(element, d)));
        }
    }

    private static Optional<ColumnName> freshnessColumn(Optional<String> element, Dataset d) {
        if (element.isEmpty()) {
            return Optional.empty();
        }
        String e = element.get();
        int dot = e.lastIndexOf('.');
        String table = dot < 0 ? null : e.substring(0, dot);
        String column = dot < 0 ? e : e.substring(dot + 1);
        if (table != null && !table.equals(d.name()) && !table.equals(d.tableName())) {
            return Optional.empty();
        }
        return d.column(column).map(col -> ColumnName.of(col.physicalName() != null ? col.physicalName() : col.name()));
    }

    private static Optional<String> team(Contract c) {
        if (c.team() == null) {
            return Optional.empty();
        }
        if (c.team().name() != null && !c.team().name().isBlank()) {
            return Optional.of(c.team().name());
        }
        Collection<TeamMember> members = c.team().members();
        return members.stream().map(TeamMember::username).filter(u -> u != null && !u.isBlank()).findFirst();
    }
}
