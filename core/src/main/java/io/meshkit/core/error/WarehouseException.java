package io.meshkit.core.error;

/**
 * The warehouse failed, or rejected a statement. Implementations wrap their driver's exceptions in
 * this at the warehouse boundary, keeping the cause and never the bound values.
 */
public final class WarehouseException extends MeshkitException {
    private static final long serialVersionUID = 1L;

    /** A warehouse failure with the given code ({@link ErrorCode#WAREHOUSE_FAILURE} or {@link ErrorCode#INVALID_QUERY}). */
    public WarehouseException(ErrorCode code, String message, Throwable cause) {
        super(code, message, cause);
    }
}
