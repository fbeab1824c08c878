package io.meshkit.snapshotingest.internal;

import io.meshkit.core.landing.LandingOutput;
import io.meshkit.core.landing.LandingZone;
import io.meshkit.core.landing.SnapshotKey;
import io.meshkit.snapshotingest.api.ChunkPlan;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/** Reads one chunk from a worker connection, streaming, into one Parquet part file in the landing zone. */
public final class ChunkReader {
    private static final int PROGRESS_EVERY = 8192;
    /**
     * Whether chunks are read by {@link WireRows} where the connection allows it (the default); the system property
     * {@code meshkit.snapshot.reader=jdbc} reads every chunk through Connector/J's result set instead.
     */
    private static final boolean WIRE = !"jdbc".equals(System.getProperty("meshkit.snapshot.reader"));

    private ChunkReader() {}

    /**
     * Reads a chunk and lands it. The part becomes visible only when complete; its record is written after it.
     *
     * @param progress rows read so far by all workers, updated every few thousand rows
     */
    public static LandedChunk read(Connection connection, SourceTable table, List<SourceColumn> key, ChunkPlan.Chunk chunk,
            LandingZone landing, SnapshotKey snapshot, ZoneId sourceZone, AtomicLong progress) throws SQLException, IOException {
        return read(connection, table, key, chunk, landing, snapshot, sourceZone, progress, WIRE);
    }

    /** The same, {@code wire}: by {@link WireRows} where the connection allows it, else through Connector/J's result set. */
    static LandedChunk read(Connection connection, SourceTable table, List<SourceColumn> key, ChunkPlan.Chunk chunk,
            LandingZone landing, SnapshotKey snapshot, ZoneId sourceZone, AtomicLong progress, boolean wire) throws SQLException, IOException {
        List<Object> binds = new ArrayList<>();
        String where = MySqlSql.range(key, chunk.lower(), chunk.upper(), binds);
        String sql = "SELECT " + MySqlSql.columns(table.columns().stream().map(SourceColumn::name).toList())
                + " FROM " + MySqlSql.table(table.database(), table.name()) + " WHERE " + where;
        MessageDigest sha = sha256();
        CountingStream counting;
        long count;
        long zeroDates;
        WireRows rows = wire ? WireRows.on(connection) : null;
        try (LandingOutput out = landing.create(snapshot, chunk.file())) {
            counting = new CountingStream(new DigestOutputStream(new BufferedOutputStream(out, 1 << 16), sha));
            ParquetParts.Writer writer = ParquetParts.open(counting, chunk.file(), table.columns(), sourceZone);
            try {
                if (rows != null) {
                    rows.read(sql, binds, writer, progress, PROGRESS_EVERY);
                } else {
                    readJdbc(connection, sql, binds, writer, progress);
                }
            } finally {
                writer.close();
            }
            count = writer.rows();
            zeroDates = writer.zeroDates();
            counting.flush();
            out.commit();
        }
        LandedChunk landed = new LandedChunk(chunk.id(), chunk.file(), count, counting.count, HexFormat.of().formatHex(sha.digest()), zeroDates);
        try (LandingOutput record = landing.create(snapshot, LandedChunk.recordName(chunk.id()))) {
            record.write(landed.toJson());
            record.commit();
        }
        return landed;
    }

    /** The rows through Connector/J's result set: where the connection speaks something {@link WireRows} does not. */
    private static void readJdbc(Connection connection, String sql, List<Object> binds, ParquetParts.Writer writer, AtomicLong progress)
            throws SQLException, IOException {
        try (PreparedStatement s = prepare(connection, sql)) {
            s.setFetchSize(Integer.MIN_VALUE); // stream rows: never a whole result set in memory
            for (int i = 0; i < binds.size(); i++) {
                // Connector/J sends a BigInteger as text, which MySQL compares with a BIGINT UNSIGNED key as a double (2^64 is
                // 4096 apart from its neighbours there): as a DECIMAL it compares exactly
                Object v = binds.get(i);
                s.setObject(i + 1, v instanceof java.math.BigInteger b ? new java.math.BigDecimal(b) : v);
            }
            try (ResultSet rs = s.executeQuery()) {
                long pending = 0;
                while (rs.next()) {
                    writer.write(rs);
                    if (++pending == PROGRESS_EVERY) {
                        progress.addAndGet(pending);
                        pending = 0;
                    }
                }
                progress.addAndGet(pending);
            }
        }
    }

    /**
     * The record of a chunk that has landed and verifies (the part exists with the recorded size and
     * SHA-256), or empty when the chunk must be read again.
     */
    public static Optional<LandedChunk> verified(LandingZone landing, SnapshotKey snapshot, ChunkPlan.Chunk chunk) throws IOException {
        Optional<InputStream> record = landing.open(snapshot, LandedChunk.recordName(chunk.id()));
        if (record.isEmpty()) {
            return Optional.empty();
        }
        LandedChunk landed;
        try (InputStream in = record.get()) {
            landed = LandedChunk.fromJson(in.readAllBytes());
        } catch (IOException e) {
            return Optional.empty(); // a damaged record: read the chunk again
        }
        Optional<InputStream> part = landing.open(snapshot, chunk.file());
        if (part.isEmpty()) {
            return Optional.empty();
        }
        MessageDigest sha = sha256();
        long size = 0;
        try (InputStream in = part.get()) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha.update(buffer, 0, n);
                size += n;
            }
        }
        boolean ok = size == landed.bytes() && HexFormat.of().formatHex(sha.digest()).equals(landed.sha256());
        return ok ? Optional.of(landed) : Optional.empty();
    }

    /**
     * A server-side prepared statement, whatever the connection's {@code useServerPrepStmts}: its rows come in the
     * binary protocol, where numbers and temporal values travel as fixed-width fields and structs. The server then
     * formats nothing as text and the reader parses nothing (measured: a fifth to a third less server CPU per row), and
     * FLOAT values arrive exactly, where the text protocol rounds them to six significant digits.
     */
    static PreparedStatement prepare(Connection connection, String sql) throws SQLException {
        return connection.unwrap(com.mysql.cj.jdbc.JdbcConnection.class).serverPrepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY,
                ResultSet.CONCUR_READ_ONLY);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    private static final class CountingStream extends OutputStream {
        private final OutputStream out;
        long count;

        CountingStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }
    }
}
