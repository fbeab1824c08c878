package io.meshkit.differ;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import com.google.zetasql.Analyzer;
import com.google.zetasql.AnalyzerOptions;
import com.google.zetasql.LanguageOptions;
import com.google.zetasql.SimpleCatalog;
import com.google.zetasql.SimpleTable;
import com.google.zetasql.SqlException;
import com.google.zetasql.Type;
import com.google.zetasql.TypeFactory;
import com.google.zetasql.ZetaSQLBuiltinFunctionOptions;
import com.google.zetasql.ZetaSQLOptions.ParameterMode;
import com.google.zetasql.ZetaSQLType.TypeKind;
import io.meshkit.core.contract.Contract;
import io.meshkit.core.contract.ContractReader;
import io.meshkit.core.contract.Dataset;
import io.meshkit.core.contract.DatasetTables;
import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.identifier.Namespace;
import io.meshkit.core.identifier.TableId;
import io.meshkit.core.type.DataType;
import io.meshkit.core.warehouse.CanonicalText;
import io.meshkit.core.warehouse.ColumnInfo;
import io.meshkit.core.warehouse.Dialect;
import io.meshkit.core.warehouse.LoadRequest;
import io.meshkit.core.warehouse.QueryStats;
import io.meshkit.core.warehouse.ResultRows;
import io.meshkit.core.warehouse.Sql;
import io.meshkit.core.warehouse.TableInfo;
import io.meshkit.core.warehouse.TableLayout;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.core.warehouse.Warehouses;
import io.meshkit.core.warehouse.WriteMode;
import io.meshkit.differ.api.ColumnRename;
import io.meshkit.differ.api.DiffRequest;
import io.meshkit.differ.internal.DiffStatements;
import io.meshkit.differ.api.Normalisation;
import io.meshkit.differ.internal.Key;
import io.meshkit.differ.internal.KeyRange;
import io.meshkit.differ.internal.RowShape;
import io.meshkit.differ.internal.Split;
import io.meshkit.differ.internal.WarehouseSegmentSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The differ's SQL in BigQuery's dialect, checked by ZetaSQL's analyzer (Google's reference
 * implementation of GoogleSQL) against a catalog built from a contract's schema: production as
 * BigQuery would describe it, and a candidate with a retyped, a re-zoned and an added column.
 * Every statement an in-warehouse diff may run ({@link DiffStatements#all}), for plain, normalised,
 * sampled, masked and composite-key requests, and the statements of a BigQuery table as one side of
 * a cross-database diff. The dialect comes from the BigQuery warehouse opened through core's
 * {@link Warehouses} (nothing is sent: it connects on first use); nothing runs.
 */
class BigQueryDiffSqlAnalyzerTest {
    private static final String CONTRACT = String.join("\n",
            "apiVersion: v3.1.0", "kind: DataContract", "id: urn:test:plays", "version: 1.0.0", "status: active",
            "domain: music", "schema:",
            "  - name: plays",
            "    properties:",
            "      - {name: play_id, logicalType: integer, physicalType: bigint, primaryKey: true, primaryKeyPosition: 1, required: true}",
            "      - {name: track_id, logicalType: integer, physicalType: integer, primaryKey: true, primaryKeyPosition: 2, required: true}",
            "      - {name: amount, logicalType: number, physicalType: 'decimal(12,2)'}",
            "      - {name: score, logicalType: number, physicalType: double}",
            "      - {name: title, logicalType: string, physicalType: varchar}",
            "      - {name: played_at, logicalType: timestamp, physicalType: timestamp}",
            "      - {name: seen_at, logicalType: timestamp, physicalType: timestamptz}",
            "      - {name: day, logicalType: date, physicalType: date}",
            "      - {name: active, logicalType: boolean, physicalType: boolean}",
            "      - {name: payload, physicalType: blob}",
            "      - {name: meta, physicalType: json}",
            "      - {name: ip_address, logicalType: string, physicalType: varchar, classification: pii}",
            "");

    private static final LanguageOptions LANGUAGE = language();
    private static Warehouse bigQuery;
    private static Dialect dialect;
    private static TableInfo production;
    private static TableInfo candidate;
    private static SimpleCatalog catalog;

    private static LanguageOptions language() {
        LanguageOptions lo = new LanguageOptions();
        lo.enableMaximumLanguageFeatures();
        lo.setSupportsAllStatementKinds();
        return lo;
    }

    @BeforeAll
    static void setUp() {
        bigQuery = Warehouses.open("bigquery:meshkit-test/EU");
        dialect = bigQuery.dialect();
        assertThat(dialect.name()).isEqualTo("bigquery");
        Contract contract = ContractReader.create().parse("plays.odcs.yaml", CONTRACT).orThrow();
        Dataset dataset = contract.datasets().get(0);
        DatasetTables tables = DatasetTables.of(contract, dataset);
        List<ColumnInfo> columns = new ArrayList<>();
        for (var c : dataset.columns()) {
            columns.add(described(c.columnName(), c.physicalType(), !c.required()));
        }
        production = new TableInfo(tables.production(), columns, 0, java.util.OptionalLong.empty(), java.util.Optional.empty());
        // the candidate: amount retyped to a float, played_at now an instant, title renamed, one column added
        List<ColumnInfo> cand = new ArrayList<>();
        for (ColumnInfo c : columns) {
            cand.add(switch (c.name().name()) {
                case "amount" -> described(c.name(), DataType.DOUBLE, true);
                case "played_at" -> described(c.name(), DataType.TIMESTAMP_TZ, true);
                case "title" -> described(ColumnName.of("track_title"), DataType.VARCHAR, true);
                default -> c;
            });
        }
        cand.add(described(ColumnName.of("extra"), DataType.VARCHAR, true));
        candidate = new TableInfo(tables.candidate(), cand, 0, java.util.OptionalLong.empty(), java.util.Optional.empty());
        catalog = new SimpleCatalog("bigquery");
        catalog.addZetaSQLFunctionsAndTypes(new ZetaSQLBuiltinFunctionOptions(LANGUAGE));
        for (TableInfo t : List.of(production, candidate)) {
            SimpleCatalog ds = catalog.addNewSimpleCatalog(t.id().namespace().name());
            SimpleTable table = new SimpleTable(t.id().name());
            t.columns().forEach(c -> table.addSimpleColumn(c.name().name(), zetaType(c.engineType())));
            ds.addSimpleTable(table);
        }
    }

    @AfterAll
    static void tearDown() {
        if (bigQuery != null) {
            bigQuery.close();
        }
    }

    /** A column as BigQuery describes it: its type spelled by the dialect and read back (DECIMAL(12,2) is NUMERIC). */
    private static ColumnInfo described(ColumnName name, DataType type, boolean nullable) {
        String engine = dialect.typeName(type);
        return new ColumnInfo(name, dialect.parseType(engine).orElseThrow(), engine, nullable);
    }

    private static Type zetaType(String bigQueryType) {
        return TypeFactory.createSimpleType(switch (bigQueryType) {
            case "INT64" -> TypeKind.TYPE_INT64;
            case "FLOAT64" -> TypeKind.TYPE_DOUBLE;
            case "NUMERIC" -> TypeKind.TYPE_NUMERIC;
            case "BIGNUMERIC" -> TypeKind.TYPE_BIGNUMERIC;
            case "STRING" -> TypeKind.TYPE_STRING;
            case "BYTES" -> TypeKind.TYPE_BYTES;
            case "BOOL" -> TypeKind.TYPE_BOOL;
            case "DATE" -> TypeKind.TYPE_DATE;
            case "DATETIME" -> TypeKind.TYPE_DATETIME;
            case "TIMESTAMP" -> TypeKind.TYPE_TIMESTAMP;
            case "TIME" -> TypeKind.TYPE_TIME;
            case "JSON" -> TypeKind.TYPE_JSON;
            default -> throw new IllegalArgumentException("no ZetaSQL type for " + bigQueryType);
        });
    }

    /** Analyzes a statement as sent: {@code ?} placeholders are positional parameters typed by their values. */
    private static void analyze(Sql sql) {
        AnalyzerOptions options = new AnalyzerOptions();
        options.setLanguageOptions(LANGUAGE);
        options.setDefaultTimezone("UTC");
        options.setParameterMode(ParameterMode.PARAMETER_POSITIONAL);
        for (Object v : sql.parameters()) {
            TypeKind kind = v instanceof Integer || v instanceof Long ? TypeKind.TYPE_INT64
                    : v instanceof Double ? TypeKind.TYPE_DOUBLE
                    : v instanceof String ? TypeKind.TYPE_STRING : null;
            if (kind == null) {
                throw new IllegalArgumentException("unexpected parameter " + v.getClass());
            }
            options.addPositionalQueryParameter(TypeFactory.createSimpleType(kind));
        }
        try {
            Analyzer.analyzeStatement(sql.text(), options, catalog);
        } catch (SqlException e) {
            fail("ZetaSQL rejects the statement: " + e.getMessage() + "\n" + sql.text());
        }
    }

    private static DiffRequest request(List<String> key) {
        return DiffRequest.of(production.id(), candidate.id(), ColumnName.list(key.toArray(String[]::new)))
                .withPersonalData(Set.of(ColumnName.of("ip_address")));
    }

    @Test
    void everyInWarehouseStatementPassesTheAnalyzer() {
        List<DiffRequest> requests = List.of(
                request(List.of("play_id")),
                request(List.of("play_id", "track_id")),
                request(List.of("play_id")).withNormalisation(new Normalisation(OptionalInt.of(2), 0, 3, true, true)),
                request(List.of("play_id")).withNormalisation(new Normalisation(OptionalInt.empty(), 1e-6, 0, false, false))
                        .withSampleRate(0.1),
                request(List.of("ip_address")).withExamples(0), // a masked key
                request(List.of("play_id")).withRenames(List.of(ColumnRename.of("title", "track_title"))));
        int analyzed = 0;
        for (DiffRequest r : requests) {
            DiffStatements statements = DiffStatements.of(dialect, r, production, candidate);
            for (Sql sql : statements.all()) {
                assertThat(sql.text()).doesNotContain("FILTER (", "struct_pack", "arg_min", "::");
                analyze(sql);
                analyzed++;
            }
        }
        assertThat(analyzed).isEqualTo(requests.size() * 6);
        Sql comparison = DiffStatements.of(dialect, requests.get(0), production, candidate).comparison(true);
        assertThat(comparison.text()).contains("`music`.`plays`", "`music_candidates`.`plays`", "FULL OUTER JOIN", "COUNTIF(",
                "ARRAY_AGG(IF(", "UNNEST(n.`nominated`)", "FARM_FINGERPRINT(TO_JSON_STRING(STRUCT(", "UNION DISTINCT");
        // a declared rename: production's old column against the candidate's new one, each quoted by the dialect
        assertThat(DiffStatements.of(dialect, requests.get(requests.size() - 1), production, candidate).comparison(false).text())
                .contains("pf.`title` AS `p3`, cf.`track_title` AS `c3`");
    }

    /**
     * A dimension diff: the current state (live versions, a tombstone not live where the side has {@code is_deleted})
     * and the history statement, for production without tombstones and a candidate with them, plain, sampled,
     * normalised and with a masked composite key.
     */
    @Test
    void everyStatementOfADimensionDiffPassesTheAnalyzer() {
        List<ColumnInfo> columns = new ArrayList<>(List.of(described(ColumnName.of("track_id"), DataType.BIGINT, false),
                described(ColumnName.of("territory"), DataType.VARCHAR, false), described(ColumnName.of("title"), DataType.VARCHAR, true),
                described(ColumnName.of("share"), DataType.decimal(5, 2), true), described(ColumnName.of("valid_from"), DataType.TIMESTAMP, false),
                described(ColumnName.of("valid_to"), DataType.TIMESTAMP, false), described(ColumnName.of("is_current"), DataType.BOOLEAN, false)));
        TableInfo prod = new TableInfo(TableId.of("dim", "tracks"), columns, 0, java.util.OptionalLong.empty(), java.util.Optional.empty());
        columns.add(described(ColumnName.of("is_deleted"), DataType.BOOLEAN, true));
        TableInfo cand = new TableInfo(TableId.of("dim_candidates", "tracks"), columns, 0, java.util.OptionalLong.empty(),
                java.util.Optional.empty());
        for (TableInfo t : List.of(prod, cand)) {
            SimpleTable table = new SimpleTable(t.id().name());
            t.columns().forEach(c -> table.addSimpleColumn(c.name().name(), zetaType(c.engineType())));
            catalog.addNewSimpleCatalog(t.id().namespace().name()).addSimpleTable(table);
        }
        DiffRequest one = DiffRequest.of(prod.id(), cand.id(), ColumnName.list("track_id")).asDimension();
        List<DiffRequest> requests = List.of(one, one.withSampleRate(0.1),
                one.withNormalisation(new Normalisation(OptionalInt.of(1), 0, 0, true, true)),
                DiffRequest.of(prod.id(), cand.id(), ColumnName.list("track_id", "territory")).asDimension()
                        .withPersonalData(Set.of(ColumnName.of("territory"))));
        for (DiffRequest r : requests) {
            List<Sql> all = DiffStatements.of(dialect, r, prod, cand).all();
            assertThat(all).hasSize(7);
            all.forEach(BigQueryDiffSqlAnalyzerTest::analyze);
        }
        DiffStatements statements = DiffStatements.of(dialect, one, prod, cand);
        // production has no tombstones, the candidate's are not live
        assertThat(statements.comparison(false).text()).contains("FROM `dim`.`tracks` s WHERE s.`is_current`)",
                "FROM `dim_candidates`.`tracks` s WHERE s.`is_current` AND NOT coalesce(s.`is_deleted`, FALSE))");
        assertThat(statements.history().text()).contains("FULL OUTER JOIN", "GROUP BY `k0`", "p.`track_id` = c.`track_id` AND"
                + " p.`valid_from` = c.`valid_from`");
    }

    @Test
    void theAnalyzerRejectsDuckDbsSpelling() {
        // the check can fail: DuckDB's statements for the same diff are not GoogleSQL
        Dialect duck;
        try (Warehouse w = Warehouses.open("duckdb::memory:")) {
            duck = w.dialect();
        }
        Sql duckSql = DiffStatements.of(duck, request(List.of("play_id")), production, candidate).comparison(false);
        assertThatThrownBy(() -> analyze(duckSql)).isInstanceOf(AssertionError.class).hasMessageContaining("ZetaSQL rejects");
    }

    @Test
    void aBigQueryTableAsOneSideOfACrossDatabaseDiffPassesTheAnalyzer() {
        List<Sql> sent = new ArrayList<>();
        Warehouse analyzing = new AnalyzingWarehouse(sent);
        Normalisation[] normalisations = {Normalisation.EXACT, new Normalisation(OptionalInt.of(3), 0, 3, true, true)};
        for (Normalisation n : normalisations) {
            // the other side: MySQL's types for the same columns, so every numeric form occurs
            Map<String, DataType> mysql = Map.of("amount", DataType.decimal(12, 2), "score", DataType.DOUBLE, "track_id", DataType.INTEGER);
            List<CanonicalText.Column> columns = new ArrayList<>();
            for (ColumnInfo c : production.columns()) {
                if (!c.name().name().equals("play_id")) {
                    DataType other = mysql.getOrDefault(c.name().name(), c.type());
                    columns.add(CanonicalText.Column.of(c, CanonicalText.form(other, c.type(), n.decimals())));
                }
            }
            ColumnInfo key = production.column(ColumnName.of("play_id")).orElseThrow();
            try (WarehouseSegmentSource side = new WarehouseSegmentSource(analyzing, production.id(), false)) {
                side.configure(new RowShape(List.of(CanonicalText.Column.of(key, CanonicalText.Form.NATIVE)), columns, n));
                KeyRange root = new KeyRange(new Key(List.of(1L)), new Key(List.of(1001L)));
                Split even = new Split(root, List.of(new Key(List.of(251L)), new Key(List.of(501L)), new Key(List.of(751L))));
                Split uneven = new Split(new KeyRange(new Key(List.of(2000L)), null), List.of(new Key(List.of(2100L))));
                side.summarise(List.of(even));
                side.summarise(List.of(even, uneven));
                side.boundaries(root, 1000, 4);
                side.rows(List.of(even.children().get(1), uneven.children().get(1)));
            }
        }
        assertThat(sent).hasSize(8);
        assertThat(sent).anyMatch(s -> s.text().contains("TO_HEX(MD5(STRING_AGG(ARRAY_TO_STRING(["));
        assertThat(sent).anyMatch(s -> s.text().contains("FORMAT_DATETIME('%Y-%m-%d %H:%M:%E6S', `played_at`)"));
        assertThat(sent).anyMatch(s -> s.text().contains("SUBSTR(FORMAT_TIMESTAMP('%Y-%m-%d %H:%M:%E6S', `seen_at`, 'UTC'), 1, 23)"));
        assertThat(sent).anyMatch(s -> s.text().contains("FORMAT('%.9f', ROUND(CAST(`amount` AS BIGNUMERIC), 9))"));
        assertThat(sent).anyMatch(s -> s.text().contains("LOG(ABS(`score`), 2)"));
        assertThat(sent).allMatch(s -> s.text().contains("`music`.`plays`"));
    }

    /** A warehouse with BigQuery's dialect that analyzes every query and returns no rows. */
    private static final class AnalyzingWarehouse implements Warehouse {
        private final List<Sql> sent;

        AnalyzingWarehouse(List<Sql> sent) {
            this.sent = sent;
        }

        @Override
        public Dialect dialect() {
            return dialect;
        }

        @Override
        public String uri() {
            return "bigquery:analyzer";
        }

        @Override
        public void createNamespace(Namespace namespace) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<TableId> listTables(Namespace namespace) {
            return List.of(production.id(), candidate.id());
        }

        @Override
        public java.util.Optional<TableInfo> describe(TableId table) {
            return java.util.Optional.of(table.equals(production.id()) ? production : candidate);
        }

        @Override
        public java.util.Optional<List<ColumnInfo>> columns(TableId table) {
            return describe(table).map(TableInfo::columns);
        }

        @Override
        public QueryStats execute(Sql sql) {
            throw new UnsupportedOperationException("a diff changes nothing");
        }

        @Override
        public ResultRows query(Sql sql) {
            analyze(sql);
            sent.add(sql);
            return ResultRows.empty(QueryStats.ofElapsed(Duration.ZERO));
        }

        @Override
        public QueryStats createTableAs(TableId target, Sql select, TableLayout layout, WriteMode mode) {
            throw new UnsupportedOperationException("a diff changes nothing");
        }

        @Override
        public QueryStats load(TableId target, LoadRequest request) {
            throw new UnsupportedOperationException("a diff changes nothing");
        }

        @Override
        public void replace(TableId target, TableId source) {
            throw new UnsupportedOperationException("a diff changes nothing");
        }

        @Override
        public QueryStats copy(TableId source, TableId target, WriteMode mode) {
            throw new UnsupportedOperationException("a diff changes nothing");
        }

        @Override
        public boolean drop(TableId table) {
            throw new UnsupportedOperationException("a diff changes nothing");
        }

        @Override
        public void close() {}
    }
}
