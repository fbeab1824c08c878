package io.meshkit.snapshotingest.internal;

import static java.util.Objects.requireNonNull;

import io.meshkit.core.contract.ContractWriter;
import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import io.meshkit.core.identifier.Identifiers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import org.jdbi.v3.core.Handle;

/**
 * A first ODCS v3.1.0 contract for a MySQL table, drafted from {@code information_schema}: one schema object named
 * as the table, a property per column in table order with the type {@link MySqlTypes} maps it to (the type a snapshot
 * then stages, so the first snapshot sees no drift), {@code required} from NOT NULL, the primary key (ingest's
 * chunking key) marked, the table and column comments as descriptions, and an ENUM's or SET's allowed values as a
 * quality rule. What only a person knows is left as a marked {@code TODO}: the owning team, the SLA, a missing table
 * description; the status is {@code draft} until then.
 *
 * @param yaml the contract
 * @param table the table described
 * @param comments how many columns had a comment (became a description)
 */
public record ContractDraft(String yaml, SourceTable table, int comments) {
    /** What marks a value a person must replace. */
    public static final String TODO = "TODO";

    /**
     * The most members of a SET whose every combination is listed as a valid value (4: 16 values); a larger SET's
     * members are named in the column's description instead, too many combinations to list.
     */
    static final int SET_MEMBERS_LISTED = 4;

    /** Validates. */
    public ContractDraft {
        requireNonNull(yaml, "yaml is null");
        requireNonNull(table, "table is null");
    }

