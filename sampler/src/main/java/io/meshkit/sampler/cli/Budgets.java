package io.meshkit.sampler.cli;

import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the targets of {@code recommend}: {@code 0.5%}, {@code 2s}/{@code 500ms}, {@code 10GB}. */
final class Budgets {
    private static final Pattern TIME = Pattern.compile("\\s*([0-9]+(?:\\.[0-9]+)?)\\s*(ms|s|m)\\s*", Pattern.CASE_INSENSITIVE);
    private static final Pattern SIZE = Pattern.compile("\\s*([0-9]+(?:\\.[0-9]+)?)\\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)?\\s*", Pattern.CASE_INSENSITIVE);

    private Budgets() {}

    static double fraction(String option, String text) {
        String t = text.trim();
        try {
            return t.endsWith("%") ? Double.parseDouble(t.substring(0, t.length() - 1).trim()) / 100 : Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw bad(option, "a percentage such as 0.5% or a fraction such as 0.005");
        }
    }

    static Duration duration(String option, String text) {
        Matcher m = TIME.matcher(text);
        if (!m.matches()) {
            throw bad(option, "a time such as 500ms, 2s or 1m");
        }
        double v = Double.parseDouble(m.group(1));
        double ms = switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "ms" -> v;
            case "s" -> v * 1000;
            default -> v * 60_000;
        };
        return Duration.ofNanos(Math.round(ms * 1e6));
    }

    static long bytes(String option, String text) {
        Matcher m = SIZE.matcher(text);
        if (!m.matches()) {
            throw bad(option, "a size such as 500MB or 2GiB");
        }
        double v = Double.parseDouble(m.group(1));
        String u = m.group(2) == null ? "B" : m.group(2).toUpperCase(Locale.ROOT);
        double f = switch (u) {
            case "KB" -> 1e3;
            case "MB" -> 1e6;
            case "GB" -> 1e9;
            case "TB" -> 1e12;
            case "KIB" -> 1024.0;
            case "MIB" -> 1024.0 * 1024;
            case "GIB" -> 1024.0 * 1024 * 1024;
            case "TIB" -> 1024.0 * 1024 * 1024 * 1024;
            default -> 1;
        };
        return Math.round(v * f);
    }

    private static MeshkitException bad(String option, String expected) {
        return new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot parse " + option + ": expected " + expected);
    }
}
