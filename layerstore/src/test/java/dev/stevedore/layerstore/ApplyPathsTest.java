package dev.stevedore.layerstore;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ApplyPathsTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', emptyValue = "", value = {
        "etc/passwd|etc/passwd",
        "./etc/passwd|etc/passwd",
        "/etc/passwd|etc/passwd",
        "//etc///passwd/|etc/passwd",
        "./|''",
        ".|''",
        "/|''",
        "a/./b/.|a/b",
        ".wh..wh..opq|.wh..wh..opq",
        "...|...",
        "..a/b..|..a/b..",
    })
    void normalizesNamesIntoTheTree(String name, String expected) {
        assertThat(ApplyPaths.normalize(name)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", "../x", "a/../b", "a/..", "/../etc", "./../x", "a/b/../../.."})
    void refusesEveryDotDotComponent(String name) {
        assertThat(ApplyPaths.normalize(name)).isNull();
    }

    @Test
    void splitsAndJoins() {
        assertThat(ApplyPaths.parent("a/b/c")).isEqualTo("a/b");
        assertThat(ApplyPaths.parent("a")).isEmpty();
        assertThat(ApplyPaths.base("a/b/c")).isEqualTo("c");
        assertThat(ApplyPaths.child("", "a")).isEqualTo("a");
        assertThat(ApplyPaths.child("a", "b")).isEqualTo("a/b");
    }
}
