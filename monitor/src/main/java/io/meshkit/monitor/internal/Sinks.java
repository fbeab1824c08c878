package io.meshkit.monitor.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import io.meshkit.monitor.api.Alert;
import io.meshkit.monitor.api.AlertKind;
import io.meshkit.monitor.api.AlertSink;
import io.meshkit.monitor.api.Durations;
import io.meshkit.monitor.api.MonitorSettings;
import io.meshkit.monitor.api.MonitorSettings.SinkSpec;
import io.meshkit.monitor.api.SinkException;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** The sinks named in the configuration, built with their secrets from the environment. */
public final class Sinks {
    private Sinks() {}

    /**
     * Builds the sinks. A webhook whose environment variable is unset or not an http(s) URL is a
     * configuration error (exit 2) that names the variable, never its value.
     *
     * @param env reads an environment variable ({@code System::getenv} outside tests)
     * @param stdout where the stdout sink prints
     */
    public static List<AlertSink> build(MonitorSettings settings, Function<String, String> env, PrintWriter stdout) {
        List<AlertSink> out = new ArrayList<>();
        HttpClient[] client = {null};
        for (SinkSpec spec : settings.sinks()) {
            switch (spec.type()) {
                case STDOUT -> out.add(new StdoutSink(spec, stdout));
                case JSONL -> out.add(new JsonLinesSink(spec, spec.path().orElseThrow(() -> bad(spec, "a jsonl sink needs 'path'"))));
                case SLACK, WEBHOOK -> {
                    String var = spec.urlEnv().orElseThrow(() -> bad(spec, "a " + spec.type().name().toLowerCase(java.util.Locale.ROOT)
                            + " sink needs 'url_env', the environment variable holding its URL"));
                    String url = env.apply(var);
                    if (url == null || url.isBlank()) {
                        throw bad(spec, "environment variable " + var + " is not set");
                    }
                    URI uri;
                    try {
                        uri = URI.create(url.trim());
                    } catch (IllegalArgumentException e) {
                        throw bad(spec, "environment variable " + var + " does not hold a URL");
                    }
                    if (uri.getScheme() == null || !(uri.getScheme().equals("https") || uri.getScheme().equals("http")) || uri.getHost() == null) {
                        throw bad(spec, "environment variable " + var + " does not hold an http(s) URL");
                    }
                    if (client[0] == null) {
                        client[0] = HttpClient.newBuilder().connectTimeout(settings.retry().timeout()).build();
                    }
                    out.add(new HttpSink(spec, uri, client[0], settings.retry().timeout()));
                }
                default -> throw new IllegalStateException("unknown sink type " + spec.type());
            }
        }
        return out;
    }

    private static MeshkitException bad(SinkSpec spec, String reason) {
        return new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot configure alert sink " + spec.name() + ": " + reason);
    }

    private abstract static class Routed implements AlertSink {
        final SinkSpec spec;

        Routed(SinkSpec spec) {
            this.spec = spec;
        }

        @Override
        public String name() {
            return spec.name();
        }

        @Override
        public boolean routes(Alert alert) {
            return spec.teams().isEmpty() || alert.team().map(spec.teams()::contains).orElse(false);
        }

        @Override
        public String toString() {
            return spec.type().name().toLowerCase(java.util.Locale.ROOT) + " sink " + spec.name(); // never the URL
        }
    }

    /** Slack incoming webhook or generic JSON webhook: POSTs the alert, accepted on a 2xx answer. */
    static final class HttpSink extends Routed {
        private final URI uri;
        private final HttpClient client;
        private final Duration timeout;

        HttpSink(SinkSpec spec, URI uri, HttpClient client, Duration timeout) {
            super(spec);
            this.uri = uri;
            this.client = client;
            this.timeout = timeout;
        }

