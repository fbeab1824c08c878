package io.meshkit.snapshotingest.internal;

import io.meshkit.core.contract.Column;
import io.meshkit.core.contract.Dataset;
import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.type.DataType;
import io.meshkit.snapshotingest.api.Drift;
import io.meshkit.snapshotingest.api.Drift.Change;
import io.meshkit.snapshotingest.api.Drift.Difference;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which MySQL column becomes which staging column. With a contract, a contract column's {@code name} is
 * the MySQL column and its {@link Column#columnName()} ({@code physicalName} if set) the staging column,
 * typed as the contract's {@code physicalType}; without one, every MySQL column is staged under its own
 * name and mapped type.
 *
 * @param staged the staged columns, in order
 * @param drift how MySQL differs from the contract (always empty without one)
 */
public record ColumnMapping(List<Staged> staged, Drift drift) {
    /**
     * A staged column.
     *
     * @param source the MySQL column (its name in the part files), or null when the landed files lack it (a
     *     snapshot landed before the column was added): staged as NULL
     * @param target the staging column
     * @param type the staging column's type
     */
    public record Staged(String source, ColumnName target, DataType type) {
        /** The same column read from another column of the files (a declared rename's old name), or as NULL. */
        Staged from(String other) {
            return new Staged(other, target, type);
        }
    }

    /** The mapping of a table, checked against a contract's dataset if there is one. */
    public static ColumnMapping of(SourceTable table, Optional<Dataset> dataset) {
        if (dataset.isEmpty()) {
            return new ColumnMapping(table.columns().stream().map(c -> new Staged(c.name(), ColumnName.of(c.name()), c.type())).toList(),
                    new Drift(List.of()));
        }
        // ODCS allows a schema object without properties; a staging table cannot be made of one
        dataset.get().requireColumns("snapshot " + table.database() + "." + table.name());
        List<Staged> staged = new ArrayList<>();
        List<Difference> differences = new ArrayList<>();
        for (Column c : dataset.get().columns()) {
            Optional<SourceColumn> s = table.column(c.name());
            if (s.isEmpty()) {
                differences.add(new Difference(Change.DROPPED, c.name(), "column " + c.name() + " is in the contract but not in MySQL table "
                        + table.database() + "." + table.name() + " (dropped: remove it from the contract, a new major version;"
                        + " renamed: rename it there too, with meshkit.renamedFrom: " + c.name() + " on the new name)"));
                continue;
            }
            if (!fits(s.get().type(), c.physicalType())) {
                differences.add(new Difference(Change.RETYPED, c.name(), "column " + c.name() + ": MySQL " + s.get().columnType()
                        + " maps to " + s.get().type() + ", the contract says " + c.typeShown() + (c.physicalType().widensTo(s.get().type())
                        ? " (a wider type: change the contract's type, a minor version)"
                        : " (another type: change the contract's type with a new major version, or give it a new column name)")));
                continue;
            }
            staged.add(new Staged(s.get().name(), c.columnName(), c.physicalType()));
        }
        for (SourceColumn s : table.columns()) {
            if (dataset.get().columns().stream().noneMatch(c -> c.name().equalsIgnoreCase(s.name()))) {
                differences.add(new Difference(Change.ADDED, s.name(), "column " + s.name() + " (" + s.columnType()
                        + ") is in MySQL but not in the contract"));
            }
        }
        return new ColumnMapping(staged, new Drift(differences));
    }

    /** Whether every value of a source type fits the contract's type without loss. */
    static boolean fits(DataType source, DataType contract) {
        DataType.Kind s = source.kind();
        DataType.Kind c = contract.kind();
        if (source.isInteger() && contract.isInteger()) {
            return s.ordinal() <= c.ordinal(); // TINYINT < SMALLINT < INTEGER < BIGINT < HUGEINT
        }
        if (s == DataType.Kind.DECIMAL && c == DataType.Kind.DECIMAL) {
            return source.scale() <= contract.scale() && source.precision() - source.scale() <= contract.precision() - contract.scale();
        }
        if (source.isInteger() && c == DataType.Kind.DECIMAL) {
            return contract.precision() - contract.scale() >= 20;
        }
        return switch (s) {
            case REAL -> c == DataType.Kind.REAL || c == DataType.Kind.DOUBLE;
            case VARCHAR -> c == DataType.Kind.VARCHAR; // lengths are not checked: MySQL counts characters, warehouses differ
            case JSON -> c == DataType.Kind.JSON || c == DataType.Kind.VARCHAR;
            case TIMESTAMP -> c == DataType.Kind.TIMESTAMP || c == DataType.Kind.TIMESTAMP_TZ;
            default -> s == c;
        };
    }
}
