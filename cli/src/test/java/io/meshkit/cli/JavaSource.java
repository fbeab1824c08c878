package io.meshkit.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The main Java sources of the reactor's modules, read as text for the rules that compiled classes
 * cannot show: string constants (a warehouse named in a literal) and the arguments of calls (SQL
 * text computed at run time). A small lexer, enough for comments, string, character and text-block
 * literals and parentheses; not a Java parser.
 */
final class JavaSource {
    /** One source file of a module. */
    record File(String module, Path path, String text) {
        /** The text with comments blanked out (strings kept, line numbers kept). */
        String code() {
            return withoutComments(text);
        }

        /** The 1-based line of an offset. */
        int line(int offset) {
            int line = 1;
            for (int i = 0; i < offset && i < text.length(); i++) {
                if (text.charAt(i) == '\n') {
                    line++;
                }
            }
            return line;
        }

        String where(int offset) {
            return module + "/" + path.getFileName() + ":" + line(offset);
        }
    }

    private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");
    private static final Pattern CONSTANT = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*\\.)*[A-Z][A-Z0-9_]*");

    private JavaSource() {
    }

    /** The checkout's root: the parent of the cli module, where the tests run. */
    static Path root() {
        return Path.of("").toAbsolutePath().getParent();
    }

    /** Every {@code src/main/java} file of every module the root POM lists. */
    static List<File> mainSources() {
        Path root = root();
        List<File> out = new ArrayList<>();
        try {
            Matcher m = MODULE.matcher(Files.readString(root.resolve("pom.xml")));
            while (m.find()) {
                String module = m.group(1).trim();
                Path src = root.resolve(module).resolve("src/main/java");
                if (!Files.isDirectory(src)) {
                    continue;
                }
                try (Stream<Path> files = Files.walk(src)) {
                    for (Path p : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                        out.add(new File(module, p, Files.readString(p, StandardCharsets.UTF_8)));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** The text with every comment replaced by spaces (line breaks kept), string and character literals untouched. */
    static String withoutComments(String s) {
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '/' && i + 1 < s.length() && s.charAt(i + 1) == '/') {
                while (i < s.length() && s.charAt(i) != '\n') {
                    out.append(' ');
                    i++;
                }
            } else if (c == '/' && i + 1 < s.length() && s.charAt(i + 1) == '*') {
                int end = s.indexOf("*/", i + 2);
                end = end < 0 ? s.length() : end + 2;
                for (; i < end; i++) {
                    out.append(s.charAt(i) == '\n' ? '\n' : ' ');
                }
            } else if (c == '"' || c == '\'') {
                int end = literalEnd(s, i);
                out.append(s, i, end);
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** The offset just after the string, text-block or character literal starting at {@code start}. */
    static int literalEnd(String s, int start) {
        char q = s.charAt(start);
        if (q == '"' && s.startsWith("\"\"\"", start)) {
            int end = s.indexOf("\"\"\"", start + 3);
            while (end > 0 && s.charAt(end - 1) == '\\') {
                end = s.indexOf("\"\"\"", end + 1);
            }
            return end < 0 ? s.length() : end + 3;
        }
        int i = start + 1;
        while (i < s.length() && s.charAt(i) != q && s.charAt(i) != '\n') {
            i += s.charAt(i) == '\\' ? 2 : 1;
        }
        return Math.min(s.length(), i + 1);
    }

    /**
     * The argument list of a call whose opening parenthesis is at {@code open}: the top-level
     * arguments' texts, or null if the parentheses do not close.
     */
    static List<String> arguments(String code, int open) {
        List<String> args = new ArrayList<>();
        int depth = 0;
        int start = open + 1;
        for (int i = open; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c == '"' || c == '\'') {
                i = literalEnd(code, i) - 1;
            } else if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
                if (depth == 0) {
                    String last = code.substring(start, i).strip();
                    if (!last.isEmpty() || !args.isEmpty()) {
                        args.add(last);
                    }
                    return args;
                }
            } else if (c == ',' && depth == 1) {
                args.add(code.substring(start, i).strip());
                start = i + 1;
            }
        }
        return null;
    }

    /**
     * Whether an expression's value is fixed when the code is written: string literals and
     * constants ({@code UPPER_CASE}, qualified or not) joined by {@code +}, in parentheses, or the
     * two branches of a {@code ?:} that are (the condition chooses, it adds no text).
     */
    static boolean isConstantText(String expression) {
        String e = expression.strip();
        while (e.startsWith("(") && closingParen(e, 0) == e.length() - 1) {
            e = e.substring(1, e.length() - 1).strip();
        }
        int question = topLevel(e, '?');
        if (question >= 0) {
            int colon = topLevel(e.substring(question + 1), ':');
            return colon >= 0 && isConstantText(e.substring(question + 1, question + 1 + colon))
                    && isConstantText(e.substring(question + 2 + colon));
        }
        List<String> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < e.length(); i++) {
            char c = e.charAt(i);
            if (c == '"' || c == '\'') {
                i = literalEnd(e, i) - 1;
            } else if (c == '(') {
                i = closingParen(e, i);
                if (i < 0) {
                    return false;
                }
            } else if (c == '+') {
                parts.add(e.substring(start, i).strip());
                start = i + 1;
            }
        }
        parts.add(e.substring(start).strip());
        for (String p : parts) {
            boolean literal = p.startsWith("\"") && literalEnd(p, 0) == p.length();
            boolean parenthesised = p.startsWith("(") && closingParen(p, 0) == p.length() - 1 && isConstantText(p);
            if (!literal && !parenthesised && !CONSTANT.matcher(p).matches()) {
                return false;
            }
        }
        return true;
    }

    private static int closingParen(String s, int open) {
        return find(s, open, ')', 1);
    }

    /** The offset of the first {@code wanted} outside literals and parentheses, or -1. */
    private static int topLevel(String s, char wanted) {
        return find(s, 0, wanted, 0);
    }

    /** The offset of the first {@code wanted} from {@code from} at a parenthesis depth, outside literals; -1 if none. */
    private static int find(String s, int from, char wanted, int depth) {
        int d = 0;
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == wanted && d == depth) {
                return i;
            }
            if (c == '"' || c == '\'') {
                i = literalEnd(s, i) - 1;
            } else if (c == '(') {
                d++;
            } else if (c == ')') {
                d--;
            }
        }
        return -1;
    }
}
