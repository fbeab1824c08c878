package io.meshkit.core.type;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DataTypeTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "bigint|BIGINT", "INT64|BIGINT", "int(11)|INTEGER", "int unsigned|BIGINT", "BIGINT UNSIGNED|HUGEINT",
        "varchar(255)|VARCHAR(255)", "STRING|VARCHAR", "text|VARCHAR", "decimal(10,2)|DECIMAL(10,2)",
        "NUMERIC|DECIMAL(38,9)", "numeric(12)|DECIMAL(12,0)", "BIGNUMERIC|DECIMAL(76,38)", "float|REAL", "float(53)|DOUBLE",
        "FLOAT64|DOUBLE", "double precision|DOUBLE", "bool|BOOLEAN", "DATETIME|TIMESTAMP", "datetime(6)|TIMESTAMP",
        "timestamp with time zone|TIMESTAMPTZ", "TIMESTAMPTZ|TIMESTAMPTZ", "bytes|BINARY", "blob|BINARY", "json|JSON",
        "date|DATE", "time|TIME", "uuid|UUID", "  Timestamp  |TIMESTAMP"})
    void parsesCommonSpellings(String spelling, String canonical) {
        assertThat(DataType.parse(spelling)).hasValueSatisfying(t -> assertThat(t.toString()).isEqualTo(canonical));
    }

    @ParameterizedTest
    @ValueSource(strings = {"varchr(10)", "decimal(100,2)", "decimal(5,6)", "bigint(3,2)", "text unsigned", "", "int;drop",
        "map<string>", "struct<>", "array<int", "float(10,2)"})
    void rejectsUnknownTypes(String spelling) {
        assertThat(DataType.parse(spelling)).isEmpty();
    }

    /** The spellings of the warehouses and formats teams write contracts for. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // Snowflake
        "NUMBER(38,0)|DECIMAL(38,0)", "NUMBER(12, 2)|DECIMAL(12,2)", "TIMESTAMP_NTZ(9)|TIMESTAMP", "TIMESTAMP_LTZ|TIMESTAMPTZ",
        "TIMESTAMP_TZ(3)|TIMESTAMPTZ", "VARIANT|JSON", "OBJECT|JSON", "ARRAY|JSON", "VARCHAR(16777216)|VARCHAR(16777216)",
        "VECTOR(FLOAT, 256)|ARRAY<REAL>",
        // Oracle
        "VARCHAR2(100 BYTE)|VARCHAR(100)", "NVARCHAR2(50)|VARCHAR(50)", "NUMBER|DECIMAL(38,9)", "NUMBER(*,0)|DECIMAL(38,0)",
        "CLOB|VARCHAR", "NCHAR(2)|VARCHAR(2)", "RAW(16)|BINARY(16)", "TIMESTAMP(6) WITH TIME ZONE|TIMESTAMPTZ",
        "TIMESTAMP WITH LOCAL TIME ZONE|TIMESTAMPTZ", "BINARY_DOUBLE|DOUBLE", "LONG RAW|BINARY",
        // PostgreSQL
        "serial|INTEGER", "bigserial|BIGINT", "smallserial|SMALLINT", "timestamptz|TIMESTAMPTZ",
        "timestamp(3) with time zone|TIMESTAMPTZ", "timestamp without time zone|TIMESTAMP", "jsonb|JSON", "bytea|BINARY",
        "int[]|ARRAY<INTEGER>", "text[][]|ARRAY<ARRAY<VARCHAR>>", "character varying(20)|VARCHAR(20)", "inet|VARCHAR",
        "interval|VARCHAR", "numeric(10, 2)|DECIMAL(10,2)", "time without time zone|TIME",
        // BigQuery
        "INT64|BIGINT", "FLOAT64|DOUBLE", "BIGNUMERIC(50, 10)|DECIMAL(50,10)", "BOOL|BOOLEAN", "GEOGRAPHY|VARCHAR",
        "STRUCT<a INT64, b STRING>|STRUCT<a BIGINT, b VARCHAR>", "ARRAY<STRUCT<id INT64>>|ARRAY<STRUCT<id BIGINT>>",
        "RECORD|JSON", "STRING(10)|VARCHAR(10)",
        // DuckDB
        "STRUCT(x DOUBLE, y DOUBLE)|STRUCT<x DOUBLE, y DOUBLE>", "LIST(VARCHAR)|ARRAY<VARCHAR>", "MAP(VARCHAR, INTEGER)|MAP<VARCHAR, INTEGER>",
        "HUGEINT|HUGEINT", "UBIGINT|HUGEINT", "UUID|UUID", "BLOB|BINARY", "TIMESTAMP_MS|TIMESTAMP",
        // Spark / Databricks
        "string|VARCHAR", "LONG|BIGINT", "SHORT|SMALLINT", "BYTE|TINYINT", "struct<a:int,b:string>|STRUCT<a INTEGER, b VARCHAR>",
        "array<string>|ARRAY<VARCHAR>", "map<string,bigint>|MAP<VARCHAR, BIGINT>", "decimal(38, 18)|DECIMAL(38,18)",
        // Avro / Kafka, MySQL, SQL Server, ClickHouse
        "long|BIGINT", "double|DOUBLE", "bytes|BINARY", "record|JSON", "enum|VARCHAR", "timestamp-millis|TIMESTAMP",
        "enum('a','b')|VARCHAR", "tinyint(1)|TINYINT", "bigint(20) unsigned|HUGEINT", "decimal(12,2) unsigned|DECIMAL(12,2)",
        "datetime2|TIMESTAMP", "datetimeoffset|TIMESTAMPTZ", "uniqueidentifier|UUID", "nvarchar(max)|VARCHAR",
        "money|DECIMAL(19,4)", "Nullable(String)|VARCHAR", "LowCardinality(String)|VARCHAR", "Decimal64(4)|DECIMAL(18,4)",
        "DateTime64(3, 'UTC')|TIMESTAMPTZ", "INT64 NOT NULL|BIGINT"})
    void readsTheSpellingsOfWarehousesAndFormats(String spelling, String canonical) {
        DataType t = DataType.parse(spelling).orElseThrow(() -> new AssertionError(spelling + ": " + DataType.read(spelling)));
        assertThat(t.toString()).isEqualTo(canonical);
        assertThat(DataType.parse(t.toString())).as("canonical form reads back").contains(t);
    }

    @org.junit.jupiter.api.Test
    void fieldNamesThatAreNotSqlNamesAreQuotedInTheCanonicalSpelling() {
        DataType t = DataType.struct(java.util.List.of(new DataType.Field("order id", DataType.BIGINT),
                new DataType.Field("tags", DataType.array(DataType.VARCHAR))));
        assertThat(t).hasToString("STRUCT<\"order id\" BIGINT, tags ARRAY<VARCHAR>>");
        assertThat(DataType.parse(t.toString())).contains(t);
        assertThat(DataType.parse("STRUCT<`order id` INT64, tags ARRAY<STRING>>")).contains(
                DataType.struct(java.util.List.of(new DataType.Field("order id", DataType.BIGINT),
                        new DataType.Field("tags", DataType.array(DataType.VARCHAR)))));
        assertThat(t.isNested()).isTrue();
        assertThat(t.logicalType()).isEqualTo(LogicalType.OBJECT);
    }

    /** A wrong spelling says what is wrong, and names the closest known spelling of an unknown name. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "strng|unknown physical type 'strng': did you mean STRING?|STRING",
        "VARHCAR(10)|unknown physical type 'varhcar': did you mean VARCHAR?|VARCHAR",
        "timestmp|unknown physical type 'timestmp': did you mean TIMESTAMP?|TIMESTAMP",
        "STRUCT<a strng>|unknown physical type 'strng': did you mean STRING?|STRING",
        "MAP<STRING>|MAP takes a key type and a value type, not 1 type|",
        "STRUCT<>|STRUCT needs at least one field|",
        "STRUCT<a INT, A STRING>|STRUCT has two fields named 'A'|",
        "ARRAY<INT|expected '>' to close the types of ARRAY, found the end|",
        "int;drop|unexpected ';' in physical type|",
        "hierarchy_thing|unknown physical type 'hierarchy_thing'|"})
    void wrongSpellingsSayWhatIsWrong(String spelling, String problem, String suggestion) {
        DataType.Reading r = DataType.read(spelling);
        assertThat(r.type()).isEmpty();
        assertThat(r.problem()).contains(problem);
        assertThat(r.suggestion()).isEqualTo(java.util.Optional.ofNullable(suggestion));
    }

    /** A fault meshkit can read past still gives a type, and says what is wrong with the spelling. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "float(10,2)|REAL|FLOAT takes no scale (FLOAT(M,D) is MySQL's deprecated form): write DECIMAL(10,2) for exact decimals, or FLOAT(p) for a binary precision",
        "numeric(100,2)|DECIMAL(76,2)|NUMERIC precision 100 is more than the 76 digits meshkit's DECIMAL holds: read as 76",
        "NUMBER(2,5)|DECIMAL(5,5)|the scale 5 of NUMBER is more than its precision 2: read as DECIMAL(5,5)",
        "bigint(3,2)|BIGINT|BIGINT takes no scale: write DECIMAL(3,2) for decimals",
        "text unsigned|VARCHAR|TEXT cannot be unsigned"})
    void faultsMeshkitCanReadPastGiveATypeAndAProblem(String spelling, String type, String problem) {
        DataType.Reading r = DataType.read(spelling);
        assertThat(r.type()).map(DataType::toString).contains(type);
        assertThat(r.problem()).contains(problem);
        assertThat(DataType.parse(spelling)).as("parse is strict").isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"bigint|integer", "decimal(5,2)|number", "varchar|string", "timestamptz|timestamp", "json|object", "bool|boolean",
        "STRUCT<a INT>|object", "int[]|array", "MAP<STRING, INT>|object"})
    void knowsItsLogicalType(String spelling, String logical) {
        assertThat(DataType.parse(spelling).orElseThrow().logicalType().odcsName()).isEqualTo(logical);
    }
}
