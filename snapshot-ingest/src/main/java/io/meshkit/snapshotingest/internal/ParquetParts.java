package io.meshkit.snapshotingest.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * Writes result-set rows to Parquet, one part file per chunk, with parquet-java's writer on a plain
 * configuration (no Hadoop at run time). Values go from the result set to Parquet's record consumer
 * without an intermediate row object; a row group is flushed every {@value #ROW_GROUP_BYTES} bytes, which
 * bounds the memory a worker holds whatever the table's size.
 */
public final class ParquetParts {
    /** Row-group size: what one worker buffers before writing. */
    static final int ROW_GROUP_BYTES = 32 * 1024 * 1024;

    private ParquetParts() {}

    /** The Parquet schema of the landed columns: every column optional, with its logical annotation. */
    public static MessageType schema(List<SourceColumn> columns) {
        Types.MessageTypeBuilder b = Types.buildMessage();
        for (SourceColumn c : columns) {
            b.addField(field(c));
        }
        return b.named("snapshot");
    }

    private static Type field(SourceColumn c) {
        String n = c.name();
        return switch (c.kind()) {
            case BOOLEAN -> Types.optional(PrimitiveTypeName.BOOLEAN).named(n);
            case BIT -> Types.optional(PrimitiveTypeName.INT64).named(n);
            case INT32 -> Types.optional(PrimitiveTypeName.INT32).as(intAnnotation(c)).named(n);
            case YEAR -> Types.optional(PrimitiveTypeName.INT32).as(LogicalTypeAnnotation.intType(16, true)).named(n);
            case INT64 -> Types.optional(PrimitiveTypeName.INT64).named(n);
            case UINT64 -> Types.optional(PrimitiveTypeName.INT64).as(LogicalTypeAnnotation.intType(64, false)).named(n);
            case DECIMAL_LONG -> Types.optional(PrimitiveTypeName.INT64)
                    .as(LogicalTypeAnnotation.decimalType(c.scale(), c.precision())).named(n);
            case DECIMAL_BYTES -> Types.optional(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY).length(decimalBytes(c.precision()))
                    .as(LogicalTypeAnnotation.decimalType(c.scale(), c.precision())).named(n);
            case FLOAT -> Types.optional(PrimitiveTypeName.FLOAT).named(n);
            case DOUBLE -> Types.optional(PrimitiveTypeName.DOUBLE).named(n);
            case STRING -> Types.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(n);
            case JSON -> Types.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.jsonType()).named(n);
            case BINARY -> Types.optional(PrimitiveTypeName.BINARY).named(n);
            case DATE -> Types.optional(PrimitiveTypeName.INT32).as(LogicalTypeAnnotation.dateType()).named(n);
            case DATETIME, TIMESTAMP -> Types.optional(PrimitiveTypeName.INT64)
                    .as(LogicalTypeAnnotation.timestampType(false, LogicalTypeAnnotation.TimeUnit.MICROS)).named(n);
            case TIME -> Types.optional(PrimitiveTypeName.INT64)
                    .as(LogicalTypeAnnotation.timeType(false, LogicalTypeAnnotation.TimeUnit.MICROS)).named(n);
        };
    }

    private static LogicalTypeAnnotation intAnnotation(SourceColumn c) {
        return switch (c.type().kind()) {
            case TINYINT -> LogicalTypeAnnotation.intType(8, true);
            case SMALLINT -> LogicalTypeAnnotation.intType(16, true);
            default -> LogicalTypeAnnotation.intType(32, true);
        };
    }

    /** The fewest bytes that hold any unscaled value of a decimal of this precision. */
    static int decimalBytes(int precision) {
        return (int) Math.ceil((Math.log(2) + precision * Math.log(10)) / Math.log(256)) + 1;
    }

    /** Opens a writer of one part file over a stream. */
    public static Writer open(OutputStream out, String name, List<SourceColumn> columns, ZoneId sourceZone) throws IOException {
        RowWriteSupport support = new RowWriteSupport(schema(columns), columns, sourceZone);
        ParquetWriter<ResultSet> writer = new Builder(new StreamOutputFile(out, name), support)
                .withConf(new PlainParquetConfiguration())
                .withCodecFactory(SnappyCodecFactory.INSTANCE)
                .withCompressionCodec(CompressionCodecName.SNAPPY)
                .withRowGroupSize((long) ROW_GROUP_BYTES)
                .withPageSize(1024 * 1024)
                .withDictionaryEncoding(false) // dictionary look-ups cost more CPU than they save on 2 cores; Snappy still compresses
                .withPageWriteChecksumEnabled(false)
                .withSizeStatisticsEnabled(false)
                .withStatisticsEnabled(false)
                .withWriterVersion(ParquetProperties.WriterVersion.PARQUET_1_0)
                .build();
        return new Writer(writer, support);
    }

    /** A part file being written. */
    public static final class Writer implements AutoCloseable {
        private final ParquetWriter<ResultSet> writer;
        private final RowWriteSupport support;
        private long rows;

        private Writer(ParquetWriter<ResultSet> writer, RowWriteSupport support) {
            this.writer = writer;
            this.support = support;
        }

        /** Writes the result set's current row. */
        public void write(ResultSet row) throws IOException {
            writer.write(row);
            rows++;
        }

        /** Rows written. */
        public long rows() {
            return rows;
        }

        /** Zero or invalid temporal values written as NULL. */
        public long zeroDates() {
            return support.zeroDates;
        }

        /** Finishes the file (writes the footer). */
        @Override
        public void close() throws IOException {
            writer.close();
        }
    }

    private static final class Builder extends ParquetWriter.Builder<ResultSet, Builder> {
        private final RowWriteSupport support;

        Builder(StreamOutputFile file, RowWriteSupport support) {
            super(file);
            this.support = support;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<ResultSet> getWriteSupport(org.apache.hadoop.conf.Configuration conf) {
            return support;
        }

        @Override
        protected WriteSupport<ResultSet> getWriteSupport(ParquetConfiguration conf) {
            return support;
        }
    }

    /** Reads each column of the current row from the result set and writes it to the record consumer. */
    static final class RowWriteSupport extends WriteSupport<ResultSet> {
        private final MessageType schema;
        private final SourceColumn[] columns;
        private final ValueKind[] kinds;
        private final ZoneId sourceZone;
        private final boolean sourceIsUtc;
        private RecordConsumer out;
        long zeroDates;

        RowWriteSupport(MessageType schema, List<SourceColumn> columns, ZoneId sourceZone) {
            this.schema = schema;
            this.columns = columns.toArray(SourceColumn[]::new);
            this.kinds = columns.stream().map(SourceColumn::kind).toArray(ValueKind[]::new);
            this.sourceZone = sourceZone;
            this.sourceIsUtc = sourceZone.normalized().equals(ZoneOffset.UTC);
        }

        @Override
        public WriteContext init(org.apache.hadoop.conf.Configuration configuration) {
            return new WriteContext(schema, new HashMap<>());
        }

        @Override
        public WriteContext init(ParquetConfiguration configuration) {
            return new WriteContext(schema, new HashMap<>());
        }

        @Override
        public void prepareForWrite(RecordConsumer recordConsumer) {
            this.out = recordConsumer;
        }

        @Override
        public void write(ResultSet rs) {
            out.startMessage();
            try {
                for (int i = 0; i < kinds.length; i++) {
                    writeValue(rs, i);
                }
            } catch (SQLException e) {
                throw new SourceReadException(e);
            }
            out.endMessage();
        }

        private void writeValue(ResultSet rs, int i) throws SQLException {
            int col = i + 1;
            switch (kinds[i]) {
                case BOOLEAN -> {
                    boolean v = rs.getBoolean(col);
                    if (!rs.wasNull()) {
                        start(i);
                        out.addBoolean(v);
                        end(i);
                    }
                }
                case INT32, YEAR -> {
                    int v = rs.getInt(col);
                    if (!rs.wasNull()) {
                        if (kinds[i] == ValueKind.YEAR && v == 0) {
                            zeroDates++;
                            return;
                        }
                        start(i);
                        out.addInteger(v);
                        end(i);
                    }
                }
                case INT64 -> {
                    long v = rs.getLong(col);
                    if (!rs.wasNull()) {
                        start(i);
                        out.addLong(v);
                        end(i);
                    }
                }
                case UINT64 -> {
                    String s = text(rs, col);
                    if (s != null) {
                        start(i);
                        out.addLong(Long.parseUnsignedLong(s)); // two's complement bits, annotated unsigned
                        end(i);
                    }
                }
                case BIT -> {
                    byte[] b = rs.getBytes(col);
                    if (b != null) {
                        long v = 0;
                        for (byte x : b) {
                            v = (v << 8) | (x & 0xff);
                        }
                        start(i);
                        out.addLong(v);
                        end(i);
                    }
                }
                case DECIMAL_LONG -> {
                    byte[] b = rs.getBytes(col);
                    if (b != null) {
                        start(i);
                        out.addLong(unscaled(b, columns[i].scale()));
                        end(i);
                    }
                }
                case DECIMAL_BYTES -> {
                    BigDecimal d = rs.getBigDecimal(col);
                    if (d != null) {
                        start(i);
                        out.addBinary(Binary.fromConstantByteArray(fixed(d.setScale(columns[i].scale(), RoundingMode.UNNECESSARY)
                                .unscaledValue().toByteArray(), decimalBytes(columns[i].precision()))));
                        end(i);
                    }
                }
                case FLOAT -> {
                    float v = rs.getFloat(col);
                    if (!rs.wasNull()) {
                        start(i);
                        out.addFloat(v);
                        end(i);
                    }
                }
                case DOUBLE -> {
                    double v = rs.getDouble(col);
                    if (!rs.wasNull()) {
                        start(i);
                        out.addDouble(v);
                        end(i);
                    }
                }
                case STRING, JSON, BINARY -> {
                    // text arrives in the connection's character set (utf8mb4), so its bytes are already UTF-8
                    byte[] b = rs.getBytes(col);
                    if (b != null) {
                        start(i);
                        out.addBinary(Binary.fromConstantByteArray(b));
                        end(i);
                    }
                }
                case DATE -> {
                    String s = text(rs, col);
                    if (s != null) {
                        LocalDate d = parseDate(s);
                        if (d == null) {
                            zeroDates++;
                        } else {
                            start(i);
                            out.addInteger((int) d.toEpochDay());
                            end(i);
                        }
                    }
                }
                case DATETIME, TIMESTAMP -> {
                    String s = text(rs, col);
                    if (s != null) {
                        LocalDateTime t = parseDateTime(s);
                        if (t == null) {
                            zeroDates++;
                        } else {
                            start(i);
                            out.addLong(kinds[i] == ValueKind.DATETIME ? micros(t, sourceIsUtc ? null : sourceZone) : micros(t, null));
                            end(i);
                        }
                    }
                }
                case TIME -> {
                    String s = text(rs, col);
                    if (s != null) {
                        long micros = parseTime(s);
                        if (micros < 0 || micros >= 86_400_000_000L) {
                            zeroDates++; // MySQL TIME spans -838..838 hours: outside a day it is not a time of day
                        } else {
                            start(i);
                            out.addLong(micros);
                            end(i);
                        }
                    }
                }
                default -> throw new IllegalStateException("unhandled kind " + kinds[i]);
            }
        }

        private void start(int i) {
            out.startField(columns[i].name(), i);
        }

        private void end(int i) {
            out.endField(columns[i].name(), i);
        }
    }

    /**
     * The text of a value as the server sent it (the text protocol: ASCII for numbers and temporal values).
     * Connector/J's own getString formats temporal values through String.format, which dominated profiles.
     */
    private static String text(ResultSet rs, int col) throws SQLException {
        byte[] b = rs.getBytes(col);
        return b == null ? null : new String(b, StandardCharsets.ISO_8859_1);
    }

    /** The unscaled value of a decimal's text, e.g. {@code -12.5} at scale 2 is -1250. */
    static long unscaled(byte[] text, int scale) {
        int k = 0;
        boolean negative = false;
        if (text.length > 0 && (text[0] == '-' || text[0] == '+')) {
            negative = text[0] == '-';
            k = 1;
        }
        long v = 0;
        int fraction = -1;
        for (; k < text.length; k++) {
            byte c = text[k];
            if (c == '.') {
                fraction = 0;
            } else if (c >= '0' && c <= '9') {
                if (fraction < 0 || fraction < scale) {
                    v = Math.addExact(Math.multiplyExact(v, 10), c - '0');
                    if (fraction >= 0) {
                        fraction++;
                    }
                }
            } else {
                return new BigDecimal(new String(text, StandardCharsets.ISO_8859_1)).setScale(scale, RoundingMode.UNNECESSARY)
                        .unscaledValue().longValueExact(); // an unexpected spelling (exponent): take the slow, exact path
            }
        }
        for (int f = Math.max(fraction, 0); f < scale; f++) {
            v = Math.multiplyExact(v, 10);
        }
        return negative ? -v : v;
    }

    /** Sign-extends two's complement bytes to a fixed length. */
    static byte[] fixed(byte[] twos, int length) {
        if (twos.length == length) {
            return twos;
        }
        byte[] out = new byte[length];
        byte pad = (byte) (twos[0] < 0 ? 0xff : 0);
        int offset = length - twos.length;
        for (int k = 0; k < offset; k++) {
            out[k] = pad;
        }
        System.arraycopy(twos, 0, out, offset, twos.length);
        return out;
    }

    /** A date from MySQL's text form, or null for a zero or invalid date. */
    static LocalDate parseDate(String s) {
        if (s.length() < 10) {
            return null;
        }
        int y = digits(s, 0, 4);
        int m = digits(s, 5, 7);
        int d = digits(s, 8, 10);
        if (y <= 0 || m <= 0 || d <= 0) {
            return null;
        }
        try {
            return LocalDate.of(y, m, d);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** A date and time from MySQL's text form ({@code YYYY-MM-DD HH:MM:SS[.ffffff]}), or null for a zero or invalid one. */
    static LocalDateTime parseDateTime(String s) {
        LocalDate d = parseDate(s);
        if (d == null || s.length() < 19) {
            return null;
        }
        int h = digits(s, 11, 13);
        int mi = digits(s, 14, 16);
        int se = digits(s, 17, 19);
        if (h < 0 || mi < 0 || se < 0 || h > 23 || mi > 59 || se > 59) {
            return null;
        }
        return d.atTime(h, mi, se, fraction(s, 19));
    }

    /** Microseconds of MySQL's {@code [-]H..H:MM:SS[.ffffff]} TIME text (negative for negative times). */
    static long parseTime(String s) {
        boolean negative = s.startsWith("-");
        int start = negative ? 1 : 0;
        int c1 = s.indexOf(':', start);
        int c2 = s.indexOf(':', c1 + 1);
        int dot = s.indexOf('.', c2 + 1);
        long h = Long.parseLong(s.substring(start, c1));
        long m = Long.parseLong(s.substring(c1 + 1, c2));
        long sec = Long.parseLong(s.substring(c2 + 1, dot < 0 ? s.length() : dot));
        long micros = ((h * 60 + m) * 60 + sec) * 1_000_000L + fraction(s, dot < 0 ? s.length() : dot) / 1000;
        return negative ? -micros - 1 : micros; // any negative time is outside a day; -1 keeps -00:00:00.5 negative
    }

    private static int fraction(String s, int dot) {
        if (dot >= s.length() || s.charAt(dot) != '.') {
            return 0;
        }
        int nanos = 0;
        int digits = 0;
        for (int k = dot + 1; k < s.length() && digits < 9; k++, digits++) {
            nanos = nanos * 10 + (s.charAt(k) - '0');
        }
        for (; digits < 9; digits++) {
            nanos *= 10;
        }
        return nanos;
    }

    private static int digits(String s, int from, int to) {
        int v = 0;
        for (int k = from; k < to; k++) {
            char c = s.charAt(k);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static long micros(LocalDateTime t, ZoneId zone) {
        long seconds = zone == null ? t.toEpochSecond(ZoneOffset.UTC) : t.atZone(zone).toEpochSecond();
        return seconds * 1_000_000L + t.getNano() / 1000;
    }

    /** The Parquet column names, for checks. */
    static List<String> names(MessageType schema) {
        List<String> out = new ArrayList<>();
        schema.getFields().forEach(f -> out.add(f.getName()));
        return out;
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
