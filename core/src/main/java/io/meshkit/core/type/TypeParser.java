package io.meshkit.core.type;

import io.meshkit.core.identifier.Identifiers;
import io.meshkit.core.type.DataType.Kind;
import io.meshkit.core.type.DataType.Reading;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the spellings of physical types that warehouses and formats use: a small recursive-descent parser over
 * names (one or more words, e.g. {@code double precision}, {@code timestamp(3) with time zone}), parameters in
 * parentheses, generic arguments in angle brackets ({@code ARRAY<STRUCT<a INT64>>}) and PostgreSQL's array
 * suffix ({@code int[]}). Each failure says what is wrong in words.
 */
final class TypeParser {
    /** How a name's parameters are read. */
    private enum Shape {
        /** No parameters (a display width is tolerated for integers). */
        PLAIN,
        /** (length), (MAX), (n CHAR|BYTE). */
        LENGTH,
        /** (precision[, scale]), (*, scale). */
        DECIMAL,
        /** (precision) of fractional seconds. */
        TIME,
        /** FLOAT(p): single or double precision by p. */
        FLOAT,
        /** ClickHouse Decimal32(S) and friends: the one parameter is the scale. */
        DECIMAL_SCALE,
        /** BIT(n): one bit is a boolean, more are an integer. */
        BIT,
        /** ENUM('a', 'b'), SET('a'): string literals. */
        LITERALS,
        /** ClickHouse DateTime64(p[, 'zone']). */
        DATETIME64,
        /** ARRAY<T>, ARRAY(T), LIST<T>; bare: semi-structured. */
        ARRAY,
        /** STRUCT<a T, ...>, ROW(a T), RECORD; bare: semi-structured. */
        STRUCT,
        /** MAP<K, V>, MAP(K, V); bare: semi-structured. */
        MAP,
        /** Nullable(T), LowCardinality(T): the wrapped type. */
        WRAPPER,
        /** Snowflake VECTOR(FLOAT, 256): an array of the element type. */
        VECTOR
    }

    private record Name(Kind kind, Shape shape, int precision, int scale) {}

    private static final Map<String, Name> NAMES = new HashMap<>();

    private static void add(Kind kind, Shape shape, String... names) {
        for (String n : names) {
            NAMES.put(n, new Name(kind, shape, -1, -1));
        }
    }

    private static void add(Kind kind, Shape shape, int precision, int scale, String... names) {
        for (String n : names) {
            NAMES.put(n, new Name(kind, shape, precision, scale));
        }
    }

