package io.meshkit.warehousebigquery.internal;

import static java.util.Objects.requireNonNull;

import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Where and how meshkit runs BigQuery jobs.
 *
 * @param project the Google Cloud project that runs (and pays for) the jobs
 * @param location the location of datasets and jobs, e.g. {@code EU}, {@code US}, {@code europe-west4}
 * @param maxAttempts attempts of a job that failed with a rate limit or a transient backend error
 * @param initialBackoff the first pause between attempts; it doubles (with jitter) up to {@link #maxBackoff}
 * @param maxBackoff the longest pause between attempts
 * @param maximumBytesBilled a cap on the bytes one query may bill, or empty for none
 * @param runId the meshkit run id put on every job as label {@code meshkit-run-id}, or empty
 */
public record BigQuerySettings(String project, String location, int maxAttempts, Duration initialBackoff, Duration maxBackoff,
        OptionalLong maximumBytesBilled, Optional<String> runId) {
    /** Setting key: attempts of a rate-limited job. */
    public static final String MAX_ATTEMPTS = "max_attempts";
    /** Setting key: first backoff, in milliseconds. */
    public static final String INITIAL_BACKOFF_MS = "initial_backoff_ms";
    /** Setting key: longest backoff, in milliseconds. */
    public static final String MAX_BACKOFF_MS = "max_backoff_ms";
    /** Setting key: bytes one query may bill at most. */
    public static final String MAXIMUM_BYTES_BILLED = "maximum_bytes_billed";
    /** Setting key: the run id label. */
    public static final String RUN_ID = "run_id";

    private static final Pattern PROJECT = Pattern.compile("[a-z][a-z0-9-]{4,28}[a-z0-9]|[a-z0-9.:-]{1,100}");
    private static final Pattern LOCATION = Pattern.compile("[A-Za-z][A-Za-z0-9-]{1,40}");
    /** BigQuery label values: lowercase letters, digits, dashes and underscores, at most 63 characters. */
    private static final Pattern LABEL_VALUE = Pattern.compile("[a-z0-9_-]{0,63}");

    /** Validates the fields. */
    public BigQuerySettings {
        requireNonNull(project, "project is null");
        requireNonNull(location, "location is null");
        requireNonNull(initialBackoff, "initialBackoff is null");
        requireNonNull(maxBackoff, "maxBackoff is null");
        requireNonNull(maximumBytesBilled, "maximumBytesBilled is null");
        requireNonNull(runId, "runId is null");
        if (!PROJECT.matcher(project).matches()) {
            throw new IllegalArgumentException("project must be a Google Cloud project id, e.g. my-project");
        }
        if (!LOCATION.matcher(location).matches()) {
            throw new IllegalArgumentException("location must be a BigQuery location, e.g. EU or europe-west4");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("max_attempts must be a positive integer");
        }
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("backoffs must be positive, the maximum at least the initial one");
        }
        if (maximumBytesBilled.isPresent() && maximumBytesBilled.getAsLong() < 1) {
            throw new IllegalArgumentException("maximum_bytes_billed must be a positive number of bytes");
        }
        runId.ifPresent(r -> {
            if (!LABEL_VALUE.matcher(r).matches()) {
                throw new IllegalArgumentException("run_id must be at most 63 lowercase letters, digits, '-' or '_' (a BigQuery label)");
            }
        });
    }

    /** These settings with another run id. */
    public BigQuerySettings withRunId(String runId) {
        return new BigQuerySettings(project, location, maxAttempts, initialBackoff, maxBackoff, maximumBytesBilled, Optional.of(runId));
    }

    /**
     * Parses a {@code bigquery:PROJECT/LOCATION} URI and the settings map of a warehouse configuration.
     *
     * @throws MeshkitException with {@link ErrorCode#INVALID_ARGUMENT} for a malformed URI, an unknown
     *     key or a bad value
     */
    public static BigQuerySettings parse(String uri, Map<String, String> settings) {
        String prefix = "bigquery:";
        if (uri == null || !uri.startsWith(prefix)) {
            throw invalid(uri, "expected bigquery:PROJECT/LOCATION, e.g. bigquery:my-project/EU");
        }
        String[] parts = uri.substring(prefix.length()).split("/", -1);
        if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
            throw invalid(uri, "expected bigquery:PROJECT/LOCATION, e.g. bigquery:my-project/EU");
        }
        Map<String, String> s = new TreeMap<>(settings);
        List<String> unknown = new ArrayList<>(s.keySet());
        unknown.removeAll(List.of(MAX_ATTEMPTS, INITIAL_BACKOFF_MS, MAX_BACKOFF_MS, MAXIMUM_BYTES_BILLED, RUN_ID));
        if (!unknown.isEmpty()) {
            throw invalid(uri, "unknown setting(s) " + unknown + " (known: " + MAX_ATTEMPTS + ", " + INITIAL_BACKOFF_MS + ", "
                    + MAX_BACKOFF_MS + ", " + MAXIMUM_BYTES_BILLED + ", " + RUN_ID + ")");
        }
        try {
            return new BigQuerySettings(parts[0], parts[1],
                    (int) number(s, MAX_ATTEMPTS, 5),
                    Duration.ofMillis(number(s, INITIAL_BACKOFF_MS, 1000)),
                    Duration.ofMillis(number(s, MAX_BACKOFF_MS, 32_000)),
                    s.containsKey(MAXIMUM_BYTES_BILLED) ? OptionalLong.of(number(s, MAXIMUM_BYTES_BILLED, 0)) : OptionalLong.empty(),
                    Optional.ofNullable(s.get(RUN_ID)));
        } catch (IllegalArgumentException e) {
            throw invalid(uri, e.getMessage());
        }
    }

    private static long number(Map<String, String> s, String key, long fallback) {
        String v = s.get(key);
        if (v == null) {
            return fallback;
        }
        try {
            return Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be an integer");
        }
    }

    private static MeshkitException invalid(String uri, String reason) {
        return new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot open warehouse " + uri + ": " + reason);
    }
}
