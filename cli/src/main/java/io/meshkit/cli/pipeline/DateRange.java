package io.meshkit.cli.pipeline;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** {@code YYYY-MM-DD} or {@code FROM..TO} (both included) as the list of days. */
public final class DateRange {
    private static final int MAX_DAYS = 3660;

    private DateRange() {
    }

    /**
     * The days of {@code YYYY-MM-DD} or {@code FROM..TO}.
     *
     * @throws java.time.format.DateTimeParseException for a bad date
     * @throws IllegalArgumentException for a range that ends before it starts or is too long
     */
    public static List<LocalDate> parse(String text) {
        String t = text.trim();
        int dots = t.indexOf("..");
        if (dots < 0) {
            return List.of(LocalDate.parse(t));
        }
        LocalDate from = LocalDate.parse(t.substring(0, dots).trim());
        LocalDate to = LocalDate.parse(t.substring(dots + 2).trim());
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("the range " + t + " ends before it starts");
        }
        List<LocalDate> out = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            if (out.size() == MAX_DAYS) {
                throw new IllegalArgumentException("the range " + t + " is longer than " + MAX_DAYS + " days");
            }
            out.add(d);
        }
        return out;
    }
}
