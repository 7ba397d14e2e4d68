package dev.stevedore.layerstore;

import com.github.luben.zstd.ZstdInputStream;
import dev.stevedore.oci.Compression;
import dev.stevedore.oci.MediaType;
import java.io.IOException;
import java.io.InputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/** Tells compressed streams by their magic bytes and undoes gzip and zstd compression. */
final class StreamCompression {
    private StreamCompression() {
    }

    /** Reads up to four bytes from a fresh stream and tells its compression (closes the stream). */
    static Compression sniff(InputStream in) throws IOException {
        try (in) {
            byte[] head = in.readNBytes(4);
            if (head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
                return Compression.GZIP;
            }
            if (head.length == 4 && (head[0] & 0xff) == 0x28 && (head[1] & 0xff) == 0xb5
                    && (head[2] & 0xff) == 0x2f && (head[3] & 0xff) == 0xfd) {
                return Compression.ZSTD;
            }
            return Compression.NONE;
        }
    }

    /** The content of {@code in} without its compression; closing the result closes {@code in}. */
    static InputStream decompress(InputStream in, Compression compression) throws IOException {
        return switch (compression) {
            case NONE -> in;
            case GZIP -> GzipCompressorInputStream.builder().setInputStream(in).setDecompressConcatenated(true).get();
            case ZSTD -> new ZstdInputStream(in);
        };
    }

    /** The OCI layer media type for a tar with this compression. */
    static String layerMediaType(Compression compression) {
        return switch (compression) {
            case NONE -> MediaType.OCI_LAYER_TAR;
            case GZIP -> MediaType.OCI_LAYER_TAR_GZIP;
            case ZSTD -> MediaType.OCI_LAYER_TAR_ZSTD;
        };
    }
}
