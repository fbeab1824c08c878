package io.meshkit.warehousebigquery.internal;

import com.google.cloud.bigquery.BigQueryError;
import com.google.cloud.bigquery.BigQueryException;
import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.WarehouseException;
import io.meshkit.core.secret.Masking;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;

/** Turns {@link BigQueryException}s into {@link WarehouseException}s at the warehouse boundary. */
final class Errors {
    /** Reasons that mean the statement itself is wrong: the user fixes it (exit code 2). */
    private static final Set<String> QUERY_REASONS = Set.of("invalidquery", "invalid", "notfound", "duplicate");
    /** Reasons worth another attempt after a pause. */
    private static final Set<String> RETRYABLE_REASONS = Set.of("ratelimitexceeded", "jobratelimitexceeded", "backenderror",
            "internalerror", "jobbackenderror", "jobinternalerror");

    private Errors() {}

    static String reasonCode(BigQueryException e) {
        BigQueryError error = e.getError();
        return error == null || error.getReason() == null ? "" : error.getReason().toLowerCase(Locale.ROOT);
    }

    /** Whether the error is a rate limit or a transient backend failure. */
    static boolean isRetryable(BigQueryException e) {
        return RETRYABLE_REASONS.contains(reasonCode(e)) || e.getCode() == 429 || e.getCode() == 500 || e.getCode() == 503;
    }

    /** Whether the error says a table or dataset does not exist. */
    static boolean isNotFound(BigQueryException e) {
        return e.getCode() == 404 || reasonCode(e).equals("notfound");
    }

    /** Whether the error says a table or dataset already exists. */
    static boolean isAlreadyExists(BigQueryException e) {
        return e.getCode() == 409 || reasonCode(e).equals("duplicate")
                || String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("already exists");
    }

    /**
     * {@code Cannot <what>: <BigQuery's first line>}. Invalid statements are {@link ErrorCode#INVALID_QUERY};
     * everything else is a {@link ErrorCode#WAREHOUSE_FAILURE}. With bound values present, quoted text
     * in BigQuery's reason is replaced by {@code '…'} (it may be one of them).
     */
    static WarehouseException wrap(String what, BigQueryException e, Collection<?> parameters) {
        boolean query = QUERY_REASONS.contains(reasonCode(e)) || e.getCode() == 400;
        return new WarehouseException(query ? ErrorCode.INVALID_QUERY : ErrorCode.WAREHOUSE_FAILURE,
                "Cannot " + what + ": " + reason(e, parameters), e);
    }

    /** BigQuery's first line, with bound values masked by meshkit's one rule ({@link Masking#errorReason}). */
    static String reason(BigQueryException e, Collection<?> parameters) {
        return Masking.errorReason(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), parameters);
    }
}
