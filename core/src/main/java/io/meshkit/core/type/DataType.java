package io.meshkit.core.type;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A portable physical type. Contracts name physical types in any common spelling ({@code bigint},
 * {@code INT64}, {@code varchar(255)}, {@code decimal(10,2)}, {@code DATETIME}); meshkit parses them
 * into this record, and each {@link io.meshkit.core.warehouse.Dialect} renders it in its own SQL.
 *
 * <p>{@code TIMESTAMP} is a date and time without zone, always meaning UTC (source timestamps are
 * normalised to UTC on ingest); {@code TIMESTAMP_TZ} is an instant.
 *
 * @param kind the kind of type
 * @param precision the length of a string or binary, the precision of a decimal, or -1 when unspecified
 * @param scale the scale of a decimal, or -1 when unspecified
 */
public record DataType(Kind kind, int precision, int scale) {
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
        UUID(LogicalType.STRING);

        private final LogicalType logicalType;

        Kind(LogicalType logicalType) {
            this.logicalType = logicalType;
        }

        /** The ODCS logical type of this kind. */
        public LogicalType logicalType() {
            return logicalType;
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

    private static final Map<String, Kind> NAMES = Map.ofEntries(
            Map.entry("BOOLEAN", Kind.BOOLEAN), Map.entry("BOOL", Kind.BOOLEAN),
            Map.entry("TINYINT", Kind.TINYINT), Map.entry("INT1", Kind.TINYINT), Map.entry("BYTEINT", Kind.TINYINT),
            Map.entry("SMALLINT", Kind.SMALLINT), Map.entry("INT2", Kind.SMALLINT),
            Map.entry("INTEGER", Kind.INTEGER), Map.entry("INT", Kind.INTEGER), Map.entry("INT4", Kind.INTEGER),
            Map.entry("MEDIUMINT", Kind.INTEGER),
            Map.entry("BIGINT", Kind.BIGINT), Map.entry("INT8", Kind.BIGINT), Map.entry("INT64", Kind.BIGINT),
            Map.entry("LONG", Kind.BIGINT),
            Map.entry("HUGEINT", Kind.HUGEINT), Map.entry("UBIGINT", Kind.HUGEINT), Map.entry("INT128", Kind.HUGEINT),
            Map.entry("DECIMAL", Kind.DECIMAL), Map.entry("NUMERIC", Kind.DECIMAL), Map.entry("DEC", Kind.DECIMAL),
            Map.entry("BIGNUMERIC", Kind.DECIMAL), Map.entry("BIGDECIMAL", Kind.DECIMAL),
            Map.entry("REAL", Kind.REAL), Map.entry("FLOAT", Kind.REAL), Map.entry("FLOAT4", Kind.REAL),
            Map.entry("DOUBLE", Kind.DOUBLE), Map.entry("FLOAT8", Kind.DOUBLE), Map.entry("FLOAT64", Kind.DOUBLE),
            Map.entry("DOUBLE PRECISION", Kind.DOUBLE),
            Map.entry("VARCHAR", Kind.VARCHAR), Map.entry("STRING", Kind.VARCHAR), Map.entry("TEXT", Kind.VARCHAR),
            Map.entry("CHAR", Kind.VARCHAR), Map.entry("CHARACTER VARYING", Kind.VARCHAR), Map.entry("NVARCHAR", Kind.VARCHAR),
            Map.entry("CHARACTER", Kind.VARCHAR), Map.entry("BPCHAR", Kind.VARCHAR), Map.entry("ENUM", Kind.VARCHAR),
            Map.entry("DATE", Kind.DATE),
            Map.entry("TIME", Kind.TIME),
            Map.entry("TIMESTAMP", Kind.TIMESTAMP), Map.entry("DATETIME", Kind.TIMESTAMP),
            Map.entry("TIMESTAMP WITHOUT TIME ZONE", Kind.TIMESTAMP),
            Map.entry("TIMESTAMPTZ", Kind.TIMESTAMP_TZ), Map.entry("TIMESTAMP WITH TIME ZONE", Kind.TIMESTAMP_TZ),
            Map.entry("BINARY", Kind.BINARY), Map.entry("VARBINARY", Kind.BINARY), Map.entry("BYTES", Kind.BINARY),
            Map.entry("BLOB", Kind.BINARY), Map.entry("BYTEA", Kind.BINARY),
            Map.entry("JSON", Kind.JSON),
            Map.entry("UUID", Kind.UUID));

    private static final Pattern SHAPE = Pattern.compile(
            "\\s*([A-Za-z][A-Za-z0-9 ]*?)\\s*(?:\\(\\s*(\\d+)\\s*(?:,\\s*(\\d+)\\s*)?\\))?\\s*");

    /** Validates the parameters for the kind. */
    public DataType {
        requireNonNull(kind, "kind is null");
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
                throw new IllegalArgumentException("decimal precision must be 1..76 and scale at most the precision");
            }
        } else if (kind != Kind.VARCHAR && kind != Kind.BINARY && precision != -1) {
            throw new IllegalArgumentException(kind + " takes no length or precision");
        } else if (scale != -1 && kind != Kind.DECIMAL) {
            throw new IllegalArgumentException(kind + " takes no scale");
        }
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

