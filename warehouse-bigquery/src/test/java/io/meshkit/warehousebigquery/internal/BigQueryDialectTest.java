package io.meshkit.warehousebigquery.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.zetasql.AnalyzerOptions;
import com.google.zetasql.PreparedExpression;
import com.google.zetasql.TypeFactory;
import com.google.zetasql.Value;
import com.google.zetasql.ZetaSQLType.TypeKind;
import io.meshkit.core.error.MeshkitException;
import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.sampling.SamplingValue;
import io.meshkit.core.type.DataType;
import io.meshkit.core.warehouse.Sql;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The GoogleSQL dialect, its expressions evaluated by ZetaSQL's reference evaluator. */
class BigQueryDialectTest {
    private static final BigQueryDialect D = BigQueryDialect.INSTANCE;

    @Test
    void quotesWithBackticksAndEscapesThem() {
        assertThat(D.quoteIdentifier("select")).isEqualTo("`select`");
        assertThat(D.quoteIdentifier("a`b\\c")).isEqualTo("`a\\`b\\\\c`");
        assertThat(D.quote(io.meshkit.core.identifier.TableId.of("music", "weird \"name\""))).isEqualTo("`music`.`weird \"name\"`");
    }

    @Test
    void clustersByWhatBigQueryClustersBy() {
        assertThat(D.clusters(DataType.DOUBLE)).isFalse();
        assertThat(D.clusters(DataType.of(DataType.Kind.REAL))).isFalse();
        assertThat(D.clusters(DataType.BIGINT)).isTrue();
        assertThat(D.clusters(DataType.VARCHAR)).isTrue();
        assertThat(D.clusters(DataType.DATE)).isTrue();
    }

    @Test
    void mapsEveryPortableTypeAndBack() {
        Map<DataType, String> expected = new java.util.LinkedHashMap<>();
        expected.put(DataType.BOOLEAN, "BOOL");
        expected.put(DataType.of(DataType.Kind.TINYINT), "INT64");
        expected.put(DataType.BIGINT, "INT64");
        expected.put(DataType.of(DataType.Kind.HUGEINT), "BIGNUMERIC");
        expected.put(DataType.decimal(18, 3), "NUMERIC");
        expected.put(DataType.decimal(38, 9), "NUMERIC");
        expected.put(DataType.decimal(40, 2), "BIGNUMERIC");
        expected.put(DataType.decimal(20, 12), "BIGNUMERIC");
        expected.put(DataType.of(DataType.Kind.REAL), "FLOAT64");
        expected.put(DataType.DOUBLE, "FLOAT64");
        expected.put(DataType.varchar(40), "STRING");
        expected.put(DataType.of(DataType.Kind.UUID), "STRING");
        expected.put(DataType.of(DataType.Kind.BINARY), "BYTES");
        expected.put(DataType.DATE, "DATE");
        expected.put(DataType.of(DataType.Kind.TIME), "TIME");
        expected.put(DataType.TIMESTAMP, "DATETIME");
        expected.put(DataType.TIMESTAMP_TZ, "TIMESTAMP");
        expected.put(DataType.of(DataType.Kind.JSON), "JSON");
        expected.forEach((type, name) -> assertThat(D.typeName(type)).as("%s", type).isEqualTo(name));
        assertThatThrownBy(() -> D.typeName(DataType.decimal(76, 0))).isInstanceOf(MeshkitException.class)
                .hasMessageContaining("38 integer");

        assertThat(D.parseType("INTEGER")).contains(DataType.BIGINT); // the REST API's legacy names
        assertThat(D.parseType("FLOAT")).contains(DataType.DOUBLE);
        assertThat(D.parseType("TIMESTAMP")).contains(DataType.TIMESTAMP_TZ);
        assertThat(D.parseType("DATETIME")).contains(DataType.TIMESTAMP);
        assertThat(D.parseType("NUMERIC")).contains(DataType.decimal(38, 9));
        assertThat(D.parseType("NUMERIC(18, 3)")).contains(DataType.decimal(18, 3));
        assertThat(D.parseType("BIGNUMERIC")).contains(DataType.decimal(76, 38));
        assertThat(D.parseType("STRING(40)")).contains(DataType.VARCHAR);
        assertThat(D.parseType("GEOGRAPHY")).isEmpty();
        for (DataType.Kind kind : DataType.Kind.values()) {
            if (kind.isNested()) {
                continue; // BigQuery's REST names of nested fields are RECORD and REPEATED: see mapsNestedData
            }
            DataType t = kind == DataType.Kind.DECIMAL ? DataType.decimal(10, 2) : DataType.of(kind);
            assertThat(D.parseType(D.typeName(t))).as("%s round trip", t).isPresent();
        }
    }

