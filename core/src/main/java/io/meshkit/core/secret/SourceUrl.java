package io.meshkit.core.secret;

import static java.util.Objects.requireNonNull;

import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A JDBC source URL taken apart the way MySQL Connector/J takes it apart, for one purpose: to find
 * every place a secret can hide in it. Connector/J reads a password from the query
 * ({@code password}, {@code password1..3}, percent-encoded keys too), from a host's user info
 * ({@code user:pass@host}), from a host written as {@code address=(host=h)(password=p)} or
 * {@code (host=h,password=p)}, from bracketed host lists, and (other drivers) from
 * {@code ;password=} after the database. This class finds all of them, without the driver: core
 * depends on no JDBC driver, and snapshot-ingest's tests check that it agrees with Connector/J's
 * own {@code ConnectionUrl} on every form.
 *
 * @param text the URL as given
 * @param scheme what precedes {@code //}, e.g. {@code jdbc:mysql:}
 * @param properties every key=value the URL carries (query, host properties, {@code ;} settings,
 *        and a host's user info as {@code user}/{@code password}), decoded, in order of appearance
 */
public record SourceUrl(String text, String scheme, List<Property> properties) {
    /** Validates. */
    public SourceUrl {
        requireNonNull(text, "text is null");
        requireNonNull(scheme, "scheme is null");
        properties = List.copyOf(properties);
    }

    /**
     * One setting of the URL.
     *
     * @param key the key as the driver reads it (percent-decoded)
     * @param value the value, decoded
     */
    public record Property(String key, String value) {
        /** Validates. */
        public Property {
            requireNonNull(key, "key is null");
            requireNonNull(value, "value is null");
        }

        /** Whether the driver (or a keystore setting) reads this as a secret. */
        public boolean isSecret() {
            return Secrets.isSecretKey(key);
        }
    }

    /** Parses a URL. Never fails: what cannot be taken apart is treated as opaque text. */
    public static SourceUrl parse(String url) {
        requireNonNull(url, "url is null");
        String u = url.strip();
        int slashes = u.indexOf("//");
        List<Property> props = new ArrayList<>();
        if (slashes < 0) {
            queryAndSettings(u, props);
            return new SourceUrl(url, "", props);
        }
        String scheme = u.substring(0, slashes);
        String rest = u.substring(slashes + 2);
        int end = endOfHosts(rest);
        String hosts = rest.substring(0, end);
        String tail = rest.substring(end);
        for (String host : split(hosts, ',')) {
            host(host, props);
        }
        queryAndSettings(tail, props);
        return new SourceUrl(url, scheme, props);
    }

    /** The secret-bearing settings, if any. */
    public List<Property> secrets() {
        return properties.stream().filter(Property::isSecret).toList();
    }

    /** Whether the URL carries a secret. */
    public boolean hasSecret() {
        return !secrets().isEmpty();
    }

    /** The value of a (non-secret) setting, matched without regard to case. */
    public Optional<String> get(String key) {
        return properties.stream().filter(p -> p.key().equalsIgnoreCase(key)).map(Property::value).findFirst();
    }

    /** The URL as it may be shown: every secret value replaced by {@code ***}. */
    public String redacted() {
        return Secrets.redact(text);
    }

    /**
     * Refuses a URL that carries a secret (exit 2), naming where the secret must come from instead.
     *
     * @param passwordVariable the environment variable the password comes from
     */
    public SourceUrl requireNoSecret(String passwordVariable) {
        if (hasSecret()) {
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot use source " + redacted() + ": the URL carries a secret ("
                    + String.join(", ", secrets().stream().map(Property::key).distinct().toList()) + "); the password must come from "
                    + passwordVariable + ", not the URL");
        }
        return this;
    }

    // ---- parsing ----

    /**
     * The positions of the characters of {@code wanted} that stand outside parentheses and brackets, in
     * order: where a URL's own separators are, as opposed to those inside a host group or an address.
     */
    private static List<Integer> outsideBrackets(String s, String wanted) {
        List<Integer> found = new ArrayList<>();
        int depth = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '(' || c == '[') {
                depth++;
            } else if ((c == ')' || c == ']') && depth > 0) {
                depth--;
            } else if (depth == 0 && wanted.indexOf(c) >= 0) {
                found.add(i);
            }
        }
        return found;
    }

    /** Where the host section ends: the first '/', '?' or '#' outside parentheses and brackets. */
    private static int endOfHosts(String s) {
        List<Integer> ends = outsideBrackets(s, "/?#");
        return ends.isEmpty() ? s.length() : ends.get(0);
    }

    private static List<String> split(String s, char separator) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        for (int i : outsideBrackets(s, String.valueOf(separator))) {
            parts.add(s.substring(start, i));
            start = i + 1;
        }
        parts.add(s.substring(start));
        return parts;
    }

    private static void host(String host, List<Property> props) {
        String h = host.strip();
        if (h.isEmpty()) {
            return;
        }
        if (h.startsWith("[") && h.endsWith("]") && h.contains(",") || h.startsWith("[") && h.endsWith("]") && h.contains("(")) {
            for (String inner : split(h.substring(1, h.length() - 1), ',')) {
                host(inner, props);
            }
            return;
        }
        // user info: everything before the last '@' outside parentheses
        int at = lastOutside(h, '@');
        if (at >= 0) {
            String info = h.substring(0, at);
            int colon = info.indexOf(':');
            props.add(new Property("user", decode(colon < 0 ? info : info.substring(0, colon))));
            if (colon >= 0) {
                props.add(new Property("password", decode(info.substring(colon + 1))));
            }
            h = h.substring(at + 1);
        }
        String lower = h.toLowerCase(Locale.ROOT);
        if (lower.startsWith("address=")) {
            h = h.substring("address=".length());
        }
        // (k=v)(k=v) and (k=v,k=v)
        int i = 0;
        while (i < h.length()) {
            if (h.charAt(i) != '(') {
                i++;
                continue;
            }
            int close = matching(h, i);
            String group = h.substring(i + 1, close);
            for (String kv : split(group, ',')) {
                keyValue(kv, props);
            }
            i = close + 1;
        }
    }

    private static int lastOutside(String s, char wanted) {
        List<Integer> found = outsideBrackets(s, String.valueOf(wanted));
        return found.isEmpty() ? -1 : found.get(found.size() - 1);
    }

    private static int matching(String s, int open) {
        int depth = 0;
        for (int i = open; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        return s.length();
    }

    /** {@code /db;k=v?k=v&k=v#...}: settings after ';' in the path and the query after '?'. */
    private static void queryAndSettings(String tail, List<Property> props) {
        int q = tail.indexOf('?');
        String path = q < 0 ? tail : tail.substring(0, q);
        String query = q < 0 ? "" : tail.substring(q + 1);
        int hash = query.indexOf('#');
        if (hash >= 0) {
            query = query.substring(0, hash);
        }
        List<String> pathParts = split(path, ';');
        for (int i = 1; i < pathParts.size(); i++) {
            keyValue(pathParts.get(i), props);
        }
        for (String kv : query.split("[&;]")) {
            keyValue(kv, props);
        }
    }

    private static void keyValue(String kv, List<Property> props) {
        String t = kv.strip();
        if (t.isEmpty()) {
            return;
        }
        int eq = t.indexOf('=');
        String key = decode(eq < 0 ? t : t.substring(0, eq)).strip();
        if (!key.isEmpty()) {
            props.add(new Property(key, eq < 0 ? "" : decode(t.substring(eq + 1))));
        }
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s; // not valid percent-encoding: the driver keeps it as it is too
        }
    }
}
