package io.meshkit.warehousepostgres.internal;

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
import io.meshkit.core.warehouse.Promotion;
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
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * A PostgreSQL database as a {@link Warehouse}: namespaces are schemas. Thread-safe: every operation
 * and every result stream borrows its own connection from a small pool. PostgreSQL's DDL is
 * transactional, so a replace, a promotion and a {@link WriteMode#REPLACE} are a few catalog changes
 * committed together: a reader on another connection waits for the commit and then sees the new table.
 */
public final class PostgresWarehouse implements Warehouse, SupportsTransactions, SupportsPromotion {
    private static final int FETCH_SIZE = 2048;
    private static final Dialect DIALECT = PostgresDialect.INSTANCE;
    /** Prefix of the comment that marks a view made by {@link #promote} and names its release table. */
    private static final String PROMOTED = "meshkit-promoted:";

    private final String uri;
    private final ConnectionPool pool;
    private final Connection transaction; // null unless this is the view of a transaction
    private volatile boolean transactionEnded;

    private PostgresWarehouse(String uri, ConnectionPool pool, Connection transaction) {
        this.uri = uri;
        this.pool = pool;
        this.transaction = transaction;
    }

    /**
     * Connects, once, to check the server and the credentials.
     *
     * @param uri the meshkit URI without secrets, for messages
     * @param jdbcUrl a {@code jdbc:postgresql:} URL
     * @param properties driver properties (user, password, ...)
     */
    public static PostgresWarehouse open(String uri, String jdbcUrl, Properties properties) {
        Properties p = new Properties();
        p.putAll(properties);
        // ISO dates (YYYY-MM-DD) and shortest round-trip doubles in text, whatever the server's defaults
        p.setProperty("options", "-c DateStyle=ISO,YMD -c extra_float_digits=1");
        // a bound string may fill a jsonb, uuid or date column: let the server type it
        p.setProperty("stringtype", "unspecified");
        p.setProperty("ApplicationName", "meshkit");
        ConnectionPool pool = new ConnectionPool(uri, jdbcUrl, p);
        try {
            pool.giveBack(pool.connect(), false);
        } catch (SQLException e) {
            pool.close();
            throw new MeshkitException(ErrorCode.WAREHOUSE_FAILURE, "Cannot open warehouse " + uri + ": " + Errors.reason(e, List.of()), e);
        }
        return new PostgresWarehouse(uri, pool, null);
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
            } catch (SQLException e) {
                // two sessions creating one schema at once: the loser fails on the catalog's unique index
                if (!"23505".equals(e.getSQLState()) || !schemaExists(c, namespace)) {
                    throw e;
                }
            }
            return null;
        });
    }

    private static boolean schemaExists(Connection c, Namespace namespace) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_namespace WHERE nspname = ?")) {
            ps.setString(1, namespace.name());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    @Override
    public List<TableId> listTables(Namespace namespace) {
        return run("list tables of namespace " + namespace, List.of(), c -> {
            List<TableId> tables = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                    + " WHERE n.nspname = ? AND c.relkind IN ('r', 'v', 'm', 'p', 'f')")) {
                ps.setString(1, namespace.name());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        tables.add(new TableId(namespace, rs.getString(1)));
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
            try (PreparedStatement ps = c.prepareStatement("SELECT a.attname, format_type(a.atttypid, a.atttypmod), NOT a.attnotnull"
                    + " FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
                    + " WHERE n.nspname = ? AND c.relname = ? AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum")) {
                ps.setString(1, table.namespace().name());
                ps.setString(2, table.name());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String engineType = rs.getString(2);
                        columns.add(new ColumnInfo(ColumnName.of(rs.getString(1)), portable(engineType), engineType, rs.getBoolean(3)));
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
     * The portable type of a PostgreSQL type. Types without one (intervals, ranges, ...) are read as
     * their text, so they are described as VARCHAR; {@link ColumnInfo#engineType()} keeps the real type.
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
    private static long update(Connection c, Sql sql) throws SQLException {
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

    /**
     * Streams with a cursor: the driver fetches {@value #FETCH_SIZE} rows at a time only inside a
     * transaction, so a query outside the caller's transaction runs in one of its own, committed when
     * the result is closed.
     */
    @Override
    public ResultRows query(Sql sql) {
        requireNonNull(sql, "sql is null");
        long start = System.nanoTime();
        Lease lease = lease();
        PreparedStatement ps = null;
        boolean ownTransaction = !lease.inTransaction();
        try {
            Connection c = lease.connection();
            if (ownTransaction) {
                c.setAutoCommit(false);
            }
            ps = c.prepareStatement(sql.text());
            ps.setFetchSize(FETCH_SIZE);
            Values.bind(c, ps, sql.parameters());
            if (!ps.execute()) {
                long affected = ps.getLargeUpdateCount();
                ps.close();
                if (ownTransaction) {
                    c.commit();
                    c.setAutoCommit(true);
                }
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
                int precision = md.getPrecision(i);
                int scale = md.getScale(i);
                columns.add(new ColumnInfo(ColumnName.of(md.getColumnLabel(i)), resultType(engineType, precision, scale), engineType,
                        md.isNullable(i) != ResultSetMetaData.columnNoNulls));
                readers[i - 1] = Values.reader(engineType, precision, scale);
            }
            return new PostgresResultRows(lease, ps, rs, List.copyOf(columns), readers, sql.parameters(), start);
        } catch (SQLException e) {
            closeQuietly(ps, e);
            if (ownTransaction) {
                rollback(lease.connection(), e);
            }
            lease.release(true);
            throw Errors.wrap("run query", e, sql.parameters());
        } catch (RuntimeException e) {
            lease.release(true);
            throw e;
        }
    }

    /** The type of a result column from the driver's short name and its precision and scale. */
    private static DataType resultType(String engineType, int precision, int scale) {
        return switch (engineType.toLowerCase(java.util.Locale.ROOT)) {
            case "numeric" -> precision == PostgresDialect.HUGEINT_PRECISION && scale == 0 ? DataType.of(DataType.Kind.HUGEINT)
                    : precision > 0 && precision <= 76 && scale >= 0 && scale <= precision ? DataType.decimal(precision, scale)
                    : portable(engineType);
            case "varchar", "bpchar" -> DataType.VARCHAR;
            case "bytea" -> DataType.of(DataType.Kind.BINARY);
            default -> portable(engineType);
        };
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
     * The rows are inserted sorted by the layout (PostgreSQL keeps no order, but a freshly written
     * heap is in it, so a BRIN index or a range scan benefits). {@code partitionBy} is ignored.
     * {@link WriteMode#REPLACE} writes a new table under a temporary name, then drops the old one and
     * renames the new one, in the caller's transaction: the select may read the table it replaces.
     */
    private long createTableAs(Connection c, TableId target, Sql select, TableLayout layout, WriteMode mode) throws SQLException {
        Optional<Character> kind = relkind(c, target);
        if (mode == WriteMode.CREATE && kind.isPresent()) {
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot create table " + target + ": it already exists");
        }
        SqlBuilder body = DIALECT.sql().sql("SELECT * FROM (").append(select).sql(") AS meshkit_source");
        Set<ColumnName> sortBy = new LinkedHashSet<>(layout.clusterBy());
        sortBy.addAll(layout.orderBy());
        if (!sortBy.isEmpty()) {
            body.sql(" ORDER BY ").ids(List.copyOf(sortBy));
        }
        if (mode == WriteMode.APPEND && kind.isPresent()) {
            return update(c, DIALECT.sql().sql("INSERT INTO ").table(target).sql(" ").append(body.build()).build());
        }
        if (kind.isEmpty()) {
            return update(c, DIALECT.sql().sql("CREATE TABLE ").table(target).sql(" AS ").append(body.build()).build());
        }
        TableId fresh = target.namespace().table(temporaryName());
        long rows = update(c, DIALECT.sql().sql("CREATE TABLE ").table(fresh).sql(" AS ").append(body.build()).build());
        try (Statement s = c.createStatement()) {
            s.execute(dropStatement(kind.get(), target));
            s.execute("ALTER TABLE " + DIALECT.quote(fresh) + " RENAME TO " + DIALECT.quoteIdentifier(target.name()));
        }
        return rows;
    }

    private static String temporaryName() {
        return "meshkit_tmp_" + UUID.randomUUID().toString().replace("-", "");
    }

    /**
     * CSV through the driver's {@code COPY ... FROM STDIN}: the JVM reads the files, so they need not
     * be on the database server. Every file goes into a staging table of text columns named by the
     * first file's header; as text that is the table, otherwise each column gets the narrowest type
     * every value of it converts to (bigint, double precision, boolean, date, timestamp, else text).
     * All in one transaction. Parquet is refused: PostgreSQL has no reader for it.
     */
    @Override
    public QueryStats load(TableId target, LoadRequest request) {
        requireNonNull(target, "target is null");
        requireNonNull(request, "request is null");
        if (request.format() == FileFormat.PARQUET) {
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot load table " + target
                    + ": PostgreSQL reads no Parquet files (convert them to CSV, or load them on DuckDB)");
        }
        List<Path> paths = new ArrayList<>();
        for (URI file : request.files()) {
            if (!"file".equalsIgnoreCase(file.getScheme())) {
                throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot load table " + target
                        + ": PostgreSQL loads only file: URIs, got " + file.getScheme() + ": (download the files first)");
            }
            Path path = Path.of(file);
            if (!Files.isReadable(path)) {
                throw new MeshkitException(ErrorCode.FILE_NOT_FOUND, "Cannot load table " + target + ": cannot read file " + path);
            }
            paths.add(path);
        }
        List<String> header = CsvHeader.read(paths.get(0));
        long start = System.nanoTime();
        long rows = atomically("load table " + target, List.of(), c -> {
            TableId staging = target.namespace().table(temporaryName());
            SqlBuilder create = DIALECT.sql().sql("CREATE TABLE ").table(staging).sql(" (");
            create.join(header, name -> create.id(ColumnName.of(name)).sql(" text"));
            update(c, create.sql(")").build());
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            String copySql = "COPY " + DIALECT.quote(staging) + " FROM STDIN WITH (FORMAT csv, HEADER true)";
            for (Path path : paths) {
                try (InputStream in = Files.newInputStream(path)) {
                    copy.copyIn(copySql, in);
                } catch (IOException e) {
                    throw new MeshkitException(ErrorCode.FILE_NOT_FOUND, "Cannot load table " + target + ": cannot read file " + path
                            + " (" + e.getMessage() + ")", e);
                }
            }
            SqlBuilder select = DIALECT.sql().sql("SELECT ");
            if (request.columns() == LoadRequest.Columns.TEXT) {
                select.sql("*");
            } else {
                List<DataType> types = inferTypes(c, staging, header);
                for (int i = 0; i < header.size(); i++) {
                    ColumnName column = ColumnName.of(header.get(i));
                    select.sql(i == 0 ? "" : ", ");
                    if (types.get(i).kind() == DataType.Kind.VARCHAR) {
                        select.id(column);
                    } else {
                        select.sql("CAST(").id(column).sql(" AS ").type(types.get(i)).sql(") AS ").id(column);
                    }
                }
            }
            long loaded = createTableAs(c, target, select.sql(" FROM ").table(staging).build(), TableLayout.NONE, request.mode());
            try (Statement s = c.createStatement()) {
                s.execute("DROP TABLE " + DIALECT.quote(staging));
            }
            return loaded;
        });
        return new QueryStats(Duration.ofNanos(System.nanoTime() - start),
                rows < 0 ? OptionalLong.empty() : OptionalLong.of(rows), OptionalLong.empty());
    }

    private static final List<DataType> CANDIDATES = List.of(DataType.BIGINT, DataType.DOUBLE, DataType.BOOLEAN, DataType.DATE,
            DataType.TIMESTAMP);

    /** For each text column, the first candidate type that every non-NULL value matches, or VARCHAR. */
    private static List<DataType> inferTypes(Connection c, TableId staging, List<String> header) throws SQLException {
        List<DataType> types = new ArrayList<>();
        for (String name : header) {
            ColumnName column = ColumnName.of(name);
            DataType chosen = DataType.VARCHAR;
            for (DataType candidate : CANDIDATES) {
                Sql converted = DIALECT.tryCast(DIALECT.sql().id(column).build(), candidate).orElseThrow();
                // the pattern's cast is in a CASE, so the count only asks whether every value matches it
                Sql misfits = DIALECT.sql().sql("SELECT count(*) FROM ").table(staging).sql(" WHERE ").id(column).sql(" IS NOT NULL AND NOT (")
                        .append(patternOf(converted)).sql(")").build();
                try (PreparedStatement ps = c.prepareStatement(misfits.text())) {
                    Values.bind(c, ps, misfits.parameters());
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        if (rs.getLong(1) == 0) {
                            chosen = candidate;
                            break;
                        }
                    }
                }
            }
            types.add(chosen);
        }
        return types;
    }

    /** The match condition of a {@link PostgresDialect#tryCast}: its text up to THEN, as a condition. */
    private static Sql patternOf(Sql tryCast) {
        String text = tryCast.text();
        int when = text.indexOf("WHEN ") + "WHEN ".length();
        int then = text.indexOf(" THEN ");
        return new Sql(text.substring(when, then), List.of(tryCast.parameters().get(0)));
    }

    /**
     * {@code DROP target; ALTER source RENAME TO target} (through {@code SET SCHEMA} under a
     * temporary name when the namespaces differ), in one transaction: no rows are copied, and a
     * reader on another connection waits for the commit, then reads the new table.
     */
    @Override
    public void replace(TableId target, TableId source) {
        requireNonNull(target, "target is null");
        requireNonNull(source, "source is null");
        if (target.equals(source)) {
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot replace table " + target + " with itself");
        }
        atomically("replace table " + target + " with " + source, List.of(), c -> {
            if (relkind(c, source).isEmpty()) {
                throw new NoSuchTableException("replace with", source);
            }
            try (Statement s = c.createStatement()) {
                Optional<Character> kind = relkind(c, target);
                if (kind.isPresent()) {
                    s.execute(dropStatement(kind.get(), target));
                }
                if (source.namespace().name().equals(target.namespace().name())) {
                    s.execute("ALTER TABLE " + DIALECT.quote(source) + " RENAME TO " + DIALECT.quoteIdentifier(target.name()));
                } else {
                    String moving = temporaryName();
                    s.execute("ALTER TABLE " + DIALECT.quote(source) + " RENAME TO " + DIALECT.quoteIdentifier(moving));
                    s.execute("ALTER TABLE " + DIALECT.quote(source.namespace().table(moving)) + " SET SCHEMA " + DIALECT.quote(target.namespace()));
                    s.execute("ALTER TABLE " + DIALECT.quote(target.namespace().table(moving)) + " RENAME TO "
                            + DIALECT.quoteIdentifier(target.name()));
                }
            }
            return null;
        });
    }

    /**
     * Production becomes a view over the release table, made in one transaction with every other
     * promotion of the call (PostgreSQL's DDL is transactional): the old view or table is dropped and
     * the new view created, with a comment naming the release. Metadata only, whatever the size; the
     * release table itself is never renamed or changed, so it stays a version to roll back to.
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
                if (relkind(c, p.release()).isEmpty()) {
                    throw new NoSuchTableException("promote", p.release());
                }
                Optional<Character> kind = relkind(c, p.production());
                try (Statement s = c.createStatement()) {
                    if (kind.isPresent()) {
                        s.execute(dropStatement(kind.get(), p.production()));
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
                "CREATE VIEW " + DIALECT.quote(p.production()) + " AS SELECT * FROM " + DIALECT.quote(p.release()),
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
            try (PreparedStatement ps = c.prepareStatement("SELECT obj_description(c.oid, 'pg_class') FROM pg_class c"
                    + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relname = ? AND c.relkind = 'v'")) {
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
        lines.add("BEGIN");
        for (Promotion p : promotions) {
            lines.add("DROP VIEW IF EXISTS " + DIALECT.quote(p.production()) + " -- or DROP TABLE, if production is a plain table");
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
            if (relkind(c, source).isEmpty()) {
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
            Optional<Character> kind = relkind(c, table);
            if (kind.isEmpty()) {
                return false;
            }
            Optional<String> serving = promotedDependent(c, table);
            if (serving.isPresent()) {
                throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot drop table " + table + ": production view "
                        + serving.get() + " serves it (promote another release first)");
            }
            try (Statement s = c.createStatement()) {
                // views over the table go with it (DuckDB's views bind late and would just fail when read)
                s.execute(dropStatement(kind.get(), table) + " CASCADE");
            }
            return true;
        });
    }

    /** A view made by {@link #promote} that reads the table, as {@code schema.view}, if there is one. */
    private static Optional<String> promotedDependent(Connection c, TableId table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT vn.nspname || '.' || v.relname FROM pg_class t"
                + " JOIN pg_namespace tn ON tn.oid = t.relnamespace JOIN pg_depend d ON d.refobjid = t.oid"
                + " JOIN pg_rewrite r ON r.oid = d.objid JOIN pg_class v ON v.oid = r.ev_class JOIN pg_namespace vn ON vn.oid = v.relnamespace"
                + " WHERE tn.nspname = ? AND t.relname = ? AND v.oid <> t.oid AND obj_description(v.oid, 'pg_class') LIKE ? LIMIT 1")) {
            ps.setString(1, table.namespace().name());
            ps.setString(2, table.name());
            ps.setString(3, PROMOTED + "%");
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    private static String dropStatement(char relkind, TableId table) {
        return switch (relkind) {
            case 'v' -> "DROP VIEW ";
            case 'm' -> "DROP MATERIALIZED VIEW ";
            case 'f' -> "DROP FOREIGN TABLE ";
            default -> "DROP TABLE ";
        } + DIALECT.quote(table);
    }

    /** The {@code pg_class.relkind} of a table-like relation ({@code r}, {@code v}, ...), or empty if there is none. */
    private static Optional<Character> relkind(Connection c, TableId table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE n.nspname = ? AND c.relname = ? AND c.relkind IN ('r', 'v', 'm', 'p', 'f')")) {
            ps.setString(1, table.namespace().name());
            ps.setString(2, table.name());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1).charAt(0)) : Optional.empty();
            }
        }
    }

    /**
     * Runs {@code work} in one PostgreSQL transaction on one connection. Inside a transaction already,
     * {@code work} joins it.
     */
    @Override
    public <T> T inTransaction(Function<Warehouse, T> work) {
        requireNonNull(work, "work is null");
        if (transaction != null) {
            return work.apply(this);
        }
        try (Lease lease = pool.lease()) {
            Connection c = lease.connection();
            PostgresWarehouse view = new PostgresWarehouse(uri, pool, c);
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
    }

    @FunctionalInterface
    private interface SqlWork<T> {
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

    private static <T> T inTransaction(Connection c, String what, List<Object> parameters, SqlWork<T> work) {
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

    @Override
    public String toString() {
        return "PostgresWarehouse[" + uri + (transaction == null ? "" : ", in transaction") + "]";
    }

    /** The column names of a CSV file's first record (RFC 4180: commas, double quotes doubled inside quotes). */
    static final class CsvHeader {
        private CsvHeader() {}

        static List<String> read(Path file) {
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                List<String> names = new ArrayList<>();
                StringBuilder field = new StringBuilder();
                boolean quoted = false;
                int ch;
                while ((ch = in.read()) >= 0) {
                    char x = (char) ch;
                    if (quoted) {
                        if (x == '"') {
                            in.mark(1);
                            int next = in.read();
                            if (next == '"') {
                                field.append('"');
                            } else {
                                quoted = false;
                                if (next < 0) {
                                    break;
                                }
                                in.reset();
                            }
                        } else {
                            field.append(x);
                        }
                    } else if (x == '"') {
                        quoted = true;
                    } else if (x == ',') {
                        names.add(field.toString());
                        field.setLength(0);
                    } else if (x == '\n' || x == '\r') {
                        break;
                    } else if (!(x == '\uFEFF' && names.isEmpty() && field.length() == 0)) {
                        field.append(x);
                    }
                }
                names.add(field.toString());
                if (names.size() == 1 && names.get(0).isEmpty()) {
                    throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot load file " + file + ": it has no header line");
                }
                return List.copyOf(names);
            } catch (IOException e) {
                throw new MeshkitException(ErrorCode.FILE_NOT_FOUND, "Cannot read file " + file + " (" + e.getMessage() + ")", e);
            }
        }
    }
}
