package io.meshkit.warehousebigquery.internal;

import static java.util.Objects.requireNonNull;

import com.google.cloud.bigquery.QueryParameterValue;
import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import io.meshkit.core.warehouse.Sql;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link Sql} statement as BigQuery takes it: each {@code ?} outside literals, identifiers and
 * comments becomes a named parameter {@code @mk_pN} with a typed value, and a bound NULL becomes the
 * literal {@code NULL} (a NULL parameter would need a type, and the right one depends on where it
 * is used; NULL is never a secret).
 *
 * @param text GoogleSQL with named parameters
 * @param parameters the typed values by name, in order
 */
record Statement(String text, Map<String, QueryParameterValue> parameters) {
    static final String PREFIX = "mk_p";

    Statement {
        requireNonNull(text, "text is null");
        parameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    /** Rewrites the placeholders of a statement. */
    static Statement of(Sql sql) {
        List<Object> values = sql.parameters();
        String text = sql.text();
        StringBuilder out = new StringBuilder(text.length() + 8 * values.size());
        Map<String, QueryParameterValue> params = new LinkedHashMap<>();
        int next = 0;
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            int end;
            if (c == '\'' || c == '"') {
                end = skipString(text, i);
            } else if (c == '`') {
                end = skipQuoted(text, i, '`');
            } else if (c == '#' || (c == '-' && i + 1 < n && text.charAt(i + 1) == '-')) {
                end = text.indexOf('\n', i);
                end = end < 0 ? n : end;
            } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
                end = text.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
            } else if (c == '?') {
                if (next >= values.size()) {
                    throw new MeshkitException(ErrorCode.INTERNAL_ERROR, "Cannot bind statement: more placeholders than values");
                }
                Object v = values.get(next);
                if (v == null) {
                    out.append("NULL");
                } else {
                    String name = PREFIX + next;
                    out.append('@').append(name);
                    params.put(name, Values.parameter(v));
                }
                next++;
                i++;
                continue;
            } else {
                out.append(c);
                i++;
                continue;
            }
            out.append(text, i, end);
            i = end;
        }
        if (next != values.size()) {
            throw new MeshkitException(ErrorCode.INTERNAL_ERROR,
                    "Cannot bind statement: " + values.size() + " values for " + next + " placeholders");
        }
        return new Statement(out.toString(), params);
    }

    /** The end of a string literal starting at {@code start}: '…', "…", '''…''' or """…""". */
    private static int skipString(String text, int start) {
        char q = text.charAt(start);
        String triple = String.valueOf(q).repeat(3);
        if (text.startsWith(triple, start)) {
            int i = start + 3;
            while (i < text.length()) {
                if (text.charAt(i) == '\\') {
                    i += 2;
                } else if (text.startsWith(triple, i)) {
                    return i + 3;
                } else {
                    i++;
                }
            }
            return text.length();
        }
        return skipQuoted(text, start, q);
    }

    /** The end of a quoted token whose quote is escaped by a backslash (raw strings too keep \' inside). */
    static int skipQuoted(String text, int start, char quote) {
        int i = start + 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == quote) {
                return i + 1;
            } else {
                i++;
            }
        }
        return text.length();
    }
}
