package io.meshkit.core.secret;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * meshkit's one secret policy (see SECURITY.md): a secret never appears in a message, a log line, a
 * manifest, a run-log row, a lineage event or a printed command. Source URLs that carry one are
 * refused ({@link SourceUrl#requireNoSecret}); every text meshkit shows or writes that may hold a URL
 * or a driver's message passes through {@link #redact}, which replaces every password-bearing value
 * it recognises (the forms {@link SourceUrl} parses, quoted or not) and the value of the source
 * password variable by {@code ***}.
 */
public final class Secrets {
    /** What a secret is replaced with. */
    public static final String MASK = "***";
    /** The environment variable holding a MySQL source's password. */
    public static final String MYSQL_PASSWORD_VARIABLE = "MESHKIT_MYSQL_PASSWORD";

    private static final Pattern USER_INFO = Pattern.compile("(?<=//|,|\\[|\\()([^:/@\\s,\\[\\]()]*):([^@/\\s]*)@");
    private static final Pattern KEY_VALUE = Pattern.compile(
            "([A-Za-z0-9_.%\\-]+)(\\s*=\\s*)('[^']*'|\"[^\"]*\"|[^&;,()\\s\\[\\]'\"]*)");
    private static final Pattern JSON_OR_YAML = Pattern.compile(
            "(?i)(\"?[A-Za-z0-9_.\\-]*(?:password|pwd)[0-9]*\"?\\s*:\\s*)(\"[^\"]*\"|'[^']*'|[^\\s,}]+)");

    private Secrets() {}

    /** Whether a setting of this name holds a secret: {@code password}, {@code password1..3}, a keystore password, {@code pwd}. */
    public static boolean isSecretKey(String key) {
        String k = key.strip().toLowerCase(Locale.ROOT);
        return k.contains("password") || k.equals("pwd") || k.endsWith(".pwd");
    }

    /** The text with every secret it carries replaced by {@code ***}; null stays null. */
    public static String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = USER_INFO.matcher(text).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + ":" + MASK + "@"));
        Matcher m = KEY_VALUE.matcher(out);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String value = m.group(3);
            boolean secret = isSecretKey(decode(m.group(1))) && !value.isEmpty() && !value.equals(MASK);
            // "…;password=x: reason": the colon ends the value when a space follows it (a message's punctuation)
            String after = value.endsWith(":") && (m.end() == out.length() || Character.isWhitespace(out.charAt(m.end()))) ? ":" : "";
            m.appendReplacement(b, Matcher.quoteReplacement(secret ? m.group(1) + m.group(2) + MASK + after : m.group()));
        }
        m.appendTail(b);
        out = JSON_OR_YAML.matcher(b.toString()).replaceAll(x -> Matcher.quoteReplacement(x.group(1)
                + (x.group(2).startsWith("\"") ? "\"" + MASK + "\"" : MASK)));
        String known = System.getenv(MYSQL_PASSWORD_VARIABLE);
        if (known != null && known.length() >= 4) {
            out = out.replace(known, MASK);
        }
        return out;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }
}
