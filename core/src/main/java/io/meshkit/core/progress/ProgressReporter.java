package io.meshkit.core.progress;

import static java.util.Objects.requireNonNull;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * {@link Progress} shown on standard error. As a {@link Style#BAR} (stderr is a terminal): one line
 * redrawn five times a second with the phase, done/total, percent, rate and ETA. As
 * {@link Style#LINES} (a CI log, a file): one line when a phase starts and one every
 * {@value #LINE_EVERY_SECONDS} s while it runs, plus one at the end, each complete, so a log shows
 * the work is alive.
 */
public final class ProgressReporter implements Progress {
    /** How progress is shown. */
    public enum Style {
        /** A bar redrawn in place (a terminal). */
        BAR,
        /** Plain lines: per phase and every {@value ProgressReporter#LINE_EVERY_SECONDS} s (logs). */
        LINES,
        /** Nothing. */
        OFF
    }

    /** Seconds between two lines of the same phase in {@link Style#LINES}. */
    public static final int LINE_EVERY_SECONDS = 10;

    private static final long BAR_TICK_MS = 200;
    private static final int BAR_CELLS = 24;

    private final String label;
    private final PrintWriter err;
    private final Style style;
    private final LongSupplier nanos;
    private final long lineEveryNanos;
    private final AtomicLong done = new AtomicLong();
    private final Thread ticker;
    private final long started;

    private volatile boolean closed;
    private volatile boolean failed;
    private String phase;
    private long total = UNKNOWN;
    private String unit = "";
    private long phaseStarted;
    private long lastLine;
    private int drawn;

    private ProgressReporter(String label, PrintWriter err, Style style, LongSupplier nanos, Duration lineEvery) {
        this.label = requireNonNull(label, "label is null");
        this.err = requireNonNull(err, "err is null");
        this.style = requireNonNull(style, "style is null");
        this.nanos = nanos;
        this.lineEveryNanos = lineEvery.toNanos();
        this.started = nanos.getAsLong();
        this.ticker = new Thread(this::tick, "meshkit-progress");
        this.ticker.setDaemon(true);
    }

    /** Starts showing progress of the work called {@code label} ({@code ingest}) on {@code err}. */
    public static Progress start(String label, PrintWriter err, Style style) {
        if (style == Style.OFF) {
            return Progress.none();
        }
        ProgressReporter p = new ProgressReporter(label, err, style, System::nanoTime, Duration.ofSeconds(LINE_EVERY_SECONDS));
        p.ticker.start();
        return p;
    }

    @Override
    public synchronized void phase(String name, long total, String unit) {
        requireNonNull(name, "name is null");
        if (phase != null && style == Style.LINES) {
            err.println(line(true));   // how the phase ended
        }
        this.phase = name;
        this.total = total;
        this.unit = unit == null ? "" : unit;
        this.done.set(0);
        this.phaseStarted = nanos.getAsLong();
        if (style == Style.LINES) {
            err.println(label + ": " + name + (total >= 0 ? " (" + count(total) + " " + unitOf(total) + " estimated)" : ""));
            lastLine = phaseStarted;
        } else {
            draw();
        }
        err.flush();
    }

    @Override
    public AtomicLong done() {
        return done;
    }

    private void tick() {
        while (!closed) {
            try {
                Thread.sleep(style == Style.BAR ? BAR_TICK_MS : 500);
            } catch (InterruptedException e) {
                return;
            }
            synchronized (this) {
                if (closed || phase == null) {
                    continue;
                }
                if (style == Style.BAR) {
                    draw();
                } else if (nanos.getAsLong() - lastLine >= lineEveryNanos) {
                    err.println(line(false));
                    lastLine = nanos.getAsLong();
                }
                err.flush();
            }
        }
    }

    private void draw() {
        String text = bar();
        err.print("\r" + text + (text.length() < drawn ? " ".repeat(drawn - text.length()) : ""));
        drawn = text.length();
    }

    @Override
    public void failed() {
        failed = true;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        ticker.interrupt();
        if (style == Style.BAR) {
            err.print("\r" + " ".repeat(drawn) + "\r");
        } else if (phase != null && failed) {
            // the command prints the error next: no "finished", no "done"
            err.println(label + ": " + phase + " failed after " + seconds(nanos.getAsLong() - phaseStarted));
        } else if (phase != null) {
            err.println(line(true));
            err.println(label + ": done in " + seconds(nanos.getAsLong() - started));
        }
        err.flush();
    }

    /** The unit for a count: {@code 1 table}, {@code 2 tables} (units are given in the plural). */
    /** Below this count a rate says nothing ("1 of 1 table, 0 tables/s"), so the line leaves it out. */
    static final long MIN_FOR_RATE = 100;

    private String unitOf(long count) {
        return count == 1 && unit.endsWith("s") ? unit.substring(0, unit.length() - 1) : unit;
    }

    /** {@code ingest: reading 1,234,567 of ~2,000,000 rows (61%), 412,000 rows/s, ETA 2 s, 3 s elapsed}. */
    String line(boolean ended) {
        long n = done.get();
        long elapsed = nanos.getAsLong() - phaseStarted;
        if (!counts()) {
            // {@code publish stage: staging music.tracks finished in 1.2 s}
            return label + ": " + phase + (ended ? " finished in " + seconds(elapsed) : ", " + seconds(elapsed) + " elapsed");
        }
        StringBuilder b = new StringBuilder(label).append(": ").append(phase).append(ended ? " finished, " : " ");
        b.append(count(n));
        if (total >= 0) {
            b.append(" of ").append(count(total));
        }
        b.append(' ').append(unitOf(total >= 0 ? total : n));
        if (total > 0 && !ended) {
            b.append(" (").append(percent(n)).append("%)");
        }
        double rate = rate(n, elapsed);
        if (n >= MIN_FOR_RATE) {
            b.append(", ").append(count(Math.round(rate))).append(' ').append(unitOf(Math.round(rate))).append("/s");
        }
        if (!ended && total > 0 && n > 0 && n < total) {
            b.append(", ETA ").append(seconds((long) ((total - n) / rate * 1e9)));
        }
        b.append(", ").append(seconds(elapsed)).append(ended ? "" : " elapsed");
        return b.toString();
    }

    /** {@code reading  [██████░░░░]  1,234,567/2,000,000 rows  61%  412,000 rows/s  ETA 0:02}. */
    String bar() {
        long n = done.get();
        long elapsed = nanos.getAsLong() - phaseStarted;
        StringBuilder b = new StringBuilder(label).append(' ').append(phase).append("  ");
        if (!counts()) {
            return b.append(clock(elapsed / 1_000_000_000L)).toString();
        }
        if (total > 0) {
            int cells = (int) Math.min(BAR_CELLS, n * BAR_CELLS / total);
            b.append('[').append("█".repeat(cells)).append("░".repeat(BAR_CELLS - cells)).append("]  ");
            b.append(count(n)).append('/').append(count(total)).append(' ').append(unit).append("  ").append(percent(n)).append('%');
        } else {
            b.append(count(n)).append(' ').append(unit);
        }
        double rate = rate(n, elapsed);
        if (n > 0) {
            b.append("  ").append(count(Math.round(rate))).append(' ').append(unit).append("/s");
        }
        if (total > 0 && n > 0 && n < total) {
            b.append("  ETA ").append(clock((long) ((total - n) / rate)));
        }
        b.append("  ").append(clock(elapsed / 1_000_000_000L));
        return b.toString();
    }

    /** Whether the phase counts its work: a phase started with {@link Progress#phase(String)} does not. */
    private boolean counts() {
        return total >= 0 || !unit.isEmpty();
    }

    private int percent(long n) {
        // an estimate can be passed: never 100% before the phase ends
        return (int) Math.min(99, n * 100 / Math.max(1, total));
    }

    private static double rate(long n, long elapsedNanos) {
        return n / Math.max(elapsedNanos / 1e9, 0.001);
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static String seconds(long nanos) {
        double s = nanos / 1e9;
        return s < 10 ? String.format(Locale.ROOT, "%.1f s", s) : String.format(Locale.ROOT, "%d s", Math.round(s));
    }

    private static String clock(long seconds) {
        return seconds >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
                : String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }
}
