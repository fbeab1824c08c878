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
    private final Connection connection;
    private final String url;
    private final TableId table;
    /** Whether the key is the table's clustered (InnoDB) primary key: a range of it is read in key order. */
    private boolean clusteredKey;

    private MySqlSegmentSource(Connection connection, String url, TableId table) {
        this.connection = connection;
        this.url = url;
        this.table = table;
    }

    /**
     * Connects. The password comes from the caller (the environment), never from the URL; the URL is
     * only ever shown with any password in it replaced by {@code ***}.
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
        props.setProperty("connectTimeout", "10000");
        try {
            Connection c = DriverManager.getConnection(jdbcUrl, props);
            try (Statement s = c.createStatement()) {
                s.execute("SET time_zone = '+00:00'");
                s.execute("SET NAMES utf8mb4");
                // a range's rows are concatenated for its digest; MySQL's default (1 MB) would cut them
                s.execute("SET SESSION group_concat_max_len = 1073741824");
            }
            return new MySqlSegmentSource(c, shown, table);
        } catch (SQLException e) {
            throw new MeshkitException(ErrorCode.SOURCE_FAILURE, "Cannot connect to source " + shown + ": " + reason(e), e);
        }
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
        try (PreparedStatement ps = connection.prepareStatement("SELECT COLUMN_NAME, DATA_TYPE, COLUMN_TYPE, NUMERIC_PRECISION,"
                + " NUMERIC_SCALE, IS_NULLABLE FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?"
                + " ORDER BY ORDINAL_POSITION")) {
            ps.setString(1, table.namespace().name());
            ps.setString(2, table.name());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String columnType = rs.getString(3);
                    out.add(new ColumnInfo(ColumnName.of(rs.getString(1)),
                            portable(rs.getString(2), columnType, rs.getInt(4), rs.getInt(5)), columnType, "YES".equals(rs.getString(6))));
                }
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
        Sql sql = sql().sql("SELECT t.ENGINE, (SELECT GROUP_CONCAT(s.COLUMN_NAME ORDER BY s.SEQ_IN_INDEX) FROM information_schema.STATISTICS s"
                + " WHERE s.TABLE_SCHEMA = t.TABLE_SCHEMA AND s.TABLE_NAME = t.TABLE_NAME AND s.INDEX_NAME = 'PRIMARY')"
                + " FROM information_schema.TABLES t WHERE t.TABLE_SCHEMA = ").bind(table.namespace().name())
                .sql(" AND t.TABLE_NAME = ").bind(table.name()).build();
        List<Object[]> r = query(sql);
        return !r.isEmpty() && "InnoDB".equalsIgnoreCase(String.valueOf(r.get(0)[0])) && column.equalsIgnoreCase(String.valueOf(r.get(0)[1]));
    }

    /**
     * When the key is the clustered primary key, one {@code SELECT} per child over its index range,
     * joined by {@code UNION ALL}: each reads its rows in key order, so the digest needs no sort and
     * the statement no temporary table (grouping by an expression would sort every row). Otherwise
     * the shared statement, grouped, with the digest's rows ordered explicitly.
     */
    @Override
    public List<List<Summary>> summarise(List<Split> splits) {
        if (!clusteredKey) {
            return super.summarise(splits);
        }
        Sql digest = digest(false);
        SqlBuilder b = sql();
        int i = 0;
        for (Split split : splits) {
            for (KeyRange child : split.children()) {
                Sql where = range(child);
                b.sql(i == 0 ? "SELECT " : " UNION ALL SELECT ").literal(i).sql(" AS seg, COUNT(*) AS n, ").append(digest)
                        .sql(" AS d FROM ").table(table);
                if (!where.isEmpty()) {
                    b.sql(" WHERE ").append(where);
                }
                i++;
            }
        }
        return bySplit(collect(query(b.build()), i), splits);
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
        try {
            connection.close();
        } catch (SQLException e) {
            // nothing was written; a failed close loses nothing
        }
    }
}
