package io.meshkit.snapshotingest.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.column.values.ValuesWriter;
import org.apache.parquet.column.values.plain.PlainValuesWriter;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;
import org.junit.jupiter.api.Test;

/** meshkit's PLAIN writer produces the bytes of parquet-java's, value for value, across page resets. */
class PlainValuesWriterFactoryTest {
    private static ValuesWriter ours() {
        return new PlainValuesWriterFactory.PlainValuesWriter(16); // a small start, so the array grows many times
    }

    private static ValuesWriter theirs() {
        return new PlainValuesWriter(16, 1024, HeapByteBufferAllocator.getInstance());
    }

    @Test
    void sameBytesAsParquetJavasPlainWriter() throws Exception {
        Random random = new Random(42);
        ValuesWriter a = ours();
        ValuesWriter b = theirs();
        for (int page = 0; page < 3; page++) {
            for (int i = 0; i < 2000; i++) {
                switch (random.nextInt(5)) {
                    case 0 -> {
                        int v = random.nextInt();
                        a.writeInteger(v);
                        b.writeInteger(v);
                    }
                    case 1 -> {
                        long v = random.nextLong();
                        a.writeLong(v);
                        b.writeLong(v);
                    }
                    case 2 -> {
                        float v = random.nextInt(10) == 0 ? Float.NaN : (float) random.nextGaussian();
                        a.writeFloat(v);
                        b.writeFloat(v);
                    }
                    case 3 -> {
                        double v = random.nextInt(10) == 0 ? -0.0 : random.nextGaussian() * 1e300;
                        a.writeDouble(v);
                        b.writeDouble(v);
                    }
                    default -> {
                        byte[] s = ("héllo ✓ " + "x".repeat(random.nextInt(300))).getBytes(StandardCharsets.UTF_8);
                        a.writeBytes(Binary.fromConstantByteArray(s));
                        b.writeBytes(Binary.fromConstantByteArray(s));
                    }
                }
            }
            assertThat(a.getBufferedSize()).isEqualTo(b.getBufferedSize());
            assertThat(a.getBytes().toByteArray()).isEqualTo(b.getBytes().toByteArray());
            a.reset();
            b.reset();
        }
        assertThat(a.getEncoding()).isEqualTo(Encoding.PLAIN);
        assertThat(a.getBufferedSize()).isZero();
    }

    @Test
    void sliceOfALargerArrayWritesOnlyTheSlice() throws Exception {
        byte[] backing = "0123456789".getBytes(StandardCharsets.US_ASCII);
        ValuesWriter a = ours();
        ValuesWriter b = theirs();
        a.writeBytes(Binary.fromConstantByteArray(backing, 3, 4));
        b.writeBytes(Binary.fromConstantByteArray(backing, 3, 4));
        assertThat(a.getBytes().toByteArray()).isEqualTo(b.getBytes().toByteArray()).hasSize(8);
    }

    @Test
    void plainWritersForNumbersAndStringsParquetJavasForTheRest() {
        PlainValuesWriterFactory f = new PlainValuesWriterFactory();
        f.initialize(ParquetProperties.builder().withDictionaryEncoding(false).build());
        MessageType schema = Types.buildMessage()
                .optional(PrimitiveTypeName.INT64).named("a")
                .optional(PrimitiveTypeName.BINARY).named("b")
                .optional(PrimitiveTypeName.BOOLEAN).named("c")
                .optional(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY).length(16).named("d")
                .named("m");
        assertThat(f.newValuesWriter(schema.getColumns().get(0))).isInstanceOf(PlainValuesWriterFactory.PlainValuesWriter.class);
        assertThat(f.newValuesWriter(schema.getColumns().get(1))).isInstanceOf(PlainValuesWriterFactory.PlainValuesWriter.class);
        assertThat(f.newValuesWriter(schema.getColumns().get(2))).isNotInstanceOf(PlainValuesWriterFactory.PlainValuesWriter.class);
        assertThat(f.newValuesWriter(schema.getColumns().get(3))).isNotInstanceOf(PlainValuesWriterFactory.PlainValuesWriter.class)
                .extracting(ValuesWriter::getEncoding).isEqualTo(Encoding.PLAIN);
    }

    @Test
    void refusesDictionaryEncoding() {
        PlainValuesWriterFactory f = new PlainValuesWriterFactory();
        assertThatThrownBy(() -> f.initialize(ParquetProperties.builder().withDictionaryEncoding(true).build()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
