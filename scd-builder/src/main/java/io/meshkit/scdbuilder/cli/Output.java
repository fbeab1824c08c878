package io.meshkit.scdbuilder.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import io.meshkit.core.identifier.TableId;
import io.meshkit.core.quality.CheckResult;
import io.meshkit.core.quality.CheckStatus;
import io.meshkit.scdbuilder.api.PlanStep;
import io.meshkit.scdbuilder.api.ScdCounts;
import io.meshkit.scdbuilder.api.ScdResult;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/** How the commands print results and parse dates. */
final class Output {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Output() {}

    static LocalDate date(String option, String text) {
        try {
            return LocalDate.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot parse " + option + " '" + text + "': expected YYYY-MM-DD", e);
        }
    }

    static LocalDateTime time(String option, String text) {
        String t = text.trim().replace(' ', 'T');
        try {
            return t.contains("T") ? LocalDateTime.parse(t) : LocalDate.parse(t).atStartOfDay();
        } catch (DateTimeParseException e) {
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot parse " + option + " '" + text
                    + "': expected YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS]", e);
        }
    }

    /** Exit code of a build: 1 when the candidate was rejected. */
    static int print(ScdResult r, boolean json, PrintWriter out) {
        if (json) {
            out.println(json(r).toPrettyString());
        } else {
            text(r, out);
        }
        out.flush();
        return r.status() == ScdResult.Status.REJECTED ? 1 : 0;
    }

    private static void text(ScdResult r, PrintWriter out) {
        String applied = applied(r.applied());
        if (r.status() == ScdResult.Status.PLANNED) {
            out.println("Plan for " + r.operation() + " " + r.dataset() + (applied.isEmpty() ? "" : " (" + applied + ")")
                    + " (dry run: nothing written)");
            int i = 1;
            for (PlanStep s : r.plan()) {
                out.println();
                out.println(i++ + ". " + s.description());
                s.sql().ifPresent(sql -> out.println("   " + sql.toString().replace("\n", "\n   ")));
            }
            return;
        }
        out.println((r.status() == ScdResult.Status.BUILT ? "Built candidate " + r.candidate()
                : "REJECTED: the build failed its checks and was kept in " + r.rejected().map(TableId::toString).orElse("?"))
                + " for " + r.dataset() + (applied.isEmpty() ? "" : ": " + r.operation() + " " + applied));
        out.println("  base: " + r.base().map(TableId::toString).orElse("none (new dimension)"));
        r.schemaChanges().forEach(change -> out.println("  schema: " + change));
        ScdCounts c = r.counts();
        r.events().ifPresentOrElse(
                e -> out.println("  events read " + e.events() + ", late " + e.late() + ", keys rebuilt " + e.keysRebuilt() + "; rows "
                        + c.rows()),
                () -> out.println("  " + c.summary()));
        long passed = r.checks().stream().filter(CheckResult::passed).count();
        out.println("  checks: " + passed + " of " + r.checks().size() + " SCD2 invariants passed");
        printFailures(r.checks(), out);
    }

    static void printFailures(List<CheckResult> checks, PrintWriter out) {
        for (CheckResult k : checks) {
            if (k.status() == CheckStatus.FAILED || k.status() == CheckStatus.WARNED) {
                out.println("  " + k.status().name().toLowerCase(Locale.ROOT) + " " + k.check() + " (" + k.target() + "): "
                        + k.observed().map(Object::toString).orElse("-") + ", " + k.expectation()
                        + (k.sampleKeys().isEmpty() ? "" : "; e.g. " + String.join(", ", k.sampleKeys())) + " — " + k.description());
            }
        }
    }

    private static String applied(List<LocalDateTime> applied) {
        if (applied.isEmpty()) {
            return "";
        }
        if (applied.size() == 1) {
            return display(applied.get(0));
        }
        return display(applied.get(0)) + " to " + display(applied.get(applied.size() - 1)) + " (" + applied.size() + " snapshots)";
    }

    private static String display(LocalDateTime t) {
        return t.toLocalTime().equals(java.time.LocalTime.MIDNIGHT) ? t.toLocalDate().toString() : t.toString();
    }

    static ObjectNode json(ScdResult r) {
        ObjectNode o = JSON.createObjectNode();
        o.put("operation", r.operation());
        o.put("dataset", r.dataset());
        o.put("status", r.status().name().toLowerCase(Locale.ROOT));
        o.put("base", r.base().map(TableId::toString).orElse(null));
        o.put("candidate", r.candidate().toString());
        o.put("rejected", r.rejected().map(TableId::toString).orElse(null));
        ArrayNode applied = o.putArray("applied");
        r.applied().forEach(t -> applied.add(display(t)));
        ObjectNode counts = o.putObject("counts");
        counts.put("opened", r.counts().opened());
        counts.put("closed", r.counts().closed());
        counts.put("corrected", r.counts().corrected());
        counts.put("deleted", r.counts().deleted());
        counts.put("unchanged", r.counts().unchanged());
        counts.put("rows", r.counts().rows());
        r.events().ifPresent(e -> {
            ObjectNode ev = o.putObject("events");
            ev.put("read", e.events());
            ev.put("late", e.late());
            ev.put("keysRebuilt", e.keysRebuilt());
        });
        o.set("checks", checks(r.checks()));
        ArrayNode schema = o.putArray("schemaChanges");
        r.schemaChanges().forEach(schema::add);
        ArrayNode changed = o.putArray("tablesChanged");
        r.tablesChanged().forEach(t -> changed.add(t.toString()));
        if (r.status() == ScdResult.Status.PLANNED) {
            ArrayNode plan = o.putArray("plan");
            for (PlanStep s : r.plan()) {
                ObjectNode step = plan.addObject();
                step.put("description", s.description());
                step.put("sql", s.sql().map(q -> q.text()).orElse(null));
            }
        }
        o.put("runId", r.runId().orElse(null));
        return o;
    }

    static ArrayNode checks(List<CheckResult> checks) {
        ArrayNode a = JSON.createArrayNode();
        for (CheckResult k : checks) {
            ObjectNode c = a.addObject();
            c.put("check", k.check());
            c.put("target", k.target());
            c.put("status", k.status().name().toLowerCase(Locale.ROOT));
            c.put("observed", k.observed().map(Object::toString).orElse(null));
            c.put("expectation", k.expectation());
            ArrayNode keys = c.putArray("sampleKeys");
            k.sampleKeys().forEach(keys::add);
        }
        return a;
    }
}
