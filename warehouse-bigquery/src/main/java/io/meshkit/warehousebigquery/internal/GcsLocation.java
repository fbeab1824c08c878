package io.meshkit.warehousebigquery.internal;

import static java.util.Objects.requireNonNull;

import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import java.util.regex.Pattern;

/**
 * Where a GCS landing zone lives: {@code gs://BUCKET} or {@code gs://BUCKET/PREFIX}.
 *
 * @param bucket the bucket name
 * @param prefix the object-name prefix without leading or trailing {@code /}; empty for the bucket's root
 */
public record GcsLocation(String bucket, String prefix) {
    /** GCS's bucket naming rules, without the dotted-name length exceptions. */
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9._-]{1,220}[a-z0-9]");

    /** Validates. */
    public GcsLocation {
        requireNonNull(bucket, "bucket is null");
        requireNonNull(prefix, "prefix is null");
    }

    /** Parses {@code gs://BUCKET[/PREFIX]}; anything else is an {@code INVALID_ARGUMENT}. */
    public static GcsLocation parse(String uri) {
        requireNonNull(uri, "uri is null");
        if (!uri.startsWith("gs://")) {
            throw invalid(uri, "expected gs://BUCKET/PREFIX");
        }
        String rest = uri.substring("gs://".length());
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        String prefix = slash < 0 ? "" : rest.substring(slash + 1);
        if (!BUCKET.matcher(bucket).matches() || bucket.contains("..")) {
            throw invalid(uri, "'" + bucket + "' is not a bucket name (3 to 222 of lowercase letters, digits, '-', '_', '.')");
        }
        while (prefix.endsWith("/")) {
            prefix = prefix.substring(0, prefix.length() - 1);
        }
        if (!prefix.isEmpty()) {
            for (String segment : prefix.split("/", -1)) {
                if (segment.isEmpty() || segment.equals(".") || segment.equals("..") || segment.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                    throw invalid(uri, "the prefix must be '/'-separated names without empty, '.' or '..' segments");
                }
            }
        }
        return new GcsLocation(bucket, prefix);
    }

    private static MeshkitException invalid(String uri, String reason) {
        return new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot open landing zone " + uri + ": " + reason);
    }

    /** The object name of a path below the prefix. */
    public String objectName(String relative) {
        return prefix.isEmpty() ? relative : prefix + "/" + relative;
    }

    @Override
    public String toString() {
        return prefix.isEmpty() ? "gs://" + bucket : "gs://" + bucket + "/" + prefix;
    }
}
