package io.meshkit.differ.internal;

import static java.util.Objects.requireNonNull;

import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.type.DataType;
import io.meshkit.core.warehouse.ColumnInfo;
import io.meshkit.differ.api.Normalisation;
import java.util.List;

/**
 * What one side fingerprints and downloads: key columns, compared columns with this side's types
 * and the numeric form agreed by both sides, and the normalisation.
 */
public record RowShape(List<Col> key, List<Col> columns, Normalisation normalisation) {
    /**
     * How both sides write a numeric column: {@code NATIVE} as the engine writes it (integers, and
     * decimals of one scale on both sides), {@code DECIMAL} rounded to {@code places} in decimal
     * arithmetic, {@code FLOAT} rounded to {@code places} in binary floating point (when either
     * side is floating point). Non-numeric columns are {@code NATIVE}.
     */
    public record Form(Mode mode, int places) {
        /** The kinds of form. */
        public enum Mode { NATIVE, DECIMAL, FLOAT }

        /** Native text. */
        public static final Form NATIVE = new Form(Mode.NATIVE, -1);
    }

    /**
     * A column as this side holds it.
     *
     * @param name the column name on this side
     * @param type the portable type on this side
     * @param engineType the engine's spelling (MySQL's {@code COLUMN_TYPE}, e.g. {@code datetime(3)})
     * @param nullable whether the column admits NULL (a NOT NULL column needs no NULL marker)
     * @param form the numeric form both sides agreed on
     */
    public record Col(ColumnName name, DataType type, String engineType, boolean nullable, Form form) {
        /** Validates. */
        public Col {
            requireNonNull(name, "name is null");
            requireNonNull(type, "type is null");
            requireNonNull(engineType, "engineType is null");
            requireNonNull(form, "form is null");
        }

        /** A column as described by its engine, in the given form. */
        public static Col of(ColumnInfo info, Form form) {
            return new Col(info.name(), info.type(), info.engineType(), info.nullable(), form);
        }
    }

    /** Copies. */
    public RowShape {
        key = List.copyOf(key);
        columns = List.copyOf(columns);
        requireNonNull(normalisation, "normalisation is null");
    }

    /** Whether the key is one integer column (ranges can then be split by arithmetic). */
    public boolean singleIntegerKey() {
        return key.size() == 1 && key.get(0).type().isInteger();
    }
}
