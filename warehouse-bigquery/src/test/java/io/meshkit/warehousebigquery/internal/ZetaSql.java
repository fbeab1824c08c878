package io.meshkit.warehousebigquery.internal;

import com.google.cloud.bigquery.Field;
import com.google.cloud.bigquery.FieldValue;
import com.google.cloud.bigquery.QueryParameterValue;
import com.google.cloud.bigquery.StandardSQLTypeName;
import com.google.protobuf.ByteString;
import com.google.zetasql.AnalyzerOptions;
import com.google.zetasql.LanguageOptions;
import com.google.zetasql.SimpleCatalog;
import com.google.zetasql.Type;
import com.google.zetasql.TypeFactory;
import com.google.zetasql.Value;
import com.google.zetasql.ZetaSQLBuiltinFunctionOptions;
import com.google.zetasql.ZetaSQLType.TypeKind;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Base64;
import java.util.Map;

/**
 * GoogleSQL through ZetaSQL, Google's own analyzer and reference evaluator, shared by the tests (its
 * JNI channel starts a native service once per JVM).
 */
final class ZetaSql {
    static final LanguageOptions LANGUAGE = language();

    private ZetaSql() {}

    private static LanguageOptions language() {
        LanguageOptions lo = new LanguageOptions();
        lo.enableMaximumLanguageFeatures();
        lo.setSupportsAllStatementKinds();
        return lo;
    }

    /** A catalog with GoogleSQL's functions and nothing else. */
    static SimpleCatalog catalog() {
        SimpleCatalog catalog = new SimpleCatalog("bigquery");
        catalog.addZetaSQLFunctionsAndTypes(new ZetaSQLBuiltinFunctionOptions(LANGUAGE));
        return catalog;
    }

    /** Analyzer options with the statement's parameters declared by their BigQuery types. */
    static AnalyzerOptions options(Map<String, QueryParameterValue> parameters) {
        AnalyzerOptions options = new AnalyzerOptions();
        options.setLanguageOptions(LANGUAGE);
        options.setDefaultTimezone("UTC");
        parameters.forEach((name, value) -> options.addQueryParameter(name, type(value.getType())));
        return options;
    }

    static Type type(StandardSQLTypeName type) {
        return TypeFactory.createSimpleType(switch (type) {
            case BOOL -> TypeKind.TYPE_BOOL;
            case INT64 -> TypeKind.TYPE_INT64;
            case FLOAT64 -> TypeKind.TYPE_DOUBLE;
            case NUMERIC -> TypeKind.TYPE_NUMERIC;
            case BIGNUMERIC -> TypeKind.TYPE_BIGNUMERIC;
            case STRING -> TypeKind.TYPE_STRING;
            case BYTES -> TypeKind.TYPE_BYTES;
            case DATE -> TypeKind.TYPE_DATE;
            case TIME -> TypeKind.TYPE_TIME;
            case DATETIME -> TypeKind.TYPE_DATETIME;
            case TIMESTAMP -> TypeKind.TYPE_TIMESTAMP;
            case JSON -> TypeKind.TYPE_JSON;
            default -> throw new IllegalArgumentException("the fake has no type " + type);
        });
    }

    static StandardSQLTypeName bigQueryType(Type type) {
        return switch (type.getKind()) {
            case TYPE_BOOL -> StandardSQLTypeName.BOOL;
            case TYPE_INT64, TYPE_INT32, TYPE_UINT32 -> StandardSQLTypeName.INT64;
            case TYPE_DOUBLE, TYPE_FLOAT -> StandardSQLTypeName.FLOAT64;
            case TYPE_NUMERIC -> StandardSQLTypeName.NUMERIC;
            case TYPE_BIGNUMERIC -> StandardSQLTypeName.BIGNUMERIC;
            case TYPE_STRING -> StandardSQLTypeName.STRING;
            case TYPE_BYTES -> StandardSQLTypeName.BYTES;
            case TYPE_DATE -> StandardSQLTypeName.DATE;
            case TYPE_TIME -> StandardSQLTypeName.TIME;
            case TYPE_DATETIME -> StandardSQLTypeName.DATETIME;
            case TYPE_TIMESTAMP -> StandardSQLTypeName.TIMESTAMP;
            case TYPE_JSON -> StandardSQLTypeName.JSON;
            default -> throw new IllegalArgumentException("BigQuery has no column type " + type);
        };
    }

