package io.meshkit.differ.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Renders a {@link DiffResult} as text, JSON or a Markdown pull-request comment. */
public final class DiffReport {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private DiffReport() {}

    /** The hidden marker that identifies meshkit's comment for one pair of tables on a pull request. */
    public static String marker(DiffResult r) {
        return "<!-- meshkit-diff " + r.candidate() + " vs " + r.production() + " -->";
    }

    // ---- text ----

    /** Readable text for a terminal. */
    public static String text(DiffResult r, List<String> violations) {
        StringBuilder b = new StringBuilder();
        b.append("diff ").append(r.candidate()).append(" against ").append(r.production()).append(r.isDimension() ? " (dimensions, key " : " (key ")
                .append(String.join(", ", r.key())).append(r.method().equals("warehouse") ? ", in the warehouse" : ", across databases by segments")
                .append(r.sampleRate() == null ? "" : ", sample " + pct(r.sampleRate() * 100)).append(")\n");
        if (r.isDimension()) {
            b.append("current state: the live versions (is_current, not is_deleted) by ").append(String.join(", ", r.key())).append('\n');
        }
        b.append("rows: production ").append(r.productionRows()).append(", candidate ").append(r.candidateRows());
        if (r.leftOutRows()) {
            b.append(" (compared ").append(r.productionComparedRows()).append(" and ").append(r.candidateComparedRows())
                    .append(": the rows of duplicated keys are left out)");
        }
        b.append('\n');
        b.append("keys: ").append(r.added()).append(" added, ").append(r.removed()).append(" removed, ")
                .append(r.changed()).append(" changed, ").append(r.unchanged()).append(" unchanged\n");
        if (r.isDimension() && r.added() + r.removed() > 0) {
            DimensionDiff d = r.dimension();
            b.append("  added: ").append(d.newKeys().count()).append(" new, ").append(d.returnedKeys().count())
                    .append(" back after a delete; removed: ").append(d.deletedKeys().count()).append(" deleted, ")
                    .append(d.droppedKeys().count()).append(" dropped (no version left in the candidate)\n");
        }
        schemaLines(r).forEach(l -> b.append("schema: ").append(l).append('\n'));
        dup(b, "production", r.productionDuplicates());
        dup(b, "candidate", r.candidateDuplicates());
        if (!r.columns().isEmpty()) {
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"column", "changed", "nulls before", "nulls after", "mean before", "mean after"});
            for (ColumnDiff c : r.columns()) {
                rows.add(new String[] {c.name() + (c.masked() ? " (pii)" : "") + columnSuffix(c),
                        String.valueOf(c.changedRows()),
                        nullRate(c.production()), nullRate(c.candidate()), mean(c.production()), mean(c.candidate())});
            }
            table(b, rows);
        }
        for (ColumnDiff c : r.columns()) {
            for (ValueExample e : c.examples()) {
                b.append("  ").append(c.name()).append(" at ").append(key(r, e.key())).append(": ")
                        .append(shown(e.before())).append(" -> ").append(shown(e.after())).append('\n');
            }
        }
        if (r.isDimension()) {
            DimensionDiff d = r.dimension();
            d.newKeys().examples().forEach(k -> b.append("  added ").append(key(r, k)).append(" (new)\n"));
            d.returnedKeys().examples().forEach(k -> b.append("  added ").append(key(r, k)).append(" (back after a delete)\n"));
            d.deletedKeys().examples().forEach(k -> b.append("  removed ").append(key(r, k)).append(" (deleted)\n"));
            d.droppedKeys().examples().forEach(k -> b.append("  removed ").append(key(r, k)).append(" (dropped: no version left)\n"));
            history(b, r);
        } else {
            r.addedExamples().forEach(k -> b.append("  added ").append(key(r, k)).append('\n'));
            r.removedExamples().forEach(k -> b.append("  removed ").append(key(r, k)).append('\n'));
        }
        b.append(violations.isEmpty() ? "expectation: met" : "expectation: NOT met: " + String.join("; ", violations)).append('\n');
        return b.toString();
    }

    /** The histories of two dimensions: the versions compared by (key, valid_from), then the keys whose history differs. */
    private static void history(StringBuilder b, DiffResult r) {
        DimensionDiff d = r.dimension();
        b.append("history: every version by ").append(String.join(", ", r.key())).append(", valid_from\n");
        b.append("versions: production ").append(d.productionVersions()).append(", candidate ").append(d.candidateVersions())
                .append(": ").append(d.versionsAdded()).append(" added, ").append(d.versionsRemoved()).append(" removed, ")
                .append(d.versionsChanged()).append(" changed, ").append(d.versionsUnchanged()).append(" unchanged\n");
        b.append("keys: ").append(d.keysWithChangedHistory()).append(" of ").append(d.keys()).append(" with a changed history\n");
        for (DimensionDiff.KeyHistory h : d.histories()) {
            b.append("  ").append(key(r, h.key())).append(": ").append(historyLine(h)).append('\n');
        }
    }

    /** {@code 2 -> 3 versions (1 added, 1 changed)}. */
    private static String historyLine(DimensionDiff.KeyHistory h) {
        List<String> parts = new ArrayList<>();
        if (h.added() > 0) {
            parts.add(h.added() + " added");
        }
        if (h.removed() > 0) {
            parts.add(h.removed() + " removed");
        }
        if (h.changed() > 0) {
            parts.add(h.changed() + " changed");
        }
        return h.productionVersions() + " -> " + h.candidateVersions() + (h.candidateVersions() == 1 ? " version (" : " versions (")
                + String.join(", ", parts) + ")";
    }

    /** A value with its edges visible: quoted when empty or when spaces surround it. */
    private static String shown(String v) {
        return v.isEmpty() || !v.strip().equals(v) ? "'" + v + "'" : v;
    }

    private static void dup(StringBuilder b, String side, Duplicates d) {
        if (d.keys() > 0) {
            b.append("duplicates: ").append(d.keys()).append(" key(s) occur more than once in ").append(side)
                    .append(" (").append(d.rows()).append(" rows) and were left out of the comparison");
            if (!d.examples().isEmpty()) {
                b.append(", e.g. ").append(String.join("; ", d.examples().stream().map(k -> String.join(", ", k)).toList()));
            }
            b.append('\n');
        }
    }

    private static void table(StringBuilder b, List<String[]> rows) {
        int[] w = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                w[i] = Math.max(w[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder(" ");
            for (int i = 0; i < row.length; i++) {
                line.append(' ').append(i == 0 ? pad(row[i], w[i]) : lpad(row[i], w[i]));
            }
            b.append(line.toString().stripTrailing()).append('\n');
        }
    }

    private static String pad(String s, int w) {
        return s + " ".repeat(w - s.length());
    }

    private static String lpad(String s, int w) {
        return " ".repeat(w - s.length()) + s;
    }

    /**
     * The schema changes, with the rows that gained (an added column) or lost (a removed one) a value where the diff
     * compared them; a renamed column is one change, its values compared under the new name.
     */
    private static List<String> schemaLines(DiffResult r) {
        SchemaDiff s = r.schema();
        List<String> out = new ArrayList<>();
        s.added().forEach(c -> out.add("+ " + c + " (added)" + valueChanges(r, c, "gained")));
        s.removed().forEach(c -> out.add("- " + c + " (removed)" + valueChanges(r, c, "lost")));
        s.renamed().forEach(n -> out.add("renamed " + n.from() + " -> " + n.to()));
        s.retyped().forEach(t -> out.add("~ " + t.column() + " " + t.from() + " -> " + t.to()));
        return out;
    }

    private static String valueChanges(DiffResult r, String column, String verb) {
        return r.columns().stream().filter(c -> c.name().equals(column) && (c.added() || c.removed())).findFirst()
                .map(c -> ", " + c.changedRows() + (c.changedRows() == 1 ? " row " : " rows ") + verb + " a value")
                .orElse("");
    }

    private static String columnSuffix(ColumnDiff c) {
        return c.added() ? " (added)" : c.removed() ? " (removed)" : c.renamed() ? " (renamed from " + c.renamedFrom() + ")" : "";
    }

    private static String key(DiffResult r, List<String> values) {
        if (values.size() == 1) {
            return r.key().get(0) + "=" + values.get(0);
        }
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            parts.add(r.key().get(i) + "=" + values.get(i));
        }
        return "(" + String.join(", ", parts) + ")";
    }

    private static String nullRate(SideStats s) {
        return s == null ? "" : pct(s.nullRate() * 100);
    }

    private static String mean(SideStats s) {
        return s == null || s.mean() == null ? "" : round(s.mean());
    }

    private static String round(BigDecimal d) {
        BigDecimal r = d.abs().compareTo(BigDecimal.valueOf(1000)) >= 0 ? d.setScale(1, RoundingMode.HALF_EVEN) : d.setScale(4, RoundingMode.HALF_EVEN);
        return r.stripTrailingZeros().toPlainString();
    }

    private static String pct(double p) {
        return String.format(Locale.ROOT, "%.2f%%", p);
    }

    // ---- markdown ----

    /** A pull-request comment: a summary table on top, per-column details collapsed. */
    public static String markdown(DiffResult r, List<String> violations) {
        StringBuilder b = new StringBuilder();
        b.append(marker(r)).append('\n');
        b.append("### ").append(violations.isEmpty() ? (r.hasDifferences() ? "📊" : "✅") : "❌")
                .append(" Data diff: `").append(r.candidate()).append("` vs `").append(r.production()).append("`\n\n");
        b.append("| | production | candidate |\n|---|---:|---:|\n");
        b.append("| rows | ").append(r.productionRows()).append(" | ").append(r.candidateRows()).append(" |\n");
        if (r.leftOutRows()) {
            b.append("| rows of duplicated keys | ").append(r.productionDuplicates().rows()).append(" | ")
                    .append(r.candidateDuplicates().rows()).append(" |\n");
            b.append("| rows compared | ").append(r.productionComparedRows()).append(" | ").append(r.candidateComparedRows()).append(" |\n");
        }
        b.append('\n');
        b.append("| added | removed | changed | unchanged |\n|---:|---:|---:|---:|\n");
        b.append("| ").append(r.added()).append(" | ").append(r.removed()).append(" | ").append(r.changed()).append(" | ")
                .append(r.unchanged()).append(" |\n\n");
        if (r.isDimension()) {
            b.append("Dimensions: the current state (the live versions: `is_current`, not `is_deleted`) by key; the history below.\n\n");
        }
        b.append("Key `").append(String.join("`, `", r.key())).append('`')
                .append(r.sampleRate() == null ? "" : "; sample " + pct(r.sampleRate() * 100) + " of keys")
                .append(r.method().equals("warehouse") ? "" : "; compared across databases by segments").append(".\n\n");
        if (!violations.isEmpty()) {
            b.append("**Expectation not met:** ").append(String.join("; ", violations)).append("\n\n");
        }
        List<String> schema = schemaLines(r);
        if (!schema.isEmpty()) {
            b.append("**Schema:** ").append(String.join(", ", schema.stream().map(s -> "`" + s + "`").toList())).append("\n\n");
        }
        mdDup(b, "production", r.productionDuplicates());
        mdDup(b, "candidate", r.candidateDuplicates());
        if (!r.columns().isEmpty()) {
            b.append("| column | changed | nulls before | nulls after | mean before | mean after |\n|---|---:|---:|---:|---:|---:|\n");
            for (ColumnDiff c : r.columns()) {
                b.append("| `").append(c.name()).append('`').append(c.masked() ? " 🔒" : "").append(columnSuffix(c)).append(" | ").append(c.changedRows())
                        .append(" | ").append(nullRate(c.production())).append(" | ").append(nullRate(c.candidate()))
                        .append(" | ").append(mean(c.production())).append(" | ").append(mean(c.candidate())).append(" |\n");
            }
            b.append('\n');
        }
        for (ColumnDiff c : r.columns()) {
            if (c.changedRows() == 0) {
                continue;
            }
            b.append("<details><summary><code>").append(html(c.name())).append("</code>: ").append(c.changedRows())
                    .append(c.added() ? " gained a value" : c.removed() ? " lost a value" : " changed").append("</summary>\n\n");
            b.append("| key | before | after |\n|---|---|---|\n");
            for (ValueExample e : c.examples()) {
                b.append("| ").append(cell(String.join(", ", e.key()))).append(" | ").append(cell(e.before())).append(" | ")
                        .append(cell(e.after())).append(" |\n");
            }
            SideStats before = c.production();
            SideStats after = c.candidate();
            SideStats only = before == null ? after : after == null ? before : null;
            if (only != null && only.sum() != null) {
                // a column on one side only: its own profile
                b.append("\n").append("sum ").append(number(only, SideStats::sum)).append(", min ").append(number(only, SideStats::min))
                        .append(", max ").append(number(only, SideStats::max)).append('\n');
            } else if (only == null && before.sum() != null) {
                b.append("\n").append("sum ").append(number(before, SideStats::sum)).append(" → ").append(number(after, SideStats::sum))
                        .append(", min ").append(number(before, SideStats::min)).append(" → ").append(number(after, SideStats::min))
                        .append(", max ").append(number(before, SideStats::max)).append(" → ").append(number(after, SideStats::max))
                        .append('\n');
            }
            b.append("\n</details>\n");
        }
        if (r.isDimension()) {
            DimensionDiff d = r.dimension();
            keysDetails(b, "added", "new", d.newKeys());
            keysDetails(b, "added", "back after a delete", d.returnedKeys());
            keysDetails(b, "removed", "deleted", d.deletedKeys());
            keysDetails(b, "removed", "dropped: no version left in the candidate", d.droppedKeys());
            b.append("\n#### History\n\nEvery version, by `").append(String.join("`, `", r.key())).append("`, `valid_from`.\n\n");
            b.append("| | production | candidate |\n|---|---:|---:|\n");
            b.append("| versions | ").append(d.productionVersions()).append(" | ").append(d.candidateVersions()).append(" |\n\n");
            b.append("| versions added | removed | changed | unchanged | keys with a changed history |\n|---:|---:|---:|---:|---:|\n");
            b.append("| ").append(d.versionsAdded()).append(" | ").append(d.versionsRemoved()).append(" | ").append(d.versionsChanged())
                    .append(" | ").append(d.versionsUnchanged()).append(" | ").append(d.keysWithChangedHistory()).append(" of ")
                    .append(d.keys()).append(" |\n");
            if (!d.histories().isEmpty()) {
                b.append("\n<details><summary>").append(d.keysWithChangedHistory()).append(d.keysWithChangedHistory() == 1 ? " key" : " keys")
                        .append(" with a changed history</summary>\n\n| key | versions before | versions after | added | removed | changed |\n"
                                + "|---|---:|---:|---:|---:|---:|\n");
                for (DimensionDiff.KeyHistory h : d.histories()) {
                    b.append("| ").append(cell(String.join(", ", h.key()))).append(" | ").append(h.productionVersions()).append(" | ")
                            .append(h.candidateVersions()).append(" | ").append(h.added()).append(" | ").append(h.removed())
                            .append(" | ").append(h.changed()).append(" |\n");
                }
                b.append("\n</details>\n");
            }
        } else {
            keysDetails(b, "added", r.added(), r.addedExamples());
            keysDetails(b, "removed", r.removed(), r.removedExamples());
        }
        return b.toString();
    }

    private static String number(SideStats s, java.util.function.Function<SideStats, BigDecimal> field) {
        return s == null || field.apply(s) == null ? "" : round(field.apply(s));
    }

    private static void mdDup(StringBuilder b, String side, Duplicates d) {
        if (d.keys() > 0) {
            b.append("**Duplicate keys in ").append(side).append(":** ").append(d.keys()).append(" (").append(d.rows())
                    .append(" rows, left out of the comparison)");
            if (!d.examples().isEmpty()) {
                b.append(", e.g. ").append(String.join("; ", d.examples().stream().map(k -> "`" + String.join(", ", k) + "`").toList()));
            }
            b.append("\n\n");
        }
    }

    private static void keysDetails(StringBuilder b, String kind, long count, List<List<String>> examples) {
        if (count == 0) {
            return;
        }
        b.append("<details><summary>").append(count).append(' ').append(kind).append(count == 1 ? " key" : " keys").append("</summary>\n\n");
        for (List<String> k : examples) {
            b.append("- ").append(cell(String.join(", ", k))).append('\n');
        }
        b.append("\n</details>\n");
    }

    private static void keysDetails(StringBuilder b, String kind, String why, DimensionDiff.Keys keys) {
        if (keys.count() == 0) {
            return;
        }
        b.append("<details><summary>").append(keys.count()).append(' ').append(kind).append(keys.count() == 1 ? " key" : " keys")
                .append(" (").append(why).append(")</summary>\n\n");
        for (List<String> k : keys.examples()) {
            b.append("- ").append(cell(String.join(", ", k))).append('\n');
        }
        b.append("\n</details>\n");
    }

    private static String cell(String s) {
        return "`" + s.replace("`", "'").replace("|", "\\|").replace("\n", " ") + "`";
    }

    private static String html(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    // ---- json ----

    /** The stable JSON document: every count, both tables (a diff creates and changes none). */
    public static String json(DiffResult r, List<String> violations, boolean includeWork) {
        ObjectNode root = JSON.createObjectNode();
        root.put("production", r.production());
        root.put("candidate", r.candidate());
        root.putArray("tablesCreated");
        root.putArray("tablesChanged");
        root.put("method", r.method());
        ArrayNode key = root.putArray("key");
        r.key().forEach(key::add);
        if (r.sampleRate() == null) {
            root.putNull("sampleRate");
        } else {
            root.put("sampleRate", r.sampleRate());
        }
        ObjectNode rows = root.putObject("rows");
        rows.put("production", r.productionRows());
        rows.put("candidate", r.candidateRows());
        rows.put("productionCompared", r.productionComparedRows());
        rows.put("candidateCompared", r.candidateComparedRows());
        ObjectNode keys = root.putObject("keys");
        keys.put("added", r.added());
        keys.put("removed", r.removed());
        keys.put("changed", r.changed());
        keys.put("unchanged", r.unchanged());
        ObjectNode schema = root.putObject("schema");
        ArrayNode added = schema.putArray("added");
        r.schema().added().forEach(added::add);
        ArrayNode removed = schema.putArray("removed");
        r.schema().removed().forEach(removed::add);
        ArrayNode retyped = schema.putArray("retyped");
        for (SchemaDiff.Retyped t : r.schema().retyped()) {
            retyped.addObject().put("column", t.column()).put("from", t.from()).put("to", t.to());
        }
        ArrayNode renamed = schema.putArray("renamed");
        for (SchemaDiff.Renamed n : r.schema().renamed()) {
            renamed.addObject().put("from", n.from()).put("to", n.to());
        }
        ObjectNode dups = root.putObject("duplicates");
        dupJson(dups.putObject("production"), r.productionDuplicates());
        dupJson(dups.putObject("candidate"), r.candidateDuplicates());
        ArrayNode cols = root.putArray("columns");
        for (ColumnDiff c : r.columns()) {
            ObjectNode o = cols.addObject();
            o.put("name", c.name());
            o.put("productionType", c.productionType());
            o.put("candidateType", c.candidateType());
            if (c.added() || c.removed() || c.renamed()) {
                o.put("schemaChange", c.added() ? "added" : c.removed() ? "removed" : "renamed");
            } else {
                o.putNull("schemaChange");
            }
            o.put("renamedFrom", c.renamedFrom());
            o.put("changed", c.changedRows());
            o.put("masked", c.masked());
            statsJson(o, "production", c.production());
            statsJson(o, "candidate", c.candidate());
            ArrayNode ex = o.putArray("examples");
            for (ValueExample e : c.examples()) {
                ObjectNode eo = ex.addObject();
                ArrayNode k = eo.putArray("key");
                e.key().forEach(k::add);
                eo.put("before", e.before());
                eo.put("after", e.after());
            }
        }
        keysJson(root.putArray("addedExamples"), r.addedExamples());
        keysJson(root.putArray("removedExamples"), r.removedExamples());
        if (r.isDimension()) {
            dimensionJson(root.putObject("dimension"), r.dimension());
        }
        ObjectNode exp = root.putObject("expectation");
        exp.put("met", violations.isEmpty());
        ArrayNode v = exp.putArray("violations");
        violations.forEach(v::add);
        if (includeWork) {
            ObjectNode w = root.putObject("work");
            w.put("queries", r.work().queries());
            w.put("segments", r.work().segments());
            w.put("rowsDownloaded", r.work().rowsDownloaded());
            w.put("elapsedMillis", r.work().elapsedMillis());
            ArrayNode steps = w.putArray("steps");
            for (DiffResult.Step st : r.work().steps()) {
                steps.addObject().put("step", st.name()).put("millis", st.millis()).put("segments", st.segments()).put("rows", st.rows());
            }
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The current state is the rest of the document; here the histories and how the added and removed keys got there. */
    private static void dimensionJson(ObjectNode o, DimensionDiff d) {
        o.put("current", "the live versions (is_current, not is_deleted), compared by the key");
        ObjectNode lifecycle = o.putObject("keys");
        for (String kind : List.of("new", "returned", "deleted", "dropped")) {
            DimensionDiff.Keys keys = switch (kind) {
                case "new" -> d.newKeys();
                case "returned" -> d.returnedKeys();
                case "deleted" -> d.deletedKeys();
                default -> d.droppedKeys();
            };
            ObjectNode k = lifecycle.putObject(kind);
            k.put("count", keys.count());
            keysJson(k.putArray("examples"), keys.examples());
        }
        ObjectNode history = o.putObject("history");
        ObjectNode versions = history.putObject("versions");
        versions.put("production", d.productionVersions());
        versions.put("candidate", d.candidateVersions());
        versions.put("added", d.versionsAdded());
        versions.put("removed", d.versionsRemoved());
        versions.put("changed", d.versionsChanged());
        versions.put("unchanged", d.versionsUnchanged());
        history.put("keys", d.keys());
        history.put("keysWithChangedHistory", d.keysWithChangedHistory());
        ArrayNode examples = history.putArray("examples");
        for (DimensionDiff.KeyHistory h : d.histories()) {
            ObjectNode e = examples.addObject();
            ArrayNode k = e.putArray("key");
            h.key().forEach(k::add);
            e.put("productionVersions", h.productionVersions());
            e.put("candidateVersions", h.candidateVersions());
            e.put("added", h.added());
            e.put("removed", h.removed());
            e.put("changed", h.changed());
        }
    }

    private static void dupJson(ObjectNode o, Duplicates d) {
        o.put("keys", d.keys());
        o.put("rows", d.rows());
        keysJson(o.putArray("examples"), d.examples());
    }

    private static void keysJson(ArrayNode a, List<List<String>> keys) {
        for (List<String> k : keys) {
            ArrayNode kn = a.addArray();
            k.forEach(kn::add);
        }
    }

    private static void statsJson(ObjectNode o, String side, SideStats s) {
        if (s == null) {
            o.putNull(side);
            return;
        }
        ObjectNode n = o.putObject(side);
        n.put("rows", s.rows());
        n.put("nulls", s.nulls());
        n.put("nullRate", s.nullRate());
        for (String f : List.of("sum", "mean", "min", "max")) {
            BigDecimal d = switch (f) {
                case "sum" -> s.sum();
                case "mean" -> s.mean();
                case "min" -> s.min();
                default -> s.max();
            };
            if (d == null) {
                n.putNull(f);
            } else {
                n.put(f, d);
            }
        }
    }
}
