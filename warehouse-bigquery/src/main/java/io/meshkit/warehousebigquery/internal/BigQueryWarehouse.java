package io.meshkit.warehousebigquery.internal;

import static java.util.Objects.requireNonNull;

import com.google.api.gax.retrying.RetrySettings;
import com.google.cloud.bigquery.BigQueryException;
import com.google.cloud.bigquery.BigQueryOptions;
import com.google.cloud.bigquery.CopyJobConfiguration;
import com.google.cloud.bigquery.DatasetId;
import com.google.cloud.bigquery.DatasetInfo;
import com.google.cloud.bigquery.Field;
import com.google.cloud.bigquery.FieldValueList;
import com.google.cloud.bigquery.FormatOptions;
import com.google.cloud.bigquery.JobInfo;
import com.google.cloud.bigquery.LoadJobConfiguration;
import com.google.cloud.bigquery.QueryJobConfiguration;
import com.google.cloud.bigquery.Schema;
import com.google.cloud.bigquery.StandardSQLTypeName;
import com.google.cloud.bigquery.TableDefinition;
import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import io.meshkit.core.error.NoSuchTableException;
import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.identifier.Namespace;
import io.meshkit.core.identifier.TableId;
import io.meshkit.core.type.DataType;
import io.meshkit.core.warehouse.ColumnInfo;
import io.meshkit.core.warehouse.Dialect;
import io.meshkit.core.warehouse.FileFormat;
import io.meshkit.core.warehouse.LoadRequest;
import io.meshkit.core.warehouse.QueryStats;
import io.meshkit.core.warehouse.ResultRows;
import io.meshkit.core.warehouse.Row;
import io.meshkit.core.warehouse.Sql;
import io.meshkit.core.warehouse.SqlBuilder;
import io.meshkit.core.warehouse.Promotion;
import io.meshkit.core.warehouse.PromotionPlan;
import io.meshkit.core.warehouse.SupportsDryRun;
import io.meshkit.core.warehouse.SupportsPromotion;
import io.meshkit.core.warehouse.SupportsRunLabels;
import io.meshkit.core.warehouse.SupportsScanEstimate;
import io.meshkit.core.warehouse.TableInfo;
import io.meshkit.core.warehouse.TableLayout;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.core.warehouse.WriteMode;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A {@link Warehouse} on BigQuery. Namespaces are datasets in the warehouse's project and location;
 * every statement runs as a query job labelled with the meshkit run id; rate limits and transient
 * backend errors are retried with backoff. Thread-safe: the client is, and the warehouse keeps no
 * other state than cost totals.
 */
public final class BigQueryWarehouse implements Warehouse, SupportsDryRun, SupportsScanEstimate, SupportsPromotion, SupportsRunLabels {
    /** The job label that carries the meshkit run id. */
    public static final String RUN_ID_LABEL = "meshkit-run-id";

    private static final BigQueryDialect DIALECT = BigQueryDialect.INSTANCE;

    private final String uri;
    private final BigQuerySettings settings;
    private final BigQueryClient client;
    private final Retry retry;
    private final Totals totals;
    /** Whether {@link #close} closes the client: false for the views of {@link #withRunId}. */
    private final boolean ownsClient;

    BigQueryWarehouse(String uri, BigQuerySettings settings, BigQueryClient client, Retry retry) {
        this(uri, settings, client, retry, new Totals(), true);
    }

