package dev.stevedore.oci;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class DigestingOutputStreamTest {

    @Test
    void hashesAndCountsWhatPassesThrough() throws IOException {
        // given
        ByteArrayOutputStream target = new ByteArrayOutputStream();
        DigestingOutputStream out = DigestingOutputStream.of(target);

        // when
        try (out) {
            out.write('a');
            out.write("bcdef".getBytes(UTF_8), 1, 2);
            out.write("xyz".getBytes(UTF_8));
        }

        // then
        byte[] written = "acdxyz".getBytes(UTF_8);
        assertThat(target.toByteArray()).isEqualTo(written);
        assertThat(out.size()).isEqualTo(6);
        assertThat(out.digest()).isEqualTo(Digest.of(written));
    }

    @Test
    void hashesWithTheChosenAlgorithm() throws IOException {
        // given
        DigestingOutputStream out = DigestingOutputStream.of(new ByteArrayOutputStream(), DigestAlgorithm.SHA512);

        // when
        out.write(new byte[] {1, 2, 3});

        // then
        assertThat(out.digest()).isEqualTo(Digest.of(DigestAlgorithm.SHA512, new byte[] {1, 2, 3}));
    }

    @Test
    void refusesWritesAfterTheDigestWasTaken() {
        // given
        DigestingOutputStream out = DigestingOutputStream.of(new ByteArrayOutputStream());
        Digest first = out.digest();

        // when / then
        assertThatThrownBy(() -> out.write(1)).isInstanceOf(IllegalStateException.class);
        assertThat(out.digest()).isEqualTo(first).isEqualTo(Digest.of(new byte[0]));
    }
}
