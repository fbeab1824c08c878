package io.meshkit.warehousebigquery.internal;

import com.google.cloud.bigquery.BigQueryException;
import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Runs a BigQuery call again after a rate limit or a transient backend error, with exponential
 * backoff and full jitter. Other errors pass through at once.
 */
final class Retry {
    /** How the pause is taken; tests replace it so they do not sleep. */
    interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    private final int maxAttempts;
    private final Duration initial;
    private final Duration max;
    private final Sleeper sleeper;

    Retry(int maxAttempts, Duration initial, Duration max, Sleeper sleeper) {
        this.maxAttempts = maxAttempts;
        this.initial = initial;
        this.max = max;
        this.sleeper = sleeper;
    }

    static Retry of(BigQuerySettings settings) {
        return new Retry(settings.maxAttempts(), settings.initialBackoff(), settings.maxBackoff(), d -> Thread.sleep(d.toMillis()));
    }

    <T> T call(Supplier<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return work.get();
            } catch (BigQueryException e) {
                if (attempt >= maxAttempts || !Errors.isRetryable(e)) {
                    throw e;
                }
                pause(attempt, e);
            }
        }
    }

    private void pause(int attempt, BigQueryException cause) {
        long cap = Math.min(max.toMillis(), initial.toMillis() << Math.min(attempt - 1, 20));
        long millis = cap <= 0 ? 0 : ThreadLocalRandom.current().nextLong(cap / 2, cap + 1);
        try {
            sleeper.sleep(Duration.ofMillis(millis));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            MeshkitException m = new MeshkitException(ErrorCode.WAREHOUSE_FAILURE, "Cannot retry BigQuery job: interrupted", e);
            m.addSuppressed(cause);
            throw m;
        }
    }
}
