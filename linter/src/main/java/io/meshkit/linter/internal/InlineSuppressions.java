package io.meshkit.linter.internal;

import io.meshkit.core.contract.Column;
import io.meshkit.core.contract.Contract;
import io.meshkit.core.contract.Dataset;
import io.meshkit.linter.api.Finding;
import io.meshkit.linter.api.Rules;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Suppressions written in a contract: {@code meshkit.lint.suppress} in the customProperties of the contract (every
 * finding of the file), a schema object (its dataset) or a property (its column); a list of {@code {rule, reason}}.
 */
final class InlineSuppressions {
    static final String KEY = "meshkit.lint.suppress";

    private record Entry(String rule, String dataset, String column) {}

    private final List<Entry> entries = new ArrayList<>();

    static InlineSuppressions read(Contract c, Locator loc, Sink sink) {
        InlineSuppressions s = new InlineSuppressions();
        s.scope(c.customProperties(), "", null, null, loc, sink);
        for (int i = 0; i < c.datasets().size(); i++) {
            Dataset d = c.datasets().get(i);
            s.scope(d.customProperties(), Locator.dataset(i), d.name(), null, loc, sink);
            for (int j = 0; j < d.columns().size(); j++) {
                Column col = d.columns().get(j);
                s.scope(col.customProperties(), Locator.column(i, j), d.name(), col.name(), loc, sink);
            }
        }
        return s;
    }

    private void scope(Map<String, Object> custom, String base, String dataset, String column, Locator loc, Sink sink) {
        for (Map.Entry<String, Object> e : custom.entrySet()) {
            String key = e.getKey();
            if (!key.toLowerCase(Locale.ROOT).startsWith("meshkit.lint.")) {
                continue;
            }
            String ptr = loc.customProperty(base, key);
            String at = ptr == null ? base : ptr;
            if (!key.equalsIgnoreCase(KEY)) {
                sink.add(Rules.SUPPRESSION_INVALID, loc.at(at), dataset, column, "unknown linter setting " + key
                        + " (known: " + KEY + ")");
                continue;
            }
            Object v = e.getValue();
            List<?> items = v instanceof List<?> l ? l : v instanceof Map<?, ?> ? List.of(v) : null;
            if (items == null || items.isEmpty()) {
                sink.add(Rules.SUPPRESSION_INVALID, loc.at(at), dataset, column, KEY
                        + " must be a list of {rule, reason}");
                continue;
            }
            for (int k = 0; k < items.size(); k++) {
                String itemPtr = v instanceof List<?> ? at + "/" + k : at;
                if (!(items.get(k) instanceof Map<?, ?> m)) {
                    sink.add(Rules.SUPPRESSION_INVALID, loc.at(itemPtr), dataset, column, "a suppression is a mapping"
                            + " with rule and reason");
                    continue;
                }
                Object rule = m.get("rule");
                Object reason = m.get("reason");
                if (!(rule instanceof String r) || r.isBlank()) {
                    sink.add(Rules.SUPPRESSION_INVALID, loc.at(itemPtr), dataset, column, "a suppression needs a rule");
                } else if (Rules.byId(r).isEmpty()) {
                    sink.add(Rules.SUPPRESSION_INVALID, loc.at(itemPtr + "/rule"), dataset, column, "unknown rule '" + r + "'"
                            + Names.didYouMean(r));
                } else if (r.equals(Rules.SUPPRESSION_INVALID) || r.equals(Rules.CONTRACT_INVALID)) {
                    sink.add(Rules.SUPPRESSION_INVALID, loc.at(itemPtr + "/rule"), dataset, column, r + " cannot be suppressed");
                } else if (!(reason instanceof String why) || why.isBlank()) {
                    sink.add(Rules.SUPPRESSION_INVALID, loc.at(itemPtr), dataset, column, "the suppression of " + r
                            + " needs a reason: say why the rule does not apply here");
                } else {
                    entries.add(new Entry(r, dataset, column));
                }
            }
        }
    }

    boolean suppresses(Finding f) {
        if (f.ruleId().equals(Rules.SUPPRESSION_INVALID)) {
            return false;
        }
        for (Entry e : entries) {
            if (e.rule.equals(f.ruleId()) && (e.dataset == null || e.dataset.equals(f.dataset()))
                    && (e.column == null || e.column.equals(f.column()))) {
                return true;
            }
        }
        return false;
    }
}
