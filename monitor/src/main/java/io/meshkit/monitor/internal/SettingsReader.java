package io.meshkit.monitor.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshkit.core.config.MeshkitConfig;
import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import io.meshkit.monitor.api.Durations;
import io.meshkit.monitor.api.MonitorSettings;
import io.meshkit.monitor.api.MonitorSettings.RetryPolicy;
import io.meshkit.monitor.api.MonitorSettings.SinkSpec;
import io.meshkit.monitor.api.MonitorSettings.SinkType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the {@code monitor:} section of {@code meshkit.yaml}:
 *
 * <pre>
 * monitor:
 *   contracts: contracts/
 *   defaultFreshness: 36h
 *   reminder: 24h            # or "never"
 *   rowChangeThreshold: 0.5
 *   recentRuns: 10
 *   lookback: 35d
 *   freshnessQueries: false
 *   retry: {attempts: 3, initialBackoff: 1s, maxBackoff: 30s, timeout: 10s}
 *   sinks:
 *     - {name: music-slack, type: slack, url_env: MUSIC_SLACK_WEBHOOK_URL, teams: [music-listening]}
 *     - {name: ops, type: webhook, url_env: OPS_WEBHOOK_URL}
 *     - {name: log, type: jsonl, path: .meshkit/alerts.jsonl}
 *     - {name: console, type: stdout}
 * </pre>
 *
 * Relative paths are resolved against the file's directory. Unknown keys are errors, so a typo does
 * not silently drop a sink.
 */
public final class SettingsReader {
    private static final Set<String> KEYS = Set.of("contracts", "defaultFreshness", "reminder", "rowChangeThreshold", "recentRuns",
            "lookback", "freshnessQueries", "retry", "sinks");
    private static final Set<String> SINK_KEYS = Set.of("name", "type", "url_env", "path", "teams");
    private static final Set<String> RETRY_KEYS = Set.of("attempts", "initialBackoff", "maxBackoff", "timeout");

    private SettingsReader() {}

    /**
     * The settings of the {@code monitor:} section of the configuration (read once, with every other
     * section, by {@link MeshkitConfig#read}), or the defaults when there is no file or no such section.
     */
    public static MonitorSettings read(MeshkitConfig config) {
        Optional<JsonNode> section = config.section("monitor");
        if (section.isEmpty() || config.source().isEmpty()) {
            return MonitorSettings.defaults();
        }
        Path f = config.source().get();
        JsonNode m = section.get();
        String where = f + ": monitor";
        object(m, where, KEYS);
        Path base = f.toAbsolutePath().getParent();
        MonitorSettings d = MonitorSettings.defaults();
        Optional<Path> contracts = text(m, "contracts").map(p -> base.resolve(p).normalize());
        Optional<Duration> defaultFreshness = text(m, "defaultFreshness").map(v -> Durations.parse(v, where + ".defaultFreshness"));
        Optional<Duration> reminder = d.reminder();
        if (m.has("reminder")) {
            String r = m.get("reminder").asText();
            reminder = r.equalsIgnoreCase("never") || r.equalsIgnoreCase("off") ? Optional.empty()
                    : Optional.of(Durations.parse(r, where + ".reminder"));
        }
        double threshold = m.has("rowChangeThreshold") ? number(m.get("rowChangeThreshold"), where + ".rowChangeThreshold") : d.rowChangeThreshold();
        int recentRuns = m.has("recentRuns") ? (int) number(m.get("recentRuns"), where + ".recentRuns") : d.recentRuns();
        Duration lookback = text(m, "lookback").map(v -> Durations.parse(v, where + ".lookback")).orElse(d.lookback());
        boolean probes = m.has("freshnessQueries") && m.get("freshnessQueries").asBoolean();
        RetryPolicy retry = d.retry();
        if (m.has("retry")) {
            JsonNode r = m.get("retry");
            object(r, where + ".retry", RETRY_KEYS);
            long attempts = r.has("attempts") ? (long) number(r.get("attempts"), where + ".retry.attempts") : retry.attempts();
            if (attempts < 1 || attempts > 100) {
                throw bad(where + ".retry.attempts", "must be 1..100, not " + attempts);
            }
            retry = new RetryPolicy((int) attempts,
                    text(r, "initialBackoff").map(v -> Durations.parse(v, where + ".retry.initialBackoff")).orElse(retry.initialBackoff()),
                    text(r, "maxBackoff").map(v -> Durations.parse(v, where + ".retry.maxBackoff")).orElse(retry.maxBackoff()),
                    text(r, "timeout").map(v -> Durations.parse(v, where + ".retry.timeout")).orElse(retry.timeout()));
        }
        List<SinkSpec> sinks = new ArrayList<>();
        JsonNode s = m.get("sinks");
        if (s != null && !s.isNull()) {
            if (!s.isArray()) {
                throw bad(where + ".sinks", "expected a list of sinks");
            }
            Set<String> names = new HashSet<>();
            for (int i = 0; i < s.size(); i++) {
                JsonNode n = s.get(i);
                String at = where + ".sinks[" + i + "]";
                object(n, at, SINK_KEYS);
                SinkType type;
                String typeText = text(n, "type").orElseThrow(() -> bad(at, "missing 'type' (slack, webhook, stdout, jsonl)"));
                try {
                    type = SinkType.valueOf(typeText.toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw bad(at, "unknown type '" + typeText + "' (slack, webhook, stdout, jsonl)");
                }
                String name = text(n, "name").orElse(type.name().toLowerCase(Locale.ROOT));
                if (!names.add(name)) {
                    throw bad(at, "a second sink named '" + name + "'");
                }
                if (n.has("url")) {
                    throw bad(at, "webhook URLs are secrets: put the URL in an environment variable and name it with 'url_env'");
                }
                Set<String> teams = new LinkedHashSet<>();
                JsonNode t = n.get("teams");
                if (t != null && t.isArray()) {
                    t.forEach(x -> teams.add(x.asText()));
                } else if (t != null && t.isTextual()) {
                    teams.add(t.asText());
                }
                sinks.add(new SinkSpec(name, type, text(n, "url_env"), text(n, "path").map(p -> base.resolve(p).normalize()), teams));
            }
        }
        try {
            return new MonitorSettings(contracts, defaultFreshness, reminder, threshold, recentRuns, lookback, probes, sinks, retry);
        } catch (MeshkitException e) {
            // MonitorSettings' own rule, placed in the file: "Cannot use the monitor settings: <reason>"
            String message = e.getMessage();
            throw bad(where, message.substring(message.indexOf(": ") + 2));
        }
    }

    private static void object(JsonNode n, String where, Set<String> allowed) {
        if (!n.isObject()) {
            throw bad(where, "expected a mapping");
        }
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!allowed.contains(k) && !(k.equals("url") && allowed == SINK_KEYS)) {
                throw bad(where, "unknown key '" + k + "' (known: " + String.join(", ", allowed.stream().sorted().toList()) + ")");
            }
        }
    }

    private static Optional<String> text(JsonNode n, String field) {
        return n.hasNonNull(field) ? Optional.of(n.get(field).asText()) : Optional.empty();
    }

    private static double number(JsonNode n, String where) {
        if (n.isNumber()) {
            return n.asDouble();
        }
        try {
            return Double.parseDouble(n.asText());
        } catch (NumberFormatException e) {
            throw bad(where, "expected a number, got '" + n.asText() + "'");
        }
    }

    private static MeshkitException bad(String where, String reason) {
        return new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot read configuration " + where + ": " + reason);
    }
}
