package io.meshkit.core.warehouse;

import static java.util.Objects.requireNonNull;

import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.type.DataType;
import java.util.List;

/**
 * A field of the records that {@link Dialect#collect} gathers into a list and {@link Dialect#unnest}
 * reads back as a table: its name and its portable type. The values collected are of that type; an
 * engine that needs the type to read a record back (PostgreSQL's column definition list) casts them
 * to it and names it.
 *
 * @param name the field's name, read as {@code alias.name} after unnesting
 * @param type the field's type
 */
public record RecordField(ColumnName name, DataType type) {
    /** Validates. */
    public RecordField {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
    }

    /** A field by name. */
    public static RecordField of(String name, DataType type) {
        return new RecordField(ColumnName.of(name), type);
    }

    /** The fields' names, in order. */
    public static List<ColumnName> names(List<RecordField> fields) {
        return fields.stream().map(RecordField::name).toList();
    }
}
