package io.meshkit.warehousebigquery.internal;

import com.google.cloud.bigquery.Field;
import com.google.cloud.bigquery.FieldValue;
import com.google.cloud.bigquery.LegacySQLTypeName;
import com.google.cloud.bigquery.QueryParameterValue;
import com.google.cloud.bigquery.StandardSQLTypeName;
import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** Java values of {@link io.meshkit.core.warehouse.Row} to BigQuery parameters and back. */
final class Values {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSSSSS");
    private static final DateTimeFormatter DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

    private Values() {}

    /** A typed query parameter for a non-null value. */
    static QueryParameterValue parameter(Object v) {
        if (v instanceof Boolean b) {
            return QueryParameterValue.bool(b);
        }
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return QueryParameterValue.int64(((Number) v).longValue());
        }
        if (v instanceof BigInteger b) {
            return QueryParameterValue.bigNumeric(new BigDecimal(b));
        }
        if (v instanceof BigDecimal d) {
            return fitsNumeric(d) ? QueryParameterValue.numeric(d) : QueryParameterValue.bigNumeric(d);
        }
        if (v instanceof Double || v instanceof Float) {
            return QueryParameterValue.float64(((Number) v).doubleValue());
        }
        if (v instanceof String s) {
            return QueryParameterValue.string(s);
        }
        if (v instanceof UUID u) {
            return QueryParameterValue.string(u.toString());
        }
        if (v instanceof byte[] b) {
            return QueryParameterValue.bytes(b);
        }
        if (v instanceof LocalDate d) {
            return QueryParameterValue.date(d.toString());
        }
        if (v instanceof LocalTime t) {
            return QueryParameterValue.time(TIME.format(t));
        }
        if (v instanceof LocalDateTime t) {
            return QueryParameterValue.dateTime(DATETIME.format(t));
        }
        if (v instanceof Instant t) {
            return QueryParameterValue.timestamp(ChronoUnit.MICROS.between(Instant.EPOCH, t));
        }
        throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot bind value of type " + v.getClass().getName() + " to BigQuery");
    }

    private static boolean fitsNumeric(BigDecimal d) {
        return d.scale() <= 9 && d.precision() - d.scale() <= 29;
    }

    /** The standard type of a result field (the REST API reports legacy names). */
    static StandardSQLTypeName type(Field field) {
        LegacySQLTypeName legacy = field.getType();
        return legacy == null ? StandardSQLTypeName.STRING : legacy.getStandardType();
    }

    /** The Java value of one field of a result row, as {@link io.meshkit.core.warehouse.Row} documents. */
    static Object read(Field field, FieldValue value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (field.getMode() == Field.Mode.REPEATED || value.getAttribute() != FieldValue.Attribute.PRIMITIVE) {
            return String.valueOf(value.getValue()); // arrays and structs have no portable form: their text
        }
        return switch (type(field)) {
            case BOOL -> value.getBooleanValue();
            case INT64 -> value.getLongValue();
            case FLOAT64 -> value.getDoubleValue();
            case NUMERIC, BIGNUMERIC -> value.getNumericValue();
            case BYTES -> value.getBytesValue();
            case DATE -> LocalDate.parse(value.getStringValue());
            case TIME -> LocalTime.parse(value.getStringValue());
            case DATETIME -> LocalDateTime.parse(value.getStringValue().replace(' ', 'T'));
            case TIMESTAMP -> value.getTimestampInstant();
            default -> value.getStringValue(); // STRING, JSON, GEOGRAPHY, INTERVAL, RANGE
        };
    }
}
