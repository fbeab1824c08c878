package io.meshkit.differ.api;

import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;

/**
 * How a diff across databases splits the key range: a differing segment is split into
 * {@code fanout} parts, and segments of at most {@code downloadThreshold} rows are downloaded and
 * compared row by row instead.
 *
 * @param fanout parts a differing segment is split into, 2..1024
 * @param downloadThreshold the largest segment downloaded instead of split, or 0 for the default
 *     ({@link #INTEGER_KEY_THRESHOLD} for one integer key, {@link #OTHER_KEY_THRESHOLD} for other keys)
 */
public record SegmentSettings(int fanout, int downloadThreshold) {
    /** Default number of children a differing segment is split into. */
    public static final int DEFAULT_FANOUT = 256;
    /** Default largest segment downloaded instead of split: 0, the default for the key's type. */
    public static final int DEFAULT_DOWNLOAD_THRESHOLD = 0;
    /** One integer key: another level costs one index range per child, cheaper than downloading thousands of rows. */
    public static final int INTEGER_KEY_THRESHOLD = 256;
    /** Other keys: another level costs a boundaries query that scans the range (MySQL compares strings with BINARY, without the index). */
    public static final int OTHER_KEY_THRESHOLD = 4000;
    /** The defaults. */
    public static final SegmentSettings DEFAULTS = new SegmentSettings(DEFAULT_FANOUT, DEFAULT_DOWNLOAD_THRESHOLD);

    /** Validates: a fanout of 2..1024 and a threshold of at least 0. */
    public SegmentSettings {
        if (fanout < 2 || fanout > 1024) {
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot diff across databases: --segments must be 2..1024, got " + fanout);
        }
        if (downloadThreshold < 0) {
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT,
                    "Cannot diff across databases: --download-threshold must be at least 1 (or 0 for the default), got " + downloadThreshold);
        }
    }

    /** The download threshold for a key: the one given, or the default for one integer key or other keys. */
    public int threshold(boolean integerKey) {
        return downloadThreshold > 0 ? downloadThreshold : integerKey ? INTEGER_KEY_THRESHOLD : OTHER_KEY_THRESHOLD;
    }
}
