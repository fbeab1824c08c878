package io.meshkit.differ.internal;

import static java.util.Objects.requireNonNull;

import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import io.meshkit.core.error.NoSuchTableException;
import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.identifier.TableId;
import io.meshkit.core.type.DataType;
import io.meshkit.core.warehouse.CanonicalText;
import io.meshkit.core.warehouse.CanonicalText.Column;
import io.meshkit.core.warehouse.ColumnInfo;
import io.meshkit.core.warehouse.Quoting;
import io.meshkit.core.warehouse.Sql;
import io.meshkit.core.warehouse.SqlBuilder;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

/**
 * A MySQL (or MariaDB) table as one side of a cross-database diff, over JDBC. The session runs in
 * UTC with utf8mb4, and string keys are compared and ordered with {@code BINARY}, so the
 * case-insensitive default collations cannot merge or reorder keys.
 */
public final class MySqlSegmentSource extends SqlSegmentSource {
    /** A level with at least this many ranges is digested on both connections, each over a contiguous half. */
    static final int PARALLEL_RANGES = 16;

    /**
     * The session in one statement (each statement is a round trip): UTC, utf8mb4, and room for a
     * range's rows concatenated for its digest (MySQL's default, 1 MB, would cut them).
     */
    private static final String SESSION = "SET NAMES utf8mb4, time_zone = '+00:00', SESSION group_concat_max_len = 1073741824";

    private final Connection connection;
    /** A second connection, opened while the first plans, for the other half of a level's digests; null if it failed. */
    private final java.util.concurrent.CompletableFuture<Connection> second;
    private final java.util.concurrent.ExecutorService secondThread;
    private final String url;
    private final TableId table;
    /** The table's engine and primary-key columns (comma-separated), read with its columns by {@link #describe}. */
    private String engine;
    private String primaryKey;
    private boolean described;
    /** Whether the key is the table's clustered (InnoDB) primary key: a range of it is read in key order. */
    private boolean clusteredKey;

    private MySqlSegmentSource(Connection connection, java.util.concurrent.CompletableFuture<Connection> second,
            java.util.concurrent.ExecutorService secondThread, String url, TableId table) {
        this.connection = connection;
        this.second = second;
        this.secondThread = secondThread;
        this.url = url;
        this.table = table;
    }

