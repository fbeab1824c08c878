package io.meshkit.linter.internal;

import io.meshkit.core.contract.Column;
import io.meshkit.core.contract.Contract;
import io.meshkit.core.contract.Dataset;
import io.meshkit.core.contract.DatasetKind;
import io.meshkit.core.contract.DeletesMode;
import io.meshkit.core.contract.Scd2Shape;
import io.meshkit.core.type.DataType;
import io.meshkit.core.type.LogicalType;
import io.meshkit.linter.api.Conventions;
import io.meshkit.linter.api.Conventions.GlossaryTerm;
import io.meshkit.linter.api.Conventions.TypePattern;
import io.meshkit.linter.api.Rules;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The convention rules that look at one contract alone: naming, typing, glossary, metadata and shape. */
final class ContractRules {
    private static final Map<String, DataType.Kind> SCD2_COLUMNS = Map.of(
            Scd2Shape.VALID_FROM.name(), DataType.Kind.TIMESTAMP,
            Scd2Shape.VALID_TO.name(), DataType.Kind.TIMESTAMP,
            Scd2Shape.IS_CURRENT.name(), DataType.Kind.BOOLEAN,
            Scd2Shape.IS_DELETED.name(), DataType.Kind.BOOLEAN);

    private final Conventions conv;
    private final Locator loc;
    private final Sink sink;

    ContractRules(Locator loc, Sink sink) {
        this.conv = sink.conventions();
        this.loc = loc;
        this.sink = sink;
    }

    void check(Contract c) {
        contractMetadata(c);
        for (int i = 0; i < c.datasets().size(); i++) {
            Dataset d = c.datasets().get(i);
            String dp = Locator.dataset(i);
            // the name that goes to SQL is the one held to the conventions, once: the physicalName when there is one
            if (d.physicalName() != null) {
                name("dataset physicalName", d.physicalName(), d.name(), null, dp + "/physicalName");
            } else {
                name("dataset", d.name(), d.name(), null, dp + "/name");
            }
            if (blank(d.description())) {
                sink.add(Rules.META_DATASET_DESCRIPTION, loc.at(dp + "/name"), d.name(), null,
                        "dataset " + d.name() + " has no description: say what one row is and what it is for");
            }
            primaryKey(d, dp);
            shape(d, dp);
            for (int j = 0; j < d.columns().size(); j++) {
                column(d, d.columns().get(j), Locator.column(i, j), d.columns().get(j).name());
            }
        }
    }

    private void contractMetadata(Contract c) {
        boolean noTeam = c.team() == null || blank(c.team().name()) && c.team().members().isEmpty();
        if (noTeam) {
            sink.add(Rules.META_OWNER, loc.first("/team", "/id"), null, null,
                    "contract " + c.id() + " names no owning team: add team with a name and its members");
        }
        if (c.status() != null && conv.publishedStatuses().contains(c.status().toLowerCase(Locale.ROOT))
                && c.sla().maxDataAge().isEmpty()) {
            sink.add(Rules.META_FRESHNESS_SLA, loc.first("/slaProperties", "/status"), null, null,
                    "contract " + c.id() + " is " + c.status() + " but has no freshness SLA: add slaProperties"
                            + " latency (or freshness) with a value and unit");
        }
    }

    private void name(String what, String name, String dataset, String column, String pointer) {
        var at = loc.at(pointer);
        String label = column == null ? name : dataset + "." + name;
        if (!conv.namePattern().matcher(name).matches()) {
            sink.add(Rules.NAMING_CASE, at, dataset, column, what + " " + label + " is not snake_case (naming.pattern "
                    + conv.namePattern().pattern() + ")" + snakeHint(name));
        }
        if (conv.reserved().contains(name.toLowerCase(Locale.ROOT))) {
            sink.add(Rules.NAMING_RESERVED, at, dataset, column, what + " " + label
                    + " is an SQL reserved word: every query would have to quote it");
        }
        if (name.length() > conv.maxNameLength()) {
            sink.add(Rules.NAMING_LENGTH, at, dataset, column, what + " " + label + " is " + name.length()
                    + " characters long (at most " + conv.maxNameLength() + ")");
        }
    }

    private static String snakeHint(String name) {
        String s = name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").replaceAll("[^A-Za-z0-9]+", "_")
                .replaceAll("_+", "_").replaceAll("^_|_$", "").toLowerCase(Locale.ROOT);
        return s.isEmpty() || s.equals(name) ? "" : ": use " + s;
    }

