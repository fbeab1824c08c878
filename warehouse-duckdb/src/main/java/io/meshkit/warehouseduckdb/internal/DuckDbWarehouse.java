package io.meshkit.warehouseduckdb.internal;

import static java.util.Objects.requireNonNull;

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
import io.meshkit.core.warehouse.OpenWait;
import io.meshkit.core.warehouse.Promotion;
import io.meshkit.core.warehouse.QueryStats;
import io.meshkit.core.warehouse.ResultRows;
import io.meshkit.core.warehouse.Sql;
import io.meshkit.core.warehouse.SqlBuilder;
import io.meshkit.core.warehouse.SupportsPromotion;
import io.meshkit.core.warehouse.SupportsScanEstimate;
import io.meshkit.core.warehouse.SupportsTransactions;
import io.meshkit.core.warehouse.TableInfo;
import io.meshkit.core.warehouse.TableLayout;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.core.warehouse.WriteMode;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;
import org.duckdb.DuckDBConnection;

/**
 * An embedded DuckDB database as a {@link Warehouse}. Thread-safe: every operation and every result
 * stream borrows its own connection duplicated from one root connection.
 *
 * <p>The view passed to {@link #inTransaction} runs every call on the transaction's single connection;
 * use it from one thread, and finish (or close) a result stream before running the next statement,
 * since DuckDB invalidates a streaming result when its connection runs another statement.
 */
public final class DuckDbWarehouse implements Warehouse, SupportsTransactions, SupportsPromotion, SupportsScanEstimate {
    private static final int FETCH_SIZE = 2048; // DuckDB's vector size: one chunk per fetch
    private static final Dialect DIALECT = DuckDbDialect.INSTANCE;
    /** Prefix of the comment that marks a view made by {@link #promote} and names its release table. */
    private static final String PROMOTED = "meshkit-promoted:";

    private final String uri;
    private final ConnectionPool pool;
    private final DuckDBConnection transaction; // null unless this is the view of a transaction
    private volatile boolean transactionEnded;

    private DuckDbWarehouse(String uri, ConnectionPool pool, DuckDBConnection transaction) {
        this.uri = uri;
        this.pool = pool;
        this.transaction = transaction;
    }

    /**
     * Opens a database and applies the settings.
     *
     * @param uri the meshkit URI, for messages
     * @param jdbcUrl {@code jdbc:duckdb:} for an in-memory database, or {@code jdbc:duckdb:/abs/path}
     */
    public static DuckDbWarehouse open(String uri, String jdbcUrl, DuckDbSettings settings) {
        requireNonNull(settings, "settings is null");
        Properties properties = new Properties();
        properties.setProperty("jdbc_stream_results", "true"); // fetch chunk by chunk, never the whole result
        DuckDBConnection root = connectWaiting(uri, jdbcUrl, properties);
        try (Statement s = root.createStatement()) {
            // meshkit's TIMESTAMP means UTC: render TIMESTAMPTZ the same way whatever the host's zone
            // (this setting is global, so every duplicated connection has it)
            s.execute("SET TimeZone = 'UTC'");
            for (String set : settings.statements()) {
                s.execute(set);
            }
        } catch (SQLException e) {
            try {
                root.close();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT,
                    "Cannot open warehouse " + uri + ": " + Errors.reason(e, List.of()), e);
        }
        return new DuckDbWarehouse(uri, new ConnectionPool(uri, root), null);
    }

    private static final java.util.regex.Pattern LOCK_HOLDER = java.util.regex.Pattern.compile("\\(PID (\\d+)\\)");