    /** The evaluator's value of a query parameter as BigQuery receives it (its REST encoding). */
    static Value value(QueryParameterValue p) {
        String v = p.getValue();
        if (v == null) {
            return Value.createNullValue(type(p.getType()));
        }
        return switch (p.getType()) {
            case BOOL -> Value.createBoolValue(Boolean.parseBoolean(v));
            case INT64 -> Value.createInt64Value(Long.parseLong(v));
            case FLOAT64 -> Value.createDoubleValue(Double.parseDouble(v));
            case NUMERIC -> Value.createNumericValue(new BigDecimal(v));
            case BIGNUMERIC -> Value.createBigNumericValue(new BigDecimal(v));
            case STRING -> Value.createStringValue(v);
            case BYTES -> Value.createBytesValue(ByteString.copyFrom(Base64.getDecoder().decode(v)));
            case DATE -> Value.createDateValue(LocalDate.parse(v));
            case TIME -> Value.createTimeValue(LocalTime.parse(v));
            case DATETIME -> Value.createDatetimeValue(LocalDateTime.parse(v.replace(' ', 'T')));
            case TIMESTAMP -> Value.createTimestampValueFromUnixMicros(timestampMicros(v));
            case JSON -> Value.createJsonValue(v);
            default -> throw new IllegalArgumentException("the fake has no parameter type " + p.getType());
        };
    }

    /** QueryParameterValue renders timestamps as {@code yyyy-MM-dd HH:mm:ss.SSSSSSxxx}. */
    private static long timestampMicros(String v) {
        java.time.OffsetDateTime t = java.time.OffsetDateTime.parse(v.replace(' ', 'T'),
                new java.time.format.DateTimeFormatterBuilder().append(java.time.format.DateTimeFormatter.ISO_LOCAL_DATE_TIME)
                        .optionalStart().appendOffset("+HH:MM", "+00:00").optionalEnd()
                        .optionalStart().appendOffset("+HHMM", "+0000").optionalEnd().toFormatter());
        return java.time.temporal.ChronoUnit.MICROS.between(java.time.Instant.EPOCH, t.toInstant());
    }

    /** A result value as the BigQuery REST API encodes it (every primitive as text). */
    static FieldValue fieldValue(Value v) {
        if (v.isNull()) {
            return FieldValue.of(FieldValue.Attribute.PRIMITIVE, null);
        }
        String text = switch (v.getType().getKind()) {
            case TYPE_BOOL -> Boolean.toString(v.getBoolValue());
            case TYPE_INT64 -> Long.toString(v.getInt64Value());
            case TYPE_DOUBLE -> Double.toString(v.getDoubleValue());
            case TYPE_NUMERIC -> v.getNumericValue().toPlainString();
            case TYPE_BIGNUMERIC -> v.getBigNumericValue().toPlainString();
            case TYPE_STRING -> v.getStringValue();
            case TYPE_BYTES -> Base64.getEncoder().encodeToString(v.getBytesValue().toByteArray());
            case TYPE_DATE -> LocalDate.ofEpochDay(v.getDateValue()).toString();
            case TYPE_TIME -> v.getLocalTimeValue().format(java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss.SSSSSS"));
            case TYPE_DATETIME -> v.getLocalDateTimeValue().format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS"));
            case TYPE_TIMESTAMP -> BigDecimal.valueOf(v.getTimestampUnixMicros(), 6).toPlainString(); // seconds, as REST sends them
            case TYPE_JSON -> v.getJsonValue();
            default -> throw new IllegalArgumentException("BigQuery has no column type " + v.getType());
        };
        return FieldValue.of(FieldValue.Attribute.PRIMITIVE, text);
    }

    /** BigQuery's logical size of a value, as it bills bytes: 8 for numbers and times, 2 + length for text. */
    static long size(Value v) {
        if (v.isNull()) {
            return 0;
        }
        return switch (v.getType().getKind()) {
            case TYPE_BOOL -> 1;
            case TYPE_NUMERIC -> 16;
            case TYPE_BIGNUMERIC -> 32;
            case TYPE_STRING -> 2 + v.getStringValueBytes().size();
            case TYPE_BYTES -> 2 + v.getBytesValue().size();
            case TYPE_JSON -> v.getJsonValue().length();
            default -> 8;
        };
    }

    static Field field(String name, Type type, boolean required) {
        return Field.newBuilder(name, bigQueryType(type)).setMode(required ? Field.Mode.REQUIRED : Field.Mode.NULLABLE).build();
    }
}
