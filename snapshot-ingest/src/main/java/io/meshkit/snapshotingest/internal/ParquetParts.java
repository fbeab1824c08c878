package io.meshkit.snapshotingest.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.hadoop.ColumnChunkPageWriteStore;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * Writes result-set rows to Parquet, one part file per chunk, with parquet-java's file and column writers on
 * plain properties (no Hadoop at run time). Values go from the result set to the column writers without an
 * intermediate row or value object; a row group is flushed every {@value #ROW_GROUP_BYTES} bytes, which
 * bounds the memory a worker holds whatever the table's size.
 */
public final class ParquetParts {
    /** Row-group size: what one worker buffers before writing. */
    static final int ROW_GROUP_BYTES = 32 * 1024 * 1024;
    /** Page size: the unit Snappy compresses. */
    static final int PAGE_BYTES = 1024 * 1024;

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

    /**
     * Opens a writer of one part file over a stream. Rows must come in MySQL's binary protocol (a server-side
     * prepared statement): fixed-width little-endian integers and floats and length-prefixed date and time structs,
     * which neither the server formats as text nor this writer parses.
     */
    public static Writer open(OutputStream out, String name, List<SourceColumn> columns, ZoneId sourceZone) throws IOException {
        return new Writer(new StreamOutputFile(out, name), columns, sourceZone);
    }

    /**
     * A part file being written: each row's values are copied from the result set straight into parquet-java's
     * column writers (no record or value objects in between), one {@link ColumnCopier} per column; a row group is
     * flushed every {@value #ROW_GROUP_BYTES} bytes.
     */
    public static final class Writer implements AutoCloseable {
        private static final int SIZE_CHECK_ROWS = 1024;

        private final MessageType schema;
        private final ParquetProperties properties;
        private final ParquetFileWriter file;
        private final ColumnCopier[] copiers;
        private ColumnChunkPageWriteStore pages;
        private ColumnWriteStore store;
        private long rows;
        private long groupRows;
        private boolean closed;

        private Writer(StreamOutputFile out, List<SourceColumn> columns, ZoneId sourceZone) throws IOException {
            this.schema = schema(columns);
            this.properties = ParquetProperties.builder()
                    .withPageSize(PAGE_BYTES)
                    .withDictionaryEncoding(false) // dictionary look-ups cost more CPU than they save on 2 cores; Snappy still compresses
                    .withPageWriteChecksumEnabled(false)
                    .withStatisticsEnabled(false)
                    .withSizeStatisticsEnabled(false)
                    .withWriterVersion(ParquetProperties.WriterVersion.PARQUET_1_0)
                    .withValuesWriterFactory(new PlainValuesWriterFactory())
                    .build();
            this.file = new ParquetFileWriter(out, schema, ParquetFileWriter.Mode.CREATE, ROW_GROUP_BYTES, 0, null, properties);
            this.copiers = new ColumnCopier[columns.size()];
            for (int i = 0; i < copiers.length; i++) {
                copiers[i] = ColumnCopier.of(columns.get(i), sourceZone);
            }
            file.start();
            startRowGroup();
        }

        private void startRowGroup() {
            pages = new ColumnChunkPageWriteStore(SnappyCodecFactory.INSTANCE.getCompressor(CompressionCodecName.SNAPPY), schema,
                    properties.getAllocator(), properties.getColumnIndexTruncateLength(), properties.getPageWriteChecksumEnabled());
            store = properties.newColumnWriteStore(schema, pages, pages);
            List<ColumnDescriptor> descriptors = schema.getColumns();
            for (int i = 0; i < copiers.length; i++) {
                copiers[i].out = store.getColumnWriter(descriptors.get(i));
            }
            groupRows = 0;
        }

        private void flushRowGroup() throws IOException {
            if (groupRows > 0) {
                file.startBlock(groupRows);
                store.flush();
                pages.flushToFileWriter(file);
                file.endBlock();
            }
            store.close();
            pages.close();
        }

        /** Writes the result set's current row. */
        public void write(ResultSet row) throws SQLException, IOException {
            for (int i = 0; i < copiers.length; i++) {
                // every value as the field the server sent: fixed-width integers and floats, length-prefixed structs and
                // strings (one call site, so the driver's path is compiled once, not once per kind of column)
                copiers[i].copy(row.getBytes(i + 1));
            }
            endRow();
        }

        /** Writes a value of column {@code i} of the current row: {@code length} bytes of {@code b} from {@code offset}, as the binary protocol sends it. */
        void copy(int i, byte[] b, int offset, int length) {
            copiers[i].write(b, offset, length);
        }

        /** Writes SQL NULL into column {@code i} of the current row. */
        void copyNull(int i) {
            copiers[i].writeNull();
        }

        /** Ends the current row, every column written. */
        void endRow() throws IOException {
            store.endRecord();
            rows++;
            if (++groupRows % SIZE_CHECK_ROWS == 0 && store.getBufferedSize() >= ROW_GROUP_BYTES) {
                flushRowGroup();
                startRowGroup();
            }
        }

        /** The number of columns of a row. */
        int columns() {
            return copiers.length;
        }

        /** Rows written. */
        public long rows() {
            return rows;
        }

        /** Zero or invalid temporal values written as NULL. */
        public long zeroDates() {
            long n = 0;
            for (ColumnCopier c : copiers) {
                n += c.zeroDates;
            }
            return n;
        }

        /** Finishes the file (writes the last row group and the footer). */
        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            flushRowGroup();
            file.end(new HashMap<>());
        }
    }

    /**
     * Writes one column's values, as the binary protocol sends them, to its Parquet column writer. One subclass per
     * kind of value, so the per-value call is a small method of its own (cheap to compile) rather than one large
     * switch over every kind.
     */
    abstract static class ColumnCopier {
        ColumnWriter out;
        long zeroDates;

        /** Writes a value (null: SQL NULL). */
        final void copy(byte[] b) {
            if (b == null) {
                writeNull();
            } else {
                write(b, 0, b.length);
            }
        }

        /** Writes a value that is not NULL, {@code n} bytes of {@code b} from {@code o} (a zero date may still land as NULL). */
        abstract void write(byte[] b, int o, int n);

        final void writeNull() {
            out.writeNull(0, 0);
        }

        static ColumnCopier of(SourceColumn c, ZoneId sourceZone) {
            boolean unsigned = c.columnType().toLowerCase(Locale.ROOT).contains("unsigned");
            return switch (c.kind()) {
                case BOOLEAN -> new BooleanCopier();
                case INT32 -> new Int32Copier(unsigned);
                case YEAR -> new YearCopier();
                case INT64, UINT64 -> new Int64Copier(unsigned); // BIGINT UNSIGNED: the 64 bits, annotated unsigned
                case BIT -> new BitCopier();
                case DECIMAL_LONG -> new DecimalLongCopier(c.scale());
                case DECIMAL_BYTES -> new DecimalBytesCopier(c.scale(), decimalBytes(c.precision()));
                case FLOAT -> new FloatCopier();
                case DOUBLE -> new DoubleCopier();
                case STRING, JSON, BINARY -> new BytesCopier();
                case DATE -> new DateCopier();
                case DATETIME -> new DateTimeCopier(sourceZone.normalized().equals(ZoneOffset.UTC) ? null : sourceZone);
                case TIMESTAMP -> new DateTimeCopier(null); // read in session time zone UTC
                case TIME -> new TimeCopier();
            };
        }
    }

    /** TINYINT(1) (one byte) or BIT(1) (one byte of bits): true when not zero, as MySQL reads it. */
    private static final class BooleanCopier extends ColumnCopier {
        @Override
        void write(byte[] b, int o, int n) {
            boolean v = false;
            for (int k = o; k < o + n; k++) {
                v |= b[k] != 0;
            }
            out.write(v, 0, 1);
        }
    }

    private static final class Int32Copier extends ColumnCopier {
        private final boolean unsigned;

        Int32Copier(boolean unsigned) {
            this.unsigned = unsigned;
        }

        @Override
        void write(byte[] b, int o, int n) {
            out.write((int) littleEndian(b, o, n, unsigned), 0, 1);
        }
    }

    private static final class Int64Copier extends ColumnCopier {
        private final boolean unsigned;

        Int64Copier(boolean unsigned) {
            this.unsigned = unsigned;
        }

        @Override
        void write(byte[] b, int o, int n) {
            out.write(littleEndian(b, o, n, unsigned), 0, 1);
        }
    }

    /** YEAR: two bytes; year 0000 is a zero date. */
    private static final class YearCopier extends ColumnCopier {
        @Override
        void write(byte[] b, int o, int n) {
            int v = (int) littleEndian(b, o, n, true);
            if (v == 0) {
                zeroDates++;
                writeNull();
            } else {
                out.write(v, 0, 1);
            }
        }
    }

    /** BIT(n), n &gt; 1: the bits, most significant byte first, as an unsigned number. */
    private static final class BitCopier extends ColumnCopier {
        @Override
        void write(byte[] b, int o, int n) {
            long v = 0;
            for (int k = o; k < o + n; k++) {
                v = (v << 8) | (b[k] & 0xff);
            }
            out.write(v, 0, 1);
        }
    }

    /** DECIMAL(p &le; 18, s): the server's text, e.g. {@code -12.50}, to the unscaled value. */
    private static final class DecimalLongCopier extends ColumnCopier {
        private final int scale;

        DecimalLongCopier(int scale) {
            this.scale = scale;
        }

        @Override
        void write(byte[] b, int o, int n) {
            out.write(unscaled(b, o, n, scale), 0, 1);
        }
    }

    /** DECIMAL(p &gt; 18, s): the server's text to fixed-length two's complement bytes. */
    private static final class DecimalBytesCopier extends ColumnCopier {
        private final int scale;
        private final int width;

        DecimalBytesCopier(int scale, int width) {
            this.scale = scale;
            this.width = width;
        }

        @Override
        void write(byte[] b, int o, int n) {
            BigDecimal d = new BigDecimal(new String(b, o, n, StandardCharsets.ISO_8859_1));
            out.write(Binary.fromConstantByteArray(fixed(d.setScale(scale, RoundingMode.UNNECESSARY).unscaledValue().toByteArray(), width)), 0, 1);
        }
    }

    /** FLOAT: the four bytes of the stored value, exactly (the text protocol rounds it to six digits). */
    private static final class FloatCopier extends ColumnCopier {
        @Override
        void write(byte[] b, int o, int n) {
            out.write(Float.intBitsToFloat((int) littleEndian(b, o, n, false)), 0, 1);
        }
    }

    private static final class DoubleCopier extends ColumnCopier {
        @Override
        void write(byte[] b, int o, int n) {
            out.write(Double.longBitsToDouble(littleEndian(b, o, n, false)), 0, 1);
        }
    }

    /** Strings (in the connection's character set, utf8mb4: already UTF-8), JSON and binary strings, as sent. */
    private static final class BytesCopier extends ColumnCopier {
        @Override
        void write(byte[] b, int o, int n) {
            out.write(Binary.fromReusedByteArray(b, o, n), 0, 1); // the bytes are copied into the page at once
        }
    }

    private static final class DateCopier extends ColumnCopier {
        @Override
        void write(byte[] b, int o, int n) {
            long day = binaryEpochDay(b, o, n);
            if (day == NOT_A_DATE) {
                zeroDates++;
                writeNull();
            } else {
                out.write((int) day, 0, 1);
            }
        }
    }

    /** DATETIME (a wall-clock time in {@code zone}, or UTC when null) and TIMESTAMP (UTC) to microseconds since the epoch. */
    private static final class DateTimeCopier extends ColumnCopier {
        private final ZoneId zone;

        DateTimeCopier(ZoneId zone) {
            this.zone = zone;
        }

        @Override
        void write(byte[] b, int o, int n) {
            long day = binaryEpochDay(b, o, n);
            if (day == NOT_A_DATE) {
                zeroDates++;
                writeNull();
                return;
            }
            long seconds = day * 86_400 + (n >= 7 ? (b[o + 4] * 60 + b[o + 5]) * 60 + b[o + 6] : 0);
            int micros = n >= 11 ? (int) littleEndian(b, o + 7, 4) : 0;
            if (zone != null) {
                seconds = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC).atZone(zone).toEpochSecond();
            }
            out.write(seconds * 1_000_000L + micros, 0, 1);
        }
    }

    /** TIME to microseconds of the day; MySQL's TIME spans -838..838 hours, and outside a day it is not a time of day. */
    private static final class TimeCopier extends ColumnCopier {
        @Override
        void write(byte[] b, int o, int n) {
            long micros = binaryTimeMicros(b, o, n);
            if (micros < 0 || micros >= 86_400_000_000L) {
                zeroDates++;
                writeNull();
            } else {
                out.write(micros, 0, 1);
            }
        }
    }

    /** A little-endian integer field of the binary protocol (1, 2, 4 or 8 bytes), sign- or zero-extended. */
    static long littleEndian(byte[] b, boolean unsigned) {
        return littleEndian(b, 0, b.length, unsigned);
    }

    /** The same, of {@code length} bytes of {@code b} from {@code from}. */
    static long littleEndian(byte[] b, int from, int length, boolean unsigned) {
        long v = littleEndian(b, from, length);
        int bits = length * 8;
        return unsigned || bits >= 64 ? v : (v << (64 - bits)) >> (64 - bits);
    }

    private static long littleEndian(byte[] b, int from, int length) {
        long v = 0;
        for (int k = length - 1; k >= 0; k--) {
            v = (v << 8) | (b[from + k] & 0xff);
        }
        return v;
    }

    /** What {@link #binaryEpochDay} returns for a zero or invalid date. */
    static final long NOT_A_DATE = Long.MIN_VALUE;

    /**
     * The day of a binary-protocol DATE, DATETIME or TIMESTAMP ({@code year(2) month day [hour minute second
     * [micros(4)]]}, empty for a zero value), or {@link #NOT_A_DATE} for a zero or invalid date.
     */
    static long binaryEpochDay(byte[] b) {
        return binaryEpochDay(b, 0, b.length);
    }

    private static long binaryEpochDay(byte[] b, int o, int n) {
        if (n < 4) {
            return NOT_A_DATE;
        }
        int y = (b[o] & 0xff) | (b[o + 1] & 0xff) << 8;
        int m = b[o + 2];
        int d = b[o + 3];
        if (y <= 0 || m <= 0 || d <= 0 || m > 12 || d > daysInMonth(y, m)) {
            return NOT_A_DATE;
        }
        return epochDay(y, m, d);
    }

    private static int daysInMonth(int y, int m) {
        return m == 2 ? ((y & 3) == 0 && (y % 100 != 0 || y % 400 == 0) ? 29 : 28) : 30 + ((m + (m >> 3)) & 1);
    }

    /** Days since 1970-01-01 of a valid proleptic Gregorian date (LocalDate.toEpochDay without the object). */
    static long epochDay(int y, int m, int d) {
        long year = m <= 2 ? y - 1 : y; // years start in March, so the leap day ends a year
        long era = Math.floorDiv(year, 400);
        long yearOfEra = year - era * 400;
        long dayOfYear = (153L * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
        long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097 + dayOfEra - 719_468;
    }

    /**
     * Microseconds of a binary-protocol TIME ({@code negative days(4) hour minute second [micros(4)]}, empty for
     * 00:00:00); negative for a negative time.
     */
    static long binaryTimeMicros(byte[] b) {
        return binaryTimeMicros(b, 0, b.length);
    }

    private static long binaryTimeMicros(byte[] b, int o, int n) {
        if (n < 8) {
            return 0;
        }
        long micros = ((littleEndian(b, o + 1, 4) * 24 + b[o + 5]) * 60 + b[o + 6]) * 60 + b[o + 7];
        micros = micros * 1_000_000L + (n >= 12 ? littleEndian(b, o + 8, 4) : 0);
        return b[o] != 0 ? -micros - 1 : micros; // any negative time is outside a day; -1 keeps -00:00:00.5 negative
    }

    /** The unscaled value of a decimal's text, e.g. {@code -12.5} at scale 2 is -1250. */
    static long unscaled(byte[] text, int scale) {
        return unscaled(text, 0, text.length, scale);
    }

    private static long unscaled(byte[] text, int o, int n, int scale) {
        int k = o;
        int end = o + n;
        boolean negative = false;
        if (n > 0 && (text[o] == '-' || text[o] == '+')) {
            negative = text[o] == '-';
            k = o + 1;
        }
        long v = 0;
        int fraction = -1;
        for (; k < end; k++) {
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
                return new BigDecimal(new String(text, o, n, StandardCharsets.ISO_8859_1)).setScale(scale, RoundingMode.UNNECESSARY)
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
}
