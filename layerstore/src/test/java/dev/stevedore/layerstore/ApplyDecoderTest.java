package dev.stevedore.layerstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stevedore.oci.Digest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ApplyDecoderTest {
    private static final String THREAD = "stevedore-apply decoder-test";

    private static byte[] content(int size) {
        byte[] data = new byte[size];
        Random random = new Random(size);
        for (int i = 0; i < size; i++) {
            data[i] = (byte) (random.nextInt(4) == 0 ? random.nextInt() : 'a' + i % 7);
        }
        return data;
    }

    private static byte[] drain(ApplyDecoder decoder, boolean slow) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[100_003];
        for (int n = decoder.read(buffer, 0, buffer.length); n > 0; n = decoder.read(buffer, 0, buffer.length)) {
            out.write(buffer, 0, n);
            if (slow) {
                Thread.sleep(2); // lets the producer fill every buffer and hash while it waits
            }
        }
        return out.toByteArray();
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void handsOutEveryByteAndHashesItWhicheverSideIsSlower(boolean slowConsumer) throws Exception {
        byte[] data = content(23 << 20);
        for (byte[] blob : new byte[][] {data, ApplyTarBuilder.gzip(data), ApplyTarBuilder.zstd(data)}) {
            try (ApplyDecoder decoder = ApplyDecoder.start(new ByteArrayInputStream(blob), Long.MAX_VALUE, THREAD)) {
                assertThat(Arrays.equals(drain(decoder, slowConsumer), data)).isTrue();
                assertThat(decoder.finish()).isEqualTo(Digest.of(data));
                assertThat(decoder.consumed()).isEqualTo(data.length);
            }
        }
    }

    @Test
    void hashesWhatTheConsumerSkips() throws Exception {
        byte[] data = content(5 << 20);
        try (ApplyDecoder decoder = ApplyDecoder.start(new ByteArrayInputStream(data), Long.MAX_VALUE, THREAD)) {
            assertThat(decoder.skip(3 << 20)).isEqualTo(3 << 20);
            assertThat(decoder.finish()).isEqualTo(Digest.of(data));
        }
    }

    @Test
    void reportsTheTotalSizeLimit() {
        byte[] data = content(3 << 20);
        assertThatThrownBy(() -> {
            try (ApplyDecoder decoder = ApplyDecoder.start(new ByteArrayInputStream(data), 2 << 20, THREAD)) {
                decoder.finish();
            }
        }).isInstanceOf(ApplyDecoder.TooLargeException.class);
    }

    @Test
    void closingMidStreamStopsTheHelperThreadAndLeavesTheSourceOpen() throws Exception {
        boolean[] closed = {false};
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return 0;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                Arrays.fill(b, off, off + len, (byte) 0);
                return len;
            }

            @Override
            public void close() {
                closed[0] = true;
            }
        };
        try (ApplyDecoder decoder = ApplyDecoder.start(endless, Long.MAX_VALUE, THREAD)) {
            assertThat(decoder.fill()).isTrue();
        }
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals(THREAD));
        assertThat(closed[0]).isFalse();
    }

    @Test
    void reportsCorruptCompressedData() {
        byte[] gzip = ApplyTarBuilder.gzip(content(1 << 20));
        gzip[gzip.length / 2] ^= 0x55;
        assertThatThrownBy(() -> {
            try (ApplyDecoder decoder = ApplyDecoder.start(new ByteArrayInputStream(gzip), Long.MAX_VALUE, THREAD)) {
                decoder.finish();
            }
        }).isInstanceOf(IOException.class);
    }
}
