package io.meshkit.core.quality;

import static java.util.Objects.requireNonNull;

import io.meshkit.core.warehouse.Dialect;
import io.meshkit.core.warehouse.Sql;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A contract's SQL quality rule, checked to be what validation may run (see SECURITY.md): exactly one
 * statement, a query ({@code SELECT}, {@code WITH}, {@code VALUES}, DuckDB's {@code FROM}), with no
 * word that writes or changes a session anywhere outside its string literals and quoted names. It
 * then runs only as a subquery ({@code SELECT * FROM (rule) meshkit_rule}), so even text this reader
 * misjudged cannot be anything but a query to the engine. Contract validation refuses any other rule at
 * {@code file:line:column}.
 */
public final class ReadOnlyQuery {
    private static final Set<String> STARTS = Set.of("select", "with", "values", "from", "(");
    private static final Set<String> WRITING = Set.of("insert", "update", "delete", "merge", "upsert", "drop", "create",
            "alter", "truncate", "copy", "attach", "detach", "install", "load", "pragma", "set", "reset", "call", "export",
            "import", "grant", "revoke", "vacuum", "checkpoint", "execute", "prepare", "begin", "commit", "rollback",
            "abort", "declare", "into");

    private final String text;

    private ReadOnlyQuery(String text) {
        this.text = text;
    }

    /** The rule's text as one query without its final {@code ;}, or why it is not one. */
    public static ReadOnlyQuery parse(String sql) {
        requireNonNull(sql, "sql is null");
        Optional<String> problem = problem(sql);
        if (problem.isPresent()) {
            throw new IllegalArgumentException(problem.get());
        }
        return new ReadOnlyQuery(withoutFinalSemicolon(sql));
    }

    /** Why this text is not a single read-only query, if it is not one. */
    public static Optional<String> problem(String sql) {
        List<String> words = new ArrayList<>();
        int statements = 1;
        boolean trailing = false;
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                while (i < n && sql.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                if (end < 0) {
                    return Optional.of("an unterminated /* comment");
                }
                i = end + 2;
            } else if (c == '\'' || c == '"' || c == '`') {
                int j = i + 1;
                while (true) {
                    if (j >= n) {
                        return Optional.of("an unterminated " + (c == '\'' ? "string" : "quoted name"));
                    }
                    if (sql.charAt(j) == c) {
                        if (j + 1 < n && sql.charAt(j + 1) == c) {
                            j += 2; // doubled quote inside
                            continue;
                        }
                        break;
                    }
                    if (sql.charAt(j) == '\\' && c != '"') {
                        j++; // MySQL/BigQuery escapes
                    }
                    j++;
                }
                if (trailing) {
                    statements++;
                    trailing = false;
                }
                words.add(c == '\'' ? "'…'" : "\"…\"");
                i = j + 1;
            } else if (c == ';') {
                trailing = true;
                i++;
            } else if (Character.isWhitespace(c)) {
                i++;
            } else {
                if (trailing) {
                    statements++;
                    trailing = false;
                }
                if (Character.isLetter(c) || c == '_') {
                    int j = i;
                    while (j < n && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '_' || sql.charAt(j) == '$')) {
                        j++;
                    }
                    // a name after a dot (t.update) is a column, not a statement word
                    boolean qualified = i > 0 && sql.charAt(i - 1) == '.';
                    words.add((qualified ? "." : "") + sql.substring(i, j).toLowerCase(Locale.ROOT));
                    i = j;
                } else {
                    words.add(String.valueOf(c));
                    i++;
                }
            }
        }
        if (words.isEmpty()) {
            return Optional.of("the query is empty");
        }
        if (statements > 1) {
            return Optional.of("it holds " + statements + " statements; a quality rule is exactly one query");
        }
        if (!STARTS.contains(words.get(0))) {
            return Optional.of("it starts with " + words.get(0).toUpperCase(Locale.ROOT) + "; a quality rule is a query (SELECT or WITH)");
        }
        for (String w : words) {
            if (WRITING.contains(w)) {
                return Optional.of("it contains " + w.toUpperCase(Locale.ROOT)
                        + "; a quality rule only reads (quote a column of that name: \"" + w + "\")");
            }
        }
        return Optional.empty();
    }

    private static String withoutFinalSemicolon(String sql) {
        String s = sql.strip();
        while (s.endsWith(";")) {
            s = s.substring(0, s.length() - 1).strip();
        }
        return s;
    }

    /** The rule as the one query validation runs: {@code SELECT * FROM (rule) meshkit_rule}. */
    public Sql asSubquery(Dialect dialect) {
        // a line comment at the rule's end must not swallow the closing parenthesis
        return dialect.sql().sql("SELECT * FROM (").append(Sql.ofUserText(text)).sql("\n) meshkit_rule").build();
    }

    /** The query's text. */
    public String text() {
        return text;
    }
}
