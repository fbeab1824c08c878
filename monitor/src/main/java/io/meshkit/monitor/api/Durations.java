package io.meshkit.monitor.api;

import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people write them in {@code meshkit.yaml} and read them in alerts: {@code 36h}, {@code 2d4h}, {@code 90s}. */
public final class Durations {
    private static final Pattern PART = Pattern.compile("(\\d+)\\s*(ms|d|h|m|s)");

    private Durations() {}

    /**
     * Parses {@code 1d12h}, {@code 30m}, {@code 90s}, {@code 250ms} or ISO-8601 ({@code PT36H}).
     *
     * @param what what the value is, for the error message
     */
    public static Duration parse(String text, String what) {
        String s = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (s.startsWith("p")) {
            try {
                return Duration.parse(s.toUpperCase(Locale.ROOT));
            } catch (java.time.format.DateTimeParseException e) {
                throw invalid(text, what);
            }
        }
        Matcher m = PART.matcher(s);
        int end = 0;
        Duration total = Duration.ZERO;
        while (m.find() && m.start() == end) {
            long n = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "d" -> Duration.ofDays(n);
                case "h" -> Duration.ofHours(n);
                case "m" -> Duration.ofMinutes(n);
                case "s" -> Duration.ofSeconds(n);
                default -> Duration.ofMillis(n);
            });
            end = m.end();
            while (end < s.length() && s.charAt(end) == ' ') {
                end++;
            }
        }
        if (s.isEmpty() || end != s.length()) {
            throw invalid(text, what);
        }
        return total;
    }

    private static MeshkitException invalid(String text, String what) {
        return new MeshkitException(ErrorCode.INVALID_ARGUMENT,
                "Cannot read " + what + " '" + text + "': expected a duration such as 36h, 1d12h, 30m or PT36H");
    }

    /** A short readable form: {@code 2d4h}, {@code 3h5m}, {@code 45s}. */
    public static String format(Duration d) {
        if (d.isNegative()) {
            return "-" + format(d.negated());
        }
        long s = d.getSeconds();
        if (s == 0) {
            return d.isZero() ? "0s" : d.toMillis() + "ms";
        }
        long days = s / 86400;
        long hours = s % 86400 / 3600;
        long minutes = s % 3600 / 60;
        long seconds = s % 60;
        StringBuilder b = new StringBuilder();
        if (days > 0) {
            b.append(days).append('d');
        }
        if (hours > 0) {
            b.append(hours).append('h');
        }
        if (minutes > 0 && days == 0) {
            b.append(minutes).append('m');
        }
        if (seconds > 0 && days == 0 && hours == 0) {
            b.append(seconds).append('s');
        }
        return b.length() == 0 ? days + "d" : b.toString();
    }
}
