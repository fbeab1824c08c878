package io.meshkit.sampler.internal;

import io.meshkit.sampler.api.Evaluation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * The evaluation as an SVG chart, written by hand (no plotting library): two panels over a
 * logarithmic rate axis, the average and maximum error (%) on the left and the query time (ms) on
 * the right (logarithmic), with the plain full query's time as a dashed line.
 */
public final class SvgChart {
    private static final int PANEL_W = 380;
    private static final int PANEL_H = 260;
    private static final int MARGIN_L = 64;
    private static final int MARGIN_T = 60;
    private static final int GAP = 96;

    private SvgChart() {}

    /** The SVG document. */
    public static String render(Evaluation evaluation, String title) {
        return render(evaluation, title, OptionalDouble.empty());
    }

    /**
     * The SVG document, with the target error (a fraction, e.g. 0.05) drawn as a line on the error
     * panel when given.
     */
    public static String render(Evaluation evaluation, String title, OptionalDouble targetError) {
        List<Evaluation.RateRow> rows = new ArrayList<>(evaluation.rows());
        rows.sort(Comparator.comparingDouble(r -> r.rate().fraction()));
        int width = MARGIN_L + PANEL_W + GAP + PANEL_W + 40;
        int height = MARGIN_T + PANEL_H + 104;
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\""
                + " font-family=\"Helvetica, Arial, sans-serif\" font-size=\"12\">%n", width, height, width, height));
        s.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", width, height));
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"24\" font-size=\"15\" font-weight=\"bold\">%s</text>%n", MARGIN_L, escape(title)));

        double maxLog = 0;
        // one decade at least: with only 100% the axis would have no width (and every x NaN)
        double minLog = Math.min(maxLog - 1, Math.floor(Math.log10(rows.get(0).rate().fraction())));
        double maxErr = 0;
        double maxMs = evaluation.baselineTime().toNanos() / 1e6;
        for (Evaluation.RateRow r : rows) {
            maxErr = Math.max(maxErr, finite(r.maxError()) * 100);
            maxMs = Math.max(maxMs, r.time().toNanos() / 1e6);
        }
        if (targetError.isPresent()) {
            maxErr = Math.max(maxErr, targetError.getAsDouble() * 100);
        }
        maxErr = niceCeil(maxErr);
        maxMs = niceCeil(maxMs);

        int x0 = MARGIN_L;
        int x1 = MARGIN_L + PANEL_W + GAP;
        panel(s, x0, "error (% of the exact value)", minLog, maxLog, maxErr, "%");
        double minMs = Double.MAX_VALUE;
        for (Evaluation.RateRow r : rows) {
            minMs = Math.min(minMs, r.time().toNanos() / 1e6);
        }
        double loMs = Math.log10(Math.max(1e-3, minMs));
        double loTime = Math.floor(loMs);
        double hiTime = Math.ceil(Math.log10(maxMs));
        if (hiTime <= loTime) {
            hiTime = loTime + 1;
        }
        logPanel(s, x1, "query time (ms, log scale)", minLog, maxLog, loTime, hiTime);
        series(s, rows, x0, minLog, maxLog, maxErr, r -> finite(r.maxError()) * 100, "#d62728", "max error", 0);
        series(s, rows, x0, minLog, maxLog, maxErr, r -> finite(r.averageError()) * 100, "#1f77b4", "average error", 1);
        if (targetError.isPresent()) {
            double yt = MARGIN_T + PANEL_H - targetError.getAsDouble() * 100 / maxErr * PANEL_H;
            s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ff7f0e\" stroke-width=\"1.5\""
                    + " stroke-dasharray=\"4 3\"/>%n", x0, yt, x0 + PANEL_W, yt));
            legend(s, x0, 2, "#ff7f0e", "target error " + trim(targetError.getAsDouble() * 100) + "%", true);
        }
        final double lo = loTime;
        final double span = hiTime - loTime;
        // the log panel plots log10(ms) on a linear axis from lo to lo + span
        series(s, rows, x1, minLog, maxLog, 1, r -> (Math.log10(Math.max(1e-3, r.time().toNanos() / 1e6)) - lo) / span, "#2ca02c", "sampled query", 0);
        double base = evaluation.baselineTime().toNanos() / 1e6;
        double yb = MARGIN_T + PANEL_H - (Math.log10(base) - lo) / span * PANEL_H;
        s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#7f7f7f\" stroke-dasharray=\"6 4\"/>%n",
                x1, yb, x1 + PANEL_W, yb));
        legend(s, x1, 1, "#7f7f7f", "plain full query", true);
        s.append("</svg>\n");
        return s.toString();
    }

    private static void logPanel(StringBuilder s, int x, String label, double minLog, double maxLog, double lo, double hi) {
        int y = MARGIN_T;
        s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#333\"/>%n", x, y, PANEL_W, PANEL_H));
        for (double l = lo; l <= hi + 1e-9; l++) {
            double yy = y + PANEL_H - (l - lo) / (hi - lo) * PANEL_H;
            s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>%n", x, yy, x + PANEL_W, yy));
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n", x - 6, yy + 4, trim(Math.pow(10, l))));
        }
        for (double l = minLog; l <= maxLog + 1e-9; l++) {
            double xx = x + (l - minLog) / (maxLog - minLog) * PANEL_W;
            s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>%n", xx, y, xx, y + PANEL_H));
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", xx, y + PANEL_H + 16, rateLabel(l)));
        }
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">sampling rate (log scale)</text>%n", x + PANEL_W / 2, y + PANEL_H + 34));
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-weight=\"bold\">%s</text>%n", x, y - 8, escape(label)));
    }

    private interface Value {
        double of(Evaluation.RateRow row);
    }

    private static void panel(StringBuilder s, int x, String label, double minLog, double maxLog, double maxY, String unit) {
        int y = MARGIN_T;
        s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#333\"/>%n", x, y, PANEL_W, PANEL_H));
        for (int i = 0; i <= 4; i++) {
            double v = maxY * i / 4;
            double yy = y + PANEL_H - PANEL_H * i / 4.0;
            s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>%n", x, yy, x + PANEL_W, yy));
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s%s</text>%n", x - 6, yy + 4, tick(v), unit));
        }
        for (double l = minLog; l <= maxLog + 1e-9; l++) {
            double xx = x + (l - minLog) / (maxLog - minLog) * PANEL_W;
            s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>%n", xx, y, xx, y + PANEL_H));
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", xx, y + PANEL_H + 16, rateLabel(l)));
        }
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">sampling rate (log scale)</text>%n", x + PANEL_W / 2, y + PANEL_H + 34));
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-weight=\"bold\">%s</text>%n", x, y - 8, escape(label)));
    }

    private static void series(StringBuilder s, List<Evaluation.RateRow> rows, int x, double minLog, double maxLog, double maxY,
            Value value, String color, String name, int legendIndex) {
        StringBuilder points = new StringBuilder();
        for (Evaluation.RateRow r : rows) {
            double xx = x + (Math.log10(r.rate().fraction()) - minLog) / (maxLog - minLog) * PANEL_W;
            double yy = MARGIN_T + PANEL_H - value.of(r) / maxY * PANEL_H;
            points.append(String.format(Locale.ROOT, "%.1f,%.1f ", xx, yy));
            s.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"%s\"/>%n", xx, yy, color));
        }
        s.append(String.format(Locale.ROOT, "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"/>%n", points.toString().trim(), color));
        legend(s, x, legendIndex, color, name, false);
    }

    private static void legend(StringBuilder s, int x, int index, String color, String name, boolean dashed) {
        int y = MARGIN_T + PANEL_H + 52 + index * 16;
        s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2\"%s/>%n",
                x, y - 4, x + 24, y - 4, color, dashed ? " stroke-dasharray=\"6 4\"" : ""));
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>%n", x + 30, y, escape(name)));
    }

    private static double finite(double v) {
        return Double.isFinite(v) ? v : 0;
    }

    private static String rateLabel(double log10) {
        double pct = Math.pow(10, log10) * 100;
        return pct >= 1 ? String.format(Locale.ROOT, "%.0f%%", pct) : String.format(Locale.ROOT, "%s%%", trim(pct));
    }

    private static String trim(double v) {
        return new java.math.BigDecimal(String.format(Locale.ROOT, "%.4f", v)).stripTrailingZeros().toPlainString();
    }

    private static String tick(double v) {
        return trim(v);
    }

    private static double niceCeil(double v) {
        if (v <= 0) {
            return 1;
        }
        double p = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * p >= v) {
                return m * p;
            }
        }
        return 10 * p;
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
