package io.meshkit.core.secret;

import static java.util.Objects.requireNonNull;

import io.meshkit.core.contract.Column;
import io.meshkit.core.contract.Dataset;
import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.warehouse.SqlBuilder;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * meshkit's one masking rule for values it prints (see SECURITY.md): a column the contract classifies
 * as anything but {@code public} shows as {@code ***} wherever a key or a value of it would be
 * printed (every quality and SCD check's sample keys, diff examples, publish reports, text and JSON).
 * The decision is made here only: in the warehouse through {@link #project} (the value never leaves
 * it), in Java through {@link #show}.
 */
public final class Masking {
    /** What a masked value shows. */
    public static final String MASK = "***";

    /**
     * Quoted text in an engine's error message: {@code 'x'} (DuckDB, BigQuery), {@code "x"}
     * (PostgreSQL, BigQuery) and a key's {@code (k)=(v)} (PostgreSQL's unique violations).
     */
    private static final Pattern QUOTED_IN_ERROR = Pattern.compile("'[^']*'|\"[^\"]*\"|\\([^)]*\\)=\\([^)]*\\)");
    /** Bound values shorter than this are not searched for in a message: they would match ordinary words. */
    private static final int SHORTEST_MASKED_VALUE = 3;

    private final Set<String> masked;

    private Masking(Set<String> masked) {
        this.masked = Set.copyOf(masked);
    }

    /** The masking a dataset's contract asks for: its columns classified as anything but {@code public}. */
    public static Masking of(Dataset dataset) {
        requireNonNull(dataset, "dataset is null");
        return of(dataset.columns().stream().filter(Column::isPersonalData).map(Column::columnName).toList());
    }

    /** Masking of exactly these columns (names compared without regard to case). */
    public static Masking of(Collection<ColumnName> columns) {
        return new Masking(columns.stream().map(c -> c.name().toLowerCase(Locale.ROOT)).collect(Collectors.toSet()));
    }

    /** No masking (a table without a contract). */
    public static Masking none() {
        return new Masking(Set.of());
    }

    /** Whether values of this column are masked. */
    public boolean masks(ColumnName column) {
        return masked.contains(column.name().toLowerCase(Locale.ROOT));
    }

    /** Whether any of these columns is masked (a key with a personal-data part is masked whole where it is shown as one). */
    public boolean masksAny(Collection<ColumnName> columns) {
        return columns.stream().anyMatch(this::masks);
    }

    /** A value as it may be printed. */
    public String show(ColumnName column, Object value) {
        return masks(column) ? MASK : String.valueOf(value);
    }

    /** A key's values as they may be printed, joined with {@code ", "}. */
    public String showKey(List<ColumnName> columns, List<?> values) {
        List<String> out = new ArrayList<>(columns.size());
        for (int i = 0; i < columns.size(); i++) {
            out.add(show(columns.get(i), i < values.size() ? values.get(i) : null));
        }
        return String.join(", ", out);
    }

    /**
     * Appends a projection of these columns to a SELECT: a masked column as the mask (NULL stays
     * NULL, so a NULL key is still seen as one), the others as they are, each under its own name.
     */
    public SqlBuilder project(SqlBuilder b, List<ColumnName> columns) {
        b.join(columns, c -> {
            if (masks(c)) {
                b.sql("CASE WHEN ").id(c).sql(" IS NULL THEN NULL ELSE '" + MASK + "' END AS ").id(c);
            } else {
                b.id(c);
            }
        });
        return b;
    }

    /**
     * An engine's error message as meshkit prints it, the one rule of every warehouse: its first line,
     * and, when the statement had bound values (row data, which never appears in a message), with
     * every quoted text in it ({@code 'x'}, {@code "x"}, {@code (k)=(v)}) replaced by {@code '…'}
     * (any of it may be one of the values) and every bound value of three or more characters by
     * {@code …}. Without bound values the line is kept whole: it quotes only the statement's SQL.
     *
     * @param message the engine's message (may be several lines), or null
     * @param boundValues the statement's bound values; empty for a statement without any
     */
    public static String errorReason(String message, Collection<?> boundValues) {
        String text = message == null || message.isBlank() ? "unknown error" : message.strip();
        int newline = text.indexOf('\n');
        String line = (newline < 0 ? text : text.substring(0, newline)).strip();
        if (boundValues.isEmpty()) {
            return line;
        }
        line = QUOTED_IN_ERROR.matcher(line).replaceAll("'…'");
        for (Object value : boundValues) {
            String s = value == null ? "" : String.valueOf(value);
            if (s.length() >= SHORTEST_MASKED_VALUE) {
                line = line.replace(s, "…");
            }
        }
        return line;
    }
}
