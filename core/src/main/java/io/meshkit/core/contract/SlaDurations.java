package io.meshkit.core.contract;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How SLA values read as durations. A value is a number with a {@code unit} ({@code value: 4, unit: d}), a string
 * with its unit ({@code "500ms"}, {@code "4d"}, {@code "2 hours"}) or an ISO-8601 duration ({@code P1D},
 * {@code PT15M}, {@code P1Y}). Units: {@code ms}, {@code s}, {@code m} (minutes), {@code h}, {@code d}, {@code w},
 * {@code month}, {@code y} and their words (singular, plural and common abbreviations); a year counts 365 days, a
 * month 30.
 */
public final class SlaDurations {
    private static final Map<String, BigDecimal> SECONDS = units();
    private static final Pattern NUMBER_AND_UNIT = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)\\s*([A-Za-z]+)");
    private static final Pattern NUMBER = Pattern.compile("[0-9]+(?:\\.[0-9]+)?");
    private static final Pattern ISO = Pattern.compile("P(?:([0-9]+(?:\\.[0-9]+)?)Y)?(?:([0-9]+(?:\\.[0-9]+)?)M)?"
            + "(?:([0-9]+(?:\\.[0-9]+)?)W)?(?:([0-9]+(?:\\.[0-9]+)?)D)?"
            + "(?:T(?:([0-9]+(?:\\.[0-9]+)?)H)?(?:([0-9]+(?:\\.[0-9]+)?)M)?(?:([0-9]+(?:\\.[0-9]+)?)S)?)?",
            Pattern.CASE_INSENSITIVE);

    private SlaDurations() {}

    private static Map<String, BigDecimal> units() {
        Map<String, BigDecimal> u = new LinkedHashMap<>();
        put(u, new BigDecimal("0.001"), "ms", "msec", "msecs", "millisecond", "milliseconds", "millis");
        put(u, BigDecimal.ONE, "s", "sec", "secs", "second", "seconds");
        put(u, BigDecimal.valueOf(60), "m", "min", "mins", "minute", "minutes");
        put(u, BigDecimal.valueOf(3_600), "h", "hr", "hrs", "hour", "hours");
        put(u, BigDecimal.valueOf(86_400), "d", "day", "days");
        put(u, BigDecimal.valueOf(7 * 86_400), "w", "wk", "wks", "week", "weeks");
        put(u, BigDecimal.valueOf(30 * 86_400), "mo", "mon", "month", "months");
        put(u, BigDecimal.valueOf(365 * 86_400), "y", "yr", "yrs", "year", "years");
        return u;
    }

    private static void put(Map<String, BigDecimal> u, BigDecimal seconds, String... names) {
        for (String n : names) {
            u.put(n, seconds);
        }
    }

    /** The units meshkit reads, for messages. */
    static final String KNOWN_UNITS = "ms, s, m, h, d, w, month, y (or their words), or an ISO-8601 duration such as P1D";

    /** The value (and unit) as a duration, when it reads as one. */
    public static Optional<Duration> duration(Object value, String unit) {
        return parse(value, unit).duration();
    }

    /** A duration or what keeps the value from being one. */
    record Reading(Optional<Duration> duration, Optional<String> problem) {
        static Reading ok(Duration d) {
            return new Reading(Optional.of(d), Optional.empty());
        }

        static Reading failed(String problem) {
            return new Reading(Optional.empty(), Optional.of(problem));
        }
    }

    static Reading parse(Object value, String unit) {
        if (value == null) {
            return Reading.failed("it has no value");
        }
        String u = unit == null ? null : unit.trim().toLowerCase(Locale.ROOT);
        if (value instanceof Number n) {
            if (u == null || u.isEmpty()) {
                return Reading.failed("the value " + n + " has no unit (" + KNOWN_UNITS + ")");
            }
            return scaled(new BigDecimal(n.toString()), u, unit);
        }
        if (!(value instanceof String s) || s.isBlank()) {
            return Reading.failed("the value is not a duration");
        }
        String text = s.trim();
        if (NUMBER.matcher(text).matches()) {
            if (u == null || u.isEmpty()) {
                return Reading.failed("the value " + text + " has no unit (" + KNOWN_UNITS + ")");
            }
            return scaled(new BigDecimal(text), u, unit);
        }
        if (text.startsWith("-")) {
            return Reading.failed("a duration cannot be negative");
        }
        Matcher iso = ISO.matcher(text);
        if (iso.matches() && text.length() > 1 && !text.equalsIgnoreCase("PT")) {
            BigDecimal total = BigDecimal.ZERO;
            List<String> units = List.of("y", "month", "w", "d", "h", "m", "s");
            for (int i = 0; i < units.size(); i++) {
                String g = iso.group(i + 1);
                if (g != null) {
                    total = total.add(new BigDecimal(g).multiply(SECONDS.get(units.get(i))));
                }
            }
            return seconds(total);
        }
        Matcher m = NUMBER_AND_UNIT.matcher(text);
        if (m.matches()) {
            return scaled(new BigDecimal(m.group(1)), m.group(2).toLowerCase(Locale.ROOT), m.group(2));
        }
        return Reading.failed("'" + text + "' is not a duration (" + KNOWN_UNITS + ")");
    }

    private static Reading scaled(BigDecimal amount, String unit, String written) {
        if (amount.signum() < 0) {
            return Reading.failed("a duration cannot be negative");
        }
        BigDecimal per = SECONDS.get(unit);
        if (per == null) {
            return Reading.failed("unknown unit '" + written + "' (" + KNOWN_UNITS + ")");
        }
        return seconds(amount.multiply(per));
    }

    private static Reading seconds(BigDecimal seconds) {
        try {
            BigDecimal nanos = seconds.movePointRight(9).setScale(0, RoundingMode.HALF_UP);
            long s = nanos.divideToIntegralValue(BigDecimal.valueOf(1_000_000_000L)).longValueExact();
            long n = nanos.remainder(BigDecimal.valueOf(1_000_000_000L)).longValueExact();
            return Reading.ok(Duration.ofSeconds(s, n));
        } catch (ArithmeticException e) {
            return Reading.failed("the duration is too long");
        }
    }
}