    /** Nested data is a RECORD (STRUCT), a REPEATED field (ARRAY) and, as BigQuery has no MAP, a list of key/value records. */
    @Test
    void mapsNestedData() {
        DataType device = DataType.struct(List.of(new DataType.Field("os", DataType.VARCHAR),
                new DataType.Field("screen size", DataType.struct(List.of(new DataType.Field("w", DataType.BIGINT))))));
        assertThat(D.typeName(device)).isEqualTo("STRUCT<`os` STRING, `screen size` STRUCT<`w` INT64>>");
        assertThat(D.typeName(DataType.array(device))).isEqualTo("ARRAY<" + D.typeName(device) + ">");
        assertThat(D.typeName(DataType.map(DataType.VARCHAR, DataType.DOUBLE)))
                .isEqualTo("ARRAY<STRUCT<`key` STRING, `value` FLOAT64>>");
        assertThatThrownBy(() -> D.typeName(DataType.array(DataType.array(DataType.BIGINT))))
                .isInstanceOf(MeshkitException.class).hasMessageContaining("an ARRAY of ARRAYs needs a STRUCT");
        // GoogleSQL itself accepts the spellings: ZetaSQL's analyzer prepares a cast to each
        for (DataType t : List.of(device, DataType.array(device), DataType.map(DataType.VARCHAR, DataType.DOUBLE),
                DataType.array(DataType.TIMESTAMP_TZ))) {
            try (PreparedExpression e = prepare("CAST(NULL AS " + D.typeName(t) + ")", TypeKind.TYPE_STRING)) {
                assertThat(e.getOutputType().isSimpleType()).as("%s", t).isFalse();
            }
        }
    }

    /**
     * The sampling value in GoogleSQL equals {@link SamplingValue} bit for bit, for integer and string
     * keys, run by ZetaSQL's evaluator. The keys include MD5s whose first byte is 0x80 or above
     * (negative as a signed INT64) and below.
     */
    @Test
    void samplingValueIsBitForBitTheJavaFunction() {
        List<String> keys = new ArrayList<>(List.of("", "0", "1", "-1", "9223372036854775807", "-9223372036854775808", "Zoë 東京 🎵",
                "'; DROP TABLE x; --", "\\", "`"));
        Random random = new Random(4711);
        for (int i = 0; i < 1500; i++) {
            keys.add("user-" + random.nextInt(1_000_000));
        }
        Map<Boolean, Integer> highBit = new HashMap<>();
        try (PreparedExpression strings = prepare(D.samplingValue(Sql.of("@k")).text(), TypeKind.TYPE_STRING)) {
            for (String k : keys) {
                double sql = strings.execute(Map.of(), Map.of("k", Value.createStringValue(k))).getDoubleValue();
                assertThat(Double.doubleToRawLongBits(sql)).as("sampling value of '%s'", k)
                        .isEqualTo(Double.doubleToRawLongBits(SamplingValue.of(k)));
                highBit.merge(SamplingValue.of(k) >= 0.5, 1, Integer::sum);
            }
        }
        assertThat(highBit).containsKeys(true, false);
        try (PreparedExpression ints = prepare(D.samplingValue(Sql.of("@k")).text(), TypeKind.TYPE_INT64)) {
            for (long n : new long[] {0, 1, -1, Long.MAX_VALUE, Long.MIN_VALUE, 4_294_967_296L}) {
                assertThat(ints.execute(Map.of(), Map.of("k", Value.createInt64Value(n))).getDoubleValue()).isEqualTo(SamplingValue.of(n));
            }
            for (int i = 0; i < 1500; i++) {
                long n = random.nextLong();
                assertThat(Double.doubleToRawLongBits(ints.execute(Map.of(), Map.of("k", Value.createInt64Value(n))).getDoubleValue()))
                        .as("sampling value of %d", n).isEqualTo(Double.doubleToRawLongBits(SamplingValue.of(n)));
            }
        }
    }

