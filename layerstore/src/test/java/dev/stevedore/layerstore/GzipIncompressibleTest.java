package dev.stevedore.layerstore;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GzipIncompressibleTest {
    private static final int DICT = GzipBlock.DICTIONARY;
    private static final int BLOCK = GzipBlock.BLOCK;

    private final GzipIncompressible test = new GzipIncompressible();

    private static byte[] buffer(byte[] dictionary, byte[] block) {
        byte[] buf = new byte[DICT + block.length];
        System.arraycopy(dictionary, 0, buf, 0, dictionary.length);
        System.arraycopy(block, 0, buf, DICT, block.length);
        return buf;
    }

    @Test
    void callsRandomBytesIncompressible() {
        byte[] buf = buffer(LayerWriterCompressionTest.random(DICT, 1), LayerWriterCompressionTest.random(BLOCK, 2));

        assertThat(test.test(buf, 0, DICT, DICT + BLOCK)).isTrue();
        assertThat(test.test(buf, DICT, DICT, DICT + BLOCK)).isTrue();
    }

    @Test
    void callsTextCompressible() {
        byte[] buf = buffer(new byte[0], LayerWriterCompressionTest.text(BLOCK, 3));

        assertThat(test.test(buf, DICT, DICT, DICT + BLOCK)).isFalse();
    }

    @Test
    void callsRandomBytesThatRepeatWithinTheWindowCompressible() {
        // given: a flat histogram, but 16 KiB of random bytes repeated
        byte[] chunk = LayerWriterCompressionTest.random(16 * 1024, 4);
        byte[] block = new byte[BLOCK];
        for (int i = 0; i < BLOCK; i += chunk.length) {
            System.arraycopy(chunk, 0, block, i, chunk.length);
        }

        assertThat(test.test(buffer(new byte[0], block), DICT, DICT, DICT + BLOCK)).isFalse();
    }

    @Test
    void seesRepeatsOfTheDictionary() {
        // given: the block starts with the dictionary's last 20 KiB again
        byte[] dictionary = LayerWriterCompressionTest.random(DICT, 5);
        byte[] block = LayerWriterCompressionTest.random(BLOCK, 6);
        System.arraycopy(dictionary, DICT - 20 * 1024, block, 0, 20 * 1024);

        assertThat(test.test(buffer(dictionary, block), 0, DICT, DICT + BLOCK)).isFalse();
        assertThat(test.test(buffer(dictionary, block), DICT, DICT, DICT + BLOCK)).isTrue();
    }

    @Test
    void alwaysDeflatesSmallBlocks() {
        byte[] buf = buffer(new byte[0], LayerWriterCompressionTest.random(16 * 1024 - 1, 7));

        assertThat(test.test(buf, DICT, DICT, buf.length)).isFalse();
    }
}