    private BigQueryWarehouse(String uri, BigQuerySettings settings, BigQueryClient client, Retry retry, Totals totals,
            boolean ownsClient) {
        this.uri = requireNonNull(uri, "uri is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.client = requireNonNull(client, "client is null");
        this.retry = requireNonNull(retry, "retry is null");
        this.totals = totals;
        this.ownsClient = ownsClient;
    }

    /**
     * Opens BigQuery with Application Default Credentials (the environment's service account,
     * {@code GOOGLE_APPLICATION_CREDENTIALS}, or {@code gcloud auth application-default login}).
     * Nothing is sent until the first call. meshkit does its own retries of whole jobs, so the
     * client's retries of single requests are kept short.
     */
    public static BigQueryWarehouse open(String uri, BigQuerySettings settings) {
        BigQueryClient client = LazyClient.of(uri, credentials -> {
            BigQueryOptions options = BigQueryOptions.newBuilder()
                    .setCredentials(credentials)
                    .setProjectId(settings.project())
                    .setLocation(settings.location())
                    .setRetrySettings(RetrySettings.newBuilder().setMaxAttempts(3)
                            .setInitialRetryDelayDuration(Duration.ofMillis(500)).setMaxRetryDelayDuration(Duration.ofSeconds(8))
                            .setRetryDelayMultiplier(2.0).setTotalTimeoutDuration(Duration.ofMinutes(2)).build())
                    .build();
            return new BigQueryApiClient(options.getService(), settings.project(), settings.location());
        });
        return new BigQueryWarehouse(uri, settings, client, Retry.of(settings));
    }

    /**
     * A view of this warehouse whose jobs carry another run id label; it shares the client and the
     * totals, and closing it closes nothing.
     *
     * @throws IllegalArgumentException unless the run id is a valid label value (at most 63 lowercase
     *     letters, digits, {@code -} and {@code _})
     */
    public BigQueryWarehouse withRunId(String runId) {
        return new BigQueryWarehouse(uri, settings.withRunId(runId), client, retry, totals, false);
    }

    /**
     * {@link #withRunId} with the run id made a valid label value: lowercased, every character other
     * than a letter, digit, {@code -} or {@code _} replaced by {@code _}, cut at 63 characters. The
     * run log's run ids (UUIDs) pass unchanged.
     */
    @Override
    public BigQueryWarehouse forRun(String runId) {
        requireNonNull(runId, "runId is null");
        if (runId.isBlank()) {
            throw new IllegalArgumentException("runId is blank");
        }
        return withRunId(labelValue(runId));
    }

    /** A string as a BigQuery label value. */
    static String labelValue(String s) {
        String v = s.strip().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_-]", "_");
        return v.length() > 63 ? v.substring(0, 63) : v;
    }

    /** The settings this warehouse runs with. */
    public BigQuerySettings settings() {
        return settings;
    }

    /** Bytes processed by the jobs of this warehouse (and its run views) since it opened. */
    public long totalBytesProcessed() {
        return totals.bytes.get();
    }

    /** Slot milliseconds consumed by the jobs of this warehouse (and its run views) since it opened. */
    public long totalSlotMillis() {
        return totals.slotMillis.get();
    }

    @Override
    public Dialect dialect() {
        return DIALECT;
    }

    @Override
    public String uri() {
        return uri;
    }

    // ------------------------------------------------------------------ namespaces and tables

    private com.google.cloud.bigquery.TableId bq(TableId table) {
        return com.google.cloud.bigquery.TableId.of(settings.project(), table.namespace().name(), table.name());
    }

    private DatasetId bq(Namespace namespace) {
        return DatasetId.of(settings.project(), namespace.name());
    }

    @Override
    public void createNamespace(Namespace namespace) {
        requireNonNull(namespace, "namespace is null");
        call("create dataset " + namespace, List.of(), () -> {
            if (!client.datasetExists(bq(namespace))) {
                try {
                    client.createDataset(DatasetInfo.newBuilder(bq(namespace)).setLocation(settings.location()).build());
                } catch (BigQueryException e) {
                    if (!Errors.isAlreadyExists(e)) {
                        throw e; // another process created it meanwhile: fine
                    }
                }
            }
            return null;
        });
    }

    @Override
    public List<TableId> listTables(Namespace namespace) {
        requireNonNull(namespace, "namespace is null");
        return call("list tables of " + namespace, List.of(), () -> client.listTables(bq(namespace))).stream()
                .map(t -> namespace.table(t.getTable()))
                .sorted(Comparator.comparing(TableId::name))
                .toList();
    }

