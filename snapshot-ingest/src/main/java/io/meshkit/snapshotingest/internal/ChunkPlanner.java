package io.meshkit.snapshotingest.internal;

import io.meshkit.snapshotingest.api.ChunkPlan;
import io.meshkit.snapshotingest.api.ChunkPlan.Chunk;
import io.meshkit.snapshotingest.api.ChunkPlan.Strategy;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Splits a table into chunks by its key: integer keys into ranges from MIN/MAX (no rows read), string
 * and composite keys by keyset boundaries (a streaming scan of the key only), and a table without a key
 * into one chunk. Chunks are half-open ranges and the first and last are open-ended, so together they
 * cover every row the snapshot can see, however the table changed since planning.
 */
public final class ChunkPlanner {
    private final MySqlSource source;

    public ChunkPlanner(MySqlSource source) {
        this.source = source;
    }

    /**
     * Plans a table.
     *
     * @param key the key columns to split by (empty: one chunk)
     * @param chunkRows the rows per chunk to aim for
     * @param readKeys whether a string or composite key may be scanned for boundaries; without it
     *     (a dry run) the plan only estimates the number of chunks
     */
    public ChunkPlan plan(SourceTable table, List<SourceColumn> key, long chunkRows, boolean readKeys) {
        if (key.isEmpty()) {
            return ChunkPlan.of(table.name(), List.of(), Strategy.SINGLE, table.estimatedRows(), List.of(new Chunk(0, null, null)));
        }
        List<String> keyNames = key.stream().map(SourceColumn::name).toList();
        try (Connection c = source.connect()) {
            if (key.size() == 1 && MySqlSql.isIntegerKey(key.get(0))) {
                return integerRanges(c, table, key.get(0), chunkRows);
            }
            long estimate = table.estimatedRows();
            if (!readKeys) {
                int n = (int) Math.max(1, Math.min(100_000, (estimate + chunkRows - 1) / chunkRows));
                return new ChunkPlan(table.name(), keyNames, Strategy.KEYSET, estimate, List.of(), n);
            }
            return keyset(c, table, key, chunkRows);
        } catch (SQLException e) {
            throw source.failure("plan chunks of table " + table.name() + " on", e);
        }
    }

    private ChunkPlan integerRanges(Connection c, SourceTable table, SourceColumn key, long chunkRows) throws SQLException {
        String sql = "SELECT MIN(" + MySqlSql.quote(key.name()) + "), MAX(" + MySqlSql.quote(key.name()) + ") FROM "
                + MySqlSql.table(table.database(), table.name());
        BigInteger min;
        BigInteger max;
        try (PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
            rs.next();
            String lo = rs.getString(1);
            String hi = rs.getString(2);
            if (lo == null) {
                return ChunkPlan.of(table.name(), List.of(key.name()), Strategy.INTEGER_RANGE, 0, List.of(new Chunk(0, null, null)));
            }
            min = new BigInteger(lo);
            max = new BigInteger(hi);
        }
        BigInteger span = max.subtract(min).add(BigInteger.ONE);
        // the server's estimate may be stale (0 right after a bulk load): a dense key is the other guess
        long estimate = table.estimatedRows() > 0 ? table.estimatedRows() : span.min(BigInteger.valueOf(Long.MAX_VALUE)).longValue();
        long n = Math.max(1, Math.min(100_000, (estimate + chunkRows - 1) / chunkRows));
        if (span.compareTo(BigInteger.valueOf(n)) < 0) {
            n = span.longValue();
        }
        List<Chunk> chunks = new ArrayList<>();
        String previous = null;
        for (long i = 1; i < n; i++) {
            String bound = min.add(span.multiply(BigInteger.valueOf(i)).divide(BigInteger.valueOf(n))).toString();
            chunks.add(new Chunk((int) i - 1, previous == null ? null : List.of(previous), List.of(bound)));
            previous = bound;
        }
        chunks.add(new Chunk((int) n - 1, previous == null ? null : List.of(previous), null));
        return ChunkPlan.of(table.name(), List.of(key.name()), Strategy.INTEGER_RANGE, estimate, chunks);
    }

    private ChunkPlan keyset(Connection c, SourceTable table, List<SourceColumn> key, long chunkRows) throws SQLException {
        List<String> names = key.stream().map(SourceColumn::name).toList();
        String sql = "SELECT " + MySqlSql.columns(names) + " FROM " + MySqlSql.table(table.database(), table.name())
                + " ORDER BY " + MySqlSql.columns(names);
        List<List<String>> bounds = new ArrayList<>();
        long rows = 0;
        try (PreparedStatement s = c.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            s.setFetchSize(Integer.MIN_VALUE); // stream: the key of a large table never sits in memory
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows++;
                    if (rows % chunkRows == 1 && rows > 1) {
                        List<String> bound = new ArrayList<>();
                        for (int i = 0; i < key.size(); i++) {
                            bound.add(key.get(i).kind() == ValueKind.BINARY
                                    ? Base64.getEncoder().encodeToString(rs.getBytes(i + 1)) : rs.getString(i + 1));
                        }
                        bounds.add(List.copyOf(bound));
                    }
                }
            }
        }
        List<Chunk> chunks = new ArrayList<>();
        List<String> previous = null;
        for (List<String> b : bounds) {
            chunks.add(new Chunk(chunks.size(), previous, b));
            previous = b;
        }
        chunks.add(new Chunk(chunks.size(), previous, null));
        return ChunkPlan.of(table.name(), names, Strategy.KEYSET, rows, chunks);
    }
}
