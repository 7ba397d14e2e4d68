package dev.stevedore.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WordRunesTest {

    @Test
    void knowsGoWhitespace() {
        for (int cp : new int[] {'\t', '\n', 0x0B, '\f', '\r', ' ', 0x85, 0xA0, 0x1680, 0x2000, 0x200A, 0x2028,
                0x2029, 0x202F, 0x205F, 0x3000}) {
            assertThat(WordRunes.isSpace(cp)).as("U+%04X", cp).isTrue();
        }
        for (int cp : new int[] {'a', 0x1C, 0x1F, 0x200B, 0xFEFF, 0x180E}) {
            assertThat(WordRunes.isSpace(cp)).as("U+%04X", cp).isFalse();
        }
    }

    @Test
    void trimsGoWhitespace() {
        assertThat(WordRunes.trimSpace("\u00A0 a b\u3000\n")).isEqualTo("a b");
        assertThat(WordRunes.trimSpace("\u200Ba\u200B")).isEqualTo("\u200Ba\u200B");
        assertThat(WordRunes.trimSpace(" \t ")).isEmpty();
    }

    @Test
    void shortensLongTextForMessages() {
        assertThat(WordRunes.excerpt("short")).isEqualTo("short");
        assertThat(WordRunes.excerpt("x".repeat(1000))).isEqualTo("x".repeat(60) + "\u2026 (1000 chars)");
        assertThat(WordRunes.excerpt("x".repeat(59) + "😀".repeat(30))).endsWith("\u2026 (119 chars)")
                .hasSize(59 + "\u2026 (119 chars)".length());
        assertThat(WordRunes.text(WordRunes.EOF)).isEqualTo("\uFFFD");
    }
}
