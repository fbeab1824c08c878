package io.meshkit.warehouseduckdb.internal;

import static java.util.Objects.requireNonNull;

import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.identifier.Namespace;
import io.meshkit.core.identifier.TableId;
import io.meshkit.core.warehouse.Dialect;
import io.meshkit.core.warehouse.FileFormat;
import io.meshkit.core.warehouse.LoadRequest;
import io.meshkit.core.warehouse.OpenWait;
import io.meshkit.core.warehouse.Promotion;
import io.meshkit.core.warehouse.QueryStats;
import io.meshkit.core.warehouse.Sql;
import io.meshkit.core.warehouse.SqlBuilder;
import io.meshkit.core.warehouse.SupportsScanEstimate;
import io.meshkit.core.warehouse.TableInfo;
import io.meshkit.core.warehouse.TableLayout;
import io.meshkit.core.warehouse.WriteMode;
import io.meshkit.core.warehouse.jdbc.ConnectionPool;
import io.meshkit.core.warehouse.jdbc.JdbcWarehouse;
import io.meshkit.core.warehouse.jdbc.ValueReader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.Set;
import org.duckdb.DuckDBConnection;

/**
 * An embedded DuckDB database as a {@link io.meshkit.core.warehouse.Warehouse}: the core JDBC base
 * ({@link JdbcWarehouse}) with DuckDB's catalog queries, values, DDL, file loads and scan estimates.
 * Every operation and every result stream borrows its own connection duplicated from one root
 * connection (a DuckDB connection is not safe for concurrent use; duplicating is also how an
 * in-memory database is shared). DuckDB invalidates a streaming result when its connection runs
 * another statement: inside {@link #inTransaction}, finish a result before the next statement.
 */
public final class DuckDbWarehouse extends JdbcWarehouse implements SupportsScanEstimate {
    private static final Dialect DIALECT = DuckDbDialect.INSTANCE;

    private final DuckDBConnection root;
    /** The database file, empty for an in-memory database. */
    private final String file;
    /** Whether this warehouse let go of its file (a second close does nothing). */
    private final java.util.concurrent.atomic.AtomicBoolean released = new java.util.concurrent.atomic.AtomicBoolean();
    /** The storage metadata the scan estimates of this database read (shared with the views of its transactions). */
    private final ScanEstimate.Cache scanCache;