    /**
     * Connects, and opens a second connection in the background (the server digests one half of a
     * level on each). The password comes from the caller (the environment), never from the URL; the
     * URL is only ever shown with any password in it replaced by {@code ***}.
     *
     * @param table the table as {@code DATABASE.TABLE}
     */
    public static MySqlSegmentSource connect(String jdbcUrl, String password, TableId table) {
        requireNonNull(jdbcUrl, "jdbcUrl is null");
        requireNonNull(table, "table is null");
        String shown = redact(jdbcUrl);
        Properties props = new Properties();
        if (password != null && !password.isEmpty()) {
            props.setProperty("password", password);
        }
        props.setProperty("connectionTimeZone", "UTC");
        props.setProperty("characterEncoding", "UTF-8");
        props.setProperty("characterSetResults", "utf8mb4");
        props.setProperty("connectTimeout", "10000");
        // round trips the driver would add: no SET net_write_timeout around every streamed result, no
        // SET autocommit / character_set_results at connect (the session is used as the driver leaves it)
        props.setProperty("netTimeoutForStreamingResults", "0");
        props.setProperty("useLocalSessionState", "true");
        Connection c;
        try {
            c = open(jdbcUrl, props);
        } catch (SQLException e) {
            throw new MeshkitException(ErrorCode.SOURCE_FAILURE, "Cannot connect to source " + shown + ": " + reason(e), e);
        }
        java.util.concurrent.ExecutorService thread = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "meshkit-diff-mysql");
            t.setDaemon(true);
            return t;
        });
        java.util.concurrent.CompletableFuture<Connection> second = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return open(jdbcUrl, props);
            } catch (SQLException e) {
                return null; // the first connection does all the work
            }
        }, thread);
        return new MySqlSegmentSource(c, second, thread, shown, table);
    }

    private static Connection open(String jdbcUrl, Properties props) throws SQLException {
        Connection c = DriverManager.getConnection(jdbcUrl, props);
        try (Statement s = c.createStatement()) {
            s.execute(SESSION);
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        return c;
    }

    /** The URL with any password replaced by {@code ***}. */
    public static String redact(String url) {
        return io.meshkit.core.secret.Secrets.redact(url);
    }

    private static String reason(SQLException e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    @Override
    public String tableName() {
        return table.toString();
    }

    @Override
    public List<ColumnInfo> describe() {
        List<ColumnInfo> out = new ArrayList<>();
        // with the table's engine and primary key, which configure needs: one round trip
        try (PreparedStatement ps = connection.prepareStatement("SELECT c.COLUMN_NAME, c.DATA_TYPE, c.COLUMN_TYPE, c.NUMERIC_PRECISION,"
                + " c.NUMERIC_SCALE, c.IS_NULLABLE, t.ENGINE, (SELECT GROUP_CONCAT(s.COLUMN_NAME ORDER BY s.SEQ_IN_INDEX)"
                + " FROM information_schema.STATISTICS s WHERE s.TABLE_SCHEMA = c.TABLE_SCHEMA AND s.TABLE_NAME = c.TABLE_NAME"
                + " AND s.INDEX_NAME = 'PRIMARY') FROM information_schema.COLUMNS c JOIN information_schema.TABLES t"
                + " ON t.TABLE_SCHEMA = c.TABLE_SCHEMA AND t.TABLE_NAME = c.TABLE_NAME WHERE c.TABLE_SCHEMA = ? AND c.TABLE_NAME = ?"
                + " ORDER BY c.ORDINAL_POSITION")) {
            ps.setString(1, table.namespace().name());
            ps.setString(2, table.name());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String columnType = rs.getString(3);
                    out.add(new ColumnInfo(ColumnName.of(rs.getString(1)),
                            portable(rs.getString(2), columnType, rs.getInt(4), rs.getInt(5)), columnType, "YES".equals(rs.getString(6))));
                    engine = rs.getString(7);
                    primaryKey = rs.getString(8);
                }
                described = true;
            }
        } catch (SQLException e) {
            throw new MeshkitException(ErrorCode.SOURCE_FAILURE, "Cannot describe table " + table + " in source " + url + ": " + reason(e), e);
        }
        if (out.isEmpty()) {
            throw new NoSuchTableException("diff", table);
        }
        return out;
    }

    /** The portable type of a MySQL column; types without one (enum, set, geometry) compare as text. */
    static DataType portable(String dataType, String columnType, int precision, int scale) {
        String t = dataType.toLowerCase(Locale.ROOT);
        boolean unsigned = columnType.toLowerCase(Locale.ROOT).contains("unsigned");
        if (t.equals("decimal")) {
            return DataType.decimal(Math.max(precision, 1), Math.max(scale, 0));
        }
        if (t.equals("year")) {
            return DataType.INTEGER;
        }
        if (t.equals("bit")) {
            return DataType.BIGINT;
        }
        Optional<DataType> parsed = DataType.parse(unsigned ? t + " unsigned" : t);
        return parsed.orElse(DataType.VARCHAR);
    }

    @Override
    public void configure(RowShape shape) {
        super.configure(shape);
        clusteredKey = shape.singleIntegerKey() && isClusteredPrimaryKey(shape.key().get(0).name().name());
    }

    private boolean isClusteredPrimaryKey(String column) {
        if (!described) {
            describe();
        }
        return "InnoDB".equalsIgnoreCase(engine) && column.equalsIgnoreCase(String.valueOf(primaryKey));
    }

    /**
     * When the key is the clustered primary key, one {@code SELECT} per child over its index range,
     * joined by {@code UNION ALL}: each reads its rows in key order, so the digest needs no sort and
     * the statement no temporary table (grouping by an expression would sort every row). A level of
     * many ranges is cut into two contiguous halves, one statement on each connection at once, so
     * the server digests on two cores. Otherwise the shared statement, grouped, with the digest's
     * rows ordered explicitly.
     */
    @Override
    public List<List<Summary>> summarise(List<Split> splits) {
        if (!clusteredKey) {
            return super.summarise(splits);
        }
        List<KeyRange> children = new ArrayList<>();
        splits.forEach(s -> children.addAll(s.children()));
        boolean twoConnections = children.size() >= PARALLEL_RANGES && (!second.isDone() || second.getNow(null) != null);
        if (!twoConnections) {
            return bySplit(collect(query(unionOfRanges(children, 0, children.size())), children.size()), splits);
        }
        int half = children.size() / 2;
        Sql rest = unionOfRanges(children, half, children.size());
        // the second half starts as soon as the second connection is open (it may still be connecting)
        java.util.concurrent.CompletableFuture<List<Object[]>> secondHalf =
                second.thenApplyAsync(other -> other == null ? null : query(rest, sql -> run(other, sql)), secondThread);
        List<Object[]> rows = new ArrayList<>(query(unionOfRanges(children, 0, half)));
        List<Object[]> restRows;
        try {
            restRows = secondHalf.join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
        rows.addAll(restRows != null ? restRows : query(rest));
        return bySplit(collect(rows, children.size()), splits);
    }

    /** The digests of children {@code from} (inclusive) to {@code to}, numbered by their place in the list. */
    private Sql unionOfRanges(List<KeyRange> children, int from, int to) {
        Sql digest = digest(false);
        SqlBuilder b = sql();
        for (int i = from; i < to; i++) {
            Sql where = range(children.get(i));
            b.sql(i == from ? "SELECT " : " UNION ALL SELECT ").literal(i).sql(" AS seg, COUNT(*) AS n, ").append(digest)
                    .sql(" AS d FROM ").table(table);
            if (!where.isEmpty()) {
                b.sql(" WHERE ").append(where);
            }
        }
        return b.build();
    }

    @Override
    Quoting quoting() {
        return MySqlQuoting.INSTANCE;
    }

    @Override
    TableId tableId() {
        return table;
    }

    @Override
    CanonicalText canonical() {
        return MySqlCanonicalText.INSTANCE;
    }

    /** {@code BINARY} for strings: the default collations are case-insensitive and would merge or reorder keys. */
    @Override
    Sql keyExpression(Column key) {
        SqlBuilder b = sql();
        if (key.type().kind() == DataType.Kind.VARCHAR) {
            b.sql("BINARY ");
        }
        return b.id(key.name()).build();
    }

    @Override
    List<Object[]> run(Sql sql) {
        return run(connection, sql);
    }

    private List<Object[]> run(Connection connection, Sql sql) {
        try (PreparedStatement ps = connection.prepareStatement(sql.text(), ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            ps.setFetchSize(Integer.MIN_VALUE); // stream: never buffer a whole result in the driver
            for (int i = 0; i < sql.parameters().size(); i++) {
                ps.setObject(i + 1, sql.parameters().get(i));
            }
            List<Object[]> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    Object[] row = new Object[n];
                    for (int j = 0; j < n; j++) {
                        row[j] = rs.getObject(j + 1);
                    }
                    out.add(row);
                }
            }
            return out;
        } catch (SQLException e) {
            throw new MeshkitException(ErrorCode.SOURCE_FAILURE, "Cannot read table " + table + " from source " + url + ": " + reason(e), e);
        }
    }

    @Override
    public void close() {
        closeQuietly(connection);
        second.thenAccept(MySqlSegmentSource::closeQuietly);
        secondThread.shutdown();
    }

    private static void closeQuietly(Connection c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (SQLException e) {
            // nothing was written; a failed close loses nothing
        }
    }
}
