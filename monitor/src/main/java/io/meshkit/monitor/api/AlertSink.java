package io.meshkit.monitor.api;

/**
 * Where alerts go: a Slack incoming webhook, a JSON webhook, stdout or a JSON-lines file. A sink
 * sends one alert per call and throws {@link SinkException} when the receiver did not accept it;
 * the monitor retries with backoff and keeps what could not be delivered for the next check.
 */
public interface AlertSink {
    /** The name from the configuration; the only way a sink is named in output (never its URL). */
    String name();

    /** Whether alerts of this owner team go to this sink (routing). */
    boolean routes(Alert alert);

    /** Hands one alert to the receiver; returns only once it accepted it. */
    void send(Alert alert) throws SinkException;
}
