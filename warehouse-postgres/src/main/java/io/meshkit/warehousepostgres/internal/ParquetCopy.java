package io.meshkit.warehousepostgres.internal;

import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.identifier.TableId;
import io.meshkit.core.type.DataType;
import io.meshkit.core.warehouse.ColumnInfo;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.bytes.ByteBufferAllocator;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.crypto.FileDecryptionProperties;
import org.apache.parquet.filter2.compat.FilterCompat;
import org.apache.parquet.format.converter.ParquetMetadataConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetMetricsCallback;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.DecimalLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.IntLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;
import org.postgresql.copy.CopyIn;

/**
 * Flat Parquet files into a PostgreSQL table through {@code COPY ... FROM STDIN (FORMAT binary)}:
 * each file's columns become meshkit types (from the physical type and its logical annotation), and
 * the rows go row group by row group from parquet-java's column readers into the COPY stream's
 * binary fields. No Hadoop, no record objects, and one row group in memory at a time.
 */
final class ParquetCopy {
    /** PostgreSQL counts dates and timestamps from 2000-01-01. */
    private static final int PG_EPOCH_DAY = 10_957;
    private static final long PG_EPOCH_MICROS = PG_EPOCH_DAY * 86_400_000_000L;
    /** The Julian day of 1970-01-01, for INT96 timestamps. */
    private static final int JULIAN_EPOCH_DAY = 2_440_588;
    private static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0};

    /** A file's column: its meshkit type and how a value of it is written to the COPY stream. */
    record Column(ColumnName name, DataType type, ColumnDescriptor descriptor, Field field) {
        ColumnInfo info() {
            return new ColumnInfo(name, type, PostgresDialect.INSTANCE.typeName(type), true);
        }
    }

    /**
     * Read options without Hadoop: every {@code ParquetReadOptions.Builder} constructor asks Hadoop's
     * {@code ParquetInputFormat} for a record filter, so the options are made through their own
     * (package-private) constructor, with no filters, no checksums and this module's codecs.
     */
    private static final ParquetReadOptions OPTIONS = readOptions();

    private ParquetCopy() {}

    private static ParquetReadOptions readOptions() {
        try {
            Constructor<ParquetReadOptions> c = ParquetReadOptions.class.getDeclaredConstructor(boolean.class, boolean.class, boolean.class,
                    boolean.class, boolean.class, boolean.class, boolean.class, boolean.class, boolean.class, FilterCompat.Filter.class,
                    ParquetMetadataConverter.MetadataFilter.class, CompressionCodecFactory.class, ByteBufferAllocator.class, int.class, Map.class,
                    FileDecryptionProperties.class, ParquetMetricsCallback.class, ParquetConfiguration.class);
            c.setAccessible(true);
            // signed string min/max, stats, dictionary, record, column index filters, page checksums, bloom filters,
            // off-heap decryption, Hadoop vectored IO: all off
            return c.newInstance(false, false, false, false, false, false, false, false, false, FilterCompat.NOOP,
                    ParquetMetadataConverter.NO_FILTER, ParquetCodecs.INSTANCE, new HeapByteBufferAllocator(), 8 * 1024 * 1024,
                    new HashMap<String, String>(), null, null, new PlainParquetConfiguration());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("parquet-java's ParquetReadOptions constructor changed", e);
        }
    }

    /** The columns of a file, read from its footer. */
    static List<Column> columns(TableId target, Path file) {
        try (ParquetFileReader reader = open(target, file)) {
            return columns(target, file, reader.getFileMetaData().getSchema());
        } catch (IOException e) {
            throw unreadable(target, file, e);
        }
    }

    /**
     * Streams every row of the files into the COPY and returns the number of rows. Every file must
     * have the columns of the first. The COPY is ended on success and cancelled on failure.
     */
    static long copy(TableId target, List<Path> files, List<Column> columns, CopyIn copy) throws SQLException {
        boolean done = false;
        try {
            CopyBuffer out = new CopyBuffer(copy);
            out.bytes(HEADER, 0, HEADER.length);
            long rows = 0;
            for (Path file : files) {
                rows += copyFile(target, file, columns, out);
            }
            out.putShort((short) -1);
            out.flush();
            long copied = copy.endCopy();
            done = true;
            return copied >= 0 ? copied : rows;
        } finally {
            if (!done && copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    private static long copyFile(TableId target, Path file, List<Column> expected, CopyBuffer out) throws SQLException {
        try (ParquetFileReader reader = open(target, file)) {
            MessageType schema = reader.getFileMetaData().getSchema();
            List<Column> columns = columns(target, file, schema);
            if (!columns.stream().map(c -> c.name() + " " + c.type()).toList()
                    .equals(expected.stream().map(c -> c.name() + " " + c.type()).toList())) {
                throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot load table " + target + ": file " + file + " has columns "
                        + describe(columns) + ", the first file " + describe(expected));
            }
            for (BlockMetaData block : reader.getFooter().getBlocks()) {
                for (ColumnChunkMetaData chunk : block.getColumns()) {
                    if (!ParquetCodecs.reads(chunk.getCodec())) {
                        throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot load table " + target + ": file " + file
                                + " is compressed with " + chunk.getCodec() + " (PostgreSQL loads read uncompressed, SNAPPY and GZIP Parquet)");
                    }
                }
            }
            String createdBy = reader.getFileMetaData().getCreatedBy();
            int n = columns.size();
            ColumnReader[] readers = new ColumnReader[n];
            int[] maxDefinition = new int[n];
            long rows = 0;
            PageReadStore pages;
            while ((pages = reader.readNextRowGroup()) != null) {
                ColumnReadStoreImpl store = new ColumnReadStoreImpl(pages, NO_CONVERTER, schema, createdBy);
                for (int i = 0; i < n; i++) {
                    readers[i] = store.getColumnReader(columns.get(i).descriptor());
                    maxDefinition[i] = columns.get(i).descriptor().getMaxDefinitionLevel();
                }
                long groupRows = pages.getRowCount();
                for (long r = 0; r < groupRows; r++) {
                    out.putShort((short) n);
                    for (int i = 0; i < n; i++) {
                        ColumnReader column = readers[i];
                        if (column.getCurrentDefinitionLevel() < maxDefinition[i]) {
                            out.putInt(-1);
                        } else {
                            columns.get(i).field().write(column, out);
                        }
                        column.consume();
                    }
                }
                rows += groupRows;
            }
            return rows;
        } catch (IOException | RuntimeException e) {
            if (e instanceof MeshkitException m) {
                throw m;
            }
            throw unreadable(target, file, e);
        }
    }

    private static ParquetFileReader open(TableId target, Path file) {
        try {
            return ParquetFileReader.open(new LocalInputFile(file), OPTIONS);
        } catch (IOException | RuntimeException e) {
            throw unreadable(target, file, e);
        }
    }

    private static MeshkitException unreadable(TableId target, Path file, Exception e) {
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
        return new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot load table " + target + ": cannot read Parquet file " + file
                + " (" + reason + ")", e);
    }

    private static String describe(List<Column> columns) {
        return columns.stream().map(c -> c.name().name() + " " + c.type()).toList().toString();
    }

    private static List<Column> columns(TableId target, Path file, MessageType schema) {
        List<Column> columns = new ArrayList<>();
        for (ColumnDescriptor d : schema.getColumns()) {
            Type field = schema.getType(d.getPath()[0]);
            if (d.getPath().length != 1 || !field.isPrimitive() || field.isRepetition(Type.Repetition.REPEATED)) {
                throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot load table " + target + ": file " + file
                        + " has the nested column " + String.join(".", d.getPath()) + " (PostgreSQL loads flat Parquet files)");
            }
            PrimitiveType p = d.getPrimitiveType();
            Mapping c = mapping(p);
            if (c == null) {
                throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot load table " + target + ": file " + file + " has column "
                        + p.getName() + " of type " + p + ", which PostgreSQL loads do not read");
            }
            columns.add(new Column(ColumnName.of(p.getName()), c.type(), d, c.field()));
        }
        if (columns.isEmpty()) {
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot load table " + target + ": file " + file + " has no columns");
        }
        return columns;
    }

    /** The meshkit type of a primitive column and its writer, or null where there is none. */
    private static Mapping mapping(PrimitiveType p) {
        LogicalTypeAnnotation a = p.getLogicalTypeAnnotation();
        return switch (p.getPrimitiveTypeName()) {
            case BOOLEAN -> of(DataType.BOOLEAN, (r, out) -> out.field(1).put(r.getBoolean() ? (byte) 1 : 0));
            case INT32 -> {
                if (a instanceof DecimalLogicalTypeAnnotation d) {
                    yield of(DataType.decimal(d.getPrecision(), d.getScale()), (r, out) -> out.numeric(BigDecimal.valueOf(r.getInteger(), d.getScale())));
                } else if (a instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
                    yield of(DataType.DATE, (r, out) -> out.field(4).putInt(r.getInteger() - PG_EPOCH_DAY));
                } else if (a instanceof TimeLogicalTypeAnnotation) {
                    yield of(DataType.of(DataType.Kind.TIME), (r, out) -> out.field(8).putLong(r.getInteger() * 1000L));
                } else if (a instanceof IntLogicalTypeAnnotation i && i.getBitWidth() <= 16 && (i.isSigned() || i.getBitWidth() == 8)) {
                    yield of(DataType.of(i.getBitWidth() == 8 && i.isSigned() ? DataType.Kind.TINYINT : DataType.Kind.SMALLINT),
                            (r, out) -> out.field(2).putShort((short) r.getInteger()));
                } else if (a instanceof IntLogicalTypeAnnotation i && !i.isSigned() && i.getBitWidth() == 32) {
                    yield of(DataType.BIGINT, (r, out) -> out.field(8).putLong(Integer.toUnsignedLong(r.getInteger())));
                } else if (a == null || a instanceof IntLogicalTypeAnnotation) { // INT32 and UINT16
                    yield of(DataType.INTEGER, (r, out) -> out.field(4).putInt(r.getInteger()));
                }
                yield null;
            }
            case INT64 -> {
                if (a instanceof DecimalLogicalTypeAnnotation d) {
                    yield of(DataType.decimal(d.getPrecision(), d.getScale()), (r, out) -> out.numeric(BigDecimal.valueOf(r.getLong(), d.getScale())));
                } else if (a instanceof TimestampLogicalTypeAnnotation t) {
                    long per = perMicro(t.getUnit());
                    boolean nanos = t.getUnit() == TimeUnit.NANOS;
                    yield of(t.isAdjustedToUTC() ? DataType.TIMESTAMP_TZ : DataType.TIMESTAMP, (r, out) -> out.field(8)
                            .putLong((nanos ? Math.floorDiv(r.getLong(), 1000L) : r.getLong() * per) - PG_EPOCH_MICROS));
                } else if (a instanceof TimeLogicalTypeAnnotation t) {
                    boolean nanos = t.getUnit() == TimeUnit.NANOS;
                    yield of(DataType.of(DataType.Kind.TIME), (r, out) -> out.field(8).putLong(nanos ? r.getLong() / 1000L : r.getLong()));
                } else if (a instanceof IntLogicalTypeAnnotation i && !i.isSigned()) {
                    yield of(DataType.of(DataType.Kind.HUGEINT), (r, out) -> out.numeric(new BigDecimal(Long.toUnsignedString(r.getLong()))));
                } else if (a == null || a instanceof IntLogicalTypeAnnotation) {
                    yield of(DataType.BIGINT, (r, out) -> out.field(8).putLong(r.getLong()));
                }
                yield null;
            }
            case INT96 -> of(DataType.TIMESTAMP, (r, out) -> {
                ByteBuffer b = r.getBinary().toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
                long nanosOfDay = b.getLong(b.position());
                int julianDay = b.getInt(b.position() + 8);
                out.field(8).putLong((julianDay - JULIAN_EPOCH_DAY) * 86_400_000_000L + nanosOfDay / 1000L - PG_EPOCH_MICROS);
            });
            case FLOAT -> of(DataType.of(DataType.Kind.REAL), (r, out) -> out.field(4).putInt(Float.floatToRawIntBits(r.getFloat())));
            case DOUBLE -> of(DataType.DOUBLE, (r, out) -> out.field(8).putLong(Double.doubleToRawLongBits(r.getDouble())));
            case BINARY, FIXED_LEN_BYTE_ARRAY -> {
                if (a instanceof DecimalLogicalTypeAnnotation d) {
                    yield of(DataType.decimal(d.getPrecision(), d.getScale()),
                            (r, out) -> out.numeric(new BigDecimal(new BigInteger(r.getBinary().getBytesUnsafe()), d.getScale())));
                } else if (a instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation || a instanceof LogicalTypeAnnotation.EnumLogicalTypeAnnotation) {
                    yield of(DataType.VARCHAR, (r, out) -> out.value(r.getBinary()));
                } else if (a instanceof LogicalTypeAnnotation.JsonLogicalTypeAnnotation) {
                    yield of(DataType.JSON, (r, out) -> out.jsonb(r.getBinary()));
                } else if (a instanceof LogicalTypeAnnotation.UUIDLogicalTypeAnnotation) {
                    yield of(DataType.of(DataType.Kind.UUID), (r, out) -> out.value(r.getBinary()));
                } else if (a == null || a instanceof LogicalTypeAnnotation.BsonLogicalTypeAnnotation) {
                    yield of(DataType.of(DataType.Kind.BINARY), (r, out) -> out.value(r.getBinary()));
                }
                yield null;
            }
        };
    }

    private static long perMicro(TimeUnit unit) {
        return unit == TimeUnit.MILLIS ? 1000L : 1L;
    }

    /** A Parquet type's meshkit type and how its values are written. */
    private record Mapping(DataType type, Field field) {}

    private static Mapping of(DataType type, Field field) {
        return new Mapping(type, field);
    }

    /** Writes the current value of a column reader as one binary COPY field (length and bytes). */
    @FunctionalInterface
    interface Field {
        void write(ColumnReader reader, CopyBuffer out) throws SQLException;
    }

    /** The column readers need a converter to exist; values are read from them directly, never through it. */
    private static final GroupConverter NO_CONVERTER = new GroupConverter() {
        private final PrimitiveConverter primitive = new PrimitiveConverter() {};

        @Override
        public Converter getConverter(int fieldIndex) {
            return primitive;
        }

        @Override
        public void start() {}

        @Override
        public void end() {}
    };

    /** A buffer of the COPY stream's bytes, handed to the driver whenever it fills. */
    static final class CopyBuffer {
        private static final int SIZE = 1 << 16;
        private final CopyIn copy;
        private final ByteBuffer buffer = ByteBuffer.allocate(SIZE); // big-endian, as COPY's binary format

        CopyBuffer(CopyIn copy) {
            this.copy = copy;
        }

        /** Writes a field's length, making room for it and its value. */
        CopyBuffer field(int length) throws SQLException {
            room(4 + length);
            buffer.putInt(length);
            return this;
        }

        CopyBuffer put(byte b) {
            buffer.put(b);
            return this;
        }

        void putShort(short v) throws SQLException {
            room(2);
            buffer.putShort(v);
        }

        void putInt(int v) throws SQLException {
            room(4);
            buffer.putInt(v);
        }

        void putLong(long v) {
            buffer.putLong(v);
        }

        /** A field of raw bytes (text, bytea, uuid). */
        void value(Binary b) throws SQLException {
            int length = b.length();
            putInt(length);
            bytes(b.getBytesUnsafe(), 0, length);
        }

        /** A jsonb field: its format version (1) and the JSON text. */
        void jsonb(Binary b) throws SQLException {
            int length = b.length();
            putInt(length + 1);
            room(1);
            buffer.put((byte) 1);
            bytes(b.getBytesUnsafe(), 0, length);
        }

        /** A numeric field: base-10000 digits, the weight of the first, the sign and the display scale. */
        void numeric(BigDecimal value) throws SQLException {
            int scale = Math.max(value.scale(), 0);
            String plain = value.abs().setScale(scale).toPlainString();
            int dot = plain.indexOf('.');
            String whole = dot < 0 ? plain : plain.substring(0, dot);
            String fraction = dot < 0 ? "" : plain.substring(dot + 1);
            int wholeGroups = (whole.length() + 3) / 4;
            String digits = "0".repeat(wholeGroups * 4 - whole.length()) + whole + fraction + "0".repeat((4 - fraction.length() % 4) % 4);
            int count = digits.length() / 4;
            int first = 0;
            while (first < count && digits.startsWith("0000", first * 4)) {
                first++;
            }
            int last = count;
            while (last > first && digits.startsWith("0000", (last - 1) * 4)) {
                last--;
            }
            int n = last - first;
            putInt(8 + 2 * n);
            room(8 + 2 * n);
            buffer.putShort((short) n);
            buffer.putShort((short) (n == 0 ? 0 : wholeGroups - 1 - first));
            buffer.putShort(value.signum() < 0 ? (short) 0x4000 : 0);
            buffer.putShort((short) scale);
            for (int i = first; i < last; i++) {
                buffer.putShort(Short.parseShort(digits.substring(i * 4, i * 4 + 4)));
            }
        }

        void bytes(byte[] b, int offset, int length) throws SQLException {
            if (length > buffer.remaining()) {
                flush();
                if (length > SIZE) {
                    copy.writeToCopy(b, offset, length);
                    return;
                }
            }
            buffer.put(b, offset, length);
        }

        private void room(int n) throws SQLException {
            if (buffer.remaining() < n) {
                flush();
            }
        }

        void flush() throws SQLException {
            if (buffer.position() > 0) {
                copy.writeToCopy(buffer.array(), 0, buffer.position());
                buffer.clear();
            }
        }
    }
}
