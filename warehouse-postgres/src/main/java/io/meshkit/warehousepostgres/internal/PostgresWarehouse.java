package io.meshkit.warehousepostgres.internal;

import static java.util.Objects.requireNonNull;

import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.identifier.Namespace;
import io.meshkit.core.identifier.TableId;
import io.meshkit.core.type.DataType;
import io.meshkit.core.warehouse.Dialect;
import io.meshkit.core.warehouse.FileFormat;
import io.meshkit.core.warehouse.LoadRequest;
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
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.Set;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * A PostgreSQL database as a {@link io.meshkit.core.warehouse.Warehouse}: the core JDBC base
 * ({@link JdbcWarehouse}) with PostgreSQL's catalog queries ({@code pg_class}), values, DDL and CSV
 * loads; namespaces are schemas. Each operation and each result stream borrows its own connection
 * from the pool. PostgreSQL's DDL is transactional, so a replace, a promotion and a
 * {@link WriteMode#REPLACE} are a few catalog changes committed together: a reader on another
 * connection waits for the commit and then sees the new table.
 */
public final class PostgresWarehouse extends JdbcWarehouse implements SupportsScanEstimate {
    private static final Dialect DIALECT = PostgresDialect.INSTANCE;

    private PostgresWarehouse(String uri, ConnectionPool pool, Connection transaction) {
        super(uri, DIALECT, Errors.INSTANCE, pool, transaction);
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
        ConnectionPool pool = new ConnectionPool(uri, () -> connect(jdbcUrl, p), Errors.INSTANCE);
        try {
            pool.giveBack(pool.connect(), false);
        } catch (SQLException e) {
            pool.close();
            throw new MeshkitException(ErrorCode.WAREHOUSE_FAILURE, "Cannot open warehouse " + uri + ": "
                    + Errors.INSTANCE.reason(e, List.of()), e);
        }
        return new PostgresWarehouse(uri, pool, null);
    }

    private static Connection connect(String jdbcUrl, Properties properties) throws SQLException {
        Connection c = DriverManager.getConnection(jdbcUrl, properties);
        try (Statement s = c.createStatement()) {
            // the driver sends the JVM's zone at startup: meshkit's TIMESTAMP means UTC whatever the host's zone
            s.execute("SET TIME ZONE 'UTC'");
        } catch (SQLException e) {
            try {
                c.close();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        return c;
    }

    @Override
    protected JdbcWarehouse transactionView(Connection transaction) {
        return new PostgresWarehouse(uri(), pool(), transaction);
    }

    @Override
    protected String textArrayElementType() {
        return "text";
    }

    /** The driver takes no {@code BigInteger}: a HUGEINT is bound as a numeric. */
    @Override
    protected Object jdbcValue(Connection connection, Object value) throws SQLException {
        return value instanceof BigInteger big ? new BigDecimal(big) : super.jdbcValue(connection, value);
    }

    @Override
    protected ValueReader reader(ResultSetMetaData md, int column) throws SQLException {
        return Values.reader(md.getColumnTypeName(column), md.getPrecision(column), md.getScale(column));
    }

    /** The type of a result column from the driver's short name and its precision and scale. */
    @Override
    protected DataType resultType(ResultSetMetaData md, int column) throws SQLException {
        String engineType = md.getColumnTypeName(column);
        int precision = md.getPrecision(column);
        int scale = md.getScale(column);
        return switch (engineType.toLowerCase(Locale.ROOT)) {
            case "numeric" -> precision == PostgresDialect.HUGEINT_PRECISION && scale == 0 ? DataType.of(DataType.Kind.HUGEINT)
                    : precision > 0 && precision <= 76 && scale >= 0 && scale <= precision ? DataType.decimal(precision, scale)
                    : portable(engineType);
            case "varchar", "bpchar" -> DataType.VARCHAR;
            case "bytea" -> DataType.of(DataType.Kind.BINARY);
            default -> portable(engineType);
        };
    }

    /**
     * The driver streams with a cursor ({@value JdbcWarehouse#FETCH_SIZE} rows a fetch) only inside a
     * transaction, so a query outside the caller's transaction runs in one of its own.
     */
    @Override
    protected boolean streamsInOwnTransaction() {
        return true;
    }

    /** Two sessions creating one schema at once: the loser fails on the catalog's unique index, and the schema is there. */
    @Override
    protected void createNamespace(Connection c, Namespace namespace) throws SQLException {
        try {
            super.createNamespace(c, namespace);
        } catch (SQLException e) {
            if (!"23505".equals(e.getSQLState()) || !schemaExists(c, namespace)) {
                throw e;
            }
        }
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
    protected Sql listTablesQuery(Namespace namespace) {
        return DIALECT.sql().sql("SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ")
                .bind(namespace.name()).sql(" AND c.relkind IN ('r', 'v', 'm', 'p', 'f')").build();
    }

    @Override
    protected Sql describeColumnsQuery(TableId table) {
        return DIALECT.sql().sql("SELECT a.attname, format_type(a.atttypid, a.atttypmod), NOT a.attnotnull"
                + " FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE n.nspname = ").bind(table.namespace().name()).sql(" AND c.relname = ").bind(table.name())
                .sql(" AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum").build();
    }

    /** The {@code pg_class.relkind} of a table-like relation: {@code r}, {@code v}, {@code m}, {@code p} or {@code f}. */
    @Override
    protected Sql relationKindQuery(TableId table) {
        return DIALECT.sql().sql("SELECT CAST(c.relkind AS text) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE n.nspname = ").bind(table.namespace().name()).sql(" AND c.relname = ").bind(table.name())
                .sql(" AND c.relkind IN ('r', 'v', 'm', 'p', 'f')").build();
    }

    @Override
    protected boolean isView(String kind) {
        return kind.equals("v");
    }

    /**
     * {@code IF EXISTS}: still right when a caller moved the relation aside earlier in the same transaction (a promotion
     * renaming production to a release).
     */
    @Override
    protected String dropStatement(String kind, TableId table) {
        return "DROP " + relationType(kind) + " IF EXISTS " + DIALECT.quote(table);
    }

    /** The words naming a relation of this kind in {@code DROP}. */
    private static String relationType(String kind) {
        return switch (kind) {
            case "v" -> "VIEW";
            case "m" -> "MATERIALIZED VIEW";
            case "f" -> "FOREIGN TABLE";
            default -> "TABLE";
        };
    }

    @Override
    protected Sql viewCommentQuery(TableId production) {
        return DIALECT.sql().sql("SELECT obj_description(c.oid, 'pg_class') FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE n.nspname = ").bind(production.namespace().name()).sql(" AND c.relname = ").bind(production.name())
                .sql(" AND c.relkind = 'v'").build();
    }

    @Override
    protected Sql viewsCommentedQuery(String prefix) {
        return DIALECT.sql().sql("SELECT n.nspname, c.relname, d.description FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " JOIN pg_description d ON d.objoid = c.oid AND d.classoid = 'pg_class'::regclass AND d.objsubid = 0"
                + " WHERE c.relkind = 'v' AND starts_with(d.description, ").bind(prefix).sql(")").build();
    }

    /**
     * The rows are inserted sorted by the layout (PostgreSQL keeps no order, but a freshly written
     * heap is in it, so a BRIN index or a range scan benefits). {@code partitionBy} is ignored.
     * {@link WriteMode#REPLACE} writes a new table under a temporary name, then drops the old one and
     * renames the new one, in the caller's transaction: the select may read the table it replaces.
     */
    @Override
    protected long createTableAs(Connection c, TableId target, Sql select, TableLayout layout, WriteMode mode) throws SQLException {
        Optional<String> kind = relationKind(c, target);
        if (mode == WriteMode.CREATE && kind.isPresent()) {
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot create table " + target + ": it already exists");
        }
        Sql body = sortedSelect(select, layout).build();
        if (mode == WriteMode.APPEND && kind.isPresent()) {
            return update(c, DIALECT.sql().sql("INSERT INTO ").table(target).sql(" ").append(body).build());
        }
        if (kind.isEmpty() && mode != WriteMode.REPLACE) {
            return update(c, DIALECT.sql().sql("CREATE TABLE ").table(target).sql(" AS ").append(body).build());
        }
        if (kind.isEmpty() || kind.get().equals("r")) {
            return replaceTableAs(c, target, body);
        }
        TableId fresh = target.namespace().table(PostgresDialect.temporaryName());
        long rows = update(c, DIALECT.sql().sql("CREATE TABLE ").table(fresh).sql(" AS ").append(body).build());
        try (Statement s = c.createStatement()) {
            s.execute(dropStatement(kind.get(), target));
            s.execute("ALTER TABLE " + DIALECT.quote(fresh) + " RENAME TO " + DIALECT.quoteIdentifier(target.name()));
        }
        return rows;
    }

    /**
     * From the catalog only ({@link ScanEstimate}): the logical bytes of the rows below the bound,
     * their share from the planner's statistics of the range column. PostgreSQL's heap skips no
     * blocks by their minimum, so this is what a range scan through an index on the column reads,
     * and what the query processes; a sequential scan reads every page.
     */
    @Override
    public OptionalLong estimateScanBytes(TableInfo table, Set<ColumnName> columns, ColumnName rangeColumn, double below) {
        requireNonNull(table, "table is null");
        requireNonNull(rangeColumn, "rangeColumn is null");
        Set<ColumnName> wanted = Set.copyOf(columns);
        return run("estimate a scan of " + table.id(), List.of(), c -> ScanEstimate.bytes(c, table, wanted, rangeColumn, below));
    }

    /**
     * Files through the driver's {@code COPY ... FROM STDIN}: the JVM reads them, so they need not be
     * on the database server, and streams them (a Parquet row group, a CSV buffer at a time), all in
     * one transaction. Parquet goes by binary COPY into the columns of the files' own types
     * ({@link ParquetCopy}); CSV into a table of text columns named by the first file's header, then,
     * unless loaded as text, each column gets the narrowest type every value of it converts to
     * (bigint, double precision, boolean, date, timestamp, else text).
     */
    @Override
    public QueryStats load(TableId target, LoadRequest request) {
        requireNonNull(target, "target is null");
        requireNonNull(request, "request is null");
        List<Path> paths = localFiles(target, request, "PostgreSQL");
        long start = System.nanoTime();
        long rows = request.format() == FileFormat.PARQUET ? loadParquet(target, paths, request.mode()) : loadCsv(target, paths, request);
        return new QueryStats(Duration.ofNanos(System.nanoTime() - start),
                rows < 0 ? OptionalLong.empty() : OptionalLong.of(rows), OptionalLong.empty());
    }

    /**
     * A new table is copied into directly; an existing one is replaced by a table copied under a
     * temporary name (dropped and renamed, as {@link #createTableAs} does) or appended to from it.
     */
    private long loadParquet(TableId target, List<Path> paths, WriteMode mode) {
        List<ParquetCopy.Column> columns = ParquetCopy.columns(target, paths.get(0));
        List<ColumnName> names = columns.stream().map(ParquetCopy.Column::name).toList();
        return atomically("load table " + target, List.of(), c -> {
            Optional<String> kind = relationKind(c, target);
            if (mode == WriteMode.CREATE && kind.isPresent()) {
                throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot create table " + target + ": it already exists");
            }
            TableId into = kind.isEmpty() ? target : target.namespace().table(PostgresDialect.temporaryName());
            update(c, DIALECT.createTableIfNotExists(into, columns.stream().map(ParquetCopy.Column::info).toList()));
            SqlBuilder copySql = DIALECT.sql().sql("COPY ").table(into).sql(" (").ids(names).sql(") FROM STDIN WITH (FORMAT binary)");
            long rows = ParquetCopy.copy(target, paths, columns, c.unwrap(PGConnection.class).getCopyAPI().copyIn(copySql.build().text()));
            if (kind.isPresent() && mode == WriteMode.REPLACE) {
                replace(c, target, into);
            } else if (kind.isPresent()) {
                update(c, DIALECT.sql().sql("INSERT INTO ").table(target).sql(" (").ids(names).sql(") SELECT ").ids(names)
                        .sql(" FROM ").table(into).build());
                try (Statement s = c.createStatement()) {
                    s.execute("DROP TABLE " + DIALECT.quote(into));
                }
            }
            return rows;
        });
    }

    private long loadCsv(TableId target, List<Path> paths, LoadRequest request) {
        List<String> header = CsvHeader.read(paths.get(0));
        return atomically("load table " + target, List.of(), c -> {
            TableId staging = target.namespace().table(PostgresDialect.temporaryName());
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
    }

    private static final List<DataType> CANDIDATES = List.of(DataType.BIGINT, DataType.DOUBLE, DataType.BOOLEAN, DataType.DATE,
            DataType.TIMESTAMP);

    /** For each text column, the first candidate type that every non-NULL value matches, or VARCHAR. */
    private List<DataType> inferTypes(Connection c, TableId staging, List<String> header) throws SQLException {
        List<DataType> types = new ArrayList<>();
        for (String name : header) {
            ColumnName column = ColumnName.of(name);
            DataType chosen = DataType.VARCHAR;
            for (DataType candidate : CANDIDATES) {
                Sql converted = DIALECT.tryCast(DIALECT.sql().id(column).build(), candidate).orElseThrow();
                // the pattern's cast is in a CASE, so the count only asks whether every value matches it
                Sql misfits = DIALECT.sql().sql("SELECT count(*) FROM ").table(staging).sql(" WHERE ").id(column).sql(" IS NOT NULL AND NOT (")
                        .append(patternOf(converted)).sql(")").build();
                try (PreparedStatement ps = prepare(c, misfits); ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getLong(1) == 0) {
                        chosen = candidate;
                        break;
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
    protected void replace(Connection c, TableId target, TableId source) throws SQLException {
        try (Statement s = c.createStatement()) {
            Optional<String> kind = relationKind(c, target);
            if (kind.isPresent()) {
                s.execute(dropStatement(kind.get(), target));
            }
            if (source.namespace().name().equals(target.namespace().name())) {
                s.execute("ALTER TABLE " + DIALECT.quote(source) + " RENAME TO " + DIALECT.quoteIdentifier(target.name()));
            } else {
                String moving = PostgresDialect.temporaryName();
                s.execute("ALTER TABLE " + DIALECT.quote(source) + " RENAME TO " + DIALECT.quoteIdentifier(moving));
                s.execute("ALTER TABLE " + DIALECT.quote(source.namespace().table(moving)) + " SET SCHEMA " + DIALECT.quote(target.namespace()));
                s.execute("ALTER TABLE " + DIALECT.quote(target.namespace().table(moving)) + " RENAME TO "
                        + DIALECT.quoteIdentifier(target.name()));
            }
        }
    }

    /**
     * The old view or table is dropped (a view's columns cannot change under {@code CREATE OR
     * REPLACE VIEW}) and the new view created, with the comment naming the release.
     */
    @Override
    protected List<Sql> promotionStatements(Promotion p, Optional<String> productionKind) {
        List<Sql> statements = new ArrayList<>();
        productionKind.ifPresent(kind -> statements.add(Sql.of(dropStatement(kind, p.production()))));
        statements.add(DIALECT.sql().sql("CREATE VIEW ").table(p.production()).sql(" AS SELECT * FROM ").table(p.release()).build());
        statements.add(commentOnView(p));
        return statements;
    }

    /**
     * A table that a production view made by {@link #promote} serves is refused; views over it made
     * otherwise go with it ({@code CASCADE}: DuckDB's views bind late and would just fail when read).
     */
    @Override
    protected void drop(Connection c, String kind, TableId table) throws SQLException {
        Optional<String> serving = promotedDependent(c, table);
        if (serving.isPresent()) {
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot drop table " + table + ": production view "
                    + serving.get() + " serves it (promote another release first)");
        }
        try (Statement s = c.createStatement()) {
            s.execute(dropStatement(kind, table) + " CASCADE");
        }
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
