package io.meshkit.core.type;

import static java.util.Objects.requireNonNull;

import io.meshkit.core.identifier.Identifiers;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A portable physical type. Contracts name physical types in the spellings of the warehouses and formats
 * teams use ({@code bigint}, {@code INT64}, {@code NUMBER(10,2)}, {@code TIMESTAMP_NTZ}, {@code timestamptz},
 * {@code STRUCT<a INT64>}, {@code int[]}, Avro's {@code long}...); meshkit parses them into this record, and
 * each {@link io.meshkit.core.warehouse.Dialect} renders it in its own SQL.
 *
 * <p>{@code TIMESTAMP} is a date and time without zone, always meaning UTC (source timestamps are
 * normalised to UTC on ingest); {@code TIMESTAMP_TZ} is an instant. Nested data is {@link Kind#STRUCT}
 * (named fields), {@link Kind#ARRAY} (an element type) and {@link Kind#MAP} (key and value types); a value of
 * a nested type is compared as a whole. Semi-structured values whose shape the type does not say
 * ({@code VARIANT}, {@code OBJECT}, {@code JSONB}, a bare {@code STRUCT} or {@code ARRAY}) are {@link Kind#JSON}.
 *
 * @param kind the kind of type
 * @param precision the length of a string or binary, the precision of a decimal, or -1 when unspecified
 * @param scale the scale of a decimal, or -1 when unspecified
 * @param fields the fields of a {@link Kind#STRUCT}, in order; empty for every other kind
 * @param elementType the element of an {@link Kind#ARRAY}, the value of a {@link Kind#MAP}; else null
 * @param keyType the key of a {@link Kind#MAP}; else null
 */
public record DataType(Kind kind, int precision, int scale, List<Field> fields, DataType elementType, DataType keyType) {
    /** The kinds of portable types, each with its ODCS logical type. */
    public enum Kind {
        BOOLEAN(LogicalType.BOOLEAN),
        TINYINT(LogicalType.INTEGER),
        SMALLINT(LogicalType.INTEGER),
        INTEGER(LogicalType.INTEGER),
        BIGINT(LogicalType.INTEGER),
        /** An integer wider than 64 bits, e.g. an unsigned BIGINT from MySQL. */
        HUGEINT(LogicalType.INTEGER),
        DECIMAL(LogicalType.NUMBER),
        REAL(LogicalType.NUMBER),
        DOUBLE(LogicalType.NUMBER),
        VARCHAR(LogicalType.STRING),
        DATE(LogicalType.DATE),
        TIME(LogicalType.TIME),
        TIMESTAMP(LogicalType.TIMESTAMP),
        TIMESTAMP_TZ(LogicalType.TIMESTAMP),
        BINARY(LogicalType.STRING),
        JSON(LogicalType.OBJECT),
        UUID(LogicalType.STRING),
        /** Named fields, each with its type: DuckDB {@code STRUCT}, BigQuery {@code STRUCT}/{@code RECORD}. */
        STRUCT(LogicalType.OBJECT),
        /** A list of values of one type: DuckDB {@code LIST}, BigQuery {@code ARRAY}/{@code REPEATED}. */
        ARRAY(LogicalType.ARRAY),
        /** Keys of one type to values of another: DuckDB {@code MAP}. */
        MAP(LogicalType.OBJECT);

        private final LogicalType logicalType;

        Kind(LogicalType logicalType) {
            this.logicalType = logicalType;
        }

        /** The ODCS logical type of this kind. */
        public LogicalType logicalType() {
            return logicalType;
        }

        /** Whether values of this kind hold other values ({@link #STRUCT}, {@link #ARRAY}, {@link #MAP}). */
        public boolean isNested() {
            return this == STRUCT || this == ARRAY || this == MAP;
        }
    }

    /**
     * A field of a {@link Kind#STRUCT}.
     *
     * @param name the field's name as it goes to SQL (quoted by the dialect)
     * @param type the field's type
     */
    public record Field(String name, DataType type) {
        /** Validates. */
        public Field {
            requireNonNull(name, "name is null");
            requireNonNull(type, "type is null");
            if (name.isEmpty()) {
                throw new IllegalArgumentException("a struct field needs a name");
            }
        }

        /** {@code name TYPE}, the name quoted when it is not portable. */
        @Override
        public String toString() {
            return (Identifiers.isPortable(name) ? name : "\"" + name.replace("\"", "\"\"") + "\"") + " " + type;
        }
    }

    public static final DataType BOOLEAN = of(Kind.BOOLEAN);
    public static final DataType INTEGER = of(Kind.INTEGER);
    public static final DataType BIGINT = of(Kind.BIGINT);
    public static final DataType DOUBLE = of(Kind.DOUBLE);
    public static final DataType VARCHAR = of(Kind.VARCHAR);
    public static final DataType DATE = of(Kind.DATE);
    public static final DataType TIMESTAMP = of(Kind.TIMESTAMP);
    public static final DataType TIMESTAMP_TZ = of(Kind.TIMESTAMP_TZ);
    public static final DataType JSON = of(Kind.JSON);

    /** Validates the parameters for the kind. */
    public DataType {
        requireNonNull(kind, "kind is null");
        fields = fields == null ? List.of() : List.copyOf(fields);
        if (precision < -1 || scale < -1) {
            throw new IllegalArgumentException("precision and scale must be -1 or positive");
        }
        if (kind == Kind.DECIMAL) {
            if (precision == -1) {
                precision = 38;
                scale = scale == -1 ? 9 : scale;
            } else if (scale == -1) {
                scale = 0;
            }
            if (precision < 1 || precision > 76 || scale > precision) {
                throw new IllegalArgumentException("DECIMAL precision must be 1 to 76 and the scale at most the precision");
            }
        } else if (kind != Kind.VARCHAR && kind != Kind.BINARY && precision != -1) {
            throw new IllegalArgumentException(kind + " takes no length or precision");
        } else if (scale != -1) {
            throw new IllegalArgumentException(kind + " takes no scale");
        }
        if (kind == Kind.STRUCT) {
            if (fields.isEmpty()) {
                throw new IllegalArgumentException("a STRUCT needs at least one field");
            }
            long distinct = fields.stream().map(f -> f.name().toLowerCase(java.util.Locale.ROOT)).distinct().count();
            if (distinct != fields.size()) {
                throw new IllegalArgumentException("the fields of a STRUCT need distinct names");
            }
        } else if (!fields.isEmpty()) {
            throw new IllegalArgumentException(kind + " has no fields");
        }
        if ((kind == Kind.ARRAY || kind == Kind.MAP) != (elementType != null)) {
            throw new IllegalArgumentException("an element (value) type is required for, and only for, ARRAY and MAP");
        }
        if ((kind == Kind.MAP) != (keyType != null)) {
            throw new IllegalArgumentException("a key type is required for, and only for, MAP");
        }
    }

    /** A scalar type with a length or precision and scale ({@code -1} when not given). */
    public DataType(Kind kind, int precision, int scale) {
        this(kind, precision, scale, List.of(), null, null);
    }

    /** A type without parameters. */
    public static DataType of(Kind kind) {
        return new DataType(kind, -1, -1);
    }

    /** {@code DECIMAL(precision, scale)}. */
    public static DataType decimal(int precision, int scale) {
        return new DataType(Kind.DECIMAL, precision, scale);
    }

    /** {@code VARCHAR(length)}. */
    public static DataType varchar(int length) {
        return new DataType(Kind.VARCHAR, length, -1);
    }

    /** {@code STRUCT<field TYPE, ...>}. */
    public static DataType struct(List<Field> fields) {
        return new DataType(Kind.STRUCT, -1, -1, fields, null, null);
    }

    /** {@code ARRAY<element>}. */
    public static DataType array(DataType element) {
        return new DataType(Kind.ARRAY, -1, -1, List.of(), requireNonNull(element, "element is null"), null);
    }

    /** {@code MAP<key, value>}. */
    public static DataType map(DataType key, DataType value) {
        return new DataType(Kind.MAP, -1, -1, List.of(), requireNonNull(value, "value is null"),
                requireNonNull(key, "key is null"));
    }

    /**
     * Parses a physical type in any of the common spellings, case-insensitively. Returns empty for a
     * type meshkit does not know or parameters that do not fit it; {@link #read} says why.
     */
    public static Optional<DataType> parse(String physicalType) {
        Reading r = read(physicalType);
        return r.problem().isPresent() ? Optional.empty() : r.type();
    }

    /**
     * Parses a physical type, saying what is wrong with it. A spelling with a fault meshkit can read past (MySQL's
     * {@code FLOAT(10,2)}, a DECIMAL precision above 76) gives both a type and a problem.
     */
    public static Reading read(String physicalType) {
        if (physicalType == null) {
            return Reading.failed("no physical type", null, false);
        }
        return TypeParser.read(physicalType);
    }

    /**
     * The outcome of reading a physical type's spelling.
     *
     * @param type the type, when the spelling could be read (despite a problem)
     * @param problem what is wrong with the spelling (e.g. {@code FLOAT takes no scale})
     * @param suggestion the closest known spelling of an unknown name, if one is close
     * @param knownName whether the type's name is one meshkit knows (so the problem is in its parameters or
     *     nested types, not a name from elsewhere)
     */
    public record Reading(Optional<DataType> type, Optional<String> problem, Optional<String> suggestion,
            boolean knownName) {
        /** Validates. */
        public Reading {
            requireNonNull(type, "type is null");
            requireNonNull(problem, "problem is null");
            requireNonNull(suggestion, "suggestion is null");
        }

        static Reading ok(DataType type) {
            return new Reading(Optional.of(type), Optional.empty(), Optional.empty(), true);
        }

        static Reading failed(String problem, String suggestion, boolean knownName) {
            return new Reading(Optional.empty(), Optional.of(problem), Optional.ofNullable(suggestion), knownName);
        }
    }

    private static boolean isInteger(Kind kind) {
        return kind.logicalType() == LogicalType.INTEGER;
    }

    /** The ODCS logical type of this physical type. */
    public LogicalType logicalType() {
        return kind.logicalType();
    }

    /** Whether this is an integer type of any width. */
    public boolean isInteger() {
        return isInteger(kind);
    }

    /** Whether this is a numeric type (integer, decimal or floating point). */
    public boolean isNumeric() {
        return kind.logicalType() == LogicalType.INTEGER || kind.logicalType() == LogicalType.NUMBER;
    }

    /** Whether this is a timestamp, with or without a time zone ({@code TIMESTAMP} or {@code TIMESTAMP_TZ}). */
    public boolean isTimestamp() {
        return kind == Kind.TIMESTAMP || kind == Kind.TIMESTAMP_TZ;
    }

    /** Whether values of this type hold other values (struct, array or map). */
    public boolean isNested() {
        return kind.isNested();
    }

    /**
     * Whether every value of this type is a value of {@code to} (a widening, which readers of the old type keep
     * reading): a wider integer, {@code REAL} to {@code DOUBLE}, a longer (or unbounded) {@code VARCHAR} or
     * {@code BINARY}, a {@code DECIMAL} with at least as many digits on each side of the point, a struct whose
     * fields each widen (new fields allowed), arrays and maps whose parts widen; or the same type.
     */
    public boolean widensTo(DataType to) {
        Kind f = kind;
        Kind t = to.kind;
        if (isInteger(f) && isInteger(t)) {
            return INTEGER_WIDTHS.indexOf(t) >= INTEGER_WIDTHS.indexOf(f);
        }
        if (f == Kind.REAL && t == Kind.DOUBLE) {
            return true;
        }
        if ((f == Kind.VARCHAR || f == Kind.BINARY) && f == t) {
            return to.precision == -1 || precision != -1 && to.precision >= precision;
        }
        if (f == Kind.DECIMAL && t == Kind.DECIMAL) {
            return to.scale >= scale && to.precision - to.scale >= precision - scale;
        }
        if (f == Kind.STRUCT && t == Kind.STRUCT) {
            for (Field was : fields) {
                Field now = to.fields.stream().filter(x -> x.name().equals(was.name())).findFirst().orElse(null);
                if (now == null || !was.type().widensTo(now.type())) {
                    return false;
                }
            }
            return true;
        }
        if (f == Kind.ARRAY && t == Kind.ARRAY) {
            return elementType.widensTo(to.elementType);
        }
        if (f == Kind.MAP && t == Kind.MAP) {
            return keyType.widensTo(to.keyType) && elementType.widensTo(to.elementType);
        }
        return equals(to);
    }

    private static final List<Kind> INTEGER_WIDTHS = List.of(Kind.TINYINT, Kind.SMALLINT, Kind.INTEGER, Kind.BIGINT,
            Kind.HUGEINT);

    /**
     * The canonical spelling, e.g. {@code DECIMAL(10,2)}, {@code VARCHAR}, {@code TIMESTAMP},
     * {@code STRUCT<id BIGINT, tags ARRAY<VARCHAR>>}, {@code MAP<VARCHAR, DOUBLE>}. {@link #parse} reads it back.
     */
    @Override
    public String toString() {
        return switch (kind) {
            case TIMESTAMP_TZ -> "TIMESTAMPTZ";
            case DECIMAL -> "DECIMAL(" + precision + "," + scale + ")";
            case STRUCT -> "STRUCT<" + fields.stream().map(Field::toString).collect(Collectors.joining(", ")) + ">";
            case ARRAY -> "ARRAY<" + elementType + ">";
            case MAP -> "MAP<" + keyType + ", " + elementType + ">";
            default -> precision == -1 ? kind.name() : kind.name() + "(" + precision + ")";
        };
    }
}
