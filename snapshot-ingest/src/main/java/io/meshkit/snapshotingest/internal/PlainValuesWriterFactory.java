package io.meshkit.snapshotingest.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.column.values.ValuesWriter;
import org.apache.parquet.column.values.factory.DefaultV1ValuesWriterFactory;
import org.apache.parquet.column.values.factory.ValuesWriterFactory;
import org.apache.parquet.io.api.Binary;

/**
 * PLAIN-encoded values of INT32, INT64, FLOAT, DOUBLE and BINARY columns written into one growing array with
 * little-endian array stores. parquet-java's own PLAIN writer goes through a little-endian data stream into a
 * slab list, one bounds-checked call per value and per byte of an INT32 or a length: in profiles of a landing it
 * was the writer's largest cost. The encoding is the same (PLAIN, no dictionary), so the files are the same.
 * Other types (BOOLEAN, FIXED_LEN_BYTE_ARRAY) use parquet-java's writers.
 */
final class PlainValuesWriterFactory implements ValuesWriterFactory {
    private final DefaultV1ValuesWriterFactory others = new DefaultV1ValuesWriterFactory();
    private int initialCapacity = 64 * 1024;

    @Override
    public void initialize(ParquetProperties properties) {
        if (properties.isEnableDictionary()) {
            throw new IllegalArgumentException("PLAIN values only: dictionary encoding must be off");
        }
        others.initialize(properties);
        initialCapacity = Math.min(64 * 1024, properties.getPageSizeThreshold());
    }

    @Override
    public ValuesWriter newValuesWriter(ColumnDescriptor descriptor) {
        return switch (descriptor.getPrimitiveType().getPrimitiveTypeName()) {
            case INT32, INT64, FLOAT, DOUBLE, BINARY -> new PlainValuesWriter(initialCapacity);
            default -> others.newValuesWriter(descriptor);
        };
    }

    /** The values of one column chunk's current page, PLAIN-encoded. */
    static final class PlainValuesWriter extends ValuesWriter {
        private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
        private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

        private byte[] buffer;
        private int size;

        PlainValuesWriter(int initialCapacity) {
            this.buffer = new byte[initialCapacity];
        }

        private void reserve(int bytes) {
            if (buffer.length - size < bytes) {
                buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + bytes));
            }
        }

        @Override
        public void writeInteger(int v) {
            reserve(4);
            INT.set(buffer, size, v);
            size += 4;
        }

        @Override
        public void writeLong(long v) {
            reserve(8);
            LONG.set(buffer, size, v);
            size += 8;
        }

        @Override
        public void writeFloat(float v) {
            writeInteger(Float.floatToRawIntBits(v));
        }

        @Override
        public void writeDouble(double v) {
            writeLong(Double.doubleToRawLongBits(v));
        }

        /** A BINARY value: its length (4 bytes, little-endian), then its bytes. */
        @Override
        public void writeBytes(Binary v) {
            int length = v.length();
            reserve(4 + length);
            INT.set(buffer, size, length);
            size += 4;
            java.nio.ByteBuffer bytes = v.toByteBuffer(); // a view of a byte-array-backed Binary (whole array or slice): no copy
            if (bytes.hasArray()) {
                System.arraycopy(bytes.array(), bytes.arrayOffset() + bytes.position(), buffer, size, length);
            } else {
                bytes.get(buffer, size, length);
            }
            size += length;
        }

        @Override
        public long getBufferedSize() {
            return size;
        }

        /** The page's values; read before {@link #reset()}, which the column writer calls once the page is compressed. */
        @Override
        public BytesInput getBytes() {
            return BytesInput.from(buffer, 0, size);
        }

        @Override
        public Encoding getEncoding() {
            return Encoding.PLAIN;
        }

        @Override
        public void reset() {
            size = 0;
        }

        @Override
        public void close() {
            buffer = new byte[0];
            size = 0;
        }

        @Override
        public long getAllocatedSize() {
            return buffer.length;
        }

        @Override
        public String memUsageString(String prefix) {
            return prefix + " PLAIN " + size + " bytes of " + buffer.length;
        }
    }
}
