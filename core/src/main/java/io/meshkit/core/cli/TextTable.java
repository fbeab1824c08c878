package io.meshkit.core.cli;

import static java.util.Objects.requireNonNull;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * A box-drawn table for a terminal, the one every command prints: columns sized by the
 * <em>display</em> width of their cells (a CJK character or an emoji takes two columns, a combining
 * mark none), one line per row whatever the values hold (line breaks and tabs are escaped by
 * {@link #cell}), numbers right-aligned.
 */
public final class TextTable {
    /** How NULL is shown; a string that reads {@code NULL} is shown quoted, {@code 'NULL'}. */
    public static final String NULL = "NULL";

    private final List<String> header;
    private final List<String> types;
    private final boolean[] right;
    private final List<String[]> rows = new ArrayList<>();

    private TextTable(List<String> header, List<String> types, boolean[] right) {
        this.header = List.copyOf(header);
        this.types = types == null ? null : List.copyOf(types);
        this.right = right.clone();
    }

    /**
     * A table with these column names, an optional second header line (the column types; null for
     * none) and which columns are right-aligned.
     */
    public static TextTable of(List<String> header, List<String> types, boolean[] rightAligned) {
        requireNonNull(header, "header is null");
        requireNonNull(rightAligned, "rightAligned is null");
        if (rightAligned.length != header.size() || types != null && types.size() != header.size()) {
            throw new IllegalArgumentException("header, types and alignment differ in length");
        }
        return new TextTable(header, types, rightAligned);
    }

    /** Adds a row of display texts (see {@link #cell}). */
    public TextTable add(String... cells) {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException("row has " + cells.length + " cells, the table " + header.size() + " columns");
        }
        rows.add(cells.clone());
        return this;
    }

    /** Prints the table, one line per row. */
    public void print(PrintWriter out) {
        int[] width = new int[header.size()];
        for (int i = 0; i < width.length; i++) {
            width[i] = Math.max(width(escape(header.get(i))), types == null ? 0 : width(types.get(i)));
            for (String[] r : rows) {
                width[i] = Math.max(width[i], width(r[i]));
            }
        }
        out.println(rule(width, '┌', '┬', '┐'));
        out.println(line(header.stream().map(TextTable::escape).toArray(String[]::new), width, new boolean[width.length]));
        if (types != null) {
            out.println(line(types.toArray(String[]::new), width, new boolean[width.length]));
        }
        out.println(rule(width, '├', '┼', '┤'));
        for (String[] r : rows) {
            out.println(line(r, width, right));
        }
        out.println(rule(width, '└', '┴', '┘'));
    }

    /**
     * The display text of a value's text: {@code NULL} for null, {@code 'NULL'} for the string
     * {@code NULL} (so the two never look alike), line breaks, tabs and other control characters
     * escaped ({@code \n}, {@code \t}, {@code \r}, {@code \u001b}) and a backslash doubled where it
     * would otherwise read as one of those escapes.
     */
    public static String cell(String text) {
        if (text == null) {
            return NULL;
        }
        if (text.equals(NULL)) {
            return "'NULL'";
        }
        return escape(text);
    }

    private static String escape(String text) {
        StringBuilder b = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String e = switch (c) {
                case '\n' -> "\\n";
                case '\t' -> "\\t";
                case '\r' -> "\\r";
                case '\\' -> i + 1 < text.length() && "ntru\\".indexOf(text.charAt(i + 1)) >= 0 ? "\\\\" : null;
                default -> Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : null;
            };
            if (e != null && b == null) {
                b = new StringBuilder(text.length() + 8).append(text, 0, i);
            }
            if (b != null) {
                if (e != null) {
                    b.append(e);
                } else {
                    b.append(c);
                }
            }
        }
        return b == null ? text : b.toString();
    }

    /**
     * The number of terminal columns a text takes: two for East Asian wide and full-width characters
     * and emoji, none for combining marks, zero-width joiners and variation selectors, one otherwise.
     */
    public static int width(String text) {
        int w = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            w += width(cp);
        }
        return w;
    }

    static int width(int cp) {
        int type = Character.getType(cp);
        if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK || type == Character.FORMAT
                || cp >= 0xFE00 && cp <= 0xFE0F || cp >= 0xE0100 && cp <= 0xE01EF) {
            return 0;
        }
        return wide(cp) ? 2 : 1;
    }

    /** East Asian Wide (W) and Fullwidth (F) ranges of Unicode's EastAsianWidth.txt, and the emoji blocks. */
    private static boolean wide(int cp) {
        return cp >= 0x1100 && cp <= 0x115F                 // Hangul Jamo initials
                || cp >= 0x231A && cp <= 0x231B || cp >= 0x23E9 && cp <= 0x23EC || cp == 0x23F0 || cp == 0x23F3
                || cp >= 0x25FD && cp <= 0x25FE || cp >= 0x2614 && cp <= 0x2615 || cp >= 0x2648 && cp <= 0x2653
                || cp == 0x267F || cp == 0x2693 || cp == 0x26A1 || cp >= 0x26AA && cp <= 0x26AB || cp >= 0x26BD && cp <= 0x26BE
                || cp >= 0x26C4 && cp <= 0x26C5 || cp == 0x26CE || cp == 0x26D4 || cp == 0x26EA || cp >= 0x26F2 && cp <= 0x26F3
                || cp == 0x26F5 || cp == 0x26FA || cp == 0x26FD || cp == 0x2705 || cp >= 0x270A && cp <= 0x270B || cp == 0x2728
                || cp == 0x274C || cp == 0x274E || cp >= 0x2753 && cp <= 0x2755 || cp == 0x2757 || cp >= 0x2795 && cp <= 0x2797
                || cp == 0x27B0 || cp == 0x27BF || cp >= 0x2B1B && cp <= 0x2B1C || cp == 0x2B50 || cp == 0x2B55
                || cp >= 0x2E80 && cp <= 0x303E                 // CJK radicals, punctuation
                || cp >= 0x3041 && cp <= 0x33FF                 // kana, CJK compatibility
                || cp >= 0x3400 && cp <= 0x4DBF                 // CJK extension A
                || cp >= 0x4E00 && cp <= 0x9FFF                 // CJK unified ideographs
                || cp >= 0xA000 && cp <= 0xA4CF                 // Yi
                || cp >= 0xA960 && cp <= 0xA97F                 // Hangul Jamo extended A
                || cp >= 0xAC00 && cp <= 0xD7A3                 // Hangul syllables
                || cp >= 0xF900 && cp <= 0xFAFF                 // CJK compatibility ideographs
                || cp >= 0xFE10 && cp <= 0xFE19 || cp >= 0xFE30 && cp <= 0xFE6F
                || cp >= 0xFF00 && cp <= 0xFF60 || cp >= 0xFFE0 && cp <= 0xFFE6   // full-width forms
                || cp >= 0x16FE0 && cp <= 0x18AFF || cp >= 0x1B000 && cp <= 0x1B2FF   // Tangut, kana supplement
                || cp >= 0x1F004 && cp <= 0x1F004 || cp == 0x1F0CF || cp == 0x1F18E || cp >= 0x1F191 && cp <= 0x1F19A
                || cp >= 0x1F200 && cp <= 0x1F251
                || cp >= 0x1F300 && cp <= 0x1F64F               // pictographs, emoticons
                || cp >= 0x1F680 && cp <= 0x1F6FF               // transport and map
                || cp >= 0x1F7E0 && cp <= 0x1F7EB
                || cp >= 0x1F900 && cp <= 0x1F9FF               // supplemental symbols and pictographs
                || cp >= 0x1FA70 && cp <= 0x1FAFF
                || cp >= 0x20000 && cp <= 0x3FFFD;              // CJK extensions B and later
    }

    private static String rule(int[] width, char left, char mid, char right) {
        StringBuilder b = new StringBuilder().append(left);
        for (int i = 0; i < width.length; i++) {
            b.append("─".repeat(width[i] + 2)).append(i == width.length - 1 ? right : mid);
        }
        return b.toString();
    }

    private static String line(String[] cells, int[] width, boolean[] right) {
        StringBuilder b = new StringBuilder("│");
        for (int i = 0; i < cells.length; i++) {
            String pad = " ".repeat(width[i] - width(cells[i]));
            b.append(' ').append(right[i] ? pad + cells[i] : cells[i] + pad).append(" │");
        }
        return b.toString();
    }
}
