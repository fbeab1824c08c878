package io.meshkit.snapshotingest.internal;

/** How a MySQL column's values are read from the result set and written to Parquet. */
public enum ValueKind {
    BOOLEAN,
    /** {@code BIT(n)}, n > 1: the bits as an unsigned number. */
    BIT,
    INT32,
    INT64,
    /** {@code BIGINT UNSIGNED}: 64 bits, annotated unsigned, so values above 2^63 do not overflow. */
    UINT64,
    /** {@code DECIMAL(p,s)} with p &le; 18: the unscaled value in an INT64. */
    DECIMAL_LONG,
    /** {@code DECIMAL(p,s)} with p &gt; 18: the unscaled value in fixed-length two's complement bytes. */
    DECIMAL_BYTES,
    FLOAT,
    DOUBLE,
    STRING,
    JSON,
    BINARY,
    DATE,
    /** {@code DATETIME}: a wall-clock time in the source's time zone, normalised to UTC. */
    DATETIME,
    /** {@code TIMESTAMP}: read in session time zone UTC. */
    TIMESTAMP,
    TIME,
    YEAR;

    /** Whether a value of this kind can be a zero or invalid date that lands as NULL. */
    public boolean isTemporal() {
        return this == DATE || this == DATETIME || this == TIMESTAMP || this == TIME || this == YEAR;
    }
}