    /**
     * Connects; a file another process holds (DuckDB allows one writing process) is retried for up
     * to {@link OpenWait#current()} (the {@code --wait} option, 30 s by default) with a progress line
     * on standard error, then refused as {@code Cannot open warehouse …: it is in use by PID n (…)}.
     */
    private static DuckDBConnection connectWaiting(String uri, String jdbcUrl, Properties properties) {
        long deadline = System.nanoTime() + OpenWait.current().toNanos();
        long nextNote = 0;
        while (true) {
            try {
                return (DuckDBConnection) DriverManager.getConnection(jdbcUrl, properties);
            } catch (SQLException e) {
                String message = String.valueOf(e.getMessage());
                if (!message.contains("Could not set lock on file")) {
                    throw Errors.wrap("open warehouse " + uri, e);
                }
                java.util.regex.Matcher m = LOCK_HOLDER.matcher(message);
                String holder = m.find() ? "PID " + m.group(1) + describe(Long.parseLong(m.group(1))) : "another process";
                long now = System.nanoTime();
                if (now >= deadline) {
                    throw new MeshkitException(ErrorCode.WAREHOUSE_FAILURE, "Cannot open warehouse " + uri + ": it is in use by "
                            + holder + "; retry, or use --wait (seconds to wait, now " + OpenWait.current().toSeconds() + ")", e);
                }
                if (now >= nextNote) {
                    System.err.println("waiting for warehouse " + uri + ": it is in use by " + holder + " (up to "
                            + Math.max(1, (deadline - now) / 1_000_000_000L) + " s more; --wait)");
                    System.err.flush();
                    nextNote = now + 5_000_000_000L;
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw Errors.wrap("open warehouse " + uri, e);
                }
            }
        }
    }

    /** {@code " (meshkit publish promote …)"}: what the holding process runs, as far as this host tells. */
    private static String describe(long pid) {
        return ProcessHandle.of(pid).flatMap(h -> h.info().arguments().map(List::of).map(args -> {
            int main = -1;
            for (int i = 0; i < args.size(); i++) {
                if (args.get(i).startsWith("io.meshkit.")) {
                    main = i;
                }
            }
            if (main < 0) {
                return h.info().command().map(c -> java.nio.file.Path.of(c).getFileName().toString()).orElse("");
            }
            String cmd = "meshkit " + String.join(" ", args.subList(main + 1, args.size()));
            cmd = io.meshkit.core.secret.Secrets.redact(cmd);
            return cmd.length() > 80 ? cmd.substring(0, 77) + "..." : cmd;
        })).filter(s -> !s.isEmpty()).map(s -> " (" + s + ")").orElse("");
    }

    @Override
    public Dialect dialect() {
        return DIALECT;
    }

    @Override
    public String uri() {
        return uri;
    }

