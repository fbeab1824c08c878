package io.meshkit.linter.internal;

import io.meshkit.linter.api.RuleInfo;
import io.meshkit.linter.api.Rules;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Name helpers: globs and edit distances. */
public final class Names {
    private Names() {}

    /** A glob with {@code *} wildcards (nothing else is special) as an anchored, case-insensitive pattern. */
    public static Pattern glob(String glob) {
        String re = java.util.Arrays.stream(glob.split("\\*", -1)).map(Pattern::quote)
                .collect(java.util.stream.Collectors.joining(".*"));
        return Pattern.compile(re, Pattern.CASE_INSENSITIVE);
    }

    /** Optimal string alignment distance (Levenshtein with adjacent transpositions). */
    public static int distance(String a, String b) {
        return io.meshkit.core.identifier.Identifiers.distance(a, b);
    }

    /** The rule id closest to a misspelt one, for "did you mean" hints. */
    public static Optional<String> closestRule(String id) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (RuleInfo r : Rules.all()) {
            int d = distance(id.toLowerCase(Locale.ROOT), r.id());
            if (d < bestDistance) {
                bestDistance = d;
                best = r.id();
            }
        }
        return bestDistance <= Math.max(2, id.length() / 4) ? Optional.ofNullable(best) : Optional.empty();
    }

    /** {@code " (did you mean 'x'?)"} or nothing. */
    public static String didYouMean(String id) {
        return closestRule(id).map(r -> " (did you mean '" + r + "'?)").orElse("");
    }
}
