package io.meshkit.core.warehouse;

/** Formats of landed files that a warehouse can load. */
public enum FileFormat {
    /** Apache Parquet. */
    PARQUET,
    /** CSV with a header line. */
    CSV
}