    /**
     * Parses a physical type in any of the common spellings, case-insensitively. Returns empty for a
     * type meshkit does not know or parameters that do not fit it.
     */
    public static Optional<DataType> parse(String physicalType) {
        if (physicalType == null) {
            return Optional.empty();
        }
        Matcher m = SHAPE.matcher(physicalType);
        if (!m.matches()) {
            return Optional.empty();
        }
        String name = m.group(1).trim().replaceAll("\\s+", " ").toUpperCase(Locale.ROOT);
        boolean unsigned = false;
        if (name.endsWith(" UNSIGNED")) {
            unsigned = true;
            name = name.substring(0, name.length() - " UNSIGNED".length());
        }
        Kind kind = NAMES.get(name);
        if (kind == null) {
            return Optional.empty();
        }
        if (unsigned) {
            kind = switch (kind) {
                case TINYINT -> Kind.SMALLINT;
                case SMALLINT -> Kind.INTEGER;
                case INTEGER -> Kind.BIGINT;
                case BIGINT -> Kind.HUGEINT;
                default -> null;
            };
            if (kind == null) {
                return Optional.empty();
            }
        }
        int p = m.group(2) == null ? -1 : Integer.parseInt(m.group(2));
        int s = m.group(3) == null ? -1 : Integer.parseInt(m.group(3));
        if (name.equals("BIGNUMERIC") || name.equals("BIGDECIMAL")) {
            if (p == -1) {
                p = 76;
                s = 38;
            }
        }
        try {
            if (kind == Kind.DECIMAL || kind == Kind.VARCHAR || kind == Kind.BINARY) {
                return Optional.of(new DataType(kind, p, s));
            }
            if (kind == Kind.TIMESTAMP || kind == Kind.TIME || kind == Kind.TIMESTAMP_TZ) {
                // fractional-second precision, e.g. DATETIME(6): meshkit keeps microseconds everywhere
                return s == -1 ? Optional.of(of(kind)) : Optional.empty();
            }
            if (isInteger(kind) && s == -1) {
                return Optional.of(of(kind)); // MySQL display width, e.g. INT(11)
            }
            if (kind == Kind.REAL && p > 24 && s == -1) {
                return Optional.of(of(Kind.DOUBLE)); // FLOAT(53)
            }
            return p == -1 && s == -1 ? Optional.of(of(kind)) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
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

    /** The canonical spelling, e.g. {@code DECIMAL(10,2)}, {@code VARCHAR}, {@code TIMESTAMP}. */
    @Override
    public String toString() {
        String n = kind == Kind.TIMESTAMP_TZ ? "TIMESTAMPTZ" : kind.name();
        if (kind == Kind.DECIMAL) {
            return n + "(" + precision + "," + scale + ")";
        }
        return precision == -1 ? n : n + "(" + precision + ")";
    }
}
