package io.meshkit.monitor.api;

/**
 * A sink did not accept an alert. The message names the sink and the reason (an HTTP status, a
 * timeout) and never its URL or any other secret; no cause is kept for the same reason.
 */
public final class SinkException extends Exception {
    private static final long serialVersionUID = 1L;

    /** A failure with a message that is safe to print. */
    public SinkException(String safeMessage) {
        super(safeMessage);
    }
}
