package dev.stevedore.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PatternPathsTest {

    @ParameterizedTest(name = "clean [{0}] = [{1}]")
    @CsvSource(quoteCharacter = '~', value = {
        "~~, .", "a/b, a/b", "a//b, a/b", "a/./b, a/b", "a/../b, b", "a/b/, a/b", "./, .", "/, /", "//a, /a",
        "/../a, /a", "../a, ../a", "a/.., .", "../../a/../b, ../../b", "abc/def/../../.., ..", ".../a, .../a",
        "!./a, !./a", "a/b/c/./../../d, a/d", "/a/b/../../.., /",
    })
    void cleansLikeGoPathClean(String path, String cleaned) {
        assertThat(PatternPaths.clean(path)).isEqualTo(cleaned);
    }

    @ParameterizedTest(name = "dir [{0}] = [{1}]")
    @CsvSource({"a/b, a", "a, .", "/a, /", "a/b/, a/b", "a//b, a", "/, /"})
    void takesTheDirectoryLikeGoPathDir(String path, String dir) {
        assertThat(PatternPaths.dir(path)).isEqualTo(dir);
    }
}
