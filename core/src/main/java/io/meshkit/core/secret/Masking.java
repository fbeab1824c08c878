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
}
