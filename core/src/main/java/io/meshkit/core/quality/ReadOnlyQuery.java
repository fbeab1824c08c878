package io.meshkit.core.quality;

import static java.util.Objects.requireNonNull;

import io.meshkit.core.warehouse.Dialect;
import io.meshkit.core.warehouse.Sql;
import io.meshkit.core.warehouse.SqlLexer;
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

    /**
     * How the check reads a rule whatever the engine: a backslash escapes in {@code '...'}, block
     * comments do not nest. Where an engine reads the text otherwise the check may refuse a good rule,
     * never pass a second statement: the rule only ever runs as a subquery.
     */
    private static final SqlLexer.Syntax CHECKED = new SqlLexer.Syntax(true, false, false, false);

    /** The rule's text as one query, or why it is not one. */
    public static ReadOnlyQuery parse(String sql) {
        requireNonNull(sql, "sql is null");
        Optional<String> problem = problem(sql);
        if (problem.isPresent()) {
            throw new IllegalArgumentException(problem.get());
        }
        return new ReadOnlyQuery(sql);
    }

    /** Why this text is not a single read-only query, if it is not one. */
    public static Optional<String> problem(String sql) {
        List<String> words = new ArrayList<>();
        int statements = 1;
        boolean trailing = false;
        for (SqlLexer.Token t : SqlLexer.tokens(sql, CHECKED)) {
            if (!t.terminated()) {
                return Optional.of(switch (t.kind()) {
                    case COMMENT -> "an unterminated /* comment";
                    case STRING -> "an unterminated string";
                    default -> "an unterminated quoted name";
                });
            }
            if (t.kind() == SqlLexer.Kind.COMMENT) {
                continue;
            }
            if (t.kind() == SqlLexer.Kind.SEMICOLON) {
                trailing = true;
                continue;
            }
            if (trailing) {
                statements++;
                trailing = false;
            }
            switch (t.kind()) {
                case STRING -> words.add("'…'");
                case QUOTED_NAME -> words.add("\"…\"");
                // a name after a dot (t.update) is a column, not a statement word
                case WORD -> words.add((t.start() > 0 && sql.charAt(t.start() - 1) == '.' ? "." : "")
                        + t.text(sql).toLowerCase(Locale.ROOT));
                default -> words.add(t.text(sql));
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

    /**
     * The rule as the one query validation runs: {@code SELECT * FROM (rule) meshkit_rule}, the rule
     * without its final {@code ;} and the comments after it ({@link Sql#ofUserQuery}).
     */
    public Sql asSubquery(Dialect dialect) {
        return dialect.sql().sql("SELECT * FROM (").append(Sql.ofUserQuery(text, dialect)).sql(") meshkit_rule").build();
    }

    /** The rule's text as written. */
    public String text() {
        return text;
    }
}
