package dev.stevedore.oci;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DigestTest {
    private static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private static final String ABC_SHA256 = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    private static final String ABC_SHA512 = "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
            + "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f";

    @Test
    void computesSha256OfBytes() {
        // when
        Digest digest = Digest.of("abc".getBytes(UTF_8));

        // then
        assertThat(digest.algorithm()).isEqualTo(DigestAlgorithm.SHA256);
        assertThat(digest.encoded()).isEqualTo(ABC_SHA256);
        assertThat(digest.toString()).isEqualTo("sha256:" + ABC_SHA256);
    }

    @Test
    void computesSha512OfBytes() {
        // when
        Digest digest = Digest.of(DigestAlgorithm.SHA512, "abc".getBytes(UTF_8));

        // then
        assertThat(digest.toString()).isEqualTo("sha512:" + ABC_SHA512);
    }

    @Test
    void computesDigestOfAStreamLargerThanItsBuffer() throws IOException {
        // given
        byte[] content = new byte[300_000];
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) (i * 31);
        }

        // when
        Digest streamed = Digest.compute(new ByteArrayInputStream(content));

        // then
        assertThat(streamed).isEqualTo(Digest.of(content));
    }

    @Test
    void computesDigestReadingChunksWithoutBufferingTheWholeStream() throws IOException {
        // given: a stream of 50 MB produced on the fly, never held in memory
        long length = 50L * 1024 * 1024;
        CountingZeros zeros = new CountingZeros(length);

        // when
        Digest digest = Digest.compute(zeros);

        // then
        assertThat(zeros.largestRead).isLessThanOrEqualTo(64 * 1024);
        assertThat(zeros.produced).isEqualTo(length);
        assertThat(digest.encoded()).hasSize(64);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855 | SHA256
            sha512:ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f | SHA512
            """)
    void parsesSupportedDigestsAndPrintsThemBack(String text, DigestAlgorithm algorithm) {
        // when
        Digest digest = Digest.parse(text);

        // then
        assertThat(digest.algorithm()).isEqualTo(algorithm);
        assertThat(digest.toString()).isEqualTo(text);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            ''                                  | found no ':'
            e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855 | found no ':'
            sha256:../../x                      | sha256 needs 64 hex digits, found 7 characters
            sha256:../../../../../../../../../../../../../../../../../../etc/passwd | character '.' at position 0
            sha256:E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855 | character 'E' at position 0
            sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b85 | found 63 characters
            sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b8555 | found 65 characters
            sha256:                             | found 0 characters
            sha512:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855 | sha512 needs 128 hex digits
            md5:d41d8cd98f00b204e9800998ecf8427e | unsupported algorithm "md5"
            SHA256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855 | unsupported algorithm "SHA256"
            sha256+b64u:LCa0a2j_xo_5m0U8HTBBNBNCLXBkg7-g-YpeiGJm564 | unsupported algorithm "sha256+b64u"
            :e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855 | unsupported algorithm ""
            """)
    void rejectsMalformedOrUnsupportedDigests(String text, String reason) {
        // when / then
        assertThatThrownBy(() -> Digest.parse(text))
                .isInstanceOf(InvalidDigestException.class)
                .hasMessageStartingWith("invalid digest \"" + text + "\": ")
                .hasMessageContaining(reason)
                .satisfies(e -> assertThat(((InvalidDigestException) e).digest()).isEqualTo(text));
    }

    @Test
    void rejectsPathTraversalBeforeItCanReachAPath() {
        // when / then
        assertThatThrownBy(() -> Digest.sha256("../../../../../../../../../../../../../../../../etc/passwd__"))
                .isInstanceOf(InvalidDigestException.class);
    }

    @Test
    void givesTheBlobPathInsideALayout() {
        // when
        String path = Digest.sha256(EMPTY_SHA256).blobPath();

        // then
        assertThat(path).isEqualTo("sha256/" + EMPTY_SHA256);
    }

    @Test
    void equalsAnotherDigestOfTheSameText() {
        // when / then
        assertThat(Digest.parse("sha256:" + EMPTY_SHA256)).isEqualTo(Digest.of(new byte[0]))
                .hasSameHashCodeAs(Digest.sha256(EMPTY_SHA256));
    }

    @ParameterizedTest
    @CsvSource({"sha256, SHA256", "sha512, SHA512"})
    void findsAlgorithmByIdentifier(String id, DigestAlgorithm algorithm) {
        // when / then
        assertThat(DigestAlgorithm.fromId(id)).contains(algorithm);
        assertThat(algorithm.id()).isEqualTo(id);
        assertThat(DigestAlgorithm.fromId(id.toUpperCase(java.util.Locale.ROOT))).isEmpty();
    }

    /** Produces zeros on demand and records how much each read asked for. */
    private static final class CountingZeros extends InputStream {
        private final long length;
        private long produced;
        private int largestRead;

        CountingZeros(long length) {
            this.length = length;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : 0;
        }

        @Override
        public int read(byte[] buffer, int offset, int len) {
            if (produced == length) {
                return -1;
            }
            int n = (int) Math.min(len, length - produced);
            java.util.Arrays.fill(buffer, offset, offset + n, (byte) 0);
            produced += n;
            largestRead = Math.max(largestRead, len);
            return n;
        }
    }
}
