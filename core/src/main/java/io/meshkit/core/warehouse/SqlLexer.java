package io.meshkit.core.warehouse;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads SQL a user wrote as far as wrapping it needs: where its string literals, quoted names and
 * comments are, and where its statement ends. It does not parse: a {@code --} inside a string is
 * part of the string, a {@code ;} or a {@code )} inside a comment is part of the comment, and that is
 * all it has to know to put the text inside a larger statement ({@link #query}) or to find a word
 * that is really code ({@link #tokens}).
 */
public final class SqlLexer {
    /**
     * How an engine spells strings and comments.
     *
     * @param backslashEscapes whether a backslash escapes the next character in {@code '...'} and {@code `...`}
     * @param hashComments whether {@code #} starts a line comment
     * @param nestedComments whether block comments nest (a block comment inside one ends before it does)
     * @param dollarQuotes whether {@code $$...$$} and {@code $tag$...$tag$} are strings
     */
    public record Syntax(boolean backslashEscapes, boolean hashComments, boolean nestedComments, boolean dollarQuotes) {
        /** Standard SQL strings (a quote doubled inside), nested block comments and dollar-quoted strings. */
        public static final Syntax STANDARD = new Syntax(false, false, true, true);
    }

    /** What a token is. */
    public enum Kind {
        /** A word: a keyword or a name, letters, digits, {@code _} and {@code $}, starting with a letter or {@code _}. */
        WORD,
        /** A string literal, quotes included. */
        STRING,
        /** A quoted name ({@code "x"} or {@code `x`}), quotes included. */
        QUOTED_NAME,
        /** A line or block comment. */
        COMMENT,
        /** {@code ;}. */
        SEMICOLON,
        /** Any other single character: a digit, an operator, a parenthesis. */
        SYMBOL
    }

    /**
     * A token: {@code sql.substring(start, end)}.
     *
     * @param terminated false for a string, quoted name or block comment that runs to the end of the text unclosed
     */
    public record Token(Kind kind, int start, int end, boolean terminated) {
        /** The token's text in {@code sql}. */
        public String text(String sql) {
            return sql.substring(start, end);
        }

        /** Whether this is code: not a comment. */
        public boolean significant() {
            return kind != Kind.COMMENT;
        }
    }

    private SqlLexer() {}

    /** The tokens of {@code sql} in order, comments included, whitespace left out. */
    public static List<Token> tokens(String sql, Syntax syntax) {
        requireNonNull(sql, "sql is null");
        requireNonNull(syntax, "syntax is null");
        List<Token> tokens = new ArrayList<>();
        int n = sql.length();
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            char next = i + 1 < n ? sql.charAt(i + 1) : 0;
            if (Character.isWhitespace(c)) {
                i++;
            } else if ((c == '-' && next == '-') || (c == '#' && syntax.hashComments())) {
                int end = sql.indexOf('\n', i);
                end = end < 0 ? n : end;
                tokens.add(new Token(Kind.COMMENT, i, end, true));
                i = end;
            } else if (c == '/' && next == '*') {
                int end = blockCommentEnd(sql, i, syntax.nestedComments());
                tokens.add(new Token(Kind.COMMENT, i, end < 0 ? n : end, end >= 0));
                i = end < 0 ? n : end;
            } else if (c == '\'' || c == '"' || c == '`') {
                int end = quotedEnd(sql, i, syntax.backslashEscapes() && c != '"');
                tokens.add(new Token(c == '\'' ? Kind.STRING : Kind.QUOTED_NAME, i, end < 0 ? n : end, end >= 0));
                i = end < 0 ? n : end;
            } else if (c == '$' && syntax.dollarQuotes() && dollarTag(sql, i) > 0) {
                String tag = sql.substring(i, dollarTag(sql, i));
                int close = sql.indexOf(tag, i + tag.length());
                int end = close < 0 ? n : close + tag.length();
                tokens.add(new Token(Kind.STRING, i, end, close >= 0));
                i = end;
            } else if (Character.isLetter(c) || c == '_') {
                int j = i;
                while (j < n && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '_' || sql.charAt(j) == '$')) {
                    j++;
                }
                tokens.add(new Token(Kind.WORD, i, j, true));
                i = j;
            } else {
                tokens.add(new Token(c == ';' ? Kind.SEMICOLON : Kind.SYMBOL, i, i + 1, true));
                i++;
            }
        }
        return tokens;
    }

    /**
     * A user's query as text to put inside a larger statement ({@code (query)}, {@code CREATE TABLE ...
     * AS query}): without the semicolons, comments and whitespace after its last token, so neither a
     * final {@code ;} nor a line comment on its last line breaks what it is wrapped in. Comments before
     * that stay. Text with an unclosed string or comment is returned stripped only, for the engine to
     * say what is wrong with it.
     */
    public static String query(String sql, Syntax syntax) {
        List<Token> tokens = tokens(sql, syntax);
        if (tokens.stream().anyMatch(t -> !t.terminated())) {
            return sql.strip();
        }
        for (int k = tokens.size() - 1; k >= 0; k--) {
            Token t = tokens.get(k);
            if (t.kind() != Kind.COMMENT && t.kind() != Kind.SEMICOLON) {
                return sql.substring(tokens.get(0).start(), t.end());
            }
        }
        return "";
    }

    /** Where a block comment starting at {@code start} ends (after its {@code *}{@code /}), or -1. */
    private static int blockCommentEnd(String sql, int start, boolean nested) {
        int depth = 0;
        int i = start;
        while (i + 1 < sql.length()) {
            if (sql.charAt(i) == '/' && sql.charAt(i + 1) == '*' && (depth == 0 || nested)) {
                depth++;
                i += 2;
            } else if (sql.charAt(i) == '*' && sql.charAt(i + 1) == '/') {
                depth--;
                i += 2;
                if (depth == 0) {
                    return i;
                }
            } else {
                i++;
            }
        }
        return -1;
    }

    /** Where a quoted token starting at {@code start} ends (after its closing quote), or -1; a doubled quote is inside. */
    private static int quotedEnd(String sql, int start, boolean backslashEscapes) {
        char q = sql.charAt(start);
        int j = start + 1;
        while (j < sql.length()) {
            char c = sql.charAt(j);
            if (c == q) {
                if (j + 1 < sql.length() && sql.charAt(j + 1) == q) {
                    j += 2;
                    continue;
                }
                return j + 1;
            }
            j += c == '\\' && backslashEscapes ? 2 : 1;
        }
        return -1;
    }

    /** The end of a dollar quote's opening tag ({@code $$}, {@code $tag$}) at {@code start}, or -1 if none is there. */
    private static int dollarTag(String sql, int start) {
        if (start > 0 && (Character.isLetterOrDigit(sql.charAt(start - 1)) || sql.charAt(start - 1) == '_')) {
            return -1; // a $ inside a name
        }
        int j = start + 1;
        while (j < sql.length() && (Character.isLetter(sql.charAt(j)) || sql.charAt(j) == '_'
                || (j > start + 1 && Character.isDigit(sql.charAt(j))))) {
            j++;
        }
        return j < sql.length() && sql.charAt(j) == '$' ? j + 1 : -1;
    }
}
