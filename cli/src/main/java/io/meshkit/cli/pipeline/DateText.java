package io.meshkit.cli.pipeline;

import java.time.LocalDate;
import java.util.List;

/** Dates as people read them: {@code 2019-04-28..2019-05-02 (5 days)}. */
final class DateText {
    private DateText() {
    }

    static String of(List<LocalDate> dates) {
        if (dates.isEmpty()) {
            return "none";
        }
        if (dates.size() == 1) {
            return dates.get(0).toString();
        }
        return dates.get(0) + ".." + dates.get(dates.size() - 1) + " (" + dates.size() + " days)";
    }
}
