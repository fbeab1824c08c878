package io.meshkit.core.warehouse;

import static java.util.Objects.requireNonNull;

/**
 * A {@link WarehouseProvider} for one URI scheme, given once to its constructor: a subclass implements
 * {@link #open} (and {@link #embeddedUri} when its engine keeps a warehouse in one file).
 */
public abstract class SchemeWarehouseProvider implements WarehouseProvider {
    private final String scheme;

    /**
     * A provider of warehouses of one scheme.
     *
     * @param scheme the URI scheme it opens, e.g. {@code duckdb}
     */
    protected SchemeWarehouseProvider(String scheme) {
        this.scheme = requireNonNull(scheme, "scheme is null");
    }

    @Override
    public final String scheme() {
        return scheme;
    }
}
