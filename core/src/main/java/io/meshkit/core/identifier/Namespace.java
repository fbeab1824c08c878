package io.meshkit.core.identifier;

/**
 * A group of tables: a schema on DuckDB, a dataset on BigQuery.
 *
 * @param name the unquoted name
 */
public record Namespace(String name) {
    /** The namespace where meshkit records runs, publications and leases. */
    public static final Namespace META = new Namespace("meshkit_meta");

    /** Validates that the name can be quoted safely. */
    public Namespace {
        Identifiers.checkQuotable("namespace", name);
    }

    /** A namespace with the given name. */
    public static Namespace of(String name) {
        return new Namespace(name);
    }

    /** A table in this namespace. */
    public TableId table(String table) {
        return new TableId(this, table);
    }

    @Override
    public String toString() {
        return name;
    }
}
