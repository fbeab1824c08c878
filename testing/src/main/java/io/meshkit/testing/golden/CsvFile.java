package io.meshkit.testing.golden;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The one reader of golden CSV files (expected tables, given tables, and what
 * {@code GoldenTables.readCsv} returns): RFC 4180 quoting, a header line, blank lines skipped.
 * <b>An empty unquoted field is NULL</b>; {@code ""} is the empty string; any other text, {@code NULL}
 * included, is that text. Every record keeps the line it starts on, for messages.
 *
 * @param file the file
 * @param records the header first, then the rows
 */
public record CsvFile(Path file, List<Record> records) {
    /**
     * One line of fields (one record; a quoted field may span lines).
     *
     * @param line the 1-based line it starts on
     * @param fields its fields, null for an empty unquoted one
     */
    public record Record(int line, List<String> fields) {
        /** Copies (keeping nulls). */
        public Record {
            fields = Collections.unmodifiableList(new ArrayList<>(fields)); // nulls allowed
        }
    }

    /** Copies. */
    public CsvFile {
        records = List.copyOf(records);
    }

    /** Reads a file; a file that cannot be read or ends inside quotes is a {@link GoldenFileException}. */
    public static CsvFile read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new GoldenFileException(file.toString(), 1, 1, "cannot read the CSV file: " + e.getMessage());
        }
        List<Record> out = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        int line = 1;
        int start = 1;
        int quoteLine = 1;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    if (ch == '\n') {
                        line++;
                    }
                    field.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
                wasQuoted = true;
                quoteLine = line;
            } else if (ch == ',') {
                fields.add(wasQuoted || field.length() > 0 ? field.toString() : null);
                field.setLength(0);
                wasQuoted = false;
            } else if (ch == '\n' || ch == '\r') {
                if (ch == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                fields.add(wasQuoted || field.length() > 0 ? field.toString() : null);
                if (!(fields.size() == 1 && fields.get(0) == null)) { // a blank line
                    out.add(new Record(start, fields));
                }
                fields = new ArrayList<>();
                field.setLength(0);
                wasQuoted = false;
                line++;
                start = line;
            } else {
                field.append(ch);
            }
        }
        if (quoted) {
            throw new GoldenFileException(file.toString(), quoteLine, 1, "the file ends inside a quoted field that starts on this line");
        }
        if (field.length() > 0 || wasQuoted || !fields.isEmpty()) {
            fields.add(wasQuoted || field.length() > 0 ? field.toString() : null);
            out.add(new Record(start, fields));
        }
        return new CsvFile(file, out);
    }

    /** The header's fields; a file without one is a {@link GoldenFileException}. */
    public List<String> header() {
        if (records.isEmpty()) {
            throw new GoldenFileException(file.toString(), 1, 1, "the CSV file has no header line");
        }
        return records.get(0).fields();
    }

    /** The records after the header. */
    public List<Record> rows() {
        return records.isEmpty() ? List.of() : records.subList(1, records.size());
    }

    /** The 1-based character column where field {@code index} starts on the file's line {@code line} (1 if unknown). */
    int column(int line, int index) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return 1;
        }
        if (line < 1 || line > lines.size()) {
            return 1;
        }
        String text = lines.get(line - 1);
        int field = 0;
        boolean quoted = false;
        for (int i = 0; i < text.length() && field < index; i++) {
            char ch = text.charAt(i);
            if (ch == '"') {
                quoted = !quoted;
            } else if (ch == ',' && !quoted) {
                field++;
                if (field == index) {
                    return i + 2;
                }
            }
        }
        return 1;
    }
}
