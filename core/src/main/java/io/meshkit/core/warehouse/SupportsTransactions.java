package io.meshkit.core.warehouse;

import java.util.function.Function;

/**
 * A warehouse that runs several statements as one atomic transaction (DuckDB and PostgreSQL, DDL
 * included). BigQuery does not offer this for DDL, so code that promotes several tables at once must
 * say that it is atomic only here.
 */
public interface SupportsTransactions {
    /**
     * Runs {@code work} against a view of the warehouse whose statements all commit together, or
     * none of them if {@code work} throws. Other connections see nothing until the commit.
     */
    <T> T inTransaction(Function<Warehouse, T> work);
}
