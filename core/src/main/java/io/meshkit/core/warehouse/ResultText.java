package io.meshkit.core.warehouse;

import static java.util.Objects.requireNonNull;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The canonical text of the values a {@link Row} holds, and a result written as CSV in that text:
 * what golden files (expected tables) are made of, shared by the {@code testing} module's
 * {@code GoldenTables} and {@code meshkit test}.
 *
 * <p>Numbers by value without trailing zeros ({@code 1.50} is {@code 1.5}), booleans
 * {@code true}/{@code false}, timestamps {@code yyyy-MM-dd HH:mm:ss[.SSSSSS]} (an {@link Instant}
 * in UTC), binary as lower-case hex, everything else by {@code toString()}.
 *
 * <p>CSV: a header line with the column names, RFC 4180 quoting, {@code \n} line ends; NULL is an
 * empty unquoted field and an empty string is {@code ""}; a TIMESTAMPTZ value ends in {@code Z}.
 */
public final class ResultText {
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);
    private static final DateTimeFormatter TIME_SECONDS = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);

    private ResultText() {}

    /** The canonical text of a value as a warehouse returns it; null for NULL. */
    public static String value(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof BigDecimal d) {
            return number(d);
        }
        if (v instanceof Double d) {
            return d.isNaN() || d.isInfinite() ? d.toString() : number(new BigDecimal(d.toString()));
        }
        if (v instanceof Float f) {
            return f.isNaN() || f.isInfinite() ? f.toString() : number(new BigDecimal(f.toString()));
        }
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte || v instanceof BigInteger) {
            return v.toString();
        }
        if (v instanceof LocalDateTime t) {
            return SECONDS.format(t) + fraction(t.getNano());
        }
        if (v instanceof Instant i) {
            return value(LocalDateTime.ofInstant(i, ZoneOffset.UTC));
        }
        if (v instanceof LocalTime t) {
            return TIME_SECONDS.format(t) + fraction(t.getNano());
        }
        if (v instanceof byte[] b) {
            return HexFormat.of().formatHex(b);
        }
        return v.toString();
    }

    /**
     * Writes a result as CSV (see the class comment), creating parent directories. Streams: holds
     * one row at a time. Closes nothing: the caller closes {@code rows}.
     *
     * @return the number of rows written
     */
    public static long writeCsv(ResultRows rows, Path file) {
        requireNonNull(rows, "rows is null");
        requireNonNull(file, "file is null");
        try {
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                return writeCsv(rows, w);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write CSV file " + file, e);
        }
    }

    /**
     * Writes a result as CSV (see the class comment) to a writer, which stays open: what
     * {@code meshkit query --format csv} and every other command's CSV output print. Streams.
     *
     * @return the number of rows written
     */
    public static long writeCsv(ResultRows rows, Writer w) {
        return writeCsv(rows, w, ResultText::value);
    }

    /**
     * Writes a result as CSV with values in the text {@code text} gives (null for NULL): the same
     * header, quoting and line ends; an instant's text gets its {@code Z}. {@code meshkit query}
     * keeps a DECIMAL's scale this way ({@code 162.00}), golden files compare canonical numbers.
     *
     * @return the number of rows written
     */
    public static long writeCsv(ResultRows rows, Writer w, java.util.function.Function<Object, String> text) {
        requireNonNull(rows, "rows is null");
        requireNonNull(w, "w is null");
        requireNonNull(text, "text is null");
        try {
            if (rows.columns().isEmpty()) {
                return 0;   // a statement without a result: no header either
            }
            long n = 0;
            w.write(rows.columns().stream().map(c -> csvField(c.name().name())).collect(Collectors.joining(",")));
            w.write('\n');
            for (Row row : rows) {
                List<String> fields = new ArrayList<>();
                for (int i = 0; i < row.columns().size(); i++) {
                    Object v = row.get(i);
                    String t = text.apply(v);
                    fields.add(t == null ? "" : csvField(v instanceof Instant && !t.endsWith("Z") ? t + "Z" : t));
                }
                w.write(String.join(",", fields));
                w.write('\n');
                n++;
            }
            return n;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A text as one CSV field: quoted when empty, or holding a comma, a quote, a line break or edge spaces. */
    public static String csvField(String text) {
        if (text.isEmpty() || text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")
                || !text.strip().equals(text)) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }

    private static String fraction(int nanos) {
        if (nanos == 0) {
            return "";
        }
        String f = String.format(Locale.ROOT, "%09d", nanos);
        return "." + (f.endsWith("000") ? f.substring(0, 6) : f);
    }

    private static String number(BigDecimal d) {
        return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
    }
}
