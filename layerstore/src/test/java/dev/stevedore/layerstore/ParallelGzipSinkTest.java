package dev.stevedore.layerstore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stevedore.oci.Digest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ParallelGzipSinkTest {
    private static final int BLOCK = GzipBlock.BLOCK;

    /** Feeds {@code input} to a sink block by block, as {@link TarStream} does. */
    private static byte[] gzip(byte[] input, Executor executor, int parallelism) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ParallelGzipSink sink = new ParallelGzipSink(out, 6, executor, parallelism)) {
            byte[] buffer = sink.firstBuffer();
            int at = 0;
            while (true) {
                int n = Math.min(BLOCK, input.length - at);
                System.arraycopy(input, at, buffer, sink.blockOffset(), n);
                at += n;
                boolean last = at == input.length;
                buffer = sink.accept(buffer, n, last);
                if (last) {
                    break;
                }
            }
            TarBlockSink.Written written = sink.finish(Digest.of(input));
            assertThat(written.size()).isEqualTo(out.size());
            assertThat(written.digest()).isEqualTo(Digest.of(out.toByteArray()));
        }
        return out.toByteArray();
    }

    private static byte[] gunzip(byte[] gzip) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
            return in.readAllBytes();
        }
    }

    /**
     * Alternating text (100 kB) and random (300 kB, so whole blocks of it get stored), the last
     * stretch random or text as asked, so that a stored or a deflated block ends the stream.
     */
    private static byte[] mixed(int size, boolean randomEnd) {
        byte[] out = new byte[size];
        int at = 0;
        for (int i = 0; at < size; i++) {
            boolean random = i % 2 == 1;
            int n = Math.min(size - at, random ? 300_000 : 100_000);
            if (at + n == size) {
                random = randomEnd;
            }
            byte[] part = random ? LayerWriterCompressionTest.random(n, i) : LayerWriterCompressionTest.text(n, i);
            System.arraycopy(part, 0, out, at, n);
            at += n;
        }
        return out;
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {1, 1024, BLOCK - 1, BLOCK, BLOCK + 1, 5 * BLOCK, 5 * BLOCK + 40000})
    void roundTripsAndIsTheSameInlineAndOnAPool(int size) throws IOException {
        for (boolean randomEnd : List.of(false, true)) {
            byte[] input = mixed(size, randomEnd);
            ExecutorService pool = Executors.newFixedThreadPool(3);
            try {
                byte[] inline = gzip(input, null, 1);
                byte[] pooled = gzip(input, pool, 3);

                assertThat(gunzip(inline)).isEqualTo(input);
                assertThat(pooled).isEqualTo(inline);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void compressesOnTheCallingThreadWhenTheExecutorRunsNothing() throws IOException {
        // given: an executor that accepts tasks and never runs them
        byte[] input = mixed(30 * BLOCK + 123, true);
        Executor blackHole = task -> { };

        // when
        byte[] gzip = gzip(input, blackHole, 2);

        // then: the producer compressed every block itself while waiting
        assertThat(gzip).isEqualTo(gzip(input, null, 1));
        assertThat(gunzip(gzip)).isEqualTo(input);
    }
}