    /**
     * A column and, for nested data, its nested properties and items, each checked once at its own node;
     * {@code path} names it in messages ({@code device.screen.width}).
     */
    private void column(Dataset d, Column col, String cp, String path) {
        if (col.name() != null) {
            String name = col.name();
            if (col.physicalName() != null) {
                name("column physicalName", col.physicalName(), d.name(), path, cp + "/physicalName");
            } else {
                name("column", name, d.name(), path, cp + "/name");
            }
            typeByName(d, col, cp, path);
            glossary(d, col, cp, path);
            if (blank(col.description())) {
                sink.add(Rules.META_COLUMN_DESCRIPTION, loc.at(cp + "/name"), d.name(), path,
                        "column " + d.name() + "." + path + " has no description");
            }
            if (blank(col.classification()) && looksPersonal(name)) {
                sink.add(Rules.META_PERSONAL_DATA, loc.at(cp + "/name"), d.name(), path,
                        "column " + d.name() + "." + path + " looks like personal data but has no classification:"
                                + " add classification: pii (or restricted, or public if it is not personal)");
            }
        }
        for (int k = 0; k < col.properties().size(); k++) {
            Column nested = col.properties().get(k);
            column(d, nested, cp + "/properties/" + k, path + "." + nested.name());
        }
        if (col.items() != null) {
            Column items = col.items();
            for (int k = 0; k < items.properties().size(); k++) {
                Column nested = items.properties().get(k);
                column(d, nested, cp + "/items/properties/" + k, path + "[]." + nested.name());
            }
        }
    }

    /**
     * An identifier's name: a stem and an id or key suffix ({@code emailaddressid}, {@code email_address_id},
     * {@code emailAddressId}, {@code contact_key}). Group 1 is the stem.
     */
    private static final Pattern IDENTIFIER = Pattern.compile("(.+?)(?:_?id|_key|_sk|_uuid|_guid)", Pattern.CASE_INSENSITIVE);

    /**
     * Whether a column name matches a personal-data pattern. The key of a table named after personal
     * data ({@code emailaddress.emailaddressid}) is not personal by its name: a name that is a stem and
     * an id suffix counts only when a pattern needs the suffix to match ({@code national_id}), not when
     * the stem alone matches ({@code *email*}).
     */
    private boolean looksPersonal(String name) {
        Matcher id = IDENTIFIER.matcher(name);
        String stem = id.matches() ? id.group(1) : null;
        for (Pattern p : conv.personalData()) {
            if (p.matcher(name).matches() && (stem == null || !p.matcher(stem).matches())) {
                return true;
            }
        }
        return false;
    }

    /** The first type pattern that matches a name, or -1. */
    static int typePattern(Conventions conv, String name) {
        for (int i = 0; i < conv.types().size(); i++) {
            if (conv.types().get(i).matches(name)) {
                return i;
            }
        }
        return -1;
    }

    private void typeByName(Dataset d, Column col, String cp, String path) {
        int i = typePattern(conv, col.name());
        if (i < 0) {
            return;
        }
        TypePattern t = conv.types().get(i);
        LogicalType actual = col.logicalType();
        if (!t.expected().contains(actual)) {
            String expected = t.expected().stream().map(LogicalType::odcsName).sorted().collect(Collectors.joining(" or "));
            sink.add(Rules.TYPE_BY_NAME, loc.first(cp + "/logicalType", cp + "/physicalType", cp + "/name"), d.name(),
                    path, "column " + d.name() + "." + path + " is " + article(actual.odcsName()) + ", but names"
                            + " matching " + t.glob() + " are " + expected + ": change the type or the name");
        }
    }

    private static String article(String word) {
        return ("aeiou".indexOf(word.charAt(0)) >= 0 ? "an " : "a ") + word;
    }

    private void glossary(Dataset d, Column col, String cp, String path) {
        String name = col.name().toLowerCase(Locale.ROOT);
        Set<String> canonical = conv.glossary().stream().map(GlossaryTerm::name).collect(Collectors.toSet());
        if (canonical.contains(name)) {
            return;
        }
        for (GlossaryTerm g : conv.glossary()) {
            for (String alias : g.aliases()) {
                if (alias.equalsIgnoreCase(name)) {
                    sink.add(Rules.GLOSSARY_ALIAS, loc.at(cp + "/name"), d.name(), path, "column " + d.name() + "."
                            + path + ": use the glossary name " + g.name() + " (" + col.name()
                            + " is a forbidden alias of it)");
                    return;
                }
            }
        }
        nearMiss(name).ifPresent(g -> sink.add(Rules.GLOSSARY_NEAR_MISS, loc.at(cp + "/name"), d.name(), path,
                "column " + d.name() + "." + path + " is close to the glossary name " + g
                        + ": did you mean " + g + "?"));
    }

