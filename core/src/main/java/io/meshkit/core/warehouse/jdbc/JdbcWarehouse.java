package io.meshkit.core.warehouse.jdbc;

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
import io.meshkit.core.warehouse.LoadRequest;
import io.meshkit.core.warehouse.Promotion;
import io.meshkit.core.warehouse.PromotionPlan;
import io.meshkit.core.warehouse.QueryStats;
import io.meshkit.core.warehouse.ResultRows;
import io.meshkit.core.warehouse.Sql;
import io.meshkit.core.warehouse.SqlBuilder;
import io.meshkit.core.warehouse.SupportsPromotion;
import io.meshkit.core.warehouse.SupportsTransactions;
import io.meshkit.core.warehouse.TableInfo;
import io.meshkit.core.warehouse.TableLayout;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.core.warehouse.WriteMode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * The part of a {@link Warehouse} that every JDBC engine shares: connections borrowed from a
 * {@link ConnectionPool} per operation and per result stream, transactions on one connection (a
 * call inside {@link #inTransaction} joins it), streamed results, statements with bound values,
 * catalog look-ups run as the engine's queries, copies, drops and the promotion of production views
 * marked with a comment that names their release. Uses {@code java.sql} only.
 *
 * <p>A warehouse module extends it with what its engine spells or does differently: its
 * {@link Dialect} and {@link JdbcErrors}, binding and reading values, the catalog queries, the DDL of
 * a create-table-as and a replace, loading files, and the statements of a promotion.
 *
 * <p>Thread-safe. The view passed to {@link #inTransaction} runs every call on the transaction's single
 * connection: use it from one thread, and finish (or close) a result stream before the next statement.
 */
public abstract class JdbcWarehouse implements Warehouse, SupportsTransactions, SupportsPromotion {
    /** Rows fetched per round trip of a streamed result (DuckDB's vector size: one chunk per fetch). */
    protected static final int FETCH_SIZE = 2048;
    /** Prefix of the comment that marks a view made by {@link #promote} and names its release table. */
    protected static final String PROMOTED = "meshkit-promoted:";

    private final String uri;
    private final Dialect dialect;
    private final JdbcErrors errors;
    private final ConnectionPool pool;
    private final Connection transaction; // null unless this is the view of a transaction
    private volatile boolean transactionEnded;

    /**
     * @param uri the URI without secrets, for messages
     * @param transaction null for the warehouse itself; the transaction's connection for its view
     */
    protected JdbcWarehouse(String uri, Dialect dialect, JdbcErrors errors, ConnectionPool pool, Connection transaction) {
        this.uri = requireNonNull(uri, "uri is null");
        this.dialect = requireNonNull(dialect, "dialect is null");
        this.errors = requireNonNull(errors, "errors is null");
        this.pool = requireNonNull(pool, "pool is null");
        this.transaction = transaction;
    }

    // ---------------------------------------------------------------- what an engine provides

    /** A view of this warehouse that runs every call on {@code transaction} (a new instance sharing the pool). */
    protected abstract JdbcWarehouse transactionView(Connection transaction);

    /** The engine's name of the text type, for binding a {@code String[]} (a list of files, of keys) as an array. */
    protected abstract String textArrayElementType();

    /**
     * Binds the statement's values: NULL as an untyped NULL, bytes as bytes, everything else as the
     * object {@link #jdbcValue} gives.
     */
    protected final void bind(Connection connection, PreparedStatement ps, List<Object> parameters) throws SQLException {
        for (int i = 0; i < parameters.size(); i++) {
            Object v = jdbcValue(connection, parameters.get(i));
            if (v == null) {
                ps.setNull(i + 1, Types.NULL);
            } else if (v instanceof byte[] bytes) {
                ps.setBytes(i + 1, bytes);
            } else {
                ps.setObject(i + 1, v);
            }
        }
    }

    /**
     * A bound value as the driver takes it: an {@code Instant} as an {@code OffsetDateTime} in UTC, a
     * UUID and a character as text, a {@code String[]} as an array of the {@link #textArrayElementType};
     * the other {@link io.meshkit.core.warehouse.Row} types as they are. An engine adds the conversions its driver needs.
     */
    protected Object jdbcValue(Connection connection, Object value) throws SQLException {
        if (value instanceof Instant instant) {
            return instant.atOffset(ZoneOffset.UTC);
        }
        if (value instanceof UUID || value instanceof Character) {
            return value.toString();
        }
        if (value instanceof String[] list) {
            return connection.createArrayOf(textArrayElementType(), list);
        }
        return value;
    }

    /** How the values of a result column are read, chosen once per query. */
    protected abstract ValueReader reader(ResultSetMetaData md, int column) throws SQLException;

    /** The portable type of a result column; by default the dialect's reading of the driver's type name. */
    protected DataType resultType(ResultSetMetaData md, int column) throws SQLException {
        return portable(md.getColumnTypeName(column));
    }

    /**
     * Whether a streamed query outside the caller's transaction runs in one of its own (committed when
     * the result is closed): where the driver streams with a cursor only inside a transaction.
     */
    protected boolean streamsInOwnTransaction() {
        return false;
    }

    /** A query whose first column is the name of each table and view of the namespace. */
    protected abstract Sql listTablesQuery(Namespace namespace);

    /** A query of the table's columns in order: name, engine type name, nullable (a boolean); no row if there is no such table. */
    protected abstract Sql describeColumnsQuery(TableId table);

    /** A query of one row, the kind of the table-like relation (engine-specific text), or none if there is none. */
    protected abstract Sql relationKindQuery(TableId table);

    /** Whether a {@link #relationKindQuery kind} is a view. */
    protected abstract boolean isView(String kind);

    /** The statement that drops a relation of this kind if it exists ({@code DROP ... IF EXISTS}). */
    protected abstract String dropStatement(String kind, TableId table);

    /** A query of one row, the comment of the view {@code production} (null if none), or none if it is not a view. */
    protected abstract Sql viewCommentQuery(TableId production);

    /** A query of the views whose comment starts with {@code prefix}: the namespace, name and comment of each. */
    protected abstract Sql viewsCommentedQuery(String prefix);

    /** Whether two names are one relation here; an engine that resolves names without case overrides this. */
    protected boolean sameRelation(TableId a, TableId b) {
        return a.equals(b);
    }

    /**
     * Writes {@code select} into {@code target} on this connection, inside the caller's transaction, as
     * the mode says; returns the rows written, or -1 if the engine does not say.
     */
    protected abstract long createTableAs(Connection c, TableId target, Sql select, TableLayout layout, WriteMode mode)
            throws SQLException;

    /** Makes {@code target} hold {@code source} (which exists) and drops {@code source}, inside the caller's transaction. */
    protected abstract void replace(Connection c, TableId target, TableId source) throws SQLException;

    /**
     * The statements that make {@code p.production()} a view over {@code p.release()}, marked with
     * {@link #commentOnView}, given what production is now (a {@link #relationKindQuery kind}, or empty).
     * {@link #planPromotion} shows them and {@link #promote} runs them, both through this method.
     */
    protected abstract List<Sql> promotionStatements(Promotion p, Optional<String> productionKind);

    // ---------------------------------------------------------------- Warehouse

    @Override
    public final Dialect dialect() {
        return dialect;
    }

    @Override
    public final String uri() {
        return uri;
    }

    /** The engine's errors. */
    protected final JdbcErrors errors() {
        return errors;
    }

    /** The pool this warehouse (and each view of a transaction) borrows from. */
    protected final ConnectionPool pool() {
        return pool;
    }

    @Override
    public void createNamespace(Namespace namespace) {
        run("create namespace " + namespace, List.of(), c -> {
            createNamespace(c, namespace);
            return null;
        });
    }

    /** {@code CREATE SCHEMA IF NOT EXISTS}; an engine overrides this where that can still fail for a schema made meanwhile. */
    protected void createNamespace(Connection c, Namespace namespace) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA IF NOT EXISTS " + dialect.quote(namespace));
        }
    }

    @Override
    public List<TableId> listTables(Namespace namespace) {
        requireNonNull(namespace, "namespace is null");
        return run("list tables of namespace " + namespace, List.of(), c -> {
            List<TableId> tables = new ArrayList<>();
            try (PreparedStatement ps = prepare(c, listTablesQuery(namespace)); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    tables.add(new TableId(namespace, rs.getString(1)));
                }
            }
            tables.sort((a, b) -> a.name().compareTo(b.name()));
            return List.copyOf(tables);
        });
    }

    @Override
    public Optional<TableInfo> describe(TableId table) {
        requireNonNull(table, "table is null");
        return atomically("describe table " + table, List.of(), c -> {
            List<ColumnInfo> columns = columns(c, table);
            if (columns.isEmpty()) {
                return Optional.<TableInfo>empty();
            }
            long rows;
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM " + dialect.quote(table))) {
                rs.next();
                rows = rs.getLong(1);
            }
            return Optional.of(new TableInfo(table, columns, rows, OptionalLong.empty(), Optional.empty()));
        });
    }

    @Override
    public Optional<List<ColumnInfo>> columns(TableId table) {
        requireNonNull(table, "table is null");
        return run("describe the columns of table " + table, List.of(), c -> {
            List<ColumnInfo> columns = columns(c, table);
            return columns.isEmpty() ? Optional.<List<ColumnInfo>>empty() : Optional.of(columns);
        });
    }

    /** The {@link #describeColumnsQuery columns} of a table, none if it does not exist. */
    private List<ColumnInfo> columns(Connection c, TableId table) throws SQLException {
        List<ColumnInfo> columns = new ArrayList<>();
        try (PreparedStatement ps = prepare(c, describeColumnsQuery(table)); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String engineType = rs.getString(2);
                columns.add(new ColumnInfo(ColumnName.of(rs.getString(1)), portable(engineType), engineType, rs.getBoolean(3)));
            }
        }
        return List.copyOf(columns);
    }

    /**
     * The portable type of an engine type. Types without one (lists, intervals, ranges, ...) are read
     * as their text, so they are described as VARCHAR; {@link ColumnInfo#engineType()} keeps the real type.
     */
    protected final DataType portable(String engineType) {
        return dialect.parseType(engineType).orElse(DataType.VARCHAR);
    }

    @Override
    public QueryStats execute(Sql sql) {
        requireNonNull(sql, "sql is null");
        long start = System.nanoTime();
        long count = run("execute statement", sql.parameters(), c -> update(c, sql));
        return stats(start, count);
    }

    /** Runs a statement on a connection; returns the update count, or -1 if it has none. */
    protected final long update(Connection c, Sql sql) throws SQLException {
        if (sql.parameters().isEmpty()) {
            // a plain statement, so that a script of several statements runs too
            try (Statement s = c.createStatement()) {
                return s.execute(sql.text()) ? -1 : s.getLargeUpdateCount();
            }
        }
        try (PreparedStatement ps = prepare(c, sql)) {
            return ps.execute() ? -1 : ps.getLargeUpdateCount();
        }
    }

    /**
     * Runs the dialect's {@link Dialect#replaceTableAs} statements on a connection, so that a warehouse
     * does what a dry run shows; returns the rows written: the largest update count, as the one
     * statement that writes rows is among statements that only define or drop (which count none).
     */
    protected final long replaceTableAs(Connection c, TableId target, Sql select) throws SQLException {
        long rows = -1;
        for (Sql statement : dialect.replaceTableAs(target, select)) {
            rows = Math.max(rows, update(c, statement));
        }
        return rows;
    }

    /** A prepared statement with the values bound; the caller closes it. */
    protected final PreparedStatement prepare(Connection c, Sql sql) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql.text());
        try {
            bind(c, ps, sql.parameters());
        } catch (SQLException | RuntimeException e) {
            closeQuietly(ps, e);
            throw e;
        }
        return ps;
    }

    /**
     * Runs a query, streamed. The prepared statement comes from the connection's {@link StatementCache}
     * when the same text ran on it before (and goes back there when the result is closed), so a query
     * run again is not prepared again; one that fails is closed. The engines bind a kept statement
     * again when its tables changed (DuckDB and PostgreSQL: a table replaced by one of other columns gives
     * the new columns, {@code WarehouseContractTest}).
     */
    @Override
    public ResultRows query(Sql sql) {
        requireNonNull(sql, "sql is null");
        long start = System.nanoTime();
        Lease lease = lease();
        boolean ownTransaction = streamsInOwnTransaction() && !lease.inTransaction();
        try {
            Connection c = lease.connection();
            if (ownTransaction) {
                c.setAutoCommit(false);
            }
            StatementCache cache = pool.statements(c);
            PreparedStatement kept = cache.take(sql.text());
            return query(lease, cache, kept != null ? kept : c.prepareStatement(sql.text()), sql, ownTransaction, start, System.nanoTime());
        } catch (SQLException e) {
            if (ownTransaction) {
                rollback(lease.connection(), e);
            }
            lease.release(true);
            throw errors.wrap("run query", e, sql.parameters());
        } catch (RuntimeException e) {
            lease.release(true);
            throw e;
        }
    }

    /** Binds and runs a prepared statement for {@link #query(Sql)}; closes it if that fails. */
    private ResultRows query(Lease lease, StatementCache cache, PreparedStatement ps, Sql sql, boolean ownTransaction, long start,
            long prepared) throws SQLException {
        try {
            Connection c = lease.connection();
            ps.setFetchSize(FETCH_SIZE);
            bind(c, ps, sql.parameters());
            if (!ps.execute()) {
                // a statement without a result set (DDL, or DML): not kept, its objects are likely to change
                long affected = ps.getLargeUpdateCount();
                ps.close();
                if (ownTransaction) {
                    c.commit();
                    c.setAutoCommit(true);
                }
                lease.release(false);
                return ResultRows.empty(stats(start, affected));
            }
            ResultSet rs = ps.getResultSet();
            long executed = System.nanoTime();
            ResultSetMetaData md = rs.getMetaData();
            List<ColumnInfo> columns = new ArrayList<>();
            ValueReader[] readers = new ValueReader[md.getColumnCount()];
            for (int i = 1; i <= md.getColumnCount(); i++) {
                columns.add(new ColumnInfo(ColumnName.of(md.getColumnLabel(i)), resultType(md, i), md.getColumnTypeName(i),
                        md.isNullable(i) != ResultSetMetaData.columnNoNulls));
                readers[i - 1] = reader(md, i);
            }
            return new JdbcResultRows(lease, ps, rs, List.copyOf(columns), readers, sql.parameters(), errors, start, prepared,
                    executed, statement -> cache.giveBack(sql.text(), statement));
        } catch (SQLException | RuntimeException e) {
            closeQuietly(ps, e);
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
        return stats(start, rows);
    }

    /**
     * {@code SELECT * FROM (select) AS meshkit_source ORDER BY} the layout's cluster and order columns:
     * rows written in that order let the engine skip what a range scan does not need. {@code partitionBy}
     * has no meaning here.
     */
    protected final SqlBuilder sortedSelect(Sql select, TableLayout layout) {
        SqlBuilder b = dialect.sql().sql("SELECT * FROM (").append(select).sql(") AS meshkit_source");
        Set<ColumnName> sortBy = new LinkedHashSet<>(layout.clusterBy());
        sortBy.addAll(layout.orderBy());
        if (!sortBy.isEmpty()) {
            b.sql(" ORDER BY ").ids(List.copyOf(sortBy));
        }
        return b;
    }

    /**
     * The load's files as local paths, each readable: an engine that reads files on this machine
     * refuses other URIs (one line, {@code Cannot load table t: <engine> loads only file: URIs ...}).
     */
    protected final List<Path> localFiles(TableId target, LoadRequest request, String engine) {
        List<Path> paths = new ArrayList<>();
        for (URI file : request.files()) {
            if (!"file".equalsIgnoreCase(file.getScheme())) {
                throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot load table " + target + ": " + engine
                        + " loads only file: URIs, got " + file.getScheme() + ": (download the files first)");
            }
            Path path = Path.of(file);
            if (!Files.isReadable(path)) {
                throw new MeshkitException(ErrorCode.FILE_NOT_FOUND, "Cannot load table " + target + ": cannot read file " + path);
            }
            paths.add(path);
        }
        return paths;
    }

    @Override
    public void replace(TableId target, TableId source) {
        requireNonNull(target, "target is null");
        requireNonNull(source, "source is null");
        if (target.equals(source)) {
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot replace table " + target + " with itself");
        }
        atomically("replace table " + target + " with " + source, List.of(), c -> {
            if (relationKind(c, source).isEmpty()) {
                throw new NoSuchTableException("replace with", source);
            }
            replace(c, target, source);
            return null;
        });
    }

    @Override
    public QueryStats copy(TableId source, TableId target, WriteMode mode) {
        requireNonNull(source, "source is null");
        requireNonNull(target, "target is null");
        requireNonNull(mode, "mode is null");
        long start = System.nanoTime();
        Sql select = dialect.sql().sql("SELECT * FROM ").table(source).build();
        long rows = atomically("copy table " + source + " to " + target, List.of(), c -> {
            if (relationKind(c, source).isEmpty()) {
                throw new NoSuchTableException("copy", source);
            }
            return createTableAs(c, target, select, TableLayout.NONE, mode);
        });
        return stats(start, rows);
    }

    @Override
    public boolean drop(TableId table) {
        requireNonNull(table, "table is null");
        return atomically("drop table " + table, List.of(), c -> {
            Optional<String> kind = relationKind(c, table);
            if (kind.isEmpty()) {
                return false;
            }
            drop(c, kind.get(), table);
            return true;
        });
    }

    /** Drops an existing relation for {@link #drop(TableId)}; an engine overrides this to refuse or to take dependents along. */
    protected void drop(Connection c, String kind, TableId table) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(dropStatement(kind, table));
        }
    }

    /** The kind of a table-like relation, or empty if there is none. */
    protected final Optional<String> relationKind(Connection c, TableId table) throws SQLException {
        try (PreparedStatement ps = prepare(c, relationKindQuery(table)); ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
        }
    }

    // ---------------------------------------------------------------- promotion

    /**
     * Production becomes a view over the release table, with a comment naming the release: metadata
     * only, whatever the table's size, every promotion of the call in one transaction (or in the
     * caller's). The release table is never changed, so it stays a version to roll back to.
     */
    @Override
    public void promote(List<Promotion> promotions) {
        List<Promotion> all = List.copyOf(promotions);
        if (all.isEmpty()) {
            return;
        }
        atomically("promote " + describe(all), List.of(), c -> {
            for (Promotion p : all) {
                if (relationKind(c, p.release()).isEmpty()) {
                    throw new NoSuchTableException("promote", p.release());
                }
            }
            // exactly the statements a dry run shows for the state read here, inside this transaction
            for (PromotionPlan.Step step : plan(c, all).steps()) {
                update(c, step.statement().orElseThrow());
            }
            return null;
        });
    }

    /** The statements of {@link #promote} in one transaction, each for what its production is now. */
    @Override
    public PromotionPlan planPromotion(List<Promotion> promotions) {
        return planPromotion(promotions, Set.of());
    }

    /** The statements of {@link #promote} in one transaction, a production in {@code movedAside} planned as absent. */
    @Override
    public PromotionPlan planPromotion(List<Promotion> promotions, Set<TableId> movedAside) {
        List<Promotion> all = List.copyOf(promotions);
        Set<TableId> absent = Set.copyOf(movedAside);
        return all.isEmpty() ? new PromotionPlan(List.of(), PromotionPlan.Commit.TOGETHER)
                : run("plan the promotion of " + describe(all), List.of(), c -> plan(c, all, absent));
    }

    private PromotionPlan plan(Connection c, List<Promotion> promotions) throws SQLException {
        return plan(c, promotions, Set.of());
    }

    private PromotionPlan plan(Connection c, List<Promotion> promotions, Set<TableId> absent) throws SQLException {
        List<PromotionPlan.Step> steps = new ArrayList<>();
        for (Promotion p : promotions) {
            Optional<String> kind = absent.contains(p.production()) ? Optional.empty() : relationKind(c, p.production());
            promotionStatements(p, kind).forEach(statement -> steps.add(PromotionPlan.Step.of(statement)));
        }
        return new PromotionPlan(steps, PromotionPlan.Commit.TOGETHER);
    }

    private static String describe(List<Promotion> promotions) {
        return promotions.get(0).release() + " to " + promotions.get(0).production()
                + (promotions.size() > 1 ? " and " + (promotions.size() - 1) + " more" : "");
    }

    /**
     * {@code COMMENT ON VIEW production IS 'meshkit-promoted:<hex>.<hex>'}: the release's names in
     * hexadecimal, so the literal needs no escaping and carries no value.
     */
    protected final Sql commentOnView(Promotion p) {
        HexFormat hex = HexFormat.of();
        String marker = PROMOTED + hex.formatHex(p.release().namespace().name().getBytes(StandardCharsets.UTF_8)) + "."
                + hex.formatHex(p.release().name().getBytes(StandardCharsets.UTF_8));
        return Sql.of("COMMENT ON VIEW " + dialect.quote(p.production()) + " IS '" + marker + "'");
    }

    @Override
    public boolean promotesAtomicallyAcrossTables() {
        return true;
    }

    @Override
    public Optional<TableId> servedRelease(TableId production) {
        requireNonNull(production, "production is null");
        return run("read the promotion of " + production, List.of(), c -> {
            try (PreparedStatement ps = prepare(c, viewCommentQuery(production)); ResultSet rs = ps.executeQuery()) {
                return rs.next() ? parsePromoted(rs.getString(1)) : Optional.<TableId>empty();
            }
        });
    }

    /** The promoted views, read back from their comments: the one whose release is {@code release}. */
    @Override
    public Optional<TableId> servingProduction(TableId release) {
        requireNonNull(release, "release is null");
        return run("find the production table that serves " + release, List.of(), c -> {
            try (PreparedStatement ps = prepare(c, viewsCommentedQuery(PROMOTED)); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (parsePromoted(rs.getString(3)).filter(served -> sameRelation(served, release)).isPresent()) {
                        return Optional.of(TableId.of(rs.getString(1), rs.getString(2)));
                    }
                }
            }
            return Optional.<TableId>empty();
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

    // ---------------------------------------------------------------- transactions and connections

    /**
     * Runs {@code work} in one transaction on one connection. Inside a transaction already,
     * {@code work} joins it (no nested transactions).
     */
    @Override
    public <T> T inTransaction(Function<Warehouse, T> work) {
        requireNonNull(work, "work is null");
        if (transaction != null) {
            return work.apply(this);
        }
        try (Lease lease = pool.lease()) {
            Connection c = lease.connection();
            JdbcWarehouse view = transactionView(c);
            try {
                return inTransaction(c, "run transaction on warehouse " + uri, List.of(), conn -> work.apply(view));
            } finally {
                view.transactionEnded = true; // its connection goes back to the pool: a kept view must not use it
            }
        }
    }

    /** Whether this is the view of a transaction (which owns nothing to close). */
    protected final boolean isTransactionView() {
        return transaction != null;
    }

    @Override
    public void close() {
        if (transaction == null) {
            pool.close();
        }
        // the view of a transaction owns nothing: the transaction ends when its work returns
    }

    /** Work on a borrowed connection. */
    @FunctionalInterface
    protected interface SqlWork<T> {
        /** Does the work; a {@link SQLException} is wrapped by the caller with the engine's {@link JdbcErrors}. */
        T run(Connection connection) throws SQLException;
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
            public Connection connection() {
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

    /** Runs work on a connection of its own, in auto-commit (or in the transaction of this view). */
    protected final <T> T run(String what, List<Object> parameters, SqlWork<T> work) {
        try (Lease lease = lease()) {
            try {
                return work.run(lease.connection());
            } catch (SQLException e) {
                throw errors.wrap(what, e, parameters);
            }
        }
    }

    /** Runs work as one transaction, or as part of the current one. */
    protected final <T> T atomically(String what, List<Object> parameters, SqlWork<T> work) {
        try (Lease lease = lease()) {
            if (lease.inTransaction()) {
                try {
                    return work.run(lease.connection());
                } catch (SQLException e) {
                    throw errors.wrap(what, e, parameters);
                }
            }
            return inTransaction(lease.connection(), what, parameters, work);
        }
    }

    private <T> T inTransaction(Connection c, String what, List<Object> parameters, SqlWork<T> work) {
        try {
            c.setAutoCommit(false);
        } catch (SQLException e) {
            throw errors.wrap(what, e);
        }
        try {
            T result = work.run(c);
            c.commit();
            return result;
        } catch (SQLException e) {
            rollback(c, e);
            throw errors.wrap(what, e, parameters);
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

    private static void rollback(Connection c, Throwable failure) {
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

    private static QueryStats stats(long startNanos, long count) {
        return new QueryStats(Duration.ofNanos(System.nanoTime() - startNanos),
                count < 0 ? OptionalLong.empty() : OptionalLong.of(count), OptionalLong.empty());
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + uri + (transaction == null ? "" : ", in transaction") + "]";
    }
}
