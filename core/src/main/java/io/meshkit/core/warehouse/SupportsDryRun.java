package io.meshkit.core.warehouse;

/** A warehouse that estimates what a query would scan without running it (BigQuery dry runs). */
public interface SupportsDryRun {
    /** The bytes the query would process. */
    long estimateBytes(Sql sql);
}
