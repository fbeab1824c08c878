package io.meshkit.linter.api;

import java.util.Locale;
import java.util.Optional;

/** How much a finding matters. {@link #OFF} turns a rule off. */
public enum Severity {
    /** Fails the lint (exit code 1). */
    ERROR,
    /** Shown; fails the lint only with {@code --fail-on warning}. */
    WARNING,
    /** Information, e.g. a breaking change allowed by a major version bump. Never fails the lint. */
    NOTE,
    /** The rule does not run. */
    OFF;

    /** The name as written in conventions files and output, e.g. {@code warning}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether a finding of this severity is at least as severe as {@code threshold}. */
    public boolean atLeast(Severity threshold) {
        return this != OFF && ordinal() <= threshold.ordinal();
    }

    /** The severity for a name, ignoring case. */
    public static Optional<Severity> parse(String name) {
        if (name == null) {
            return Optional.empty();
        }
        for (Severity s : values()) {
            if (s.label().equals(name.trim().toLowerCase(Locale.ROOT))) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