    private DuckDbWarehouse(String uri, String file, DuckDBConnection root, ScanEstimate.Cache scanCache, ConnectionPool pool, Connection transaction) {
        super(uri, DIALECT, Errors.INSTANCE, pool, transaction);
        this.file = file;
        this.root = root;
        this.scanCache = scanCache;
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
        String file = jdbcUrl.substring(JDBC_PREFIX.length());
        DuckDBConnection root = file.isEmpty() ? connectWaiting(uri, jdbcUrl, file, properties) : Attached.acquire(uri, file, properties);
        try (Statement s = root.createStatement()) {
            // meshkit's TIMESTAMP means UTC: render TIMESTAMPTZ the same way whatever the host's zone
            // (this setting is global, so every duplicated connection has it)
            s.execute("SET TimeZone = 'UTC'");
            for (String set : settings.statements()) {
                s.execute(set);
            }
        } catch (SQLException e) {
            closeAfter(root, e);
            Attached.release(file);
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT,
                    "Cannot open warehouse " + uri + ": " + Errors.INSTANCE.reason(e, List.of()), e);
        }
        ConnectionPool.Connector connector = file.isEmpty() ? root::duplicate : () -> useCatalog(root.duplicate());
        return new DuckDbWarehouse(uri, file, root, new ScanEstimate.Cache(), new ConnectionPool(uri, connector, Errors.INSTANCE), null);
    }

    /** A connection to the attached file's database, with its catalog the default. */
    private static DuckDBConnection useCatalog(Connection connection) throws SQLException {
        DuckDBConnection c = (DuckDBConnection) connection;
        try (Statement s = c.createStatement()) {
            s.execute(USE_CATALOG);
        } catch (SQLException e) {
            closeAfter(c, e);
            throw e;
        }
        return c;
    }

    /** Closes a connection whose setup failed, its own failure to close added to {@code failure}. */
    private static void closeAfter(Connection c, SQLException failure) {
        try {
            c.close();
        } catch (SQLException suppressed) {
            failure.addSuppressed(suppressed);
        }
    }

    /**
     * The files this process has attached, each once: DuckDB attaches a file to one database instance
     * only, so a second warehouse on the same file (the pipeline opens several) duplicates the first's
     * connection, as DuckDB's driver does for a file it opens itself. The instance is closed, and the
     * file's lock released, when the last warehouse on it closes.
     */
    private static final class Attached {
        private static final java.util.Map<String, Attached> OPEN = new java.util.HashMap<>();
        private final DuckDBConnection base;
        private int users;

        private Attached(DuckDBConnection base) {
            this.base = base;
        }

        static DuckDBConnection acquire(String uri, String file, Properties properties) {
            synchronized (OPEN) {
                Attached a = OPEN.get(file);
                if (a == null) {
                    a = new Attached(connectWaiting(uri, JDBC_PREFIX, file, properties));
                    OPEN.put(file, a);
                }
                try {
                    DuckDBConnection c = useCatalog(a.base.duplicate());
                    a.users++;
                    return c;
                } catch (SQLException e) {
                    if (a.users == 0) {
                        OPEN.remove(file);
                        closeQuietly(a.base);
                    }
                    throw Errors.INSTANCE.wrap("open warehouse " + uri, e);
                }
            }
        }

        static void release(String file) {
            if (file.isEmpty()) {
                return;
            }
            synchronized (OPEN) {
                Attached a = OPEN.get(file);
                if (a != null && --a.users <= 0) {
                    OPEN.remove(file);
                    closeQuietly(a.base);
                }
            }
        }

        private static void closeQuietly(Connection c) {
            try {
                c.close();
            } catch (SQLException e) {
                // nothing to recover: the database is released either way
            }
        }
    }

    private static final String JDBC_PREFIX = "jdbc:duckdb:";

    /**
     * The catalog a warehouse file is attached as. Opened directly, DuckDB names a file's catalog after
     * its stem, so {@code shop.duckdb} holding the namespace {@code shop} made every {@code shop.customers}
     * ambiguous ("Ambiguous reference to catalog or schema"); a team naming the file after its domain
     * is natural. The file is attached under this name instead, one no namespace is expected to have.
     */
    static final String CATALOG = "meshkit_warehouse";

    private static final String USE_CATALOG = "USE " + CATALOG;

    private static final java.util.regex.Pattern LOCK_HOLDER = java.util.regex.Pattern.compile("\\(PID (\\d+)\\)");

    /**
     * Connects; a file another process holds (DuckDB allows one writing process) is retried for up
     * to {@link OpenWait#current()} (the {@code --wait} option, 30 s by default) with a progress line
     * on standard error, then refused as {@code Cannot open warehouse …: it is in use by PID n (…)}.
     */
    private static DuckDBConnection connectWaiting(String uri, String jdbcUrl, String file, Properties properties) {
        // the wait counts from the first refusal: opening the file the first time (loading the engine) is not waiting
        long deadline = Long.MIN_VALUE;
        long nextNote = 0;
        while (true) {
            try {
                if (file.isEmpty()) {
                    return (DuckDBConnection) DriverManager.getConnection(jdbcUrl, properties);
                }
                return attach(file, properties);
            } catch (SQLException e) {
                String message = String.valueOf(e.getMessage());
                if (!message.contains("Could not set lock on file")) {
                    throw Errors.INSTANCE.wrap("open warehouse " + uri, e);
                }
                java.util.regex.Matcher m = LOCK_HOLDER.matcher(message);
                String holder = m.find() ? "PID " + m.group(1) + describe(Long.parseLong(m.group(1))) : "another process";
                long now = System.nanoTime();
                if (deadline == Long.MIN_VALUE) {
                    deadline = now + OpenWait.current().toNanos();
                }
                if (now >= deadline) {
                    throw new MeshkitException(ErrorCode.WAREHOUSE_FAILURE, "Cannot open warehouse " + uri + ": it is in use by "
                            + holder + "; retry, or use --wait (seconds to wait, now " + OpenWait.current().toSeconds() + ")", e);
                }
                if (now >= nextNote) {
                    System.err.println("waiting for warehouse " + uri + ": it is in use by " + holder + " (up to "
                            + Math.max(1, (deadline - now + 999_999_999L) / 1_000_000_000L) + " s more; --wait)");
                    System.err.flush();
                    nextNote = now + 5_000_000_000L;
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw Errors.INSTANCE.wrap("open warehouse " + uri, e);
                }
            }
        }
    }

    /** An in-memory database with the file attached as {@link #CATALOG}, its default catalog. */
    private static DuckDBConnection attach(String file, Properties properties) throws SQLException {
        DuckDBConnection c = (DuckDBConnection) DriverManager.getConnection(JDBC_PREFIX, properties);
        try (Statement s = c.createStatement()) {
            String quoted = file.replace("'", "''");
            s.execute("ATTACH '" + quoted + "' AS " + CATALOG);
            s.execute(USE_CATALOG);
            // spill beside the file, as DuckDB does for a file it opens itself (an in-memory database spills to ./.tmp)
            s.execute("SET temp_directory = '" + quoted + ".tmp'");
            return c;
        } catch (SQLException e) {
            closeAfter(c, e);
            throw e;
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
            return commandLine(args.subList(main + 1, args.size()));
        })).filter(s -> !s.isEmpty()).map(s -> " (" + s + ")").orElse("");
    }

    /** How wide {@link #commandLine} makes a command, the ellipsis included. */
    static final int COMMAND_WIDTH = 80;

    /**
     * {@code meshkit publish promote --contract c.yaml …}: the arguments of a meshkit command, secrets redacted, one
     * with a space quoted as a shell would; whole arguments only, as many as fit in {@link #COMMAND_WIDTH}, and an
     * ellipsis for the rest (cut inside one, a query's {@code range(} would be left open).
     */
    static String commandLine(List<String> arguments) {
        StringBuilder b = new StringBuilder("meshkit");
        for (int i = 0; i < arguments.size(); i++) {
            String a = io.meshkit.core.secret.Secrets.redact(arguments.get(i));
            boolean quote = a.isEmpty() || a.chars().anyMatch(ch -> Character.isWhitespace(ch) || ch == '\'');
            String word = quote ? "'" + a.replace("'", "'\\''") + "'" : a;
            int room = COMMAND_WIDTH - (i == arguments.size() - 1 ? 0 : 2);
            if (b.length() + 1 + word.length() > room) {
                return b.append(" …").toString();
            }
            b.append(' ').append(word);
        }
        return b.toString();
    }

    @Override
    protected JdbcWarehouse transactionView(Connection transaction) {
        return new DuckDbWarehouse(uri(), file, root, scanCache, pool(), transaction);
    }

    @Override
    protected String textArrayElementType() {
        return "VARCHAR";
    }

    @Override
    protected ValueReader reader(ResultSetMetaData md, int column) throws SQLException {
        return Values.reader(md.getColumnTypeName(column), md.getColumnType(column));
    }

    @Override
    protected Sql listTablesQuery(Namespace namespace) {
        return DIALECT.sql().sql("SELECT table_name FROM information_schema.tables WHERE table_catalog = current_database()"
                + " AND lower(table_schema) = lower(").bind(namespace.name()).sql(")").build();
    }

    @Override
    protected Sql describeColumnsQuery(TableId table) {
        return DIALECT.sql().sql("SELECT column_name, data_type, is_nullable = 'YES' FROM information_schema.columns"
                + " WHERE table_catalog = current_database() AND lower(table_schema) = lower(").bind(table.namespace().name())
                .sql(") AND lower(table_name) = lower(").bind(table.name()).sql(") ORDER BY ordinal_position").build();
    }

    /** {@code BASE TABLE} or {@code VIEW}. */
    @Override
    protected Sql relationKindQuery(TableId table) {
        return DIALECT.sql().sql("SELECT table_type FROM information_schema.tables WHERE table_catalog = current_database()"
                + " AND lower(table_schema) = lower(").bind(table.namespace().name())
                .sql(") AND lower(table_name) = lower(").bind(table.name()).sql(")").build();
    }

    @Override
    protected boolean isView(String kind) {
        return kind.equalsIgnoreCase("VIEW");
    }

    @Override
    protected String dropStatement(String kind, TableId table) {
        return (isView(kind) ? "DROP VIEW IF EXISTS " : "DROP TABLE IF EXISTS ") + DIALECT.quote(table);
    }

    @Override
    protected Sql viewCommentQuery(TableId production) {
        return DIALECT.sql().sql("SELECT comment FROM duckdb_views() WHERE database_name = current_database()"
                + " AND lower(schema_name) = lower(").bind(production.namespace().name())
                .sql(") AND lower(view_name) = lower(").bind(production.name()).sql(")").build();
    }

    @Override
    protected Sql viewsCommentedQuery(String prefix) {
        return DIALECT.sql().sql("SELECT schema_name, view_name, comment FROM duckdb_views() WHERE database_name = current_database()"
                + " AND starts_with(comment, ").bind(prefix).sql(")").build();
    }

    /** DuckDB resolves names without case. */
    @Override
    protected boolean sameRelation(TableId a, TableId b) {
        return a.namespace().name().equalsIgnoreCase(b.namespace().name()) && a.name().equalsIgnoreCase(b.name());
    }

    /**
     * DuckDB has no {@code CREATE TABLE ... ORDER BY}: the rows are inserted sorted, and DuckDB keeps
     * insertion order, so zone maps then skip row groups. {@code partitionBy} has no DuckDB meaning
     * and is ignored.
     */
    @Override
    protected long createTableAs(Connection c, TableId target, Sql select, TableLayout layout, WriteMode mode) throws SQLException {
        boolean exists = relationKind(c, target).isPresent();
        SqlBuilder b = DIALECT.sql();
        if (mode == WriteMode.CREATE && exists) {
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot create table " + target + ": it already exists");
        }
        Sql body = sortedSelect(select, layout).build();
        if (mode == WriteMode.REPLACE) {
            return replaceTableAs(c, target, body);
        }
        if (mode == WriteMode.APPEND && exists) {
            b.sql("INSERT INTO ").table(target).sql(" ");
        } else {
            b.sql("CREATE TABLE ").table(target).sql(" AS ");
        }
        return update(c, b.append(body).build());
    }

    @Override
    public QueryStats load(TableId target, LoadRequest request) {
        requireNonNull(target, "target is null");
        requireNonNull(request, "request is null");
        List<String> paths = localFiles(target, request, "DuckDB").stream().map(Path::toString).toList();
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
        return ScanEstimate.bytes(this, scanCache, table, Set.copyOf(columns), requireNonNull(rangeColumn, "rangeColumn is null"), below);
    }

    /**
     * Same namespace: {@code DROP target; ALTER source RENAME TO target}, no copy. Across namespaces
     * DuckDB cannot rename into another schema, so the rows are copied and the source dropped. Either
     * way in one transaction: a reader on another connection sees the old table or the new one.
     */
    @Override
    protected void replace(Connection c, TableId target, TableId source) throws SQLException {
        try (Statement s = c.createStatement()) {
            Optional<String> kind = relationKind(c, target);
            // DuckDB resolves names without case
            if (target.namespace().name().equalsIgnoreCase(source.namespace().name())) {
                if (kind.isPresent()) {
                    s.execute(dropStatement(kind.get(), target));
                }
                s.execute("ALTER TABLE " + DIALECT.quote(source) + " RENAME TO " + DIALECT.quoteIdentifier(target.name()));
            } else {
                if (kind.isPresent() && isView(kind.get())) {
                    s.execute(dropStatement(kind.get(), target));
                }
                s.execute("CREATE OR REPLACE TABLE " + DIALECT.quote(target) + " AS SELECT * FROM " + DIALECT.quote(source));
                s.execute("DROP TABLE " + DIALECT.quote(source));
            }
        }
    }

    /**
     * {@code CREATE OR REPLACE VIEW}, then the comment naming the release (DuckDB normalises a view's
     * SQL text, so the comment, not the text, says what it serves). A production that is a plain
     * table is dropped first.
     */
    @Override
    protected List<Sql> promotionStatements(Promotion p, Optional<String> productionKind) {
        List<Sql> statements = new ArrayList<>();
        if (productionKind.isPresent() && !isView(productionKind.get())) {
            // IF EXISTS: still right when a caller moved production aside earlier in the same transaction
            statements.add(Sql.of(dropStatement(productionKind.get(), p.production())));
        }
        statements.add(DIALECT.sql().sql("CREATE OR REPLACE VIEW ").table(p.production()).sql(" AS SELECT * FROM ").table(p.release()).build());
        statements.add(commentOnView(p));
        return statements;
    }

    @Override
    public void close() {
        super.close();
        if (!isTransactionView()) {
            try {
                root.close();
            } catch (SQLException e) {
                // nothing to recover: the database is released either way
            }
            if (released.compareAndSet(false, true)) {
                Attached.release(file);
            }
        }
    }
}
