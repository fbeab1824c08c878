package io.meshkit.core.runlog;

import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;

/** Another process holds the lease on a dataset; nothing was changed. */
public final class LeaseHeldException extends MeshkitException {
    private static final long serialVersionUID = 1L;

    private final transient Lease current;

    /** The lease that is held. */
    public LeaseHeldException(Lease current) {
        super(ErrorCode.LEASE_HELD, "Cannot lock dataset " + current.dataset() + ": it is held by " + current.holder()
                + " since " + current.acquiredAt() + " (expires " + current.expiresAt() + ")");
        this.current = current;
    }

    /** The lease someone else holds. */
    public Lease current() {
        return current;
    }
}