    @Override
    public Optional<TableInfo> describe(TableId table) {
        requireNonNull(table, "table is null");
        Optional<com.google.cloud.bigquery.TableInfo> info = call("describe table " + table, List.of(), () -> client.getTable(bq(table)));
        if (info.isEmpty()) {
            return Optional.empty();
        }
        com.google.cloud.bigquery.TableInfo t = info.get();
        TableDefinition definition = t.getDefinition();
        List<ColumnInfo> columns = columns(t);
        long rows;
        Long bytes = t.getNumBytes();
        if (definition instanceof com.google.cloud.bigquery.StandardTableDefinition std) {
            rows = std.getNumRows() != null ? std.getNumRows() : t.getNumRows() == null ? 0 : t.getNumRows().longValueExact();
            bytes = std.getNumBytes() != null ? std.getNumBytes() : bytes;
        } else {
            // views (and external tables) report no row count: count them, which costs a query
            try (ResultRows r = query(DIALECT.sql().sql("SELECT COUNT(*) FROM ").table(table).build())) {
                rows = (Long) r.iterator().next().get(0);
            }
        }
        return Optional.of(new TableInfo(table, columns, rows,
                bytes == null ? OptionalLong.empty() : OptionalLong.of(bytes),
                Optional.ofNullable(t.getLastModifiedTime()).map(Instant::ofEpochMilli)));
    }

    /** The table's metadata only (one API call), also for a view: no query. */
    @Override
    public Optional<List<ColumnInfo>> columns(TableId table) {
        requireNonNull(table, "table is null");
        return call("describe the columns of table " + table, List.of(), () -> client.getTable(bq(table))).map(BigQueryWarehouse::columns);
    }

    private static List<ColumnInfo> columns(com.google.cloud.bigquery.TableInfo t) {
        List<ColumnInfo> columns = new ArrayList<>();
        Schema schema = t.getDefinition() == null ? null : t.getDefinition().getSchema();
        if (schema != null) {
            for (Field f : schema.getFields()) {
                columns.add(column(f));
            }
        }
        return List.copyOf(columns);
    }

    private static ColumnInfo column(Field f) {
        StandardSQLTypeName type = Values.type(f);
        String engineType = type.name();
        if (f.getPrecision() != null) {
            engineType += "(" + f.getPrecision() + (f.getScale() != null ? ", " + f.getScale() : "") + ")";
        } else if (f.getMaxLength() != null) {
            engineType += "(" + f.getMaxLength() + ")";
        }
        if (f.getMode() == Field.Mode.REPEATED) {
            engineType = "ARRAY<" + engineType + ">";
        }
        DataType portable = f.getMode() == Field.Mode.REPEATED ? DataType.VARCHAR : DIALECT.parseType(engineType).orElse(DataType.VARCHAR);
        return new ColumnInfo(ColumnName.of(f.getName()), portable, engineType, f.getMode() != Field.Mode.REQUIRED);
    }

    @Override
    public boolean drop(TableId table) {
        requireNonNull(table, "table is null");
        return call("drop table " + table, List.of(), () -> client.deleteTable(bq(table)));
    }

    // ------------------------------------------------------------------ statements

    private Map<String, String> labels() {
        return settings.runId().map(r -> Map.of(RUN_ID_LABEL, r)).orElse(Map.of());
    }

    private QueryJobConfiguration job(Statement statement) {
        QueryJobConfiguration.Builder b = QueryJobConfiguration.newBuilder(statement.text())
                .setUseLegacySql(false)
                .setNamedParameters(statement.parameters())
                .setLabels(labels());
        settings.maximumBytesBilled().ifPresent(b::setMaximumBytesBilled);
        return b.build();
    }

    @Override
    public QueryStats execute(Sql sql) {
        requireNonNull(sql, "sql is null");
        long start = System.nanoTime();
        Statement statement = Statement.of(sql);
        BigQueryClient.QueryResult result = call("execute statement", sql.parameters(), () -> client.query(job(statement)));
        return stats(start, result.job());
    }

