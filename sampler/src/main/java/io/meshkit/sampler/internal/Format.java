package io.meshkit.sampler.internal;

import java.util.Locale;
import java.util.OptionalLong;

/** Number formats shared by the text outputs. */
public final class Format {
    private Format() {}

    /** A fraction as a percentage with two significant decimals, e.g. {@code 0.17%}. */
    public static String percent(double fraction) {
        if (Double.isInfinite(fraction)) {
            return "∞";
        }
        if (Double.isNaN(fraction)) {
            return "-";
        }
        double pct = fraction * 100;
        if (pct == 0) {
            return "0%";
        }
        if (pct >= 10) {
            return String.format(Locale.ROOT, "%.1f%%", pct);
        }
        return String.format(Locale.ROOT, "%.2f%%", pct);
    }

    /** Bytes with a binary unit, e.g. {@code 56.0 MiB}; {@code -} when unknown. */
    public static String bytes(OptionalLong bytes) {
        if (bytes.isEmpty()) {
            return "-";
        }
        double b = bytes.getAsLong();
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        int u = 0;
        while (b >= 1024 && u < units.length - 1) {
            b /= 1024;
            u++;
        }
        return u == 0 ? String.format(Locale.ROOT, "%.0f B", b) : String.format(Locale.ROOT, "%.1f %s", b, units[u]);
    }

    /** A number with up to 6 significant digits and thousands separators for large ones. */
    public static String number(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        if (Math.abs(v) >= 1000 || v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (Math.abs(v) >= 100) {
            return String.format(Locale.ROOT, "%,.1f", v);
        }
        return String.format(Locale.ROOT, "%.4g", v);
    }
}
