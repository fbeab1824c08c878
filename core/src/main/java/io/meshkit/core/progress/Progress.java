package io.meshkit.core.progress;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The progress of long work (a snapshot, a restatement, a backfill, a cross-database diff), shown
 * to a person on standard error and never on standard output: a bar on a terminal, plain lines in
 * a CI log (see {@link ProgressReporter}). The work names its phases; inside a phase it counts what
 * is done, from any thread, on {@link #done()}.
 */
public interface Progress extends AutoCloseable {
    /** Unknown total. */
    long UNKNOWN = -1;

    /**
     * Starts a phase: its name ({@code planning}, {@code reading}), how much work it holds
     * ({@link #UNKNOWN} when that is not known; an estimate is fine) and the unit ({@code rows}).
     * The count of work done starts again at zero.
     */
    void phase(String name, long total, String unit);

    /**
     * Starts a phase that counts nothing ({@code staging music.tracks}, one statement in the warehouse):
     * what shows it says its name and how long it took, never a count of zero.
     */
    default void phase(String name) {
        phase(name, UNKNOWN, "");
    }

    /** Work done in the current phase, to add to (from any thread). */
    AtomicLong done();

    /** Ends the progress: a bar is cleared, a final line printed. */
    @Override
    void close();

    /**
     * Says the work failed: {@link #close()} then says so ({@code failed after 0.4 s}) and never that
     * the work finished or how long it took to be done; the error itself is the command's to print.
     */
    default void failed() {}

    /**
     * Runs {@code work} with this progress and closes it; when the work throws, the progress is
     * marked {@link #failed()} first, so an error run never reads as finished. Use it instead of
     * try-with-resources, which cannot tell.
     */
    default <T> T run(Function<? super Progress, T> work) {
        T result;
        try {
            result = work.apply(this);
        } catch (RuntimeException | Error e) {
            failed();
            close();
            throw e;
        }
        close();
        return result;
    }

    /** Progress that shows nothing: for API callers and tests. */
    static Progress none() {
        return new Progress() {
            private final AtomicLong done = new AtomicLong();

            @Override
            public void phase(String name, long total, String unit) {
                done.set(0);
            }

            @Override
            public AtomicLong done() {
                return done;
            }

            @Override
            public void close() {}
        };
    }
}
