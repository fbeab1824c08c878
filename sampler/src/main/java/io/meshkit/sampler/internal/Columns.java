package io.meshkit.sampler.internal;

import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import io.meshkit.core.error.NoSuchTableException;
import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.identifier.TableId;
import io.meshkit.core.type.DataType;
import io.meshkit.core.warehouse.ColumnInfo;
import io.meshkit.core.warehouse.SupportsPromotion;
import io.meshkit.core.warehouse.TableInfo;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.sampler.api.Filter;
import io.meshkit.sampler.api.SamplingLayout;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Checks the columns a command names against the live table and converts filter values to their types. */
final class Columns {
    private final TableInfo info;
    private final String verb;
    private final Optional<TableId> servedRelease;

    private Columns(TableInfo info, String verb, Optional<TableId> servedRelease) {
        this.info = info;
        this.verb = verb;
        this.servedRelease = servedRelease;
    }

    /** The live table, or a NO_SUCH_TABLE error. */
    static Columns of(Warehouse warehouse, TableId table, String verb) {
        TableInfo info = warehouse.describe(table).orElseThrow(() -> new NoSuchTableException(verb, table));
        return new Columns(info, verb, warehouse instanceof SupportsPromotion p ? p.servedRelease(table) : Optional.empty());
    }

    TableInfo info() {
        return info;
    }

    /** The column, or an INVALID_ARGUMENT error naming what it was for. */
    ColumnInfo require(ColumnName name, String role) {
        return info.column(name).orElseThrow(() -> new MeshkitException(ErrorCode.INVALID_ARGUMENT,
                "Cannot " + verb + " table " + info.id() + ": it has no column " + name + " (" + role + ")"));
    }

    /**
     * Fails unless the table was laid out by {@code prepare}; for a production table that publish serves, which
     * prepare does not rewrite, the message names its prepared copy instead.
     */
    void requirePrepared() {
        if (info.column(SamplingLayout.SAMPLING_VALUE).isEmpty()) {
            TableId copy = Preparer.preparedCopy(info.id());
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot " + verb + " table " + info.id() + ": it has no "
                    + SamplingLayout.SAMPLING_VALUE + " column (" + (servedRelease.isEmpty() ? "run 'meshkit sample prepare' on it first)"
                    : "a production table that meshkit publish serves: sample its prepared copy, meshkit sample prepare --from " + info.id()
                            + " --table " + copy + ", then --table " + copy + ")"));
        }
    }

    /** Fails unless the column is numeric. */
    void requireNumeric(ColumnName name, String role) {
        ColumnInfo c = require(name, role);
        if (!c.type().isNumeric()) {
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot " + verb + " table " + info.id()
                    + ": column " + name + " is " + c.type() + ", not numeric (" + role + ")");
        }
    }

    /** The filter's value as a Java value of its column's type, to be bound. */
    Object filterValue(Filter filter) {
        ColumnInfo c = require(filter.column(), "filter");
        String v = filter.value();
        try {
            DataType.Kind kind = c.type().kind();
            return switch (kind) {
                case TINYINT, SMALLINT, INTEGER, BIGINT -> Long.parseLong(v);
                case HUGEINT -> new java.math.BigInteger(v);
                case DECIMAL -> new BigDecimal(v);
                case REAL, DOUBLE -> Double.parseDouble(v);
                case BOOLEAN -> parseBoolean(v);
                case DATE -> LocalDate.parse(v);
                // a date alone means its midnight, as SQL compares a timestamp with a date
                case TIMESTAMP -> v.length() == 10 ? LocalDate.parse(v).atStartOfDay() : LocalDateTime.parse(v.replace(' ', 'T'));
                default -> v;
            };
        } catch (NumberFormatException | DateTimeParseException e) {
            // the value itself stays out of the message: it may be row data
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot " + verb + " table " + info.id()
                    + ": the value of filter " + filter + " is not a valid " + c.type(), e);
        }
    }

    private static Boolean parseBoolean(String v) {
        if (v.equalsIgnoreCase("true")) {
            return Boolean.TRUE;
        }
        if (v.equalsIgnoreCase("false")) {
            return Boolean.FALSE;
        }
        throw new NumberFormatException("not a boolean");
    }
}