    /**
     * Drafts the contract of {@code table} of the source's database.
     *
     * @param domain the contract's domain (ingest stages into {@code <domain>_staging.<table>})
     * @throws MeshkitException exit 2 when the table does not exist or the user cannot see it, or a column's type has
     *     no meshkit type; exit 3 when MySQL fails
     */
    public static ContractDraft of(MySqlSource source, String table, String domain) {
        Identifiers.requirePortable("--domain", domain);
        Comments comments = comments(source, table);
        SourceTable t = source.describe(table);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("apiVersion", ContractWriter.API_VERSION);
        doc.put("kind", "DataContract");
        doc.put("id", "urn:meshkit:" + domain + ":" + t.name());
        doc.put("name", t.name());
        doc.put("version", "0.1.0");
        doc.put("status", "draft");
        doc.put("domain", domain);
        String tableDescription = comments.table().orElse(TODO + ": what one row of " + t.name() + " is, and who uses it.");
        doc.put("description", Map.of("purpose", tableDescription));
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("name", t.name());
        object.put("logicalType", "object");
        object.put("description", tableDescription);
        List<Map<String, Object>> properties = new ArrayList<>();
        int described = 0;
        for (SourceColumn c : t.columns()) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("name", c.name());
            p.put("logicalType", c.type().logicalType().odcsName());
            p.put("physicalType", c.type().toString());
            String comment = comments.columns().get(c.name().toLowerCase(Locale.ROOT));
            List<String> members = MySqlTypes.members(c.columnType());
            boolean isSet = c.columnType().toLowerCase(Locale.ROOT).startsWith("set(");
            String unlisted = isSet && members.size() > SET_MEMBERS_LISTED ? "MySQL SET of " + String.join(", ", members)
                    + ": each value a comma-separated combination of them, in this order." : null;
            if (comment != null) {
                described++;
            }
            if (comment != null || unlisted != null) {
                p.put("description", comment == null ? unlisted : unlisted == null ? comment : comment + " " + unlisted);
            }
            int keyPosition = indexOfIgnoringCase(t.primaryKey(), c.name()) + 1;
            if (!c.nullable() || keyPosition > 0) {
                p.put("required", true);
            }
            if (keyPosition > 0) {
                if (t.primaryKey().size() == 1) {
                    p.put("unique", true);
                }
                p.put("primaryKey", true);
                p.put("primaryKeyPosition", keyPosition);
            }
            if (!members.isEmpty() && unlisted == null) {
                p.put("quality", List.of(validValues(members, isSet)));
            }
            properties.add(p);
        }
        object.put("properties", properties);
        doc.put("schema", List.of(object));
        doc.put("team", Map.of("name", TODO + "-owning-team"));
        Map<String, Object> sla = new LinkedHashMap<>();
        sla.put("property", "freshness");
        sla.put("value", 1);
        sla.put("unit", "d");
        doc.put("slaProperties", List.of(sla));
        String header = "# Drafted by `meshkit ingest contract` from MySQL table " + t.database() + "." + t.name() + " ("
                + source.redactedUrl() + ").\n"
                + "# Before you publish it: replace every " + TODO + ", check the SLA, describe the columns, then set status: active.\n";
        String yaml = header + ContractWriter.write(doc)
                .replaceFirst("(?m)^team:", "# " + TODO + ": the team that owns this data (consumers and alerts ask it)\nteam:")
                .replaceFirst("(?m)^slaProperties:", "# " + TODO + ": how fresh consumers may expect the data to be (1 d: a daily snapshot)\n"
                        + "slaProperties:");
        return new ContractDraft(yaml, t, described);
    }

    /**
     * An ENUM's values, or a SET's combinations (its members in MySQL's order, comma-separated, the empty set too), as
     * ODCS's library rule {@code invalidValues} with {@code arguments.validValues}, which meshkit's quality checks run:
     * no row may hold another value; NULL is never invalid ({@code required} says whether it may be NULL).
     */
    private static Map<String, Object> validValues(List<String> members, boolean isSet) {
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("metric", "invalidValues");
        // worded as the other checks are (a check's line is "<id> (<column>): <description>; observed ..."), no full stop
        rule.put("description", isSet ? "only what the MySQL SET allows: combinations of its members, comma-separated, in their order"
                : "only the values the MySQL ENUM allows");
        rule.put("dimension", "conformity");
        rule.put("mustBe", 0);
        rule.put("arguments", Map.of("validValues", isSet ? combinations(members) : members));
        return rule;
    }

    /** Every value a SET of these members can hold, as MySQL writes it: the members it has, in their order, joined by commas. */
    private static List<String> combinations(List<String> members) {
        List<String> values = new ArrayList<>();
        for (int mask = 0; mask < 1 << members.size(); mask++) {
            StringJoiner value = new StringJoiner(",");
            for (int i = 0; i < members.size(); i++) {
                if ((mask & 1 << i) != 0) {
                    value.add(members.get(i));
                }
            }
            values.add(value.toString());
        }
        return values;
    }

    /** The table's comment and its columns' comments (by lower-case name), empty ones left out. */
    private record Comments(Optional<String> table, Map<String, String> columns) {}

    private static Comments comments(MySqlSource source, String table) {
        try (Handle h = source.jdbi().open()) {
            List<Map<String, Object>> tables = h.createQuery("SELECT TABLE_COMMENT FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? "
                            + "AND TABLE_NAME = ?")
                    .bind(0, source.database()).bind(1, table).mapToMap().list();
            if (tables.isEmpty()) {
                // information_schema shows a user only the tables it has a privilege on
                throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot draft a contract for table " + Identifiers.describe(table)
                        + ": database " + source.database() + " at " + source.host() + ":" + source.port()
                        + " has no such table, or the user may not see it");
            }
            Optional<String> tableComment = Optional.ofNullable((String) tables.get(0).get("table_comment"));
            Map<String, String> columns = new LinkedHashMap<>();
            h.createQuery("SELECT COLUMN_NAME, COLUMN_COMMENT FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?")
                    .bind(0, source.database()).bind(1, table).mapToMap().forEach(r -> {
                        String comment = (String) r.get("column_comment");
                        if (comment != null && !comment.isBlank()) {
                            columns.put(((String) r.get("column_name")).toLowerCase(Locale.ROOT), comment.trim());
                        }
                    });
            return new Comments(tableComment.map(String::trim).filter(s -> !s.isEmpty()), columns);
        } catch (org.jdbi.v3.core.ConnectionException e) {
            throw e.getCause() instanceof java.sql.SQLException s ? source.failure("connect to", s) : e;
        } catch (org.jdbi.v3.core.statement.UnableToExecuteStatementException e) {
            throw e.getCause() instanceof java.sql.SQLException s ? source.failure("describe table " + table + " on", s) : e;
        }
    }

    private static int indexOfIgnoringCase(List<String> names, String name) {
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }
}
