package io.meshkit.lineage.internal;

import static java.util.Objects.requireNonNull;

import io.openlineage.client.OpenLineage;
import io.openlineage.client.OpenLineageClientUtils;
import io.openlineage.client.transports.Transport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * OpenLineage's HTTP transport on the JDK's {@link HttpClient}: a POST of the event's JSON to the endpoint,
 * with the API key as a bearer token. The client library's own HttpTransport needs Apache HttpClient 5, a
 * second HTTP stack in the distribution for one request per run event; this one needs nothing.
 */
final class JdkHttpTransport extends Transport {
    private final HttpClient client;
    private final URI uri;
    private final Duration timeout;
    private final Optional<String> apiKey;

    JdkHttpTransport(URI uri, Duration timeout, Optional<String> apiKey) {
        this.uri = requireNonNull(uri, "uri is null");
        this.timeout = requireNonNull(timeout, "timeout is null");
        this.apiKey = requireNonNull(apiKey, "apiKey is null");
        this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public void emit(OpenLineage.RunEvent event) {
        post(OpenLineageClientUtils.toJson(event));
    }

    @Override
    public void emit(OpenLineage.DatasetEvent event) {
        post(OpenLineageClientUtils.toJson(event));
    }

    @Override
    public void emit(OpenLineage.JobEvent event) {
        post(OpenLineageClientUtils.toJson(event));
    }

    private void post(String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        apiKey.ifPresent(key -> request.header("Authorization", "Bearer " + key));
        HttpResponse<Void> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("HTTP " + response.statusCode());
        }
    }
}