        @Override
        public void send(Alert alert) throws SinkException {
            String body = spec.type() == MonitorSettings.SinkType.SLACK ? slack(alert).toString() : webhook(alert).toString();
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).header("Content-Type", "application/json")
                    .header("Idempotency-Key", alert.id()).header("User-Agent", "meshkit-monitor")
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
            HttpResponse<Void> response;
            try {
                response = client.send(request, HttpResponse.BodyHandlers.discarding());
            } catch (HttpTimeoutException e) {
                throw new SinkException("Cannot deliver alert to sink " + name() + ": no answer within " + Durations.format(timeout));
            } catch (IOException e) {
                // the exception's message may carry the host or URL: only its type is kept
                throw new SinkException("Cannot deliver alert to sink " + name() + ": " + e.getClass().getSimpleName());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SinkException("Cannot deliver alert to sink " + name() + ": interrupted");
            }
            int status = response.statusCode();
            if (status / 100 != 2) {
                throw new SinkException("Cannot deliver alert to sink " + name() + ": HTTP " + status);
            }
        }
    }

    /** The generic webhook body: the alert object under {@code alert}. */
    static ObjectNode webhook(Alert a) {
        ObjectNode o = AlertJson.MAPPER.createObjectNode();
        o.put("type", "meshkit.monitor.alert");
        o.set("alert", AlertJson.toJson(a));
        return o;
    }

    /** A Slack message: a header, the summary, the facts as fields, and the alert id as context. */
    static ObjectNode slack(Alert a) {
        ObjectNode o = AlertJson.MAPPER.createObjectNode();
        o.put("text", a.text()); // notification fallback
        ArrayNode blocks = o.putArray("blocks");
        ObjectNode header = blocks.addObject();
        header.put("type", "header");
        header.putObject("text").put("type", "plain_text").put("text", emoji(a.kind()) + " " + a.dataset() + " " + headline(a));
        ObjectNode section = blocks.addObject();
        section.put("type", "section");
        section.putObject("text").put("type", "mrkdwn").put("text", slackEscape(a.text()));
        ArrayNode fields = section.putArray("fields");
        field(fields, "Team", a.team().orElse("unknown"));
        a.runId().ifPresent(v -> field(fields, "Run", v));
        a.error().ifPresent(v -> field(fields, "Error", v));
        field(fields, "Last update", Alert.seconds(a.lastUpdate()));
        a.freshness().ifPresent(v -> field(fields, "Freshness SLA", Durations.format(v)));
        a.lateBy().ifPresent(v -> field(fields, "Late by", Durations.format(v)));
        ObjectNode context = blocks.addObject();
        context.put("type", "context");
        context.putArray("elements").addObject().put("type", "mrkdwn")
                .put("text", slackEscape("meshkit monitor · " + a.firedAt() + " · alert " + a.id()));
        return o;
    }

    private static void field(ArrayNode fields, String name, String value) {
        fields.addObject().put("type", "mrkdwn").put("text", "*" + name + "*\n" + slackEscape(value));
    }

    private static String slackEscape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String headline(Alert a) {
        return switch (a.kind()) {
            case FAILED -> "failed";
            case LATE -> "is late";
            case RECOVERED -> "recovered";
            case CAUGHT_UP -> "caught up";
            case REMINDER -> "is still " + (a.failing() && a.late() ? "failing and late" : a.failing() ? "failing" : "late");
            case ROW_COUNT -> "row count warning";
        };
    }

    private static String emoji(AlertKind kind) {
        return switch (kind) {
            case FAILED -> ":red_circle:";
            case LATE, REMINDER -> ":hourglass:";
            case RECOVERED, CAUGHT_UP -> ":large_green_circle:";
            case ROW_COUNT -> ":warning:";
        };
    }

    /** One line per alert on standard output. */
    static final class StdoutSink extends Routed {
        private final PrintWriter out;

        StdoutSink(SinkSpec spec, PrintWriter out) {
            super(spec);
            this.out = out;
        }

        @Override
        public void send(Alert alert) {
            out.println("alert " + alert.kind().label() + ": " + alert.text());
            out.flush();
        }
    }

    /** One JSON object per line, appended to a file (created with its directories). */
    static final class JsonLinesSink extends Routed {
        private final Path file;

        JsonLinesSink(SinkSpec spec, Path file) {
            super(spec);
            this.file = file;
        }

        @Override
        public void send(Alert alert) throws SinkException {
            try {
                if (file.getParent() != null) {
                    Files.createDirectories(file.getParent());
                }
                Files.writeString(file, AlertJson.write(alert) + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND, StandardOpenOption.WRITE);
            } catch (IOException e) {
                throw new SinkException("Cannot deliver alert to sink " + name() + ": cannot append to " + file + " ("
                        + e.getClass().getSimpleName() + ")");
            }
        }
    }
}