    static {
        add(Kind.BOOLEAN, Shape.PLAIN, "BOOLEAN", "BOOL", "LOGICAL");
        add(Kind.BOOLEAN, Shape.BIT, "BIT");
        add(Kind.TINYINT, Shape.PLAIN, "TINYINT", "INT1", "BYTEINT", "BYTE");
        add(Kind.SMALLINT, Shape.PLAIN, "SMALLINT", "INT2", "SHORT", "INT16", "SMALLSERIAL", "SERIAL2", "YEAR",
                "UTINYINT", "UINT8");
        add(Kind.INTEGER, Shape.PLAIN, "INTEGER", "INT", "INT4", "MEDIUMINT", "INT32", "SERIAL", "SERIAL4", "SINT32",
                "SFIXED32", "USMALLINT", "UINT16");
        add(Kind.BIGINT, Shape.PLAIN, "BIGINT", "INT8", "INT64", "LONG", "BIGSERIAL", "SERIAL8", "SINT64", "SFIXED64",
                "UINTEGER", "UINT32", "FIXED32", "UINT", "INT96");
        add(Kind.HUGEINT, Shape.PLAIN, "HUGEINT", "UBIGINT", "INT128", "UHUGEINT", "UINT64", "FIXED64", "UINT128",
                "INT256", "UINT256", "VARINT", "BIGINTEGER");
        add(Kind.DECIMAL, Shape.DECIMAL, "DECIMAL", "NUMERIC", "DEC", "NUMBER", "FIXED", "BIGDECIMAL");
        add(Kind.DECIMAL, Shape.DECIMAL, 76, 38, "BIGNUMERIC");
        add(Kind.DECIMAL, Shape.PLAIN, 19, 4, "MONEY");
        add(Kind.DECIMAL, Shape.PLAIN, 10, 4, "SMALLMONEY");
        add(Kind.DECIMAL, Shape.DECIMAL_SCALE, 9, -1, "DECIMAL32");
        add(Kind.DECIMAL, Shape.DECIMAL_SCALE, 18, -1, "DECIMAL64");
        add(Kind.DECIMAL, Shape.DECIMAL_SCALE, 38, -1, "DECIMAL128");
        add(Kind.DECIMAL, Shape.DECIMAL_SCALE, 76, -1, "DECIMAL256");
        add(Kind.REAL, Shape.PLAIN, "REAL", "FLOAT4", "FLOAT32", "BINARY_FLOAT");
        add(Kind.REAL, Shape.FLOAT, "FLOAT");
        add(Kind.DOUBLE, Shape.PLAIN, "DOUBLE", "FLOAT8", "FLOAT64", "DOUBLE PRECISION", "BINARY_DOUBLE");
        add(Kind.VARCHAR, Shape.LENGTH, "VARCHAR", "STRING", "TEXT", "CHAR", "CHARACTER", "CHARACTER VARYING",
                "CHAR VARYING", "NVARCHAR", "NCHAR", "NATIONAL CHARACTER VARYING", "NATIONAL CHARACTER", "BPCHAR",
                "VARCHAR2", "NVARCHAR2", "CLOB", "NCLOB", "LONG VARCHAR", "TINYTEXT", "MEDIUMTEXT", "LONGTEXT",
                "NTEXT", "CITEXT", "FIXEDSTRING", "STR", "UTF8");
        // types without a portable counterpart, held as text
        add(Kind.VARCHAR, Shape.PLAIN, "NAME", "XML", "XMLTYPE", "INTERVAL", "INTERVAL DAY TO SECOND",
                "INTERVAL YEAR TO MONTH", "GEOGRAPHY", "GEOMETRY", "POINT", "LINESTRING", "POLYGON", "MULTIPOLYGON",
                "INET", "CIDR", "MACADDR", "MACADDR8", "TSVECTOR", "TSQUERY", "LTREE", "HIERARCHYID", "SYSNAME",
                "ROWID", "UROWID", "OID", "IPV4", "IPV6");
        add(Kind.VARCHAR, Shape.LITERALS, "ENUM", "SET", "ENUM8", "ENUM16");
        add(Kind.DATE, Shape.PLAIN, "DATE", "DATE32");
        add(Kind.TIME, Shape.TIME, "TIME", "TIME WITHOUT TIME ZONE", "TIME WITH TIME ZONE", "TIMETZ", "TIME_MILLIS",
                "TIME_MICROS", "TIME-MILLIS", "TIME-MICROS");
        add(Kind.TIMESTAMP, Shape.TIME, "TIMESTAMP", "DATETIME", "DATETIME2", "SMALLDATETIME",
                "TIMESTAMP WITHOUT TIME ZONE", "TIMESTAMP_NTZ", "TIMESTAMPNTZ", "TIMESTAMP_S", "TIMESTAMP_MS",
                "TIMESTAMP_US", "TIMESTAMP_NS", "TIMESTAMP_MILLIS", "TIMESTAMP_MICROS", "TIMESTAMP-MILLIS",
                "TIMESTAMP-MICROS", "LOCAL-TIMESTAMP-MILLIS", "LOCAL-TIMESTAMP-MICROS");
        add(Kind.TIMESTAMP, Shape.DATETIME64, "DATETIME64");
        add(Kind.TIMESTAMP_TZ, Shape.TIME, "TIMESTAMPTZ", "TIMESTAMP WITH TIME ZONE", "TIMESTAMP_TZ",
                "TIMESTAMP_LTZ", "TIMESTAMPLTZ", "DATETIMEOFFSET", "TIMESTAMP WITH LOCAL TIME ZONE");
        add(Kind.BINARY, Shape.LENGTH, "BINARY", "VARBINARY", "BYTES", "BLOB", "BYTEA", "RAW", "LONG RAW", "IMAGE",
                "TINYBLOB", "MEDIUMBLOB", "LONGBLOB", "BYTE_ARRAY", "FIXED_LEN_BYTE_ARRAY", "BINARY VARYING");
        add(Kind.JSON, Shape.PLAIN, "JSON", "JSONB", "VARIANT", "SUPER", "HSTORE", "DYNAMIC", "ANY", "DICT",
                "MESSAGE");
        add(Kind.UUID, Shape.PLAIN, "UUID", "UNIQUEIDENTIFIER", "GUID");
        add(Kind.ARRAY, Shape.ARRAY, "ARRAY", "LIST", "REPEATED");
        add(Kind.STRUCT, Shape.STRUCT, "STRUCT", "RECORD", "ROW", "OBJECT", "TUPLE");
        add(Kind.MAP, Shape.MAP, "MAP");
        add(Kind.JSON, Shape.WRAPPER, "NULLABLE", "LOWCARDINALITY");
        add(Kind.ARRAY, Shape.VECTOR, "VECTOR");
    }

