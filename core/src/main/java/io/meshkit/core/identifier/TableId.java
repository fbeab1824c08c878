package io.meshkit.core.identifier;

import static java.util.Objects.requireNonNull;

import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;

/**
 * A table in a namespace. Always rendered into SQL by a {@link io.meshkit.core.warehouse.Dialect},
 * never by string concatenation.
 *
 * @param namespace the namespace
 * @param name the unquoted table name
 */
public record TableId(Namespace namespace, String name) {
    /** Validates that the name can be quoted safely. */
    public TableId {
        requireNonNull(namespace, "namespace is null");
        Identifiers.checkQuotable("table", name);
    }

    /** A table in a namespace. */
    public static TableId of(String namespace, String name) {
        return new TableId(Namespace.of(namespace), name);
    }

    /**
     * Parses {@code NAMESPACE.TABLE}, the form the {@code --table} option takes. Names with dots
     * cannot be given this way; use {@link #of(String, String)}.
     */
    public static TableId parse(String qualified) {
        requireNonNull(qualified, "qualified is null");
        int dot = qualified.indexOf('.');
        if (dot <= 0 || dot == qualified.length() - 1 || qualified.indexOf('.', dot + 1) >= 0) {
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT,
                    "Cannot parse table " + Identifiers.describe(qualified) + ": expected NAMESPACE.TABLE");
        }
        return of(qualified.substring(0, dot), qualified.substring(dot + 1));
    }

    /** A table with the same namespace and another name. */
    public TableId withName(String newName) {
        return new TableId(namespace, newName);
    }

    @Override
    public String toString() {
        return namespace.name() + "." + name;
    }
}