    private Optional<String> nearMiss(String name) {
        String flat = name.replace("_", "");
        int pattern = typePattern(conv, name);
        for (GlossaryTerm g : conv.glossary()) {
            String target = g.name().toLowerCase(Locale.ROOT);
            if (flat.equals(target.replace("_", ""))) {
                return Optional.of(g.name());
            }
            if (name.length() < 5 || typePattern(conv, target) != pattern) {
                continue; // user_ip is not a misspelt user_id: the suffix says it is something else
            }
            int max = name.length() >= 10 ? 2 : 1;
            if (Names.distance(name, target) <= max) {
                return Optional.of(g.name());
            }
        }
        return Optional.empty();
    }

    private void primaryKey(Dataset d, String dp) {
        if (!d.primaryKey().isEmpty()) {
            return;
        }
        if (d.kind() != null && conv.primaryKeyRequiredFor().contains(d.kind())) {
            sink.add(Rules.META_PRIMARY_KEY, loc.at(dp + "/name"), d.name(), null, "dataset " + d.name() + " is a "
                    + d.kind().odcsName() + " but declares no primary key: mark its key columns with primaryKey: true");
            return;
        }
        if (d.kind() == DatasetKind.FACT) {
            String singular = d.name().endsWith("s") ? d.name().substring(0, d.name().length() - 1) : d.name();
            for (Column c : d.columns()) {
                if (c.unique() || c.name().equals("id") || c.name().equals(singular + "_id")) {
                    sink.add(Rules.META_PRIMARY_KEY, loc.at(dp + "/name"), d.name(), null, "dataset " + d.name()
                            + " has a key candidate " + c.name() + " but declares no primary key: mark it with"
                            + " primaryKey: true");
                    return;
                }
            }
        }
    }

    private void shape(Dataset d, String dp) {
        int index = -1;
        for (Column c : d.columns()) {
            index++;
            DataType.Kind want = SCD2_COLUMNS.get(c.name());
            if (want == null || d.kind() != DatasetKind.DIMENSION) {
                continue;
            }
            String cp = dp + "/properties/" + index;
            if (c.physicalType().kind() != want) {
                sink.add(Rules.SHAPE_SCD2, loc.first(cp + "/logicalType", cp + "/physicalType", cp + "/name"), d.name(),
                        c.name(), "dimension " + d.name() + ": " + c.name() + " must be " + want + ", not "
                                + c.physicalType());
            }
            if (c.primaryKey()) {
                sink.add(Rules.SHAPE_SCD2, loc.first(cp + "/primaryKey", cp + "/name"), d.name(), c.name(),
                        "dimension " + d.name() + ": " + c.name() + " is an SCD2 column, not part of the entity key"
                                + " (meshkit keys versions by key and valid_from itself)");
            }
            if (c.name().equals(Scd2Shape.IS_DELETED.name()) && d.deletes() != DeletesMode.TOMBSTONE) {
                sink.add(Rules.SHAPE_SCD2, loc.at(cp + "/name"), d.name(), c.name(), "dimension " + d.name()
                        + " declares is_deleted but not meshkit.deletes: tombstone, so no version ever sets it");
            }
        }
        if (d.samplingKey().isEmpty()) {
            if (d.kind() != null && conv.samplingKeyRequiredFor().contains(d.kind())) {
                sink.add(Rules.SAMPLING_KEY_MISSING, loc.at(dp + "/name"), d.name(), null, "dataset " + d.name()
                        + " is a " + d.kind().odcsName() + " without meshkit.samplingKey: name the entity column"
                        + " (e.g. user_id) to sample by" + candidates(d));
            }
            return;
        }
        String key = d.samplingKey().get().name();
        Optional<Column> col = d.columns().stream()
                .filter(c -> c.name().equalsIgnoreCase(key) || c.columnName().name().equalsIgnoreCase(key)).findFirst();
        if (col.isEmpty()) {
            return; // the reader reports a sampling key that is not a column
        }
        Column c = col.get();
        boolean typeOk = c.logicalType() == LogicalType.INTEGER || c.logicalType() == LogicalType.STRING;
        if (!typeOk || !c.required()) {
            String setting = loc.customProperty(dp, "meshkit.samplingKey");
            sink.add(Rules.SAMPLING_KEY_SHAPE, setting != null ? loc.at(setting) : loc.at(dp + "/name"), d.name(), null,
                    "dataset " + d.name() + ": sampling key " + c.name() + " is not key-like: it must be a required"
                            + " integer or string column" + (typeOk ? " (add required: true)" : ", not "
                            + article(c.logicalType().odcsName())));
        }
    }

    private String candidates(Dataset d) {
        Set<String> ids = new TreeSet<>();
        for (Column c : d.columns()) {
            if (c.name().endsWith("_id") && !c.primaryKey()
                    && (c.logicalType() == LogicalType.INTEGER || c.logicalType() == LogicalType.STRING)) {
                ids.add(c.name());
            }
        }
        return ids.isEmpty() ? "" : "; candidates: " + String.join(", ", ids);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
