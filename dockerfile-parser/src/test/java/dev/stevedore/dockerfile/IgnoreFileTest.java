package dev.stevedore.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IgnoreFileTest {

    @Test
    void readsPatternsLikeIgnorefileReadAll() {
        // given (the content of moby/patternmatcher ignorefile_test.go TestReadAll, Apache-2.0,
        // without its two bare "!" lines, which only compile-time checking rejects)
        String content = "test1\n/test2\n/a/file/here\n\nlastfile\n# this is a comment\n! /inverted/abs/path\n";

        // when
        IgnoreFile ignore = IgnoreFile.parse(content);

        // then
        assertThat(ignore.patterns())
                .containsExactly("test1", "test2", "a/file/here", "lastfile", "!inverted/abs/path");
        assertThat(ignore.path()).isEmpty();
        assertThat(ignore.matcher().patterns()).isEqualTo(ignore.patterns());
    }

    @ParameterizedTest(name = "[{0}] -> [{1}]")
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
        "~foo   ~                | foo",
        "~  foo\t~               | foo",
        "~  # not a comment~     | # not a comment",
        "./foo/                  | foo",
        "foo//bar/./baz/..       | foo/bar",
        "/                       | /",
        "//                      | /",
        "../outside              | ../outside",
        "/../a                   | a",
        "~!  /a/b~               | !a/b",
        "!./x                    | !x",
        "~\u3000wide\u00A0~      | wide",
    })
    void cleansEachPattern(String line, String pattern) {
        assertThat(IgnoreFile.parse(line + "\n").patterns()).containsExactly(pattern);
    }

    @Test
    void skipsCommentsAndBlankLinesAndHandlesLineEndings() {
        IgnoreFile ignore = IgnoreFile.parse("\uFEFFa\r\n#b\r\n\r\n \t\nc\rd\n\uFEFFe");
        assertThat(ignore.patterns()).containsExactly("a", "c\rd", "\uFEFFe");
    }

    @Test
    void dropsAByteOrderMarkOnlyOnTheFirstLine() {
        assertThat(IgnoreFile.parse("\uFEFF# comment\nx").patterns()).containsExactly("x");
    }

    @Test
    void reportsTheFileAndLineOfABadPattern(@TempDir Path dir) throws IOException {
        // given
        Path file = dir.resolve(".dockerignore");
        Files.writeString(file, "# build output\ntarget\n  [abc\n", StandardCharsets.UTF_8);

        // when / then
        assertThatThrownBy(() -> IgnoreFile.read(file))
                .isInstanceOfSatisfying(IgnorePatternException.class, e -> {
                    assertThat(e.fileName()).isEqualTo(file.toString());
                    assertThat(e.line()).isEqualTo(3);
                    assertThat(e.lineText()).isEqualTo("  [abc");
                    assertThat(e).hasMessage(file + ":3: invalid pattern \"[abc\": "
                            + "syntax error in pattern: unterminated character class");
                });
    }

    @Test
    void rejectsALoneExclamationMarkOnItsLine() {
        assertThatThrownBy(() -> IgnoreFile.parse("a\n\n!\n"))
                .isInstanceOf(IgnorePatternException.class)
                .hasMessage("line 3: invalid pattern \"!\": illegal exclusion pattern: \"!\"");
    }

    @Test
    void rejectsLinesOfSixtyFourKibibytesOrMore() {
        String ok = "a".repeat(65_535);
        assertThat(IgnoreFile.parse("x\n" + ok + "\n").patterns()).containsExactly("x", ok);
        assertThatThrownBy(() -> IgnoreFile.parse("x\n" + "é".repeat(32_768)))
                .isInstanceOf(IgnorePatternException.class)
                .hasMessage("line 2: line is 65536 bytes long, the limit is 65535");
    }

    @Test
    void readsAFileAndRemembersItsPath(@TempDir Path dir) throws IOException {
        // given
        Path file = dir.resolve(".dockerignore");
        Files.write(file, new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'n', 'o', 'd', 'e', '_', '\n', '*', '.', 'o'});

        // when
        IgnoreFile ignore = IgnoreFile.read(file);

        // then
        assertThat(ignore.path()).contains(file);
        assertThat(ignore.patterns()).containsExactly("node_", "*.o");
        assertThat(ignore.matcher().matches("x.o")).isTrue();
    }

    @Test
    void noneExcludesNothing() {
        assertThat(IgnoreFile.none().patterns()).isEmpty();
        assertThat(IgnoreFile.none().path()).isEmpty();
        assertThat(IgnoreFile.none().matcher().matches("a")).isFalse();
    }

    @Test
    void copiesItsPatternList() {
        List<String> patterns = new java.util.ArrayList<>(List.of("a"));
        IgnoreFile ignore = new IgnoreFile(Optional.empty(), patterns, PatternMatcher.compile(patterns));
        patterns.add("b");
        assertThat(ignore.patterns()).containsExactly("a");
    }
}