    /** The obvious 16-digit cast overflows INT64 for half the keys: the dialect must not do that. */
    @Test
    void readingAllEightBytesIntoInt64WouldFail() {
        String naive = "CAST(CONCAT('0x', SUBSTR(TO_HEX(MD5(@k)), 1, 16)) AS INT64)";
        String key = keyWithHighFirstByte();
        try (PreparedExpression e = prepare(naive, TypeKind.TYPE_STRING)) {
            assertThatThrownBy(() -> e.execute(Map.of(), Map.of("k", Value.createStringValue(key)))).hasMessageContaining("int64");
        }
    }

    private static String keyWithHighFirstByte() {
        for (int i = 0; ; i++) {
            if (SamplingValue.of("k" + i) >= 0.5) {
                return "k" + i;
            }
        }
    }

    @Test
    void rowFingerprintSeparatesNullEmptyAndSeparators() {
        String fp = D.rowFingerprint(ColumnName.list("a", "b")).text();
        Map<String, List<Value>> rows = new java.util.LinkedHashMap<>();
        rows.put("a|b,c", List.of(str("a|b"), str("c")));
        rows.put("a,b|c", List.of(str("a"), str("b|c")));
        rows.put("null,x", List.of(nullString(), str("x")));
        rows.put("'',x", List.of(str(""), str("x")));
        rows.put("'null',x", List.of(str("null"), str("x")));
        rows.put("null,null", List.of(nullString(), nullString()));
        rows.put("'',''", List.of(str(""), str("")));
        Map<String, String> seen = new HashMap<>();
        AnalyzerOptions options = new AnalyzerOptions();
        options.setLanguageOptions(ZetaSql.LANGUAGE);
        options.addExpressionColumn("a", TypeFactory.createSimpleType(TypeKind.TYPE_STRING));
        options.addExpressionColumn("b", TypeFactory.createSimpleType(TypeKind.TYPE_STRING));
        try (PreparedExpression e = new PreparedExpression(fp)) {
            e.prepare(options);
            rows.forEach((name, values) -> {
                String v = e.execute(Map.of("a", values.get(0), "b", values.get(1)), Map.of()).getStringValue();
                assertThat(v).matches("[0-9a-f]{32}");
                assertThat(seen.put(v, name)).as("fingerprint of %s already seen", name).isNull();
            });
            assertThat(e.execute(Map.of("a", str("a|b"), "b", str("c")), Map.of()).getStringValue())
                    .isEqualTo(seen.entrySet().stream().filter(x -> x.getValue().equals("a|b,c")).findFirst().orElseThrow().getKey());
        }
    }

    /** meshkit's TIMESTAMP (a DATETIME) truncated to the hour and the day, as scd-builder's from-events groups events. */
    @Test
    void truncatesTimestampsToTheHourAndTheDay() {
        java.time.LocalDateTime t = java.time.LocalDateTime.of(2019, 5, 1, 17, 30, 45, 123_456_000);
        Map<io.meshkit.core.contract.TimeResolution, java.time.LocalDateTime> expected = Map.of(
                io.meshkit.core.contract.TimeResolution.HOUR, java.time.LocalDateTime.of(2019, 5, 1, 17, 0),
                io.meshkit.core.contract.TimeResolution.DAY, java.time.LocalDateTime.of(2019, 5, 1, 0, 0));
        expected.forEach((resolution, truncated) -> {
            try (PreparedExpression e = prepare(D.truncateTime(D.cast(Sql.of("@k"), DataType.TIMESTAMP), resolution).text(),
                    TypeKind.TYPE_DATETIME)) {
                Value v = e.execute(Map.of(), Map.of("k", Value.createDatetimeValue(t)));
                assertThat(v.getLocalDateTimeValue()).as("%s", resolution).isEqualTo(truncated);
            }
        });
    }

    private static Value str(String s) {
        return Value.createStringValue(s);
    }

    private static Value nullString() {
        return Value.createSimpleNullValue(TypeKind.TYPE_STRING);
    }

    private static PreparedExpression prepare(String expression, TypeKind keyType) {
        AnalyzerOptions options = new AnalyzerOptions();
        options.setLanguageOptions(ZetaSql.LANGUAGE);
        options.addQueryParameter("k", TypeFactory.createSimpleType(keyType));
        PreparedExpression e = new PreparedExpression(expression);
        e.prepare(options);
        return e;
    }
}
