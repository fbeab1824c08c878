package io.meshkit.sampler.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshkit.sampler.api.Estimate;
import io.meshkit.sampler.api.GroupResult;
import io.meshkit.sampler.api.Metric;
import io.meshkit.sampler.api.SampledResult;
import io.meshkit.sampler.internal.Format;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Text tables, CSV and JSON for the sampler's commands. */
final class Output {
    static final ObjectMapper JSON = new ObjectMapper();

    private Output() {}

    /** Prints rows as an aligned table; numbers (cells starting with a digit, sign or ±) right-aligned. */
    static void table(PrintWriter out, List<String> header, List<List<String>> rows) {
        int[] w = new int[header.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = header.get(i).length();
            for (List<String> r : rows) {
                w[i] = Math.max(w[i], r.get(i).length());
            }
        }
        out.println(line(header, w));
        StringBuilder rule = new StringBuilder();
        for (int i = 0; i < w.length; i++) {
            rule.append(i == 0 ? "" : "  ").append("-".repeat(w[i]));
        }
        out.println(rule);
        rows.forEach(r -> out.println(line(r, w)));
    }

    private static String line(List<String> cells, int[] w) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String c = cells.get(i);
            String pad = " ".repeat(w[i] - c.length());
            boolean right = !c.isEmpty() && (Character.isDigit(c.charAt(0)) || c.startsWith("-") && c.length() > 1 || c.startsWith("±") || c.startsWith("["));
            b.append(i == 0 ? "" : "  ").append(right ? pad + c : c + pad);
        }
        return b.toString().stripTrailing();
    }

    static String csvCell(String s) {
        if (s.isEmpty() || s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }

    static String text(Object v) {
        return v == null ? "NULL" : v.toString();
    }

    /** The result as the text table: one line per group and metric. */
    static void resultTable(PrintWriter out, SampledResult r) {
        out.println(summary(r));
        List<String> header = new ArrayList<>();
        r.query().dimensions().forEach(d -> header.add(d.name()));
        header.addAll(List.of("metric", "estimate", "95% interval", "±", "rows read"));
        List<List<String>> rows = new ArrayList<>();
        for (GroupResult g : r.groups()) {
            for (int i = 0; i < g.estimates().size(); i++) {
                Estimate e = g.estimates().get(i);
                Metric m = r.query().metrics().get(i);
                List<String> row = new ArrayList<>();
                g.dimensions().forEach(d -> row.add(text(d)));
                row.add(e.metric() + (m.isRatio() ? "" : " *"));
                row.add(Format.number(e.value()));
                row.add("[" + Format.number(e.lower()) + ", " + Format.number(e.upper()) + "]");
                row.add(Format.percent(e.relativeError()));
                row.add(String.format(Locale.ROOT, "%,d", g.sampledRows()));
                rows.add(row);
            }
        }
        table(out, header, rows);
        if (!r.rate().isFull()) {
            out.println("* total scaled by 1/" + r.rate() + "; ratios and means are not scaled. ± is the 95% interval's half-width.");
        }
        warnings(out, r);
    }

    /** One line per number whose interval should not be trusted. */
    static void warnings(PrintWriter out, SampledResult r) {
        r.unreliable().forEach(w -> out.println("warning: " + w.message()));
    }

    static String summary(SampledResult r) {
        long rows = r.groups().stream().mapToLong(GroupResult::sampledRows).sum();
        SampledResult.QueryCost c = r.cost();
        // one statement sums users per group, so a user in several groups counts in each: with --by the number is
        // user-group pairs, and says so (the distinct users would take a second pass over the sample)
        String users = r.rate().isFull() ? "every user" : String.format(Locale.ROOT,
                r.query().dimensions().isEmpty() ? "%,d sampled users" : "%,d user-group pairs sampled", r.sampledUsers());
        return String.format(Locale.ROOT, "%s at %s of %s (%s): %,d rows read in %d ms%s, %s scanned%s; also %d ms checking the table%s",
                r.query().table(), r.rate(), "users by " + r.query().samplingKey(), users, rows, c.elapsed().toMillis(),
                c.timing().map(t -> String.format(Locale.ROOT, " (prepare %.1f, execute %.1f, read %,d result rows %.1f)", ms(t.prepare()),
                        ms(t.execute()), t.rows(), ms(t.read()))).orElse(""),
                Format.bytes(c.bytesScanned()), c.bytesEstimated() ? " (estimated)" : "", c.metadata().toMillis(),
                c.bytesEstimated() ? String.format(Locale.ROOT, ", %d ms estimating bytes", c.estimating().toMillis()) : "");
    }

    /** Milliseconds to the microsecond. */
    private static double ms(java.time.Duration d) {
        return Math.round(d.toNanos() / 1e3) / 1e3;
    }

    static void resultCsv(PrintWriter out, SampledResult r) {
        List<String> header = new ArrayList<>();
        r.query().dimensions().forEach(d -> header.add(d.name()));
        header.addAll(List.of("metric", "scaled", "estimate", "lower", "upper", "standard_error", "relative_error", "rows_read", "rate"));
        out.println(String.join(",", header.stream().map(Output::csvCell).toList()));
        for (GroupResult g : r.groups()) {
            for (int i = 0; i < g.estimates().size(); i++) {
                Estimate e = g.estimates().get(i);
                List<String> row = new ArrayList<>();
                g.dimensions().forEach(d -> row.add(d == null ? "" : csvCell(d.toString())));
                row.add(csvCell(e.metric()));
                row.add(Boolean.toString(!r.query().metrics().get(i).isRatio()));
                row.add(num(e.value()));
                row.add(num(e.lower()));
                row.add(num(e.upper()));
                row.add(num(e.standardError()));
                row.add(num(e.relativeError()));
                row.add(Long.toString(g.sampledRows()));
                row.add(Double.toString(r.rate().fraction()));
                out.println(String.join(",", row));
            }
        }
    }

    private static String num(double v) {
        return Double.isFinite(v) ? Double.toString(v) : "";
    }

    static ObjectNode resultJson(SampledResult r) {
        ObjectNode root = JSON.createObjectNode();
        root.put("table", r.query().table().toString());
        root.put("samplingKey", r.query().samplingKey().name());
        root.put("rate", r.rate().fraction());
        root.put("sampledUsers", r.sampledUsers());  // kept as it was: a user in several groups counts in each
        root.put("userGroupPairs", r.sampledUsers());
        root.put("rowsRead", r.groups().stream().mapToLong(GroupResult::sampledRows).sum());
        root.put("groupCount", r.groups().size());
        root.put("elapsedMs", r.cost().elapsed().toMillis());
        root.put("metadataMs", r.cost().metadata().toMillis());
        root.put("bytesEstimateMs", r.cost().estimating().toMillis());
        r.cost().timing().ifPresent(t -> {
            ObjectNode timing = root.putObject("statementTiming");
            timing.put("prepareMs", ms(t.prepare()));
            timing.put("executeMs", ms(t.execute()));
            timing.put("readMs", ms(t.read()));
            timing.put("resultRows", t.rows());
        });
        if (r.cost().bytesScanned().isPresent()) {
            root.put("bytesScanned", r.cost().bytesScanned().getAsLong());
        } else {
            root.putNull("bytesScanned");
        }
        root.put("bytesEstimated", r.cost().bytesEstimated());
        root.putArray("tablesChanged");
        ArrayNode warnings = root.putArray("warnings");
        r.unreliable().forEach(w -> warnings.add(w.message()));
        ArrayNode groups = root.putArray("groups");
        for (GroupResult g : r.groups()) {
            ObjectNode gn = groups.addObject();
            ObjectNode dims = gn.putObject("dimensions");
            for (int i = 0; i < g.dimensions().size(); i++) {
                Object v = g.dimensions().get(i);
                String name = r.query().dimensions().get(i).name();
                if (v == null) {
                    dims.putNull(name);
                } else if (v instanceof Long l) {
                    dims.put(name, l);
                } else {
                    dims.put(name, v.toString());
                }
            }
            gn.put("rowsRead", g.sampledRows());
            ArrayNode es = gn.putArray("estimates");
            for (int i = 0; i < g.estimates().size(); i++) {
                Estimate e = g.estimates().get(i);
                ObjectNode en = es.addObject();
                en.put("metric", e.metric());
                en.put("expression", r.query().metrics().get(i).expression());
                en.put("scaled", !r.query().metrics().get(i).isRatio());
                putNumber(en, "estimate", e.value());
                putNumber(en, "lower", e.lower());
                putNumber(en, "upper", e.upper());
                putNumber(en, "standardError", e.standardError());
                putNumber(en, "relativeError", e.relativeError());
                if (!r.rate().isFull()) {
                    en.put("users", e.users());
                    putNumber(en, "effectiveSampleSize", e.effectiveSampleSize());
                    putNumber(en, "skewness", e.skewness());
                    putNumber(en, "standardErrorUpper", e.standardErrorUpper());
                }
                en.put("unreliable", e.unreliable());
            }
        }
        return root;
    }

    static void putNumber(ObjectNode n, String field, double v) {
        if (Double.isFinite(v)) {
            n.put(field, v);
        } else {
            n.putNull(field);
        }
    }
}