    @Override
    public void createNamespace(Namespace namespace) {
        run("create namespace " + namespace, List.of(), c -> {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE SCHEMA IF NOT EXISTS " + DIALECT.quote(namespace));
            }
            return null;
        });
    }

    @Override
    public List<TableId> listTables(Namespace namespace) {
        return run("list tables of namespace " + namespace, List.of(), c -> {
            List<TableId> tables = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT table_schema, table_name FROM information_schema.tables"
                    + " WHERE table_catalog = current_database() AND lower(table_schema) = lower(?)")) {
                ps.setString(1, namespace.name());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        tables.add(new TableId(namespace, rs.getString(2)));
                    }
                }
            }
            tables.sort((a, b) -> a.name().compareTo(b.name()));
            return List.copyOf(tables);
        });
    }

    @Override
    public Optional<TableInfo> describe(TableId table) {
        return atomically("describe table " + table, List.of(), c -> {
            List<ColumnInfo> columns = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT column_name, data_type, is_nullable"
                    + " FROM information_schema.columns WHERE table_catalog = current_database()"
                    + " AND lower(table_schema) = lower(?) AND lower(table_name) = lower(?) ORDER BY ordinal_position")) {
                ps.setString(1, table.namespace().name());
                ps.setString(2, table.name());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String engineType = rs.getString(2);
                        columns.add(new ColumnInfo(ColumnName.of(rs.getString(1)), portable(engineType), engineType,
                                "YES".equalsIgnoreCase(rs.getString(3))));
                    }
                }
            }
            if (columns.isEmpty()) {
                return Optional.<TableInfo>empty();
            }
            long rows;
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT count(*) FROM " + DIALECT.quote(table))) {
                rs.next();
                rows = rs.getLong(1);
            }
            return Optional.of(new TableInfo(table, columns, rows, OptionalLong.empty(), Optional.empty()));
        });
    }

    /**
     * The portable type of a DuckDB type. Types without one (LIST, STRUCT, MAP, INTERVAL, ...) are
     * read as their text, so they are described as VARCHAR; {@link ColumnInfo#engineType()} keeps the
     * real type.
     */
    private static DataType portable(String engineType) {
        return DIALECT.parseType(engineType).orElse(DataType.VARCHAR);
    }

    @Override
    public QueryStats execute(Sql sql) {
        requireNonNull(sql, "sql is null");
        long start = System.nanoTime();
        long count = run("execute statement", sql.parameters(), c -> update(c, sql));
        return new QueryStats(Duration.ofNanos(System.nanoTime() - start),
                count < 0 ? OptionalLong.empty() : OptionalLong.of(count), OptionalLong.empty());
    }

    /** Runs a statement on a connection; returns the update count, or -1 if it has none. */
    private static long update(DuckDBConnection c, Sql sql) throws SQLException {
        if (sql.parameters().isEmpty()) {
            // a plain statement, so that a script of several statements runs too
            try (Statement s = c.createStatement()) {
                return s.execute(sql.text()) ? -1 : s.getLargeUpdateCount();
            }
        }
        try (PreparedStatement ps = c.prepareStatement(sql.text())) {
            Values.bind(c, ps, sql.parameters());
            return ps.execute() ? -1 : ps.getLargeUpdateCount();
        }
    }

    @Override
    public ResultRows query(Sql sql) {
        requireNonNull(sql, "sql is null");
        long start = System.nanoTime();
        Lease lease = lease();
        PreparedStatement ps = null;
        try {
            DuckDBConnection c = lease.connection();
            ps = c.prepareStatement(sql.text());
            ps.setFetchSize(FETCH_SIZE);
            Values.bind(c, ps, sql.parameters());
            if (!ps.execute()) {
                // a statement without a result set (DDL, or DML on some DuckDB versions)
                long affected = ps.getLargeUpdateCount();
                ps.close();
                lease.release(false);
                return ResultRows.empty(new QueryStats(Duration.ofNanos(System.nanoTime() - start),
                        affected < 0 ? OptionalLong.empty() : OptionalLong.of(affected), OptionalLong.empty()));
            }
            ResultSet rs = ps.getResultSet();
            ResultSetMetaData md = rs.getMetaData();
            List<ColumnInfo> columns = new ArrayList<>();
            Values.Reader[] readers = new Values.Reader[md.getColumnCount()];
            for (int i = 1; i <= md.getColumnCount(); i++) {
                String engineType = md.getColumnTypeName(i);
                columns.add(new ColumnInfo(ColumnName.of(md.getColumnLabel(i)), portable(engineType), engineType,
                        md.isNullable(i) != ResultSetMetaData.columnNoNulls));
                readers[i - 1] = Values.reader(engineType, md.getColumnType(i));
            }
            return new DuckDbResultRows(lease, ps, rs, List.copyOf(columns), readers, sql.parameters(), start);
        } catch (SQLException e) {
            closeQuietly(ps, e);
            lease.release(true);
            throw Errors.wrap("run query", e, sql.parameters());
        } catch (RuntimeException e) {
            lease.release(true);
            throw e;
        }
    }

    @Override
    public QueryStats createTableAs(TableId target, Sql select, TableLayout layout, WriteMode mode) {
        requireNonNull(target, "target is null");
        requireNonNull(select, "select is null");
        requireNonNull(layout, "layout is null");
        requireNonNull(mode, "mode is null");
        long start = System.nanoTime();
        long rows = atomically("create table " + target, select.parameters(), c -> createTableAs(c, target, select, layout, mode));
        return new QueryStats(Duration.ofNanos(System.nanoTime() - start),
                rows < 0 ? OptionalLong.empty() : OptionalLong.of(rows), OptionalLong.empty());
    }

    /**
     * DuckDB has no {@code CREATE TABLE ... ORDER BY}: the rows are inserted sorted, and DuckDB keeps
     * insertion order, so zone maps then skip row groups. {@code partitionBy} has no DuckDB meaning
     * and is ignored.
     */
    private long createTableAs(DuckDBConnection c, TableId target, Sql select, TableLayout layout, WriteMode mode)
            throws SQLException {
        boolean exists = tableType(c, target).isPresent();
        SqlBuilder b = DIALECT.sql();
        if (mode == WriteMode.CREATE && exists) {
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot create table " + target + ": it already exists");
        }
        if (mode == WriteMode.APPEND && exists) {
            b.sql("INSERT INTO ").table(target).sql(" ");
        } else {
            b.sql(mode == WriteMode.REPLACE ? "CREATE OR REPLACE TABLE " : "CREATE TABLE ").table(target).sql(" AS ");
        }
        b.sql("SELECT * FROM (").append(select).sql(") AS meshkit_source");
        Set<ColumnName> sortBy = new LinkedHashSet<>(layout.clusterBy());
        sortBy.addAll(layout.orderBy());
        if (!sortBy.isEmpty()) {
            b.sql(" ORDER BY ").ids(List.copyOf(sortBy));
        }
        return update(c, b.build());
    }

    @Override
    public QueryStats load(TableId target, LoadRequest request) {
        requireNonNull(target, "target is null");
        requireNonNull(request, "request is null");
        List<String> paths = new ArrayList<>();
        for (URI file : request.files()) {
            if (!"file".equalsIgnoreCase(file.getScheme())) {
                throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot load table " + target + ": DuckDB loads only file: URIs, got "
                        + file.getScheme() + ": (download the files first)");
            }
            Path path = Path.of(file);
            if (!Files.isReadable(path)) {
                throw new MeshkitException(ErrorCode.FILE_NOT_FOUND, "Cannot load table " + target + ": cannot read file " + path);
            }
            paths.add(path.toString());
        }
        // DuckDB binds a prepared parameter as a table function's file list, so no path is ever
        // written into the SQL text (no literal escaping needed)
        SqlBuilder select = DIALECT.sql().sql("SELECT * FROM ");
        if (request.format() == FileFormat.PARQUET) {
            select.append(DIALECT.scanFiles(request.files(), FileFormat.PARQUET).orElseThrow());
        } else {
            // RFC 4180: a comma between fields, a double quote around them and doubled inside
            select.sql("read_csv(CAST(").bind(paths.toArray(String[]::new))
                    .sql(" AS VARCHAR[]), header = true, delim = ',', quote = '\"', escape = '\"'");
            if (request.columns() == LoadRequest.Columns.TEXT) {
                select.sql(", all_varchar = true, allow_quoted_nulls = false");
            }
            select.sql(")");
        }
        return createTableAs(target, select.build(), TableLayout.NONE, request.mode());
    }

    @Override
    public OptionalLong estimateScanBytes(TableInfo table, Set<ColumnName> columns, ColumnName rangeColumn, double below) {
        requireNonNull(table, "table is null");
        return ScanEstimate.bytes(this, pool.scanCache, table, Set.copyOf(columns), requireNonNull(rangeColumn, "rangeColumn is null"), below);
    }

    /**
     * Same namespace: {@code DROP target; ALTER source RENAME TO target}, no copy. Across namespaces
     * DuckDB cannot rename into another schema, so the rows are copied and the source dropped. Either
     * way in one transaction: a reader on another connection sees the old table or the new one.
     */
    @Override
    public void replace(TableId target, TableId source) {
        requireNonNull(target, "target is null");
        requireNonNull(source, "source is null");
        if (target.equals(source)) {
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot replace table " + target + " with itself");
        }
        atomically("replace table " + target + " with " + source, List.of(), c -> {
            if (tableType(c, source).isEmpty()) {
                throw new NoSuchTableException("replace with", source);
            }
            try (Statement s = c.createStatement()) {
                if (sameNamespace(target, source)) {
                    Optional<String> type = tableType(c, target);
                    if (type.isPresent()) {
                        s.execute(dropStatement(type.get(), target));
                    }
                    s.execute("ALTER TABLE " + DIALECT.quote(source) + " RENAME TO " + DIALECT.quoteIdentifier(target.name()));
                } else {
                    Optional<String> type = tableType(c, target);
                    if (type.isPresent() && isView(type.get())) {
                        s.execute(dropStatement(type.get(), target));
                    }
                    s.execute("CREATE OR REPLACE TABLE " + DIALECT.quote(target) + " AS SELECT * FROM " + DIALECT.quote(source));
                    s.execute("DROP TABLE " + DIALECT.quote(source));
                }
            }
            return null;
        });
    }

    private static boolean sameNamespace(TableId a, TableId b) {
        return a.namespace().name().equalsIgnoreCase(b.namespace().name()); // DuckDB resolves names without case
    }

    /**
     * Production becomes a view over the release table: {@code CREATE OR REPLACE VIEW}, then a
     * comment naming the release (DuckDB normalises a view's SQL text, so the comment, not the text,
     * says what it serves). Metadata only, whatever the table's size; all promotions of the call in
     * one transaction, or in the caller's. A production that is a plain table is dropped in the same
     * transaction.
     */
    @Override
    public void promote(List<Promotion> promotions) {
        List<Promotion> all = List.copyOf(promotions);
        if (all.isEmpty()) {
            return;
        }
        atomically("promote " + all.get(0).release() + " to " + all.get(0).production()
                + (all.size() > 1 ? " and " + (all.size() - 1) + " more" : ""), List.of(), c -> {
            for (Promotion p : all) {
                if (tableType(c, p.release()).isEmpty()) {
                    throw new NoSuchTableException("promote", p.release());
                }
                Optional<String> type = tableType(c, p.production());
                try (Statement s = c.createStatement()) {
                    if (type.isPresent() && !isView(type.get())) {
                        s.execute(dropStatement(type.get(), p.production()));
                    }
                    for (String statement : promotionStatements(p)) {
                        s.execute(statement);
                    }
                }
            }
            return null;
        });
    }

    private static List<String> promotionStatements(Promotion p) {
        // the comment is a string literal: hex digits only, so it needs no escaping and carries no value
        HexFormat hex = HexFormat.of();
        String marker = PROMOTED + hex.formatHex(p.release().namespace().name().getBytes(StandardCharsets.UTF_8)) + "."
                + hex.formatHex(p.release().name().getBytes(StandardCharsets.UTF_8));
        return List.of(
                "CREATE OR REPLACE VIEW " + DIALECT.quote(p.production()) + " AS SELECT * FROM " + DIALECT.quote(p.release()),
                "COMMENT ON VIEW " + DIALECT.quote(p.production()) + " IS '" + marker + "'");
    }

    @Override
    public boolean promotesAtomicallyAcrossTables() {
        return true;
    }

    @Override
    public Optional<TableId> servedRelease(TableId production) {
        requireNonNull(production, "production is null");
        return run("read the promotion of " + production, List.of(), c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT comment FROM duckdb_views() WHERE database_name = current_database()"
                    + " AND lower(schema_name) = lower(?) AND lower(view_name) = lower(?)")) {
                ps.setString(1, production.namespace().name());
                ps.setString(2, production.name());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? parsePromoted(rs.getString(1)) : Optional.<TableId>empty();
                }
            }
        });
    }

    private static Optional<TableId> parsePromoted(String comment) {
        if (comment == null || !comment.startsWith(PROMOTED)) {
            return Optional.empty();
        }
        String[] parts = comment.substring(PROMOTED.length()).split("\\.", -1);
        if (parts.length != 2) {
            return Optional.empty();
        }
        try {
            HexFormat hex = HexFormat.of();
            return Optional.of(TableId.of(new String(hex.parseHex(parts[0]), StandardCharsets.UTF_8),
                    new String(hex.parseHex(parts[1]), StandardCharsets.UTF_8)));
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // not a comment this class wrote
        }
    }

    @Override
    public List<String> describePromotion(List<Promotion> promotions) {
        List<String> lines = new ArrayList<>();
        lines.add("BEGIN TRANSACTION");
        for (Promotion p : promotions) {
            lines.add("DROP TABLE IF EXISTS " + DIALECT.quote(p.production()) + " -- only if production is a plain table");
            lines.addAll(promotionStatements(p));
        }
        lines.add("COMMIT");
        return List.copyOf(lines);
    }

    @Override
    public QueryStats copy(TableId source, TableId target, WriteMode mode) {
        requireNonNull(source, "source is null");
        requireNonNull(target, "target is null");
        requireNonNull(mode, "mode is null");
        long start = System.nanoTime();
        Sql select = DIALECT.sql().sql("SELECT * FROM ").table(source).build();
        long rows = atomically("copy table " + source + " to " + target, List.of(), c -> {
            if (tableType(c, source).isEmpty()) {
                throw new NoSuchTableException("copy", source);
            }
            return createTableAs(c, target, select, TableLayout.NONE, mode);
        });
        return new QueryStats(Duration.ofNanos(System.nanoTime() - start),
                rows < 0 ? OptionalLong.empty() : OptionalLong.of(rows), OptionalLong.empty());
    }

    @Override
    public boolean drop(TableId table) {
        requireNonNull(table, "table is null");
        return atomically("drop table " + table, List.of(), c -> {
            Optional<String> type = tableType(c, table);
            if (type.isEmpty()) {
                return false;
            }
            try (Statement s = c.createStatement()) {
                s.execute(dropStatement(type.get(), table));
            }
            return true;
        });
    }

    private static String dropStatement(String tableType, TableId table) {
        return (isView(tableType) ? "DROP VIEW IF EXISTS " : "DROP TABLE IF EXISTS ") + DIALECT.quote(table);
    }

    private static boolean isView(String tableType) {
        return tableType.equalsIgnoreCase("VIEW");
    }

    /** {@code BASE TABLE} or {@code VIEW}, or empty if there is no such table. */
    private static Optional<String> tableType(DuckDBConnection c, TableId table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT table_type FROM information_schema.tables"
                + " WHERE table_catalog = current_database() AND lower(table_schema) = lower(?) AND lower(table_name) = lower(?)")) {
            ps.setString(1, table.namespace().name());
            ps.setString(2, table.name());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /**
     * Runs {@code work} in one DuckDB transaction on one connection. Inside a transaction already,
     * {@code work} joins it (DuckDB has no nested transactions).
     */
    @Override
    public <T> T inTransaction(Function<Warehouse, T> work) {
        requireNonNull(work, "work is null");
        if (transaction != null) {
            return work.apply(this);
        }
        try (Lease lease = pool.lease()) {
            DuckDBConnection c = lease.connection();
            DuckDbWarehouse view = new DuckDbWarehouse(uri, pool, c);
            try {
                return inTransaction(c, "run transaction on warehouse " + uri, List.of(), conn -> work.apply(view));
            } finally {
                view.transactionEnded = true; // its connection goes back to the pool: a kept view must not use it
            }
        }
    }

    @Override
    public void close() {
        if (transaction == null) {
            pool.close();
        }
        // the view of a transaction owns nothing: the transaction ends when its work returns
    }

    @FunctionalInterface
    private interface SqlWork<T> {
        T run(DuckDBConnection connection) throws SQLException;
    }

    private Lease lease() {
        if (transaction == null) {
            return pool.lease();
        }
        pool.checkOpen();
        if (transactionEnded) {
            throw new MeshkitException(ErrorCode.INTERNAL_ERROR,
                    "Cannot use transaction on warehouse " + uri + ": it has ended (use the view only inside its work)");
        }
        return new Lease() {
            @Override
            public DuckDBConnection connection() {
                return transaction;
            }

            @Override
            public boolean inTransaction() {
                return true;
            }

            @Override
            public void release(boolean broken) {
                // the transaction owns its connection
            }
        };
    }

    /** Runs work on a connection of its own, in auto-commit. */
    private <T> T run(String what, List<Object> parameters, SqlWork<T> work) {
        try (Lease lease = lease()) {
            try {
                return work.run(lease.connection());
            } catch (SQLException e) {
                throw Errors.wrap(what, e, parameters);
            }
        }
    }

    /** Runs work as one transaction, or as part of the current one. */
    private <T> T atomically(String what, List<Object> parameters, SqlWork<T> work) {
        try (Lease lease = lease()) {
            if (lease.inTransaction()) {
                try {
                    return work.run(lease.connection());
                } catch (SQLException e) {
                    throw Errors.wrap(what, e, parameters);
                }
            }
            return inTransaction(lease.connection(), what, parameters, work);
        }
    }

    private static <T> T inTransaction(DuckDBConnection c, String what, List<Object> parameters, SqlWork<T> work) {
        try {
            c.setAutoCommit(false);
        } catch (SQLException e) {
            throw Errors.wrap(what, e);
        }
        try {
            T result = work.run(c);
            c.commit();
            return result;
        } catch (SQLException e) {
            rollback(c, e);
            throw Errors.wrap(what, e, parameters);
        } catch (RuntimeException | Error e) {
            rollback(c, e);
            throw e;
        } finally {
            try {
                c.setAutoCommit(true);
            } catch (SQLException e) {
                // the lease sees auto-commit still off and closes the connection instead of reusing it
            }
        }
    }

    private static void rollback(DuckDBConnection c, Throwable failure) {
        try {
            c.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    private static void closeQuietly(Statement s, Throwable failure) {
        if (s != null) {
            try {
                s.close();
            } catch (SQLException e) {
                failure.addSuppressed(e);
            }
        }
    }

    @Override
    public String toString() {
        return "DuckDbWarehouse[" + uri + (transaction == null ? "" : ", in transaction") + "]";
    }
}