    @Override
    public ResultRows query(Sql sql) {
        requireNonNull(sql, "sql is null");
        long start = System.nanoTime();
        Statement statement = Statement.of(sql);
        BigQueryClient.QueryResult result = call("run query", sql.parameters(), () -> client.query(job(statement)));
        if (result.schema() == null) {
            return ResultRows.empty(stats(start, result.job()));
        }
        List<Field> fields = List.copyOf(result.schema().getFields());
        List<ColumnInfo> columns = new ArrayList<>();
        for (int i = 0; i < fields.size(); i++) {
            Field f = fields.get(i);
            // BigQuery names anonymous columns f0_, f1_, …; never trust a name to be there
            columns.add(column(f.getName() == null || f.getName().isEmpty() ? f.toBuilder().setName("f" + i + "_").build() : f));
        }
        return new Rows(columns, fields, result.rows(), stats(start, result.job()), sql.parameters());
    }

    private QueryStats stats(long startNanos, BigQueryClient.JobResult job) {
        job.bytesProcessed().ifPresent(totals.bytes::addAndGet);
        job.slotMillis().ifPresent(totals.slotMillis::addAndGet);
        return new QueryStats(Duration.ofNanos(Math.max(1, System.nanoTime() - startNanos)), job.rowsAffected(), job.bytesProcessed());
    }

    @Override
    public long estimateBytes(Sql sql) {
        requireNonNull(sql, "sql is null");
        Statement statement = Statement.of(sql);
        return call("estimate query", sql.parameters(), () -> client.dryRun(job(statement))).bytesProcessed();
    }

    /**
     * A dry run of the scan: what BigQuery would bill for it. The columns of a clustered table are
     * billed whole in a dry run (block pruning happens only when the query runs), so this is an
     * upper bound of what a sampled query over a table clustered by {@code rangeColumn} reads.
     */
    @Override
    public OptionalLong estimateScanBytes(TableInfo table, Set<ColumnName> columns, ColumnName rangeColumn,
            double below) {
        requireNonNull(table, "table is null");
        requireNonNull(rangeColumn, "rangeColumn is null");
        if (table.column(rangeColumn).isEmpty()) {
            return OptionalLong.empty();
        }
        List<ColumnName> read = table.columns().stream().map(ColumnInfo::name)
                .filter(c -> columns.stream().anyMatch(w -> w.name().equalsIgnoreCase(c.name()))).toList();
        Sql scan = DIALECT.sql().sql("SELECT ").ids(read.isEmpty() ? List.of(rangeColumn) : read).sql(" FROM ").table(table.id())
                .sql(" WHERE ").id(rangeColumn).sql(" < ").bind(below).build();
        return OptionalLong.of(estimateBytes(scan));
    }

    // ------------------------------------------------------------------ create, load, replace, copy

    /**
     * {@code CREATE [OR REPLACE] TABLE … PARTITION BY … CLUSTER BY … AS SELECT}. BigQuery clusters by
     * at most four columns: the clustering columns, then the ordering columns while there is room
     * (BigQuery keeps no row order, clustering is its sort). With {@link WriteMode#APPEND} on an
     * existing table the rows are inserted and the layout is the table's own.
     */
    @Override
    public QueryStats createTableAs(TableId target, Sql select, TableLayout layout, WriteMode mode) {
        requireNonNull(target, "target is null");
        requireNonNull(select, "select is null");
        requireNonNull(layout, "layout is null");
        requireNonNull(mode, "mode is null");
        long start = System.nanoTime();
        Sql statement = createTableAsStatement(target, select, layout, mode);
        Statement s = Statement.of(statement);
        BigQueryClient.QueryResult result;
        try {
            result = call("create table " + target, select.parameters(), () -> client.query(job(s)));
        } catch (MeshkitException e) {
            if (mode == WriteMode.CREATE && e.getCause() instanceof BigQueryException b && Errors.isAlreadyExists(b)) {
                throw alreadyExists("create table " + target, e);
            }
            throw e;
        }
        return stats(start, result.job());
    }

