package io.meshkit.snapshotingest.internal;

import com.mysql.cj.NativeSession;
import com.mysql.cj.jdbc.JdbcConnection;
import com.mysql.cj.protocol.SocketConnection;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads a chunk's rows by speaking MySQL's binary protocol on a worker connection's own socket, straight into the
 * Parquet column writers: the rows are parsed where they lie in one reused buffer, with no row object and no array per
 * value (Connector/J allocates ~400 bytes per row, and its per-row code was two thirds of the workers' CPU).
 *
 * <p>Connector/J still opens the connection (handshake, every authentication plugin, TLS, the URL's options) and
 * starts the snapshot transaction on it; this reader only sends {@code COM_STMT_PREPARE}, {@code COM_STMT_EXECUTE}
 * and {@code COM_STMT_CLOSE} on that connection between two of the driver's commands, when the driver has nothing
 * pending, so it reads inside the worker's consistent snapshot. Where the connection negotiated something this reader
 * does not speak (EOF packets, compression, optional result-set metadata, query attributes) or uses TLS (untested), {@link #on}
 * returns null and the chunk is read through JDBC.
 */
final class WireRows {
    private static final int CLIENT_COMPRESS = 0x20;
    private static final int CLIENT_PROTOCOL_41 = 0x200;
    private static final long CLIENT_DEPRECATE_EOF = 1L << 24;
    private static final long CLIENT_OPTIONAL_RESULTSET_METADATA = 1L << 25;
    private static final long CLIENT_QUERY_ATTRIBUTES = 1L << 27;
    private static final int MAX_PAYLOAD = 0xFFFFFF;
    /** Field widths of the binary row format: > 0 fixed, {@link #LENGTH_PREFIXED}, or {@link #ALWAYS_NULL}. */
    private static final int LENGTH_PREFIXED = 0;
    private static final int ALWAYS_NULL = -1;

    private final JdbcConnection connection;
    private final InputStream in;
    private final OutputStream out;
    private byte[] buf = new byte[1 << 17];
    private int start;
    private int end;
    /** The current packet's payload: {@code length} bytes of {@code payload} from {@code offset}. */
    private byte[] payload;
    private int offset;
    private int length;
    private byte[] joined = new byte[0];

    private WireRows(JdbcConnection connection, InputStream in, OutputStream out) {
        this.connection = connection;
        this.in = in;
        this.out = out;
    }

    /** A reader on this connection's socket, or null when the connection speaks something this reader does not. */
    static WireRows on(Connection c) {
        try {
            JdbcConnection j = c.unwrap(JdbcConnection.class);
            if (!(j.getSession() instanceof NativeSession session)) {
                return null;
            }
            long flags = session.getProtocol().getServerSession().getClientParam();
            // what MariaDB 10.2+ and MySQL 5.7+ negotiate with Connector/J (and what the tests see): the result ends with an
            // OK packet, not EOF packets; no compression, no optional metadata, no query attributes
            if ((flags & CLIENT_COMPRESS) != 0 || (flags & CLIENT_PROTOCOL_41) == 0 || (flags & CLIENT_DEPRECATE_EOF) == 0
                    || (flags & CLIENT_OPTIONAL_RESULTSET_METADATA) != 0 || (flags & CLIENT_QUERY_ATTRIBUTES) != 0) {
                return null;
            }
            SocketConnection socket = session.getProtocol().getSocketConnection();
            if (socket.isSSLEstablished()) {
                return null; // the socket's streams would be TLS's, but no server here has TLS to test it on: the driver reads
            }
            return new WireRows(j, socket.getMysqlInput(), socket.getMysqlOutput());
        } catch (SQLException | IOException | RuntimeException e) {
            return null; // not Connector/J's native protocol: read through JDBC
        }
    }

    /**
     * Runs {@code sql} with {@code binds} as a server-side prepared statement and writes every row to {@code writer}.
     * The server's errors, a lost connection and a protocol it should not have sent are {@link SQLException}s, as
     * Connector/J reports them; the writer's are {@link IOException}s. On a failure the connection is closed (its
     * protocol state is unknown), unless the server ended the command with an error.
     */
    void read(String sql, List<Object> binds, ParquetParts.Writer writer, AtomicLong progress, int progressEvery)
            throws SQLException, IOException {
        boolean clean = false;
        try {
            long statement = prepare(sql, binds.size());
            try {
                execute(statement, binds);
                int[] widths = columns(writer.columns());
                rows(widths, writer, progress, progressEvery);
            } catch (ServerError e) {
                close(statement);
                throw e;
            }
            close(statement);
            clean = true;
        } catch (ServerError e) {
            clean = true; // the server answered with an error and the command is over: the connection is usable
            throw e.exception;
        } catch (LinkFailure e) {
            throw new SQLNonTransientConnectionException("Communications link failure: " + e.getMessage(), "08S01", e.getCause());
        } finally {
            if (!clean) {
                try {
                    connection.abortInternal();
                } catch (SQLException | RuntimeException ignored) {
                    // closed already
                }
            }
        }
    }

    private long prepare(String sql, int params) throws LinkFailure, ServerError {
        byte[] text = sql.getBytes(StandardCharsets.UTF_8);
        Packet p = new Packet(1 + text.length);
        p.byte1(0x16).bytes(text, 0, text.length);
        send(p);
        next();
        if (first() != 0) {
            throw unexpected("a prepared statement");
        }
        long statement = int4(offset + 1);
        int columns = int2(offset + 5);
        int parameters = int2(offset + 7);
        if (parameters != params) {
            throw new LinkFailure("MySQL's prepared statement has " + parameters + " parameters, " + params + " bound", null);
        }
        skipDefinitions(parameters);
        skipDefinitions(columns);
        return statement;
    }

    private void skipDefinitions(int n) throws LinkFailure, ServerError {
        for (int i = 0; i < n; i++) {
            next();
        }
    }

    private void execute(long statement, List<Object> binds) throws LinkFailure {
        Packet p = new Packet(64);
        p.byte1(0x17).int4(statement).byte1(0).int4(1);
        int n = binds.size();
        if (n > 0) {
            byte[] nulls = new byte[(n + 7) / 8];
            for (int i = 0; i < n; i++) {
                if (binds.get(i) == null) {
                    nulls[i / 8] |= (byte) (1 << (i % 8));
                }
            }
            p.bytes(nulls, 0, nulls.length).byte1(1);
            for (Object v : binds) {
                p.int2(type(v));
            }
            for (Object v : binds) {
                value(p, v);
            }
        }
        send(p);
    }

    /** MySQL's type code of a bound value, with 0x8000 for unsigned. */
    private static int type(Object v) {
        if (v == null) {
            return 0x06;
        } else if (v instanceof Long || v instanceof Integer) {
            return 0x08;
        } else if (v instanceof BigInteger b) {
            return b.signum() >= 0 && b.bitLength() <= 64 ? 0x8008 : 0xfd;
        } else if (v instanceof Double) {
            return 0x05;
        } else if (v instanceof BigDecimal) {
            return 0xf6;
        } else if (v instanceof byte[]) {
            return 0xfc;
        }
        return 0xfd;
    }

    private static void value(Packet p, Object v) {
        if (v == null) {
            return;
        } else if (v instanceof Long || v instanceof Integer) {
            p.int8(((Number) v).longValue());
        } else if (v instanceof BigInteger b && b.signum() >= 0 && b.bitLength() <= 64) {
            p.int8(b.longValue());
        } else if (v instanceof Double d) {
            p.int8(Double.doubleToLongBits(d));
        } else if (v instanceof BigDecimal d) {
            p.lengthEncoded(d.toPlainString().getBytes(StandardCharsets.US_ASCII));
        } else if (v instanceof byte[] b) {
            p.lengthEncoded(b);
        } else {
            p.lengthEncoded(v.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Reads the result set's column definitions: the width of each column's binary field. */
    private int[] columns(int expected) throws LinkFailure, ServerError {
        next();
        int b = first() & 0xff;
        if (b == 0 || b == 0xfe) {
            throw unexpected("a result set");
        }
        int[] at = {offset};
        long n = lengthEncoded(at);
        if (n != expected) {
            throw new LinkFailure("MySQL sent " + n + " columns, " + expected + " expected", null);
        }
        int[] widths = new int[(int) n];
        for (int i = 0; i < n; i++) {
            next();
            at[0] = offset;
            for (int k = 0; k < 6; k++) { // catalog, schema, table, org_table, name, org_name
                long len = lengthEncoded(at);
                at[0] += (int) len;
            }
            lengthEncoded(at); // the length of the fixed fields, 0x0c
            int type = payload[at[0] + 6] & 0xff; // after the character set (2) and the column length (4)
            widths[i] = width(type);
        }
        return widths;
    }

    private static int width(int type) {
        return switch (type) {
            case 0x01 -> 1; // TINY
            case 0x02, 0x0d -> 2; // SHORT, YEAR
            case 0x03, 0x09, 0x04 -> 4; // LONG, INT24, FLOAT
            case 0x08, 0x05 -> 8; // LONGLONG, DOUBLE
            case 0x06 -> ALWAYS_NULL;
            default -> LENGTH_PREFIXED; // strings, decimals, BLOBs, JSON, BIT, and DATE, TIME, DATETIME, TIMESTAMP (a length byte)
        };
    }

    private void rows(int[] widths, ParquetParts.Writer writer, AtomicLong progress, int progressEvery)
            throws IOException, LinkFailure, ServerError {
        int columns = widths.length;
        int bitmap = (columns + 9) / 8;
        long pending = 0;
        while (true) {
            next();
            byte[] b = payload;
            int o = offset;
            int header = b[o] & 0xff;
            if (header == 0xfe && length < MAX_PAYLOAD) {
                break; // the OK packet that ends a result set (CLIENT_DEPRECATE_EOF)
            }
            if (header != 0) {
                throw unexpected("a row");
            }
            int nulls = o + 1;
            int at = nulls + bitmap;
            for (int i = 0; i < columns; i++) {
                int bit = i + 2;
                if ((b[nulls + (bit >> 3)] & (1 << (bit & 7))) != 0) {
                    writer.copyNull(i);
                    continue;
                }
                int w = widths[i];
                if (w > 0) {
                    writer.copy(i, b, at, w);
                    at += w;
                } else if (w == LENGTH_PREFIXED) {
                    int len = b[at] & 0xff;
                    at++;
                    if (len >= 0xfb) {
                        int[] pos = {at - 1};
                        long l = lengthEncoded(b, pos);
                        at = pos[0];
                        len = Math.toIntExact(l);
                    }
                    writer.copy(i, b, at, len);
                    at += len;
                } else {
                    writer.copyNull(i);
                }
            }
            writer.endRow();
            if (++pending == progressEvery) {
                progress.addAndGet(pending);
                pending = 0;
            }
        }
        progress.addAndGet(pending);
    }

    private void close(long statement) throws LinkFailure {
        Packet p = new Packet(5);
        p.byte1(0x19).int4(statement);
        send(p); // no response
    }

    // ---- packets

    private void send(Packet p) throws LinkFailure {
        byte[] b = p.bytes;
        int len = p.size - 4;
        if (len >= MAX_PAYLOAD) {
            throw new LinkFailure("a statement of " + len + " bytes is longer than one packet", null);
        }
        b[0] = (byte) len;
        b[1] = (byte) (len >>> 8);
        b[2] = (byte) (len >>> 16);
        b[3] = 0; // a command starts its sequence at 0
        try {
            out.write(b, 0, p.size);
            out.flush();
        } catch (IOException e) {
            throw new LinkFailure(e.getMessage(), e);
        }
    }

    /** Reads the next packet (joining a payload of 16 MB or more from its pieces); an ERR packet throws. */
    private void next() throws LinkFailure, ServerError {
        int len = header();
        if (len < MAX_PAYLOAD) {
            fill(len);
            payload = buf;
            offset = start;
            length = len;
            start += len;
        } else {
            int total = 0;
            while (true) {
                fill(len);
                if (joined.length < total + len) {
                    joined = Arrays.copyOf(joined, Math.max(total + len, joined.length * 2));
                }
                System.arraycopy(buf, start, joined, total, len);
                start += len;
                total += len;
                if (len < MAX_PAYLOAD) {
                    break;
                }
                len = header();
            }
            payload = joined;
            offset = 0;
            length = total;
        }
        if (length > 0 && (payload[offset] & 0xff) == 0xff) {
            throw error();
        }
    }

    private int header() throws LinkFailure {
        fill(4);
        int len = (buf[start] & 0xff) | (buf[start + 1] & 0xff) << 8 | (buf[start + 2] & 0xff) << 16;
        start += 4;
        return len;
    }

    /** Makes {@code n} unread bytes available in {@code buf} from {@code start}. */
    private void fill(int n) throws LinkFailure {
        if (end - start >= n) {
            return;
        }
        if (buf.length - start < n) {
            byte[] target = buf.length < n ? new byte[Math.max(n, buf.length * 2)] : buf;
            System.arraycopy(buf, start, target, 0, end - start);
            buf = target;
            end -= start;
            start = 0;
        }
        while (end - start < n) {
            int r;
            try {
                r = in.read(buf, end, buf.length - end);
            } catch (IOException e) {
                throw new LinkFailure(e.getMessage(), e);
            }
            if (r < 0) {
                throw new LinkFailure("MySQL closed the connection", null);
            }
            end += r;
        }
    }

    private int first() {
        return payload[offset];
    }

    private int int2(int at) {
        return (payload[at] & 0xff) | (payload[at + 1] & 0xff) << 8;
    }

    private long int4(int at) {
        return (int2(at) | (long) int2(at + 2) << 16);
    }

    private long lengthEncoded(int[] at) {
        return lengthEncoded(payload, at);
    }

    /** A length-encoded integer at {@code at[0]}, which moves past it. */
    private static long lengthEncoded(byte[] b, int[] at) {
        int p = at[0];
        int first = b[p] & 0xff;
        int bytes = first < 0xfb ? 0 : first == 0xfc ? 2 : first == 0xfd ? 3 : 8;
        long v = first < 0xfb ? first : 0;
        for (int k = bytes; k > 0; k--) {
            v = (v << 8) | (b[p + k] & 0xff);
        }
        at[0] = p + 1 + bytes;
        return v;
    }

    private ServerError error() {
        int code = int2(offset + 1);
        int at = offset + 3;
        String state = "HY000";
        if (length > 9 && payload[at] == '#') {
            state = new String(payload, at + 1, 5, StandardCharsets.US_ASCII);
            at += 6;
        }
        String message = new String(payload, at, offset + length - at, StandardCharsets.UTF_8);
        return new ServerError(new SQLException(message, state, code));
    }

    private LinkFailure unexpected(String what) {
        return new LinkFailure("MySQL sent an unexpected packet (0x" + Integer.toHexString(first() & 0xff) + ") where " + what + " was due", null);
    }

    /** The connection failed, or the server sent what the protocol does not allow here. */
    private static final class LinkFailure extends Exception {
        LinkFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** An ERR packet: the server ended the command with an error. */
    private static final class ServerError extends Exception {
        final SQLException exception;

        ServerError(SQLException exception) {
            super(exception.getMessage(), null, false, false);
            this.exception = exception;
        }
    }

    /** A packet being written, from its 4-byte header on. */
    private static final class Packet {
        byte[] bytes;
        int size = 4;

        Packet(int capacity) {
            bytes = new byte[4 + capacity];
        }

        private void reserve(int n) {
            if (bytes.length < size + n) {
                bytes = Arrays.copyOf(bytes, Math.max(size + n, bytes.length * 2));
            }
        }

        Packet byte1(int v) {
            reserve(1);
            bytes[size++] = (byte) v;
            return this;
        }

        Packet int2(int v) {
            return byte1(v).byte1(v >>> 8);
        }

        Packet int4(long v) {
            return int2((int) v).int2((int) (v >>> 16));
        }

        Packet int8(long v) {
            return int4(v).int4(v >>> 32);
        }

        Packet bytes(byte[] b, int from, int n) {
            reserve(n);
            System.arraycopy(b, from, bytes, size, n);
            size += n;
            return this;
        }

        Packet lengthEncoded(byte[] b) {
            int n = b.length;
            if (n < 0xfb) {
                byte1(n);
            } else if (n < 1 << 16) {
                byte1(0xfc).int2(n);
            } else if (n < 1 << 24) {
                byte1(0xfd).int2(n).byte1(n >>> 16);
            } else {
                byte1(0xfe).int8(n);
            }
            return bytes(b, 0, n);
        }
    }
}
