package dev.stevedore.oci;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

class VerifyingInputStreamPropertyTest {

    @Property
    void handsOutAtMostTheDeclaredSizeAndFailsUnlessBothSizeAndDigestMatch(
            @ForAll @Size(max = 3000) byte[] content,
            @ForAll @LongRange(max = 4000) long declaredSize,
            @ForAll boolean rightDigest,
            @ForAll @IntRange(min = 1, max = 700) int chunk) throws IOException {
        // given
        Digest expected = rightDigest ? Digest.of(content) : Digest.of(new byte[] {42, 42, 42});
        Counting source = new Counting(new ByteArrayInputStream(content));
        VerifyingInputStream in = VerifyingInputStream.of(source, expected, declaredSize);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        // when
        boolean failed = false;
        try {
            byte[] buffer = new byte[chunk];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                out.write(buffer, 0, n);
            }
        } catch (ContentVerificationIOException e) {
            failed = true;
        }

        // then
        boolean valid = declaredSize == content.length && expected.equals(Digest.of(content));
        assertThat(failed).isEqualTo(!valid);
        assertThat((long) out.size()).isLessThanOrEqualTo(Math.min(declaredSize, content.length));
        assertThat(source.consumed).isLessThanOrEqualTo(declaredSize + 1);
        if (valid) {
            assertThat(out.toByteArray()).isEqualTo(content);
        }
    }

    /** Counts bytes taken from the wrapped stream. */
    private static final class Counting extends InputStream {
        private final InputStream in;
        private long consumed;

        Counting(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                consumed++;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                consumed += n;
            }
            return n;
        }
    }
}
