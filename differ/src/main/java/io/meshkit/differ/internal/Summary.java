package io.meshkit.differ.internal;

/**
 * Row count and digest of a key range.
 *
 * @param rows rows in the range
 * @param digest the MD5 (hex) of the range's canonical row texts in key order; null for an empty
 *     range, or when the engine could not compute it (a text beyond MySQL's packet size)
 */
public record Summary(long rows, String digest) {
    /** An empty range. */
    public static final Summary EMPTY = new Summary(0, null);

    /** Whether two summaries show the same rows: equal counts and equal digests (a missing digest matches nothing). */
    public boolean matches(Summary other) {
        if (rows != other.rows) {
            return false;
        }
        return rows == 0 || digest != null && digest.equalsIgnoreCase(other.digest);
    }
}