    /** Words after a type that change nothing meshkit models. */
    private static final List<String> IGNORED_MODIFIERS = List.of("ZEROFILL", "NOT NULL", "NULL");

    private final String text;
    private final List<Token> tokens;
    private int pos;
    /** What is wrong with a spelling that could still be read (e.g. MySQL's FLOAT(M,D)); the first one counts. */
    private String caveat;

    private enum T { WORD, NUMBER, QUOTED, STRING, SYMBOL, END }

    private record Token(T type, String text, int at) {}

    /** A failure while reading; carries the reading to return. */
    private static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient Reading reading;

        Failure(Reading reading) {
            super(null, null, false, false);
            this.reading = reading;
        }
    }

    private TypeParser(String text, List<Token> tokens) {
        this.text = text;
        this.tokens = tokens;
    }

    static Reading read(String spelling) {
        String s = spelling.strip();
        if (s.isEmpty()) {
            return Reading.failed("the physical type is empty", null, false);
        }
        try {
            TypeParser p = new TypeParser(s, tokenize(s));
            DataType type = p.type();
            if (p.peek().type() != T.END) {
                Token t = p.peek();
                throw p.fail("unexpected " + describe(t) + " after " + type, null, true);
            }
            return p.caveat == null ? Reading.ok(type)
                    : new Reading(java.util.Optional.of(type), java.util.Optional.of(p.caveat), java.util.Optional.empty(), true);
        } catch (Failure f) {
            return f.reading;
        }
    }

    // ---------------------------------------------------------------- tokens

    private static List<Token> tokenize(String s) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (Character.isLetter(c) || c == '_') {
                int start = i;
                while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_'
                        || (s.charAt(i) == '-' && i + 1 < s.length() && Character.isLetter(s.charAt(i + 1))))) {
                    i++;
                }
                out.add(new Token(T.WORD, s.substring(start, i), start));
            } else if (Character.isDigit(c)) {
                int start = i;
                while (i < s.length() && Character.isDigit(s.charAt(i))) {
                    i++;
                }
                out.add(new Token(T.NUMBER, s.substring(start, i), start));
            } else if (c == '"' || c == '`' || c == '\'') {
                int start = i;
                StringBuilder b = new StringBuilder();
                i++;
                while (true) {
                    if (i >= s.length()) {
                        throw new Failure(Reading.failed("unclosed " + c + " in physical type", null, false));
                    }
                    char d = s.charAt(i);
                    if (d == c) {
                        if (i + 1 < s.length() && s.charAt(i + 1) == c) {
                            b.append(c);
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    b.append(d);
                    i++;
                }
                out.add(new Token(c == '\'' ? T.STRING : T.QUOTED, b.toString(), start));
            } else if ("()<>,:[]*".indexOf(c) >= 0) {
                out.add(new Token(T.SYMBOL, String.valueOf(c), i));
                i++;
            } else {
                throw new Failure(Reading.failed("unexpected '" + c + "' in physical type", null, false));
            }
        }
        out.add(new Token(T.END, "", s.length()));
        return out;
    }

    private Token peek() {
        return tokens.get(pos);
    }

    private Token next() {
        return tokens.get(pos++);
    }

    private boolean at(String symbol) {
        Token t = peek();
        return t.type() == T.SYMBOL && t.text().equals(symbol);
    }

    private void expect(String symbol, String what) {
        if (!at(symbol)) {
            throw fail("expected '" + symbol + "' " + what + ", found " + describe(peek()), null, true);
        }
        pos++;
    }

    private static String describe(Token t) {
        return switch (t.type()) {
            case END -> "the end";
            case STRING -> "'" + t.text() + "'";
            default -> "'" + t.text() + "'";
        };
    }

    private void caveat(String problem) {
        if (caveat == null) {
            caveat = problem;
        }
    }

    private Failure fail(String problem, String suggestion, boolean knownName) {
        return new Failure(Reading.failed(problem, suggestion, knownName));
    }

    // ---------------------------------------------------------------- types

    private DataType type() {
        List<String> words = words();
        if (words.isEmpty()) {
            throw fail("expected a type name, found " + describe(peek()), null, pos > 0);
        }
        String head = String.join(" ", words).toUpperCase(Locale.ROOT);
        List<Object> params = null;
        if (at("(")) {
            if (!NAMES.containsKey(head)) {
                throw unknown(head);
            }
            params = parenthesised(head);
        }
        List<String> after = words();
        boolean unsigned = false;
        String name = head;
        if (!after.isEmpty()) {
            String tail = String.join(" ", after).toUpperCase(Locale.ROOT);
            name = head + " " + tail;
        }
        // modifiers that may follow any type
        boolean stripped = true;
        while (stripped) {
            stripped = false;
            for (String m : IGNORED_MODIFIERS) {
                if (name.endsWith(" " + m)) {
                    name = name.substring(0, name.length() - m.length() - 1);
                    stripped = true;
                    break;
                }
            }
            if (name.endsWith(" UNSIGNED")) {
                name = name.substring(0, name.length() - " UNSIGNED".length());
                unsigned = true;
                stripped = true;
            } else if (name.endsWith(" SIGNED")) {
                name = name.substring(0, name.length() - " SIGNED".length());
                stripped = true;
            }
        }
        Name known = NAMES.get(name);
        if (known == null) {
            throw unknown(name);
        }
        DataType type = build(name, known, params);
        if (unsigned) {
            type = unsigned(name, type);
        }
        if (at("<")) {
            if (params != null) {
                throw fail(name + " takes either parameters in parentheses or types in <...>, not both", null, true);
            }
            type = generic(name, known, angled(name, known));
        }
        while (at("[")) {
            pos++;
            if (peek().type() == T.NUMBER) {
                pos++;
            }
            expect("]", "to close the array suffix");
            type = DataType.array(type);
        }
        return type;
    }

    private List<String> words() {
        List<String> words = new ArrayList<>();
        while (peek().type() == T.WORD) {
            words.add(next().text());
        }
        return words;
    }

    private Failure unknown(String name) {
        String suggestion = closest(name);
        String problem = "unknown physical type '" + name.toLowerCase(Locale.ROOT) + "'"
                + (suggestion == null ? "" : ": did you mean " + suggestion + "?");
        return fail(problem, suggestion, false);
    }

    /** The known spelling nearest to an unknown name, when it is close enough to be a typo. */
    static String closest(String name) {
        String n = name.toUpperCase(Locale.ROOT);
        int max = n.length() <= 5 ? 1 : 2;
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        int bestPrefix = -1;
        for (String k : NAMES.keySet()) {
            if (Math.abs(k.length() - n.length()) > max) {
                continue;
            }
            int d = Identifiers.distance(n, k);
            int prefix = commonPrefix(n, k);
            // ties go to the spelling that shares the longest start with what was written (INTT: INT, not INET)
            if (d < bestDistance || d == bestDistance && (prefix > bestPrefix
                    || prefix == bestPrefix && k.compareTo(best) < 0)) {
                bestDistance = d;
                bestPrefix = prefix;
                best = k;
            }
        }
        return bestDistance <= max ? best : null;
    }

    private static int commonPrefix(String a, String b) {
        int i = 0;
        while (i < a.length() && i < b.length() && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        return i;
    }

    /** Parameters in parentheses: numbers, {@code *}, words, string literals, or types for nested names. */
    private List<Object> parenthesised(String name) {
        Name known = NAMES.get(name);
        Shape shape = known == null ? Shape.PLAIN : known.shape();
        expect("(", "");
        List<Object> params = new ArrayList<>();
        if (at(")")) {
            pos++;
            return params;
        }
        while (true) {
            switch (shape) {
                case ARRAY, WRAPPER -> params.add(type());
                case MAP -> params.add(type());
                case STRUCT -> params.add(field(name));
                case VECTOR -> params.add(params.isEmpty() ? type() : simpleParam());
                default -> params.add(simpleParam());
            }
            if (at(",")) {
                pos++;
                continue;
            }
            expect(")", "to close the parameters of " + name);
            return params;
        }
    }

    private Object simpleParam() {
        Token t = next();
        switch (t.type()) {
            case NUMBER:
                try {
                    int value = Integer.parseInt(t.text());
                    // VARCHAR(10 CHAR), VARCHAR2(10 BYTE): the unit of the length changes nothing here
                    if (peek().type() == T.WORD) {
                        String unit = peek().text().toUpperCase(Locale.ROOT);
                        if (unit.equals("CHAR") || unit.equals("BYTE") || unit.equals("CHARACTERS")
                                || unit.equals("OCTETS")) {
                            pos++;
                        }
                    }
                    return value;
                } catch (NumberFormatException e) {
                    throw fail("the number " + t.text() + " is too large", null, true);
                }
            case SYMBOL:
                if (t.text().equals("*")) {
                    return "*";
                }
                throw fail("unexpected " + describe(t) + " in parameters", null, true);
            case WORD:
                return t.text().toUpperCase(Locale.ROOT);
            case STRING:
                return new StringBuilder(t.text()); // a literal, told apart from words by its class
            default:
                throw fail("unexpected " + describe(t) + " in parameters", null, true);
        }
    }

    private DataType.Field field(String structName) {
        Token t = next();
        String fieldName;
        if (t.type() == T.WORD || t.type() == T.QUOTED) {
            fieldName = t.text();
        } else {
            throw fail("expected a field name in " + structName + ", found " + describe(t), null, true);
        }
        if (fieldName.isEmpty()) {
            throw fail("a field of " + structName + " has an empty name", null, true);
        }
        if (at(":")) {
            pos++;
        }
        if (at(",") || at(">") || at(")")) {
            throw fail("field '" + fieldName + "' of " + structName + " has no type", null, true);
        }
        return new DataType.Field(fieldName, type());
    }

    /** Generic arguments in angle brackets. */
    private List<Object> angled(String name, Name known) {
        expect("<", "");
        List<Object> args = new ArrayList<>();
        if (at(">")) {
            pos++;
            return args;
        }
        while (true) {
            args.add(known.shape() == Shape.STRUCT ? field(name) : type());
            if (at(",")) {
                pos++;
                continue;
            }
            expect(">", "to close the types of " + name);
            return args;
        }
    }

    /** A nested type from its arguments, by the name's shape. */
    private DataType generic(String name, Name known, List<Object> args) {
        switch (known.shape()) {
            case ARRAY, WRAPPER:
                if (args.size() != 1) {
                    throw fail(name + " takes one element type, not " + args.size(), null, true);
                }
                DataType element = (DataType) args.get(0);
                return known.shape() == Shape.WRAPPER ? element : DataType.array(element);
            case VECTOR:
                if (args.isEmpty() || !(args.get(0) instanceof DataType e)) {
                    throw fail("VECTOR takes an element type and a dimension", null, true);
                }
                return DataType.array(e);
            case MAP:
                if (args.size() != 2) {
                    throw fail("MAP takes a key type and a value type, not " + args.size() + " type"
                            + (args.size() == 1 ? "" : "s"), null, true);
                }
                return DataType.map((DataType) args.get(0), (DataType) args.get(1));
            case STRUCT:
                if (args.isEmpty()) {
                    throw fail(name + " needs at least one field", null, true);
                }
                List<DataType.Field> fields = new ArrayList<>();
                Set<String> seen = new HashSet<>();
                for (Object a : args) {
                    DataType.Field f = (DataType.Field) a;
                    if (!seen.add(f.name().toLowerCase(Locale.ROOT))) {
                        throw fail(name + " has two fields named '" + f.name() + "'", null, true);
                    }
                    fields.add(f);
                }
                return DataType.struct(fields);
            default:
                throw fail(name + " takes no types in <...>", null, true);
        }
    }

    private DataType build(String name, Name known, List<Object> params) {
        Shape shape = known.shape();
        if (shape == Shape.ARRAY || shape == Shape.STRUCT || shape == Shape.MAP || shape == Shape.WRAPPER
                || shape == Shape.VECTOR) {
            if (params == null) {
                if (shape == Shape.WRAPPER || shape == Shape.VECTOR) {
                    throw fail(name + " needs a type in parentheses", null, true);
                }
                return DataType.JSON; // a bare STRUCT, ARRAY or MAP: its shape is not said here
            }
            return generic(name, known, params);
        }
        List<Object> p = params == null ? List.of() : params;
        try {
            return switch (shape) {
                case PLAIN -> plain(name, known, p);
                case LENGTH -> length(name, known, p);
                case DECIMAL -> decimal(name, known, p);
                case DECIMAL_SCALE -> {
                    if (p.size() != 1 || !(p.get(0) instanceof Integer s)) {
                        throw fail(name + " takes one parameter, the scale", null, true);
                    }
                    if (s > known.precision()) {
                        throw fail("the scale " + s + " of " + name + " is more than its precision " + known.precision(),
                                null, true);
                    }
                    yield DataType.decimal(known.precision(), s);
                }
                case TIME -> time(name, known, p);
                case FLOAT -> {
                    if (p.isEmpty()) {
                        yield DataType.of(Kind.REAL);
                    }
                    if (p.size() > 1) {
                        caveat("FLOAT takes no scale (FLOAT(M,D) is MySQL's deprecated form): write DECIMAL(" + p.get(0)
                                + "," + p.get(1) + ") for exact decimals, or FLOAT(p) for a binary precision");
                        yield DataType.of(Kind.REAL);
                    }
                    int precision = number(name, p.get(0));
                    if (precision < 1 || precision > 53) {
                        caveat("FLOAT precision must be 1 to 53, not " + precision);
                    }
                    yield DataType.of(precision <= 24 ? Kind.REAL : Kind.DOUBLE);
                }
                case BIT -> {
                    if (p.size() > 1) {
                        throw fail("BIT takes one width, not a scale", null, true);
                    }
                    int width = p.isEmpty() ? 1 : number(name, p.get(0));
                    yield width <= 1 ? DataType.BOOLEAN : DataType.BIGINT;
                }
                case LITERALS -> {
                    for (Object o : p) {
                        if (!(o instanceof StringBuilder) && !(o instanceof Integer)) {
                            throw fail(name + " lists its values as quoted strings, e.g. " + name + "('a', 'b')", null,
                                    true);
                        }
                    }
                    yield DataType.VARCHAR;
                }
                case DATETIME64 -> {
                    if (p.isEmpty() || p.size() > 2 || !(p.get(0) instanceof Integer)
                            || (p.size() == 2 && !(p.get(1) instanceof StringBuilder))) {
                        throw fail("DATETIME64 takes a precision and optionally a time zone, e.g. DateTime64(3, 'UTC')",
                                null, true);
                    }
                    yield p.size() == 2 ? DataType.TIMESTAMP_TZ : DataType.TIMESTAMP;
                }
                default -> throw new IllegalStateException(shape.name());
            };
        } catch (IllegalArgumentException e) {
            throw fail(name + ": " + e.getMessage(), null, true);
        }
    }

    private int number(String name, Object param) {
        if (param instanceof Integer i) {
            return i;
        }
        throw fail("the parameters of " + name + " are numbers, not " + describeParam(param), null, true);
    }

    private static String describeParam(Object param) {
        return param instanceof StringBuilder b ? "'" + b + "'" : String.valueOf(param);
    }

    private DataType plain(String name, Name known, List<Object> p) {
        DataType base = known.precision() == -1 ? DataType.of(known.kind())
                : DataType.decimal(known.precision(), known.scale());
        if (p.isEmpty()) {
            return base;
        }
        if (base.isInteger()) {
            if (p.size() > 1) {
                caveat(name + " takes no scale: write DECIMAL(" + p.get(0) + "," + p.get(1) + ") for decimals");
                return base;
            }
            number(name, p.get(0)); // a MySQL display width, e.g. INT(11)
            return base;
        }
        caveat(name + " takes no parameters");
        return base;
    }

    private DataType length(String name, Name known, List<Object> p) {
        if (p.isEmpty()) {
            return DataType.of(known.kind());
        }
        if (p.size() > 1) {
            caveat(name + " takes one length, not " + p.size() + " parameters");
        }
        Object only = p.get(0);
        if ("MAX".equals(only)) {
            return DataType.of(known.kind());
        }
        int n = number(name, only);
        if (n < 1) {
            throw fail("the length of " + name + " must be at least 1, not " + n, null, true);
        }
        return new DataType(known.kind(), n, -1);
    }

    private DataType decimal(String name, Name known, List<Object> p) {
        if (p.isEmpty()) {
            return known.precision() == -1 ? DataType.of(Kind.DECIMAL) : DataType.decimal(known.precision(), known.scale());
        }
        if (p.size() > 2) {
            throw fail(name + " takes a precision and a scale, not " + p.size() + " parameters", null, true);
        }
        int precision = "*".equals(p.get(0)) ? 38 : number(name, p.get(0));
        int scale = p.size() == 2 ? number(name, p.get(1)) : 0;
        if (precision < 1) {
            throw fail(name + " precision must be at least 1, not " + precision, null, true);
        }
        if (precision > 76) {
            caveat(name + " precision " + precision + " is more than the 76 digits meshkit's DECIMAL holds: read as 76");
            precision = 76;
        }
        if (scale > precision) {
            caveat("the scale " + scale + " of " + name + " is more than its precision " + precision
                    + ": read as DECIMAL(" + scale + "," + scale + ")");
            precision = Math.min(76, scale);
            scale = precision;
        }
        return DataType.decimal(precision, scale);
    }

    private DataType time(String name, Name known, List<Object> p) {
        if (p.size() > 1) {
            caveat(name + " takes one fractional-second precision, not " + p.size() + " parameters");
        } else if (p.size() == 1) {
            int digits = number(name, p.get(0));
            if (digits > 12) {
                caveat("the fractional-second precision of " + name + " must be 0 to 12, not " + digits);
            }
        }
        return DataType.of(known.kind()); // meshkit keeps microseconds everywhere
    }

    private DataType unsigned(String name, DataType type) {
        Kind k = switch (type.kind()) {
            case TINYINT -> Kind.SMALLINT;
            case SMALLINT -> Kind.INTEGER;
            case INTEGER -> Kind.BIGINT;
            case BIGINT, HUGEINT -> Kind.HUGEINT;
            case DECIMAL, REAL, DOUBLE -> type.kind();
            default -> null;
        };
        if (k == null) {
            caveat(name + " cannot be unsigned");
            return type;
        }
        return k == type.kind() ? type : DataType.of(k);
    }
}