    /** The statement {@link #createTableAs} runs; visible for the analyzer tests. */
    Sql createTableAsStatement(TableId target, Sql select, TableLayout layout, WriteMode mode) {
        boolean exists = mode != WriteMode.REPLACE && call("describe table " + target, List.of(), () -> client.getTable(bq(target))).isPresent();
        if (mode == WriteMode.CREATE && exists) {
            throw alreadyExists("create table " + target, null);
        }
        SqlBuilder b = DIALECT.sql();
        if (mode == WriteMode.APPEND && exists) {
            return b.sql("INSERT INTO ").table(target).sql(" SELECT * FROM (").append(select).sql(") AS meshkit_source").build();
        }
        b.sql(mode == WriteMode.REPLACE ? "CREATE OR REPLACE TABLE " : "CREATE TABLE ").table(target);
        if (layout.partitionBy().isPresent()) {
            b.sql(" PARTITION BY ").sql(partitionExpression(select, layout.partitionBy().get()));
        }
        Set<ColumnName> cluster = new LinkedHashSet<>(layout.clusterBy());
        for (ColumnName c : layout.orderBy()) {
            if (cluster.size() < 4) {
                cluster.add(c);
            }
        }
        if (!cluster.isEmpty()) {
            b.sql(" CLUSTER BY ").ids(List.copyOf(cluster));
        }
        return b.sql(" AS SELECT * FROM (").append(select).sql(") AS meshkit_source").build();
    }

