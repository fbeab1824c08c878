package io.meshkit.warehousebigquery.internal;

import com.google.cloud.bigquery.BigQueryError;
import com.google.cloud.bigquery.BigQueryException;
import com.google.cloud.bigquery.Clustering;
import com.google.cloud.bigquery.CopyJobConfiguration;
import com.google.cloud.bigquery.DatasetId;
import com.google.cloud.bigquery.DatasetInfo;
import com.google.cloud.bigquery.Field;
import com.google.cloud.bigquery.FieldList;
import com.google.cloud.bigquery.FieldValue;
import com.google.cloud.bigquery.FieldValueList;
import com.google.cloud.bigquery.JobConfiguration;
import com.google.cloud.bigquery.JobInfo;
import com.google.cloud.bigquery.LoadJobConfiguration;
import com.google.cloud.bigquery.QueryJobConfiguration;
import com.google.cloud.bigquery.QueryParameterValue;
import com.google.cloud.bigquery.Schema;
import com.google.cloud.bigquery.StandardTableDefinition;
import com.google.cloud.bigquery.TableId;
import com.google.cloud.bigquery.TableInfo;
import com.google.cloud.bigquery.ViewDefinition;
import com.google.zetasql.Analyzer;
import com.google.zetasql.AnalyzerOptions;
import com.google.zetasql.EvaluatorTableModifyResponse;
import com.google.zetasql.ParseLocationRange;
import com.google.zetasql.Parser;
import com.google.zetasql.PreparedModify;
import com.google.zetasql.PreparedQuery;
import com.google.zetasql.SimpleCatalog;
import com.google.zetasql.SimpleColumn;
import com.google.zetasql.SimpleTable;
import com.google.zetasql.SqlException;
import com.google.zetasql.TableContent;
import com.google.zetasql.Type;
import com.google.zetasql.TypeFactory;
import com.google.zetasql.Value;
import com.google.zetasql.ZetaSQLType.TypeKind;
import com.google.zetasql.parser.ASTNodes.ASTCreateTableStatement;
import com.google.zetasql.parser.ASTNodes.ASTCreateViewStatement;
import com.google.zetasql.parser.ASTNodes.ASTDeleteStatement;
import com.google.zetasql.parser.ASTNodes.ASTDropStatement;
import com.google.zetasql.parser.ASTNodes.ASTGeneralizedPathExpression;
import com.google.zetasql.parser.ASTNodes.ASTIdentifier;
import com.google.zetasql.parser.ASTNodes.ASTInsertStatement;
import com.google.zetasql.parser.ASTNodes.ASTPathExpression;
import com.google.zetasql.parser.ASTNodes.ASTQueryStatement;
import com.google.zetasql.parser.ASTNodes.ASTStatement;
import com.google.zetasql.parser.ASTNodes.ASTUpdateStatement;
import com.google.zetasql.resolvedast.ResolvedCreateStatementEnums.CreateMode;
import com.google.zetasql.resolvedast.ResolvedNodes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An in-memory BigQuery behind the {@link BigQueryClient} seam. Queries and DML run in ZetaSQL's
 * reference evaluator ({@link PreparedQuery}, {@link PreparedModify}) over the fake's tables, so
 * results follow GoogleSQL's real semantics. What the evaluator does not run (DDL: CREATE TABLE,
 * CTAS, CREATE VIEW, DROP; copy jobs) is applied here on the table model, after ZetaSQL has analyzed
 * the statement. Load jobs read Parquet from a GCS the test attaches ({@link #attachStorage}, Google's
 * in-memory {@code LocalStorageHelper}), decoded by DuckDB; without one they fail as if the URI were missing.
 *
 * <p>Table paths: the evaluator only sets contents of tables in its root catalog, so a path
 * {@code `dataset`.`table`} whose first part is a known dataset is rewritten to the one identifier
 * {@code `dataset.table`} (which BigQuery accepts too) before analysis.
 *
 * <p>Statements run one at a time (a lock), which makes every statement atomic, as BigQuery's are.
 */
final class FakeBigQueryClient implements BigQueryClient {
    private static final Type INT64 = TypeFactory.createSimpleType(TypeKind.TYPE_INT64);
    private static final String ROW_ID = "_fake_row_id";

    /** A table or view of the fake. */
    private static final class FakeTable {
        final String dataset;
        final String name;
        final List<Field> fields;
        final List<Type> types;
        final List<List<Value>> rows;
        final String viewSql;
        List<String> clustering = List.of();
        String partitioning;
        /** Table labels; a copy job with WRITE_TRUNCATE keeps the destination's (as BigQuery does to a table it overwrites). */
        Map<String, String> labels = new TreeMap<>();

        FakeTable(String dataset, String name, List<Field> fields, List<Type> types, List<List<Value>> rows, String viewSql) {
            this.dataset = dataset;
            this.name = name;
            this.fields = List.copyOf(fields);
            this.types = List.copyOf(types);
            this.rows = rows;
            this.viewSql = viewSql;
        }

        String key() {
            return dataset + "." + name;
        }
    }

    /**
     * One catalog of GoogleSQL's functions for every statement (building one costs hundreds of
     * milliseconds); a statement adds the tables it names and {@link #clearCatalog} removes them.
     */
    private final SimpleCatalog shared = ZetaSql.catalog();
    private final Set<String> datasets = new TreeSet<>();
    private final Map<String, String> locations = new HashMap<>();
    private final Map<String, FakeTable> tables = new TreeMap<>();
    /** Every job configuration received, for tests that check labels and dispositions. */
    final List<JobConfiguration> jobs = new CopyOnWriteArrayList<>();
    private final Deque<BigQueryException> failures = new ArrayDeque<>();
    /** Copy jobs by id, and what became of them. */
    private final Map<String, JobState> jobStates = new HashMap<>();
    private BigQueryException afterNextCopy;
    private final Deque<BigQueryException> copyFailures = new ArrayDeque<>();
    private final Deque<BigQueryException> labelFailures = new java.util.LinkedList<>(); // holds nulls
    /** Every label patch received, in order: table key and the patch. */
    final List<Map.Entry<String, Map<String, String>>> labelPatches = new CopyOnWriteArrayList<>();

    /** The next calls fail with these errors, one each (a scripted rate limit, say). */
    synchronized void failNext(BigQueryException... errors) {
        failures.addAll(List.of(errors));
    }

    /**
     * The next copy job commits, but its call fails with this error afterwards: the answer to a
     * finished job was lost (a dropped connection, a crash right after the commit).
     */
    synchronized void failAfterNextCopy(BigQueryException error) {
        afterNextCopy = error;
    }

    /** The next copy jobs fail with these errors before they commit, one each. */
    synchronized void failCopies(BigQueryException... errors) {
        copyFailures.addAll(List.of(errors));
    }

    /**
     * The next label patches fail with these errors, one each; a null lets that patch through (so
     * {@code failLabelPatches(null, e)} fails the second).
     */
    synchronized void failLabelPatches(BigQueryException... errors) {
        labelFailures.addAll(java.util.Arrays.asList(errors));
    }

    /** A table's labels. */
    synchronized Map<String, String> labels(String dataset, String table) {
        return Map.copyOf(tables.get(dataset + "." + table).labels);
    }

    /** Records a job that is still running, as a promotion that died mid-job would leave. */
    synchronized void recordRunningJob(String jobId) {
        jobStates.put(jobId, JobState.RUNNING);
    }

    private void maybeFail() {
        BigQueryException e = failures.poll();
        if (e != null) {
            throw e;
        }
    }

    static BigQueryException error(int code, String reason, String message) {
        return new BigQueryException(code, message, new BigQueryError(reason, "fake", message));
    }

    // ------------------------------------------------------------------ catalog calls

    @Override
    public synchronized Optional<TableInfo> getTable(TableId table) {
        maybeFail();
        FakeTable t = tables.get(table.getDataset() + "." + table.getTable());
        if (t == null) {
            return Optional.empty();
        }
        Schema schema = Schema.of(t.fields);
        if (t.viewSql != null) {
            return Optional.of(TableInfo.newBuilder(table, ViewDefinition.newBuilder(t.viewSql).setSchema(schema).build())
                    .setLabels(t.labels).build());
        }
        long bytes = t.rows.stream().flatMap(List::stream).mapToLong(ZetaSql::size).sum();
        StandardTableDefinition.Builder d = StandardTableDefinition.newBuilder().setSchema(schema)
                .setNumRows((long) t.rows.size()).setNumBytes(bytes);
        if (!t.clustering.isEmpty()) {
            d.setClustering(Clustering.newBuilder().setFields(t.clustering).build());
        }
        return Optional.of(TableInfo.newBuilder(table, d.build()).setLabels(t.labels).build());
    }

    @Override
    public synchronized List<TableId> listTables(DatasetId dataset) {
        maybeFail();
        return tables.values().stream().filter(t -> t.dataset.equals(dataset.getDataset()))
                .map(t -> TableId.of(dataset.getProject(), t.dataset, t.name)).toList();
    }

    @Override
    public synchronized boolean datasetExists(DatasetId dataset) {
        maybeFail();
        return datasets.contains(dataset.getDataset());
    }

    @Override
    public synchronized void createDataset(DatasetInfo dataset) {
        maybeFail();
        if (!datasets.add(dataset.getDatasetId().getDataset())) {
            throw error(409, "duplicate", "Already Exists: Dataset " + dataset.getDatasetId().getDataset());
        }
        locations.put(dataset.getDatasetId().getDataset(), dataset.getLocation());
    }

    /** Every table's columns as BigQuery fields, by dataset then table (for the analyzer's catalog). */
    synchronized Map<String, Map<String, List<Field>>> schemas() {
        Map<String, Map<String, List<Field>>> out = new TreeMap<>();
        datasets.forEach(d -> out.put(d, new TreeMap<>()));
        tables.values().forEach(t -> out.get(t.dataset).put(t.name, t.fields));
        return out;
    }

    /** The location a dataset was created in. */
    synchronized String location(String dataset) {
        return locations.get(dataset);
    }

    /** The clustering columns of a table. */
    synchronized List<String> clustering(String dataset, String table) {
        return tables.get(dataset + "." + table).clustering;
    }

    /** The partitioning expression of a table, or null. */
    synchronized String partitioning(String dataset, String table) {
        return tables.get(dataset + "." + table).partitioning;
    }

    @Override
    public synchronized boolean deleteTable(TableId table) {
        maybeFail();
        version++;
        cache.clear();
        return tables.remove(table.getDataset() + "." + table.getTable()) != null;
    }

    @Override
    public JobResult copy(CopyJobConfiguration config) {
        return copy(config, "fake_" + java.util.UUID.randomUUID());
    }

    @Override
    public synchronized JobResult copy(CopyJobConfiguration config, String jobId) {
        if (jobStates.containsKey(jobId)) {
            throw error(409, "duplicate", "Already Exists: Job " + jobId);
        }
        jobStates.put(jobId, JobState.FAILED); // until it commits
        BigQueryException failure = copyFailures.poll();
        if (failure != null) {
            jobs.add(config);
            throw failure;
        }
        JobResult result = copyNow(config);
        jobStates.put(jobId, JobState.SUCCEEDED);
        BigQueryException lost = afterNextCopy;
        afterNextCopy = null;
        if (lost != null) {
            throw lost;
        }
        return result;
    }

    @Override
    public synchronized Optional<JobState> jobState(String jobId) {
        maybeFail();
        return Optional.ofNullable(jobStates.get(jobId));
    }

    @Override
    public synchronized void updateLabels(TableId table, Map<String, String> labels) {
        maybeFail();
        BigQueryException e = labelFailures.poll();
        if (e != null) {
            throw e;
        }
        FakeTable t = tables.get(table.getDataset() + "." + table.getTable());
        if (t == null) {
            throw error(404, "notFound", "Not found: Table " + table.getDataset() + "." + table.getTable());
        }
        labelPatches.add(Map.entry(t.key(), java.util.Collections.unmodifiableMap(new HashMap<>(labels))));
        labels.forEach((k, v) -> {
            if (v == null) {
                t.labels.remove(k);
            } else {
                t.labels.put(k, v);
            }
        });
    }

    private JobResult copyNow(CopyJobConfiguration config) {
        jobs.add(config);
        maybeFail();
        version++;
        cache.clear();
        TableId s = config.getSourceTables().get(0);
        TableId d = config.getDestinationTable();
        FakeTable source = tables.get(s.getDataset() + "." + s.getTable());
        if (source == null) {
            throw error(404, "notFound", "Not found: Table " + s.getDataset() + "." + s.getTable());
        }
        if (source.viewSql != null) {
            throw error(400, "invalid", "Cannot copy a view");
        }
        FakeTable target = tables.get(d.getDataset() + "." + d.getTable());
        JobInfo.WriteDisposition w = config.getWriteDisposition();
        if (target != null && w == JobInfo.WriteDisposition.WRITE_EMPTY && !target.rows.isEmpty()) {
            throw error(409, "duplicate", "Already Exists: Table " + target.key());
        }
        List<List<Value>> rows = new ArrayList<>(source.rows);
        if (target != null && w == JobInfo.WriteDisposition.WRITE_APPEND) {
            rows.addAll(0, target.rows);
        }
        FakeTable copy = new FakeTable(d.getDataset(), d.getTable(), source.fields, source.types, rows, null);
        copy.clustering = source.clustering;
        copy.partitioning = source.partitioning;
        if (target != null && target.viewSql == null) {
            copy.labels = target.labels;
        }
        tables.put(copy.key(), copy);
        return new JobResult(OptionalLong.empty(), OptionalLong.empty(), OptionalLong.of(source.rows.size()));
    }

    /** GCS for load jobs, or null. */
    private com.google.cloud.storage.Storage storage;

    /** Lets load jobs read {@code gs://} URIs from this storage. */
    synchronized void attachStorage(com.google.cloud.storage.Storage storage) {
        this.storage = storage;
    }

    @Override
    public synchronized JobResult load(LoadJobConfiguration config) {
        jobs.add(config);
        maybeFail();
        if (storage == null) {
            throw error(404, "notFound", "Not found: URI " + config.getSourceUris().get(0) + " (the fake has no GCS attached)");
        }
        if (!com.google.cloud.bigquery.FormatOptions.parquet().getType().equals(config.getFormat())) {
            throw error(400, "invalid", "the fake loads Parquet only, not " + config.getFormat());
        }
        com.google.cloud.bigquery.TableId d = config.getDestinationTable();
        if (!datasets.contains(d.getDataset())) {
            throw error(404, "notFound", "Not found: Dataset " + d.getDataset());
        }
        List<java.nio.file.Path> files = new ArrayList<>();
        try {
            for (String uri : config.getSourceUris()) {
                com.google.cloud.storage.BlobId id = com.google.cloud.storage.BlobId.fromGsUtilUri(uri);
                com.google.cloud.storage.Blob blob = storage.get(id);
                if (blob == null) {
                    throw error(404, "notFound", "Not found: URI " + uri);
                }
                java.nio.file.Path f = java.nio.file.Files.createTempFile("fake-load-", ".parquet");
                java.nio.file.Files.write(f, storage.readAllBytes(id));
                files.add(f);
            }
            List<Field> fields = new ArrayList<>();
            List<Type> types = new ArrayList<>();
            List<List<Value>> rows = new ArrayList<>();
            String list = files.stream().map(f -> "'" + f.toString().replace("'", "''") + "'").collect(java.util.stream.Collectors.joining(", "));
            try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:duckdb:");
                    java.sql.Statement st = c.createStatement();
                    java.sql.ResultSet rs = st.executeQuery("SELECT * FROM read_parquet([" + list + "])")) {
                java.sql.ResultSetMetaData md = rs.getMetaData();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    Type t = parquetType(md.getColumnTypeName(i));
                    types.add(t);
                    fields.add(ZetaSql.field(md.getColumnName(i), t, false));
                }
                while (rs.next()) {
                    List<Value> row = new ArrayList<>();
                    for (int i = 1; i <= types.size(); i++) {
                        row.add(parquetValue(rs, i, types.get(i - 1)));
                    }
                    rows.add(row);
                }
            }
            FakeTable target = tables.get(d.getDataset() + "." + d.getTable());
            JobInfo.WriteDisposition w = config.getWriteDisposition();
            if (target != null && w == JobInfo.WriteDisposition.WRITE_EMPTY && !target.rows.isEmpty()) {
                throw error(409, "duplicate", "Already Exists: Table " + target.key());
            }
            if (target != null && w == JobInfo.WriteDisposition.WRITE_APPEND) {
                rows.addAll(0, target.rows);
            }
            FakeTable loaded = new FakeTable(d.getDataset(), d.getTable(), fields, types, rows, null);
            if (target != null) {
                loaded.labels = target.labels;
            }
            tables.put(loaded.key(), loaded);
            version++;
            cache.clear();
            return new JobResult(OptionalLong.empty(), OptionalLong.empty(), OptionalLong.of(rows.size() - (target != null
                    && w == JobInfo.WriteDisposition.WRITE_APPEND ? target.rows.size() : 0)));
        } catch (java.io.IOException | java.sql.SQLException e) {
            throw error(400, "invalid", "Error while reading data: " + e.getMessage());
        } finally {
            for (java.nio.file.Path f : files) {
                f.toFile().delete();
            }
        }
    }

    /** The BigQuery column type a Parquet column (as DuckDB reads it) loads as. */
    private static Type parquetType(String duckdb) {
        TypeKind kind = switch (duckdb.replaceAll("\\(.*", "")) {
            case "TINYINT", "SMALLINT", "INTEGER", "BIGINT" -> TypeKind.TYPE_INT64;
            case "FLOAT", "DOUBLE" -> TypeKind.TYPE_DOUBLE;
            case "BOOLEAN" -> TypeKind.TYPE_BOOL;
            case "VARCHAR" -> TypeKind.TYPE_STRING;
            case "BLOB" -> TypeKind.TYPE_BYTES;
            case "DATE" -> TypeKind.TYPE_DATE;
            case "TIMESTAMP" -> TypeKind.TYPE_DATETIME;
            case "DECIMAL" -> TypeKind.TYPE_NUMERIC;
            default -> throw error(400, "invalid", "the fake cannot load Parquet type " + duckdb);
        };
        return TypeFactory.createSimpleType(kind);
    }

    private static Value parquetValue(java.sql.ResultSet rs, int i, Type type) throws java.sql.SQLException {
        if (rs.getObject(i) == null) {
            return Value.createNullValue(type);
        }
        return switch (type.getKind()) {
            case TYPE_INT64 -> Value.createInt64Value(rs.getLong(i));
            case TYPE_DOUBLE -> Value.createDoubleValue(rs.getDouble(i));
            case TYPE_BOOL -> Value.createBoolValue(rs.getBoolean(i));
            case TYPE_STRING -> Value.createStringValue(rs.getString(i));
            case TYPE_BYTES -> Value.createBytesValue(com.google.protobuf.ByteString.copyFrom(rs.getBytes(i)));
            case TYPE_DATE -> Value.createDateValue(rs.getObject(i, java.time.LocalDate.class));
            case TYPE_DATETIME -> Value.createDatetimeValue(rs.getObject(i, java.time.LocalDateTime.class));
            case TYPE_NUMERIC -> Value.createNumericValue(rs.getBigDecimal(i));
            default -> throw new IllegalStateException("unmapped " + type);
        };
    }

    /** Whether {@link #close} was called. */
    volatile boolean closed;

    @Override
    public void close() {
        closed = true;
    }

    // ------------------------------------------------------------------ query jobs

    @Override
    public synchronized DryRun dryRun(QueryJobConfiguration config) {
        try {
            return dryRunNow(config);
        } finally {
            clearCatalog();
        }
    }

    private DryRun dryRunNow(QueryJobConfiguration config) {
        jobs.add(config);
        maybeFail();
        String sql = rewritePaths(config.getQuery());
        try {
            ASTStatement ast = Parser.parseStatement(sql, ZetaSql.LANGUAGE);
            if (!(ast instanceof ASTQueryStatement)) {
                analyze(sql, config.getNamedParameters());
                return new DryRun(0, null);
            }
            AnalyzerOptions options = ZetaSql.options(config.getNamedParameters());
            Map<String, TableContent> contents = new HashMap<>();
            SimpleCatalog catalog = catalogFor(sql, options, contents, true);
            try (PreparedQuery q = PreparedQuery.builder().setSql(sql).setAnalyzerOptions(options).setCatalog(catalog)
                    .setTablesContents(contents).prepare()) {
                return new DryRun(scannedBytes(sql, options), schema(q.getColumns()));
            }
        } catch (SqlException e) {
            throw invalid(e);
        }
    }

    @Override
    public synchronized QueryResult query(QueryJobConfiguration config) {
        try {
            return queryNow(config);
        } finally {
            clearCatalog();
        }
    }

    private QueryResult queryNow(QueryJobConfiguration config) {
        jobs.add(config);
        maybeFail();
        long start = System.nanoTime();
        if (!(config.getQuery().stripLeading().toUpperCase(java.util.Locale.ROOT).startsWith("SELECT"))) {
            version++;
            cache.clear();
        }
        String sql = rewritePaths(config.getQuery());
        Map<String, QueryParameterValue> params = config.getNamedParameters();
        try {
            ASTStatement ast = Parser.parseStatement(sql, ZetaSql.LANGUAGE);
            QueryResult result;
            if (ast instanceof ASTQueryStatement) {
                result = select(sql, params);
            } else if (ast instanceof ASTCreateTableStatement create) {
                result = createTable(sql, params, create);
            } else if (ast instanceof ASTCreateViewStatement view) {
                result = createView(sql, params, view);
            } else if (ast instanceof ASTInsertStatement insert) {
                result = modify(sql, params, insert.getTargetPath(), true);
            } else if (ast instanceof ASTUpdateStatement update) {
                result = modify(sql, params, update.getTargetPath(), false);
            } else if (ast instanceof ASTDeleteStatement delete) {
                result = modify(sql, params, delete.getTargetPath(), false);
            } else if (ast instanceof ASTDropStatement) {
                ResolvedNodes.ResolvedDropStmt drop = (ResolvedNodes.ResolvedDropStmt) analyze(sql, params);
                boolean existed = tables.remove(String.join(".", drop.getNamePath())) != null;
                if (!existed && !drop.getIsIfExists()) {
                    throw error(404, "notFound", "Not found: Table " + String.join(".", drop.getNamePath()));
                }
                result = new QueryResult(null, List.<FieldValueList>of().iterator(), JobResult.NONE);
            } else {
                throw error(400, "invalidQuery", "the fake does not run " + ast.getClass().getSimpleName());
            }
            long slotMillis = Math.max(1, (System.nanoTime() - start) / 1_000_000);
            JobResult job = result.job();
            return new QueryResult(result.schema(), result.rows(),
                    new JobResult(job.bytesProcessed(), OptionalLong.of(slotMillis), job.rowsAffected()));
        } catch (SqlException e) {
            throw invalid(e);
        }
    }

    private void clearCatalog() {
        for (String name : List.copyOf(shared.getTableNameList())) {
            shared.removeSimpleTable(name);
        }
    }

    private static BigQueryException invalid(SqlException e) {
        String m = String.valueOf(e.getMessage());
        return m.contains("not found") ? error(404, "notFound", m) : error(400, "invalidQuery", m);
    }

    private QueryResult select(String sql, Map<String, QueryParameterValue> params) {
        AnalyzerOptions options = ZetaSql.options(params);
        String cacheKey = version + "\u0000" + sql + "\u0000" + params;
        Cached cached = cache.get(cacheKey);
        if (cached == null) {
            Map<String, TableContent> contents = new HashMap<>();
            SimpleCatalog catalog = catalogFor(sql, options, contents, false);
            try (PreparedQuery q = PreparedQuery.builder().setSql(sql).setAnalyzerOptions(options).setCatalog(catalog)
                    .setTablesContents(contents).prepare()) {
                cached = new Cached(schema(q.getColumns()), q.execute(values(params)).getTableData(), scannedBytes(sql, options));
            }
            cache.put(cacheKey, cached);
        }
        FieldList fields = cached.schema.getFields();
        java.util.Iterator<? extends List<Value>> source = cached.rows.iterator();
        // rows are converted to BigQuery's text encoding as they are read, like pages arriving
        java.util.Iterator<FieldValueList> rows = new java.util.Iterator<>() {
            @Override
            public boolean hasNext() {
                return source.hasNext();
            }

            @Override
            public FieldValueList next() {
                List<Value> row = source.next();
                List<FieldValue> values = new ArrayList<>(row.size());
                for (Value v : row) {
                    values.add(ZetaSql.fieldValue(v));
                }
                return FieldValueList.of(values, fields);
            }
        };
        return new QueryResult(cached.schema, rows,
                new JobResult(OptionalLong.of(cached.bytes), OptionalLong.empty(), OptionalLong.empty()));
    }

    /** A finished query's result, kept as BigQuery's result cache keeps it: until any table changes. */
    private record Cached(Schema schema, List<? extends List<Value>> rows, long bytes) {}

    /** BigQuery answers a repeated identical query over unchanged tables from its cache; so does the fake (four entries). */
    private final Map<String, Cached> cache = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
            return size() > 4;
        }
    };

    /** Bumped by every change of a table: the cache holds results of the current version only. */
    private long version;

    private static Schema schema(List<SimpleColumn> columns) {
        List<Field> fields = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            fields.add(ZetaSql.field(columnName(columns.get(i).getName(), i), columns.get(i).getType(), false));
        }
        return Schema.of(fields);
    }

    /** BigQuery names an anonymous result column {@code f0_}, {@code f1_}, … by position. */
    private static String columnName(String name, int position) {
        return name == null || name.isEmpty() || name.startsWith("$") ? "f" + position + "_" : name;
    }

    private static Map<String, Value> values(Map<String, QueryParameterValue> params) {
        Map<String, Value> values = new LinkedHashMap<>();
        params.forEach((k, v) -> values.put(k, ZetaSql.value(v)));
        return values;
    }

    private ResolvedNodes.ResolvedStatement analyze(String sql, Map<String, QueryParameterValue> params) {
        AnalyzerOptions options = ZetaSql.options(params);
        SimpleCatalog catalog = catalogFor(sql, options, new HashMap<>(), true);
        return Analyzer.analyzeStatement(sql, options, catalog);
    }

    private QueryResult createTable(String sql, Map<String, QueryParameterValue> params, ASTCreateTableStatement ast) {
        ResolvedNodes.ResolvedCreateStatement stmt = (ResolvedNodes.ResolvedCreateStatement) analyze(sql, params);
        String[] path = splitPath(stmt.getNamePath());
        String key = path[0] + "." + path[1];
        if (!datasets.contains(path[0])) {
            throw error(404, "notFound", "Not found: Dataset " + path[0]);
        }
        boolean exists = tables.containsKey(key);
        if (exists && stmt.getCreateMode() == CreateMode.CREATE_IF_NOT_EXISTS) {
            return new QueryResult(null, List.<FieldValueList>of().iterator(), JobResult.NONE);
        }
        if (exists && stmt.getCreateMode() != CreateMode.CREATE_OR_REPLACE) {
            throw error(409, "duplicate", "Already Exists: Table " + key);
        }
        List<Field> fields = new ArrayList<>();
        List<Type> types = new ArrayList<>();
        List<List<Value>> rows = new ArrayList<>();
        long bytes = 0;
        if (stmt instanceof ResolvedNodes.ResolvedCreateTableAsSelectStmt ctas) {
            String query = text(sql, ast.getQuery().getParseLocationRange());
            for (ResolvedNodes.ResolvedOutputColumn c : ctas.getOutputColumnList()) {
                fields.add(ZetaSql.field(columnName(c.getName(), fields.size()), c.getColumn().getType(), false));
                types.add(c.getColumn().getType());
            }
            AnalyzerOptions options = ZetaSql.options(params);
            Map<String, TableContent> contents = new HashMap<>();
            SimpleCatalog catalog = catalogFor(query, options, contents, false);
            try (PreparedQuery q = PreparedQuery.builder().setSql(query).setAnalyzerOptions(options).setCatalog(catalog)
                    .setTablesContents(contents).prepare()) {
                for (List<Value> row : q.execute(values(params)).getTableData()) {
                    rows.add(new ArrayList<>(row));
                }
            }
            bytes = scannedBytes(query, options);
        } else {
            for (ResolvedNodes.ResolvedColumnDefinition c : ((ResolvedNodes.ResolvedCreateTableStmt) stmt).getColumnDefinitionList()) {
                boolean notNull = c.getAnnotations() != null && c.getAnnotations().getNotNull();
                fields.add(ZetaSql.field(c.getName(), c.getType(), notNull));
                types.add(c.getType());
            }
        }
        FakeTable table = new FakeTable(path[0], path[1], fields, types, rows, null);
        if (stmt instanceof ResolvedNodes.ResolvedCreateTableStmtBase base) {
            if (ast.getClusterBy() != null) {
                List<String> cluster = new ArrayList<>();
                for (var e : ast.getClusterBy().getClusteringExpressions()) {
                    String column = text(sql, e.getParseLocationRange());
                    // as BigQuery: no clustering by FLOAT64 (nor by BYTES, JSON, ARRAY or STRUCT)
                    for (int i = 0; i < fields.size(); i++) {
                        if (("`" + fields.get(i).getName() + "`").equalsIgnoreCase(column) || fields.get(i).getName().equalsIgnoreCase(column)) {
                            TypeKind kind = types.get(i).getKind();
                            if (kind == TypeKind.TYPE_DOUBLE || kind == TypeKind.TYPE_FLOAT || kind == TypeKind.TYPE_BYTES
                                    || kind == TypeKind.TYPE_JSON || kind == TypeKind.TYPE_ARRAY || kind == TypeKind.TYPE_STRUCT) {
                                throw error(400, "invalidQuery", "Field " + fields.get(i).getName() + " is of type "
                                        + types.get(i).typeName(com.google.zetasql.ZetaSQLOptions.ProductMode.PRODUCT_EXTERNAL)
                                        + " which is not supported for clustering");
                            }
                        }
                    }
                    cluster.add(column);
                }
                table.clustering = List.copyOf(cluster);
            }
            if (ast.getPartitionBy() != null) {
                table.partitioning = text(sql, ast.getPartitionBy().getParseLocationRange());
            }
        }
        tables.put(key, table);
        return new QueryResult(null, List.<FieldValueList>of().iterator(),
                new JobResult(OptionalLong.of(bytes), OptionalLong.empty(), OptionalLong.empty()));
    }

    private QueryResult createView(String sql, Map<String, QueryParameterValue> params, ASTCreateViewStatement ast) {
        ResolvedNodes.ResolvedCreateViewStmt stmt = (ResolvedNodes.ResolvedCreateViewStmt) analyze(sql, params);
        String[] path = splitPath(stmt.getNamePath());
        String key = path[0] + "." + path[1];
        if (tables.containsKey(key) && stmt.getCreateMode() != CreateMode.CREATE_OR_REPLACE) {
            if (stmt.getCreateMode() == CreateMode.CREATE_IF_NOT_EXISTS) {
                return new QueryResult(null, List.<FieldValueList>of().iterator(), JobResult.NONE);
            }
            throw error(409, "duplicate", "Already Exists: Table " + key);
        }
        List<Field> fields = new ArrayList<>();
        List<Type> types = new ArrayList<>();
        for (ResolvedNodes.ResolvedOutputColumn c : stmt.getOutputColumnList()) {
            fields.add(ZetaSql.field(columnName(c.getName(), fields.size()), c.getColumn().getType(), false));
            types.add(c.getColumn().getType());
        }
        tables.put(key, new FakeTable(path[0], path[1], fields, types, new ArrayList<>(), text(sql, ast.getQuery().getParseLocationRange())));
        return new QueryResult(null, List.<FieldValueList>of().iterator(), JobResult.NONE);
    }

    /**
     * INSERT, UPDATE and DELETE in {@link PreparedModify}. UPDATE and DELETE need a primary key to
     * report which rows they changed: the target gets a hidden pseudo-column with the row's position.
     */
    private QueryResult modify(String sql, Map<String, QueryParameterValue> params, ASTGeneralizedPathExpression targetPath, boolean insert) {
        AnalyzerOptions options = ZetaSql.options(params);
        Map<String, TableContent> contents = new HashMap<>();
        // the target from the statement itself: the analyzer's list of table names is sorted by
        // name, so its first entry is the target only when no other table sorts before it
        if (!(targetPath instanceof ASTPathExpression path)) {
            throw error(400, "invalidQuery", "the fake modifies tables named by a path only");
        }
        FakeTable target = existing(path.getNames().stream().map(ASTIdentifier::getIdString).collect(java.util.stream.Collectors.joining(".")));
        SimpleCatalog catalog = catalogFor(sql, options, contents, false);
        SimpleTable modified = simpleTable(target, !insert);
        catalog.removeSimpleTable(target.key());
        catalog.addSimpleTable(modified);
        List<List<Value>> content = new ArrayList<>();
        for (int i = 0; i < target.rows.size(); i++) {
            List<Value> row = new ArrayList<>();
            if (!insert) {
                row.add(Value.createInt64Value(i));
            }
            row.addAll(target.rows.get(i));
            content.add(row);
        }
        int offset = insert ? 0 : 1;
        contents.put(target.key(), TableContent.create(content));
        EvaluatorTableModifyResponse response;
        try (PreparedModify m = PreparedModify.builder().setSql(sql).setAnalyzerOptions(options).setCatalog(catalog)
                .setTablesContents(contents).prepare()) {
            response = m.execute(values(params));
        }
        List<List<Value>> rows = new ArrayList<>(target.rows);
        Set<Integer> deleted = new TreeSet<>();
        List<List<Value>> inserted = new ArrayList<>();
        for (EvaluatorTableModifyResponse.Row r : response.getContent()) {
            switch (r.getOperation()) {
                case INSERT -> inserted.add(checkRequired(target, r.getContent().subList(offset, offset + target.fields.size())));
                case DELETE -> deleted.add((int) r.getOriginalPrimaryKeysValues().get(0).getInt64Value());
                case UPDATE -> rows.set((int) r.getOriginalPrimaryKeysValues().get(0).getInt64Value(),
                        checkRequired(target, r.getContent().subList(offset, offset + target.fields.size())));
                default -> throw error(400, "invalidQuery", "the fake does not apply " + r.getOperation());
            }
        }
        List<List<Value>> result = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            if (!deleted.contains(i)) {
                result.add(rows.get(i));
            }
        }
        result.addAll(inserted);
        target.rows.clear();
        target.rows.addAll(result);
        return new QueryResult(null, List.<FieldValueList>of().iterator(),
                new JobResult(OptionalLong.of(scannedBytes(sql, options)), OptionalLong.empty(), OptionalLong.of(response.getContent().size())));
    }

    private static List<Value> checkRequired(FakeTable table, List<Value> row) {
        for (int i = 0; i < row.size(); i++) {
            if (row.get(i).isNull() && table.fields.get(i).getMode() == Field.Mode.REQUIRED) {
                throw error(400, "invalidQuery", "Required field " + table.fields.get(i).getName() + " cannot be null");
            }
        }
        return List.copyOf(row);
    }

    private FakeTable existing(String key) {
        FakeTable t = tables.get(key);
        if (t == null) {
            throw error(404, "notFound", "Not found: Table " + key);
        }
        return t;
    }

    private static String[] splitPath(List<String> namePath) {
        String joined = String.join(".", namePath);
        int dot = joined.indexOf('.');
        if (dot < 0) {
            throw error(400, "invalid", "Table name \"" + joined + "\" missing dataset while no default dataset is set in the request.");
        }
        return new String[] {joined.substring(0, dot), joined.substring(dot + 1)};
    }

    private static String text(String sql, ParseLocationRange range) {
        return sql.substring(range.start(), range.end());
    }

    /**
     * A catalog with the tables a statement names, and their contents (a view's contents are its
     * query's result, computed now). With {@code schemaOnly} no contents are computed.
     */
    private SimpleCatalog catalogFor(String sql, AnalyzerOptions options, Map<String, TableContent> contents, boolean schemaOnly) {
        SimpleCatalog catalog = shared;
        for (List<String> path : Analyzer.extractTableNamesFromStatement(sql, options)) {
            FakeTable t = tables.get(String.join(".", path));
            if (t == null) {
                continue; // unknown tables fail in the analyzer with BigQuery's message
            }
            if (!catalog.getTableNameList().contains(t.key().toLowerCase(java.util.Locale.ROOT))) {
                catalog.addSimpleTable(simpleTable(t, false));
            }
            if (!schemaOnly && !contents.containsKey(t.key())) {
                contents.put(t.key(), TableContent.create(t.viewSql == null ? t.rows : viewRows(t)));
            }
        }
        return catalog;
    }

    private List<List<Value>> viewRows(FakeTable view) {
        AnalyzerOptions options = ZetaSql.options(Map.of());
        Map<String, TableContent> contents = new HashMap<>();
        SimpleCatalog catalog = catalogFor(view.viewSql, options, contents, false);
        try (PreparedQuery q = PreparedQuery.builder().setSql(view.viewSql).setAnalyzerOptions(options).setCatalog(catalog)
                .setTablesContents(contents).prepare()) {
            return q.execute(Map.of()).getTableData().stream().<List<Value>>map(List::copyOf).toList();
        }
    }

    private static SimpleTable simpleTable(FakeTable t, boolean withRowId) {
        SimpleTable table = new SimpleTable(t.key());
        if (withRowId) {
            // first: the Java client reads the key values of a modify response with the types of the
            // first columns, so the key must be column 0
            table.addSimpleColumn(new SimpleColumn(t.key(), ROW_ID, INT64, true, false));
            table.setPrimaryKey(List.of(0));
        }
        for (int i = 0; i < t.fields.size(); i++) {
            table.addSimpleColumn(t.fields.get(i).getName(), t.types.get(i));
        }
        return table;
    }

    /** What BigQuery would bill: the full size of every table the statement names (BigQuery counts referenced columns only). */
    private long scannedBytes(String sql, AnalyzerOptions options) {
        long bytes = 0;
        for (List<String> path : Analyzer.extractTableNamesFromStatement(sql, options)) {
            FakeTable t = tables.get(String.join(".", path));
            if (t != null && t.viewSql == null) {
                bytes += t.rows.stream().flatMap(List::stream).mapToLong(ZetaSql::size).sum();
            }
        }
        return bytes;
    }

    /** {@code `ds`.`t`} (or {@code ds.t}) with {@code ds} a dataset of the fake becomes {@code `ds.t`}. */
    String rewritePaths(String sql) {
        StringBuilder out = new StringBuilder(sql.length());
        int i = 0;
        int n = sql.length();
        char previous = ' ';
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"') {
                int end = Statement.skipQuoted(sql, i, c);
                out.append(sql, i, end);
                i = end;
                previous = c;
                continue;
            }
            if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-' || c == '#') {
                int end = sql.indexOf('\n', i);
                end = end < 0 ? n : end;
                out.append(sql, i, end);
                i = end;
                continue;
            }
            if (c == '`' || Character.isLetter(c) || c == '_') {
                int[] first = identifier(sql, i);
                // after a dot (s.`col`) an identifier is a field, never a dataset; it is still copied
                // whole, so that its closing backtick is not taken for the opening of another
                if (previous != '.' && first != null && first[1] < n && sql.charAt(first[1]) == '.') {
                    int[] second = identifier(sql, first[1] + 1);
                    String dataset = unquote(sql, i, first[1]);
                    if (second != null && datasets.contains(dataset)) {
                        String table = unquote(sql, first[1] + 1, second[1]);
                        out.append('`').append((dataset + "." + table).replace("\\", "\\\\").replace("`", "\\`")).append('`');
                        i = second[1];
                        previous = '`';
                        continue;
                    }
                }
                if (first != null) {
                    out.append(sql, i, first[1]);
                    i = first[1];
                    previous = 'a';
                    continue;
                }
            }
            out.append(c);
            if (!Character.isWhitespace(c)) {
                previous = c;
            }
            i++;
        }
        return out.toString();
    }

    /** The span {start, end} of an identifier (backticked or bare) at {@code i}, or null. */
    private static int[] identifier(String sql, int i) {
        if (i >= sql.length()) {
            return null;
        }
        char c = sql.charAt(i);
        if (c == '`') {
            return new int[] {i, Statement.skipQuoted(sql, i, '`')};
        }
        if (!Character.isLetter(c) && c != '_') {
            return null;
        }
        int j = i;
        while (j < sql.length() && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '_')) {
            j++;
        }
        return new int[] {i, j};
    }

    private static String unquote(String sql, int start, int end) {
        String s = sql.substring(start, end);
        if (s.startsWith("`")) {
            s = s.substring(1, s.length() - 1).replace("\\`", "`").replace("\\\\", "\\");
        }
        return s;
    }
}
