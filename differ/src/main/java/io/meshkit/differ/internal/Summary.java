package io.meshkit.differ.internal;

import java.math.BigInteger;

/**
 * Row count and checksum (sum of row hashes) of a key range.
 *
 * @param rows rows in the range
 * @param checksum sum of the rows' 60-bit hashes
 */
public record Summary(long rows, BigInteger checksum) {
    /** An empty range. */
    public static final Summary EMPTY = new Summary(0, BigInteger.ZERO);
}
