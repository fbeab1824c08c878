package io.meshkit.snapshotingest.internal;

import java.io.IOException;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.xerial.snappy.Snappy;

/**
 * Snappy page compression without Hadoop: parquet-java's own codec factory builds a Hadoop
 * {@code Configuration} to find its codecs, which would drag Hadoop onto the run-time class path.
 * This one compresses pages with snappy-java directly. Writing only: decompression is the reader's job.
 */
final class SnappyCodecFactory implements CompressionCodecFactory {
    static final SnappyCodecFactory INSTANCE = new SnappyCodecFactory();

    private static final BytesInputCompressor SNAPPY = new BytesInputCompressor() {
        @Override
        public BytesInput compress(BytesInput bytes) throws IOException {
            return BytesInput.from(Snappy.compress(bytes.toByteArray()));
        }

        @Override
        public CompressionCodecName getCodecName() {
            return CompressionCodecName.SNAPPY;
        }

        @Override
        public void release() {}
    };

    private SnappyCodecFactory() {}

    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codecName) {
        if (codecName != CompressionCodecName.SNAPPY) {
            throw new IllegalArgumentException("only SNAPPY is supported, not " + codecName);
        }
        return SNAPPY;
    }

    @Override
    public BytesInputDecompressor getDecompressor(CompressionCodecName codecName) {
        throw new UnsupportedOperationException("meshkit writes Parquet; it does not read it");
    }

    @Override
    public void release() {}
}
