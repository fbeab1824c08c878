package io.meshkit.linter.internal;

import io.meshkit.core.contract.Column;
import io.meshkit.core.contract.Contract;
import io.meshkit.core.contract.Dataset;
import io.meshkit.core.type.DataType;
import io.meshkit.linter.api.Change;
import io.meshkit.linter.api.Rules;
import io.meshkit.linter.api.Severity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compares a contract with its previous version: every difference of datasets and columns is a changelog line;
 * the breaking ones are findings too, errors unless the major version went up.
 */
final class BreakingChanges {
    private static final Pattern SEMVER = Pattern.compile("v?(\\d+)(?:\\.(\\d+))?(?:\\.(\\d+))?.*");

    private final Contract base;
    private final Contract cur;
    private final Locator loc;
    private final Sink sink;
    private final boolean majorBumped;
    final List<Change> changes = new ArrayList<>();

    BreakingChanges(Contract base, Contract cur, Locator loc, Sink sink) {
        this.base = base;
        this.cur = cur;
        this.loc = loc;
        this.sink = sink;
        int[] from = version(base.version());
        int[] to = version(cur.version());
        this.majorBumped = from != null && to != null && to[0] > from[0];
    }

    /** {@code [major, minor, patch]}, or null when the version is not numeric. */
    static int[] version(String v) {
        Matcher m = SEMVER.matcher(v == null ? "" : v.trim());
        if (!m.matches()) {
            return null;
        }
        try {
            return new int[] {Integer.parseInt(m.group(1)), m.group(2) == null ? 0 : Integer.parseInt(m.group(2)),
                    m.group(3) == null ? 0 : Integer.parseInt(m.group(3))};
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static int compareVersions(int[] a, int[] b) {
        for (int i = 0; i < 3; i++) {
            int c = Integer.compare(a[i], b[i]);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    void compare() {
        Map<String, Integer> curIndex = new HashMap<>();
        for (int i = 0; i < cur.datasets().size(); i++) {
            curIndex.put(cur.datasets().get(i).name(), i);
        }
        Set<Integer> matched = new HashSet<>();
        List<Dataset> gone = new ArrayList<>();
        for (Dataset b : base.datasets()) {
            Integer i = curIndex.get(b.name());
            if (i == null) {
                gone.add(b);
                continue;
            }
            matched.add(i);
            Dataset c = cur.datasets().get(i);
            if (!b.tableName().equalsIgnoreCase(c.tableName())) {
                breaking(Rules.BREAKING_DATASET_RENAMED, loc.first(Locator.dataset(i) + "/physicalName",
                        Locator.dataset(i) + "/name"), c.name(), null, "the table of dataset " + c.name() + " was renamed from "
                        + b.tableName() + " to " + c.tableName());
            }
            columns(b, c, i);
        }
        for (Dataset b : gone) {
            int best = -1;
            int bestShared = 0;
            for (int i = 0; i < cur.datasets().size(); i++) {
                if (matched.contains(i)) {
                    continue;
                }
                int shared = 0;
                for (Column col : b.columns()) {
                    if (cur.datasets().get(i).column(col.name()).isPresent()) {
                        shared++;
                    }
                }
                if (shared > bestShared && shared * 2 >= b.columns().size()) {
                    best = i;
                    bestShared = shared;
                }
            }
            if (best >= 0) {
                matched.add(best);
                Dataset c = cur.datasets().get(best);
                breaking(Rules.BREAKING_DATASET_RENAMED, loc.at(Locator.dataset(best) + "/name"), c.name(), null,
                        "dataset " + b.name() + " was renamed to " + c.name());
                columns(b, c, best);
            } else {
                breaking(Rules.BREAKING_DATASET_REMOVED, loc.key("/schema"), b.name(), null,
                        "dataset " + b.name() + " was removed");
            }
        }
        for (int i = 0; i < cur.datasets().size(); i++) {
            if (!matched.contains(i)) {
                compatible("dataset " + cur.datasets().get(i).name() + " added");
            }
        }
        if (!changes.isEmpty()) {
            int[] from = version(base.version());
            int[] to = version(cur.version());
            if (from == null || to == null || compareVersions(to, from) <= 0) {
                sink.add(Rules.VERSION_BUMP, loc.at("/version"), null, null, "the schema changed since " + base.version()
                        + " but the version is " + cur.version() + ": raise it (major for breaking changes, minor otherwise)");
            }
        }
    }

    private void columns(Dataset b, Dataset c, int di) {
        String dp = Locator.dataset(di);
        List<Column> removed = new ArrayList<>();
        for (Column col : b.columns()) {
            if (c.column(col.name()).isEmpty()) {
                removed.add(col);
            }
        }
        List<Integer> added = new ArrayList<>();
        for (int j = 0; j < c.columns().size(); j++) {
            if (b.column(c.columns().get(j).name()).isEmpty()) {
                added.add(j);
            }
        }
        // a rename is what the contract declares (meshkit.renamedFrom on the new column), never a guess
        Map<String, String> renames = new HashMap<>();
        List<int[]> renamedPairs = new ArrayList<>();
        for (Column r : removed) {
            Integer pick = null;
            for (Integer j : added) {
                if (c.columns().get(j).renamedFrom().map(from -> from.equalsIgnoreCase(r.name())).orElse(false)) {
                    pick = j;
                    break;
                }
            }
            if (pick != null) {
                added.remove(pick);
                Column a = c.columns().get(pick);
                renames.put(r.name(), a.name());
                renamedPairs.add(new int[] {b.columns().indexOf(r), pick});
                breaking(Rules.BREAKING_COLUMN_RENAMED, loc.first(Locator.column(di, pick) + "/customProperties",
                        Locator.column(di, pick) + "/name"), c.name(), a.name(), "column " + c.name() + "." + r.name()
                        + " was renamed to " + a.name() + " (declared by meshkit.renamedFrom)");
            } else {
                breaking(Rules.BREAKING_COLUMN_REMOVED, loc.key(dp + "/properties"), c.name(), null,
                        "column " + c.name() + "." + r.name() + " was removed");
            }
        }
        for (int[] pair : renamedPairs) {
            typeChange(c, di, pair[1], b.columns().get(pair[0]), c.columns().get(pair[1]));
        }
        for (Integer j : added) {
            Column a = c.columns().get(j);
            String cp = Locator.column(di, j);
            if (a.required()) {
                breaking(Rules.BREAKING_REQUIRED_ADDED, loc.first(cp + "/required", cp + "/name"), c.name(), a.name(),
                        "required column " + c.name() + "." + a.name() + " was added: rows written for the previous"
                                + " version have no value for it (add it as optional first)");
            } else {
                compatible("column " + c.name() + "." + a.name() + " added (optional)");
            }
        }
        for (int j = 0; j < c.columns().size(); j++) {
            Column now = c.columns().get(j);
            Column was = b.column(now.name()).orElse(null);
            if (was == null) {
                continue;
            }
            typeChange(c, di, j, was, now);
            if (was.required() != now.required()) {
                compatible("column " + c.name() + "." + now.name() + (now.required() ? " is now required" : " is now optional"));
            }
        }
        List<String> oldKey = b.primaryKey().stream().map(k -> renames.getOrDefault(k.name(), k.name())).toList();
        List<String> newKey = c.primaryKey().stream().map(Column::name).toList();
        if (!oldKey.equals(newKey)) {
            breaking(Rules.BREAKING_PRIMARY_KEY_CHANGED, loc.at(dp + "/name"), c.name(), null, "the primary key of "
                    + c.name() + " changed from (" + String.join(", ", b.primaryKey().stream().map(Column::name).toList())
                    + ") to (" + String.join(", ", newKey) + ")");
        }
    }

    private void typeChange(Dataset c, int di, int j, Column was, Column now) {
        if (was.physicalType().equals(now.physicalType())) {
            return;
        }
        String cp = Locator.column(di, j);
        if (widens(was.physicalType(), now.physicalType())) {
            compatible("column " + c.name() + "." + now.name() + " widened from " + was.physicalType() + " to "
                    + now.physicalType());
        } else {
            String kind = now.physicalType().widensTo(was.physicalType()) ? " narrowed from " : " changed type from ";
            breaking(Rules.BREAKING_TYPE_CHANGED, loc.first(cp + "/physicalType", cp + "/logicalType", cp + "/name"),
                    c.name(), now.name(), "column " + c.name() + "." + now.name() + kind + was.physicalType() + " to "
                            + now.physicalType());
        }
    }

    /** Whether every value of {@code from} is a value of {@code to} ({@link DataType#widensTo}). */
    static boolean widens(DataType from, DataType to) {
        return from.widensTo(to);
    }

    private void breaking(String rule, io.meshkit.core.contract.SourceLocation at, String dataset, String column,
            String what) {
        changes.add(new Change(cur.id(), loc.path(), base.version(), cur.version(), true, rule, what));
        Severity s = sink.conventions().severity(rule);
        if (s == Severity.OFF) {
            return;
        }
        if (majorBumped) {
            sink.add(rule, Severity.NOTE, at, dataset, column, what + " (allowed: the major version went up from "
                    + base.version() + " to " + cur.version() + ")");
        } else {
            sink.add(rule, s, at, dataset, column, what + ": a breaking change for consumers; raise the major version"
                    + " (now " + cur.version() + ", was " + base.version() + ") or keep it compatible");
        }
    }

    private void compatible(String what) {
        changes.add(new Change(cur.id(), loc.path(), base.version(), cur.version(), false, null, what));
    }
}
