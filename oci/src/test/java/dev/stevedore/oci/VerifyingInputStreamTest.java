package dev.stevedore.oci;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class VerifyingInputStreamTest {
    private static final byte[] CONTENT = "hello, layer".getBytes(UTF_8);
    private static final Digest DIGEST = Digest.of(CONTENT);

    @Test
    void passesMatchingContentThrough() throws IOException {
        // given
        VerifyingInputStream in = VerifyingInputStream.of(new ByteArrayInputStream(CONTENT), DIGEST, CONTENT.length);

        // when
        byte[] read = in.readAllBytes();

        // then
        assertThat(read).isEqualTo(CONTENT);
        assertThat(in.bytesRead()).isEqualTo(CONTENT.length);
        assertThat(in.read()).isEqualTo(-1);
    }

    @Test
    void passesMatchingContentReadByteByByte() throws IOException {
        // given
        VerifyingInputStream in = VerifyingInputStream.of(new ByteArrayInputStream(CONTENT), DIGEST, CONTENT.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        // when
        for (int b = in.read(); b >= 0; b = in.read()) {
            out.write(b);
        }

        // then
        assertThat(out.toByteArray()).isEqualTo(CONTENT);
    }

    @Test
    void verifiesEmptyContent() throws IOException {
        // given
        VerifyingInputStream in = VerifyingInputStream.of(InputStream.nullInputStream(), Digest.of(new byte[0]), 0);

        // when / then
        assertThat(in.read()).isEqualTo(-1);
    }

    @Test
    void failsAtEndWhenDigestDiffers() {
        // given
        byte[] tampered = "hello, LAYER".getBytes(UTF_8);
        VerifyingInputStream in = VerifyingInputStream.of(new ByteArrayInputStream(tampered), DIGEST, tampered.length);

        // when
        ContentVerificationIOException e = catchThrowableOfType(ContentVerificationIOException.class, in::readAllBytes);

        // then
        assertThat(e.failure()).isInstanceOf(DigestMismatchException.class);
        DigestMismatchException mismatch = (DigestMismatchException) e.failure();
        assertThat(mismatch.expected()).isEqualTo(DIGEST);
        assertThat(mismatch.actual()).isEqualTo(Digest.of(tampered));
        assertThat(e).hasMessage("content digest mismatch: expected " + DIGEST + ", got " + Digest.of(tampered))
                .hasCause(mismatch);
    }

    @Test
    void failsAtEndWhenContentIsShorterThanDeclared() {
        // given
        VerifyingInputStream in = VerifyingInputStream.of(new ByteArrayInputStream(CONTENT), DIGEST, CONTENT.length + 5);

        // when
        ContentVerificationIOException e = catchThrowableOfType(ContentVerificationIOException.class, in::readAllBytes);

        // then
        SizeMismatchException failure = (SizeMismatchException) e.failure();
        assertThat(failure.expectedSize()).isEqualTo(CONTENT.length + 5);
        assertThat(failure.actualSize()).isEqualTo(CONTENT.length);
        assertThat(failure.expected()).isEqualTo(DIGEST);
    }

    @Test
    void failsOnFirstExtraByteWithoutHandingItOut() throws IOException {
        // given: the declared size is 4, but the source goes on
        CountingSource source = new CountingSource(CONTENT);
        VerifyingInputStream in = VerifyingInputStream.of(source, Digest.of(new byte[] {'h', 'e', 'l', 'l'}), 4);
        byte[] buffer = new byte[64];

        // when
        int first = in.read(buffer, 0, buffer.length);
        ContentVerificationIOException e = catchThrowableOfType(ContentVerificationIOException.class,
                () -> in.read(buffer, first, buffer.length - first));

        // then
        assertThat(first).isEqualTo(4);
        assertThat(in.bytesRead()).isEqualTo(4);
        assertThat(source.consumed).isEqualTo(5);
        SizeExceededException failure = (SizeExceededException) e.failure();
        assertThat(failure.expectedSize()).isEqualTo(4);
        assertThat(failure.seenSize()).isEqualTo(5);
    }

    @Test
    void readsAtMostOneByteMoreThanDeclaredFromAHugeSource() {
        // given
        CountingSource source = new CountingSource(new byte[1_000_000]);
        VerifyingInputStream in = VerifyingInputStream.of(source, DIGEST, 10);

        // when
        ContentVerificationIOException e = catchThrowableOfType(ContentVerificationIOException.class,
                () -> in.transferTo(OutputStreamSink.INSTANCE));

        // then
        assertThat(e.failure()).isInstanceOf(SizeExceededException.class);
        assertThat(source.consumed).isEqualTo(11);
        assertThat(OutputStreamSink.INSTANCE.received).isLessThanOrEqualTo(10);
    }

    @Test
    void keepsFailingAfterTheFirstFailure() {
        // given
        VerifyingInputStream in = VerifyingInputStream.of(new ByteArrayInputStream(CONTENT), DIGEST, 1);
        catchThrowableOfType(ContentVerificationIOException.class, in::readAllBytes);

        // when / then
        assertThatThrownBy(in::read).isInstanceOf(ContentVerificationIOException.class)
                .hasCauseInstanceOf(SizeExceededException.class);
    }

    @Test
    void verifiesSha512Content() throws IOException {
        // given
        Digest sha512 = Digest.of(DigestAlgorithm.SHA512, CONTENT);
        VerifyingInputStream in = VerifyingInputStream.of(new ByteArrayInputStream(CONTENT), sha512, CONTENT.length);

        // when / then
        assertThat(in.readAllBytes()).isEqualTo(CONTENT);
    }

    @Test
    void rejectsNegativeExpectedSize() {
        // when / then
        assertThatThrownBy(() -> VerifyingInputStream.of(InputStream.nullInputStream(), DIGEST, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
    }

    @Test
    void closesTheSource() throws IOException {
        // given
        CountingSource source = new CountingSource(CONTENT);

        // when
        VerifyingInputStream.of(source, DIGEST, CONTENT.length).close();

        // then
        assertThat(source.closed).isTrue();
    }

    /** A source that counts how many bytes were taken from it. */
    private static final class CountingSource extends InputStream {
        private final byte[] content;
        private int consumed;
        private boolean closed;

        CountingSource(byte[] content) {
            this.content = content;
        }

        @Override
        public int read() {
            return consumed < content.length ? content[consumed++] & 0xff : -1;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (consumed == content.length) {
                return -1;
            }
            int n = Math.min(length, content.length - consumed);
            System.arraycopy(content, consumed, buffer, offset, n);
            consumed += n;
            return n;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    /** Counts what a transfer wrote. */
    private static final class OutputStreamSink extends java.io.OutputStream {
        static final OutputStreamSink INSTANCE = new OutputStreamSink();
        private long received;

        @Override
        public void write(int b) {
            received++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            received += len;
        }
    }
}
