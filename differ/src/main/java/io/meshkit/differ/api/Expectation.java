package io.meshkit.differ.api;

import static java.util.Objects.requireNonNull;

import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * What the author expects a change to do to the data. A diff that breaks an expectation makes the
 * command exit with 1. Duplicate keys always break it: a diff of them is not meaningful.
 *
 * @param noChange whether any difference breaks the expectation (a refactor)
 * @param maxChangedPercent the largest number of added, removed and changed keys, as a percentage of production's
 *     rows (can exceed 100 when keys are added), or empty
 */
public record Expectation(boolean noChange, OptionalDouble maxChangedPercent) {
    /** Anything may change (the diff is informative); only duplicate keys break it. */
    public static final Expectation ANY = new Expectation(false, OptionalDouble.empty());
    /** Nothing may change. */
    public static final Expectation NO_CHANGE = new Expectation(true, OptionalDouble.empty());

    /** Validates. */
    public Expectation {
        requireNonNull(maxChangedPercent, "maxChangedPercent is null");
        if (maxChangedPercent.isPresent() && !(maxChangedPercent.getAsDouble() >= 0)) {
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT,
                    "Cannot set expectation: --max-changed-pct must be at least 0, got " + maxChangedPercent.getAsDouble());
        }
    }

    /** Why a result breaks this expectation; empty when it meets it. */
    public List<String> violations(DiffResult r) {
        List<String> out = new ArrayList<>();
        if (r.productionDuplicates().keys() > 0) {
            out.add(r.productionDuplicates().keys() + " duplicated key(s) in production");
        }
        if (r.candidateDuplicates().keys() > 0) {
            out.add(r.candidateDuplicates().keys() + " duplicated key(s) in the candidate");
        }
        if (noChange && r.hasDifferences()) {
            out.add("expected no change, found " + r.added() + " added, " + r.removed() + " removed, " + r.changed()
                    + " changed" + (r.schema().isEmpty() ? "" : " and a schema change")
                    + (r.isDimension() && r.dimension().hasDifferences()
                            ? ", and " + r.dimension().keysWithChangedHistory() + " key(s) with a changed history" : ""));
        }
        if (maxChangedPercent.isPresent() && r.changedPercent() > maxChangedPercent.getAsDouble()) {
            out.add(String.format(Locale.ROOT, "%.2f%% of keys added, removed or changed, more than the %.2f%% allowed",
                    r.changedPercent(), maxChangedPercent.getAsDouble()));
        }
        return out;
    }
}
