package io.meshkit.warehousepostgres.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.zip.GZIPInputStream;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.xerial.snappy.Snappy;

/**
 * Page decompression without Hadoop: parquet-java's own codec factory finds its codecs through a
 * Hadoop {@code Configuration}, which is not on meshkit's run-time class path. Uncompressed, Snappy
 * (what meshkit, DuckDB, Spark and pyarrow write by default) and gzip pages are read; any other
 * codec is refused with its name.
 */
final class ParquetCodecs implements CompressionCodecFactory {
    static final ParquetCodecs INSTANCE = new ParquetCodecs();

    private ParquetCodecs() {}

    /** Whether pages of this codec can be read. */
    static boolean reads(CompressionCodecName codec) {
        return codec == CompressionCodecName.UNCOMPRESSED || codec == CompressionCodecName.SNAPPY || codec == CompressionCodecName.GZIP;
    }

    @Override
    public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
        if (!reads(codec)) {
            throw new IllegalArgumentException("pages compressed with " + codec + " (only uncompressed, SNAPPY and GZIP are read)");
        }
        return new Decompressor(codec);
    }

    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codec) {
        throw new UnsupportedOperationException("PostgreSQL loads read Parquet; they do not write it");
    }

    @Override
    public void release() {}

    private record Decompressor(CompressionCodecName codec) implements BytesInputDecompressor {
        @Override
        public BytesInput decompress(BytesInput bytes, int uncompressedSize) throws IOException {
            return BytesInput.from(bytes(bytes.toByteArray(), uncompressedSize));
        }

        @Override
        public void decompress(ByteBuffer input, int compressedSize, ByteBuffer output, int uncompressedSize) throws IOException {
            byte[] in = new byte[compressedSize];
            input.get(in);
            output.put(bytes(in, uncompressedSize));
        }

        private byte[] bytes(byte[] in, int uncompressedSize) throws IOException {
            byte[] out = switch (codec) {
                case UNCOMPRESSED -> in;
                case SNAPPY -> {
                    byte[] b = new byte[uncompressedSize];
                    Snappy.uncompress(in, 0, in.length, b, 0);
                    yield b;
                }
                default -> {
                    try (InputStream gz = new GZIPInputStream(new java.io.ByteArrayInputStream(in))) {
                        yield gz.readNBytes(uncompressedSize);
                    }
                }
            };
            if (out.length != uncompressedSize) {
                throw new IOException("a " + codec + " page decompressed to " + out.length + " bytes, its header says " + uncompressedSize);
            }
            return out;
        }

        @Override
        public void release() {}
    }
}