    /** BigQuery partitions by a DATE column, or by the day of a TIMESTAMP or DATETIME column. */
    private String partitionExpression(Sql select, ColumnName column) {
        Statement s = Statement.of(select);
        BigQueryClient.DryRun dry = call("plan partitioning by " + column, select.parameters(), () -> client.dryRun(job(s)));
        Field field = dry.schema() == null ? null : dry.schema().getFields().stream()
                .filter(f -> f.getName().equalsIgnoreCase(column.name())).findFirst().orElse(null);
        if (field == null) {
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot partition by " + column + ": the query has no such column");
        }
        return switch (Values.type(field)) {
            case DATE -> DIALECT.quote(column);
            case TIMESTAMP, DATETIME -> "DATE(" + DIALECT.quote(column) + ")";
            default -> throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot partition by " + column
                    + ": BigQuery partitions by a DATE, DATETIME or TIMESTAMP column, not " + Values.type(field));
        };
    }

    /**
     * A load job from GCS ({@code gs://bucket/path} URIs; wildcards allowed). Parquet carries its own
     * schema; CSV files have a header line and their schema is detected.
     */
    @Override
    public QueryStats load(TableId target, LoadRequest request) {
        requireNonNull(target, "target is null");
        requireNonNull(request, "request is null");
        List<String> uris = new ArrayList<>();
        for (URI file : request.files()) {
            if (!"gs".equalsIgnoreCase(file.getScheme())) {
                throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot load table " + target
                        + ": BigQuery loads only gs: URIs, got " + file.getScheme() + ": (land the files in GCS first)");
            }
            uris.add(file.toString());
        }
        if (request.columns() == LoadRequest.Columns.TEXT) {
            // a load job types each column up front, and the header is in GCS: nothing to name them by
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot load table " + target
                    + ": BigQuery loads a CSV file with types inferred or given, not as text named by its header");
        }
        if (request.mode() == WriteMode.CREATE && call("describe table " + target, List.of(), () -> client.getTable(bq(target))).isPresent()) {
            throw alreadyExists("load table " + target, null);
        }
        LoadJobConfiguration.Builder b = LoadJobConfiguration.newBuilder(bq(target), uris,
                        request.format() == FileFormat.PARQUET ? FormatOptions.parquet()
                                : com.google.cloud.bigquery.CsvOptions.newBuilder().setSkipLeadingRows(1).setAllowQuotedNewLines(true).build())
                .setCreateDisposition(JobInfo.CreateDisposition.CREATE_IF_NEEDED)
                .setWriteDisposition(disposition(request.mode()))
                .setLabels(labels());
        if (request.format() == FileFormat.CSV) {
            b.setAutodetect(true);
        }
        long start = System.nanoTime();
        BigQueryClient.JobResult job = call("load table " + target, List.of(), () -> client.load(b.build()));
        return stats(start, job);
    }

    private static JobInfo.WriteDisposition disposition(WriteMode mode) {
        return switch (mode) {
            case CREATE -> JobInfo.WriteDisposition.WRITE_EMPTY;
            case APPEND -> JobInfo.WriteDisposition.WRITE_APPEND;
            case REPLACE -> JobInfo.WriteDisposition.WRITE_TRUNCATE;
        };
    }

    /**
     * A copy job with {@code WRITE_TRUNCATE}, then the source is deleted. The copy job swaps the
     * target's contents atomically: a reader sees the old rows or the new ones. Deleting the source
     * afterwards is a second call: if it fails, the target is already replaced and the source stays.
     * A view as target is deleted first (a copy job cannot overwrite a view), which is not atomic.
     */
    @Override
    public void replace(TableId target, TableId source) {
        requireNonNull(target, "target is null");
        requireNonNull(source, "source is null");
        if (target.equals(source)) {
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot replace table " + target + " with itself");
        }
        String what = "replace table " + target + " with " + source;
        com.google.cloud.bigquery.TableInfo src = call(what, List.of(), () -> client.getTable(bq(source)))
                .orElseThrow(() -> new NoSuchTableException("replace with", source));
        Optional<com.google.cloud.bigquery.TableInfo> old = call(what, List.of(), () -> client.getTable(bq(target)));
        if (old.isPresent() && isView(old.get())) {
            call(what, List.of(), () -> client.deleteTable(bq(target)));
        }
        copyJob(what, src, target, WriteMode.REPLACE);
        call(what, List.of(), () -> client.deleteTable(bq(source)));
    }

    @Override
    public QueryStats copy(TableId source, TableId target, WriteMode mode) {
        requireNonNull(source, "source is null");
        requireNonNull(target, "target is null");
        requireNonNull(mode, "mode is null");
        String what = "copy table " + source + " to " + target;
        long start = System.nanoTime();
        com.google.cloud.bigquery.TableInfo src = call(what, List.of(), () -> client.getTable(bq(source)))
                .orElseThrow(() -> new NoSuchTableException("copy", source));
        if (mode == WriteMode.CREATE && call(what, List.of(), () -> client.getTable(bq(target))).isPresent()) {
            throw alreadyExists(what, null);
        }
        return stats(start, copyJob(what, src, target, mode));
    }

    /** A copy job, or for a view (which a copy job cannot read) a query that writes its rows. */
    private BigQueryClient.JobResult copyJob(String what, com.google.cloud.bigquery.TableInfo source, TableId target, WriteMode mode) {
        if (isView(source)) {
            TableId from = TableId.of(source.getTableId().getDataset(), source.getTableId().getTable());
            Sql select = DIALECT.sql().sql("SELECT * FROM ").table(from).build();
            Statement s = Statement.of(createTableAsStatement(target, select, TableLayout.NONE, mode == WriteMode.CREATE ? WriteMode.CREATE : mode));
            return call(what, List.of(), () -> client.query(job(s))).job();
        }
        CopyJobConfiguration config = CopyJobConfiguration.newBuilder(bq(target), source.getTableId())
                .setCreateDisposition(JobInfo.CreateDisposition.CREATE_IF_NEEDED)
                .setWriteDisposition(disposition(mode))
                .setLabels(labels())
                .build();
        return call(what, List.of(), () -> client.copy(config));
    }

    // ------------------------------------------------------------------ promotion

    /**
     * Promotes each table by a copy job from the release into production with
     * {@code WRITE_TRUNCATE}: BigQuery swaps the table's contents atomically when the job commits, so
     * a reader sees the rows served before or the release's, never an empty or partial table. The
     * tables are promoted one after the other, not together. Every release is checked before
     * anything changes.
     *
     * <p>Which release production serves is kept in production's labels ({@link ReleaseLabels}).
     * A copy job cannot set its destination's labels, so the labels are patched around the job:
     * before it, the release and the job's id as pending; after it, the release as served. If the
     * process dies between the job and the second patch, {@link #servedRelease} asks BigQuery
     * whether the pending job committed, so it is right either way. A production view (which a copy
     * job cannot overwrite) is deleted first: that moment is not atomic.
     */
    @Override
    public void promote(List<Promotion> promotions) {
        List<Promotion> all = List.copyOf(promotions);
        for (Promotion p : all) {
            String what = "promote " + p.release() + " to " + p.production();
            if (!ReleaseLabels.fits(p.release())) {
                throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot " + what
                        + ": the release's dataset and table name are too long to record in labels (at most about 250 bytes)");
            }
            com.google.cloud.bigquery.TableInfo release = call(what, List.of(), () -> client.getTable(bq(p.release())))
                    .orElseThrow(() -> new NoSuchTableException("promote", p.release()));
            if (isView(release)) {
                throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot " + what + ": the release is a view, and a copy job copies tables only");
            }
        }
        for (Promotion p : all) {
            promoteOne(p);
        }
    }

    private void promoteOne(Promotion p) {
        String what = "promote " + p.release() + " to " + p.production();
        com.google.cloud.bigquery.TableId production = bq(p.production());
        Optional<com.google.cloud.bigquery.TableInfo> old = call(what, List.of(), () -> client.getTable(production));
        if (old.isPresent() && isView(old.get())) {
            call(what, List.of(), () -> client.deleteTable(production));
            old = Optional.empty();
        }
        // what production serves now, settled (a promotion that died after its copy job is counted)
        Optional<TableId> current = old.flatMap(this::served);
        boolean exists = old.isPresent();
        CopyJobConfiguration config = CopyJobConfiguration.newBuilder(production, bq(p.release()))
                .setCreateDisposition(JobInfo.CreateDisposition.CREATE_IF_NEEDED)
                .setWriteDisposition(JobInfo.WriteDisposition.WRITE_TRUNCATE)
                .setLabels(labels())
                .build();
        String[] lastJob = {null};
        call(what, List.of(), () -> {
            if (lastJob[0] != null && client.jobState(lastJob[0]).orElse(null) == BigQueryClient.JobState.SUCCEEDED) {
                return null; // the previous attempt's job committed; only the answer to it was lost
            }
            String jobId = "meshkit_promote_" + UUID.randomUUID().toString().replace("-", "");
            if (exists) {
                Map<String, String> labels = new HashMap<>();
                current.ifPresent(c -> labels.putAll(ReleaseLabels.served(c)));
                labels.putAll(ReleaseLabels.pending(p.release(), jobId));
                client.updateLabels(production, labels);
            }
            lastJob[0] = jobId;
            client.copy(config, jobId);
            return null;
        });
        call(what, List.of(), () -> {
            client.updateLabels(production, ReleaseLabels.served(p.release()));
            return null;
        });
    }

    /** The release a production table serves, from its labels and, for a pending promotion, its copy job. */
    private Optional<TableId> served(com.google.cloud.bigquery.TableInfo production) {
        if (isView(production)) {
            return Optional.empty();
        }
        Map<String, String> labels = production.getLabels();
        Optional<TableId> pending = ReleaseLabels.pendingRelease(labels);
        Optional<String> job = ReleaseLabels.pendingJob(labels);
        if (pending.isPresent() && job.isPresent()) {
            Optional<BigQueryClient.JobState> state = call("read the promotion of " + production.getTableId().getTable(), List.of(),
                    () -> client.jobState(job.get()));
            if (state.orElse(null) == BigQueryClient.JobState.SUCCEEDED) {
                return pending;
            }
        }
        return ReleaseLabels.servedRelease(labels);
    }

    /** Copy jobs run one table at a time: a reader may see one table promoted and the next not yet. */
    @Override
    public boolean promotesAtomicallyAcrossTables() {
        return false;
    }

    @Override
    public Optional<TableId> servedRelease(TableId production) {
        requireNonNull(production, "production is null");
        return call("read the promotion of " + production, List.of(), () -> client.getTable(bq(production))).flatMap(this::served);
    }

    /**
     * None: a promotion copies the release into production, which then reads its own copy, so a change to the release
     * leaves production as it is. Reads nothing.
     */
    @Override
    public Optional<TableId> servingProduction(TableId release) {
        requireNonNull(release, "release is null");
        return Optional.empty();
    }

    /** API calls, not statements: each commits on its own. Runs nothing and reads nothing. */
    @Override
    public PromotionPlan planPromotion(List<Promotion> promotions) {
        List<PromotionPlan.Step> steps = new ArrayList<>();
        for (Promotion p : promotions) {
            String production = DIALECT.quote(p.production());
            String release = DIALECT.quote(p.release());
            steps.add(PromotionPlan.Step.call("DELETE VIEW " + production + " -- only if production is a view (a copy job cannot overwrite one)"));
            steps.add(PromotionPlan.Step.call("PATCH LABELS " + production + " SET meshkit-pending = " + release
                    + ", meshkit-pending-job = <copy job id> -- only if production exists"));
            steps.add(PromotionPlan.Step.call("COPY JOB " + release + " TO " + production + " WRITE_TRUNCATE CREATE_IF_NEEDED"
                    + settings.runId().map(r -> " LABELS " + RUN_ID_LABEL + "=" + r).orElse("")));
            steps.add(PromotionPlan.Step.call("PATCH LABELS " + production + " SET meshkit-serves = " + release
                    + ", REMOVE meshkit-pending, meshkit-pending-job"));
        }
        return new PromotionPlan(steps, PromotionPlan.Commit.EACH_STEP);
    }

    private static boolean isView(com.google.cloud.bigquery.TableInfo t) {
        return t.getDefinition() != null && t.getDefinition().getType() == TableDefinition.Type.VIEW;
    }

    private static MeshkitException alreadyExists(String what, Throwable cause) {
        return new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot " + what + ": it already exists", cause);
    }

    /** Runs a client call with retries, wrapping BigQuery's errors. */
    private <T> T call(String what, List<Object> parameters, Supplier<T> work) {
        try {
            return retry.call(work);
        } catch (BigQueryException e) {
            throw Errors.wrap(what, e, parameters);
        }
    }

    @Override
    public void close() {
        if (ownsClient) {
            client.close();
        }
    }

    @Override
    public String toString() {
        return "BigQueryWarehouse[" + uri + "]";
    }

    private static final class Totals {
        final AtomicLong bytes = new AtomicLong();
        final AtomicLong slotMillis = new AtomicLong();
    }

    /** Rows streamed from the result pages; each row is copied out. */
    private static final class Rows implements ResultRows {
        private final List<ColumnInfo> columns;
        private final List<Field> fields;
        private final Iterator<FieldValueList> source;
        private final QueryStats stats;
        private final List<Object> parameters;
        private final AtomicBoolean iterated = new AtomicBoolean();
        private volatile boolean closed;

        Rows(List<ColumnInfo> columns, List<Field> fields, Iterator<FieldValueList> source, QueryStats stats, List<Object> parameters) {
            this.columns = columns;
            this.fields = fields;
            this.source = source;
            this.stats = stats;
            this.parameters = parameters;
        }

        @Override
        public List<ColumnInfo> columns() {
            return columns;
        }

        @Override
        public Iterator<Row> iterator() {
            if (!iterated.compareAndSet(false, true)) {
                throw new IllegalStateException("a result can be iterated once");
            }
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    if (closed) {
                        return false;
                    }
                    try {
                        return source.hasNext();
                    } catch (BigQueryException e) {
                        throw Errors.wrap("read query result", e, parameters);
                    }
                }

                @Override
                public Row next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    FieldValueList values = source.next();
                    List<Object> row = new ArrayList<>(fields.size());
                    for (int i = 0; i < fields.size(); i++) {
                        row.add(Values.read(fields.get(i), values.get(i)));
                    }
                    return new BigQueryRow(columns, row);
                }
            };
        }

        @Override
        public QueryStats stats() {
            return stats;
        }

        @Override
        public void close() {
            closed = true; // pages not yet fetched are never fetched
        }
    }

    /** One row: a copy of its values. */
    private record BigQueryRow(List<ColumnInfo> columns, List<Object> row) implements Row {
        @Override
        public Object get(int index) {
            return row.get(index);
        }

        @Override
        public List<Object> values() {
            return java.util.Collections.unmodifiableList(row);
        }
    }
}
