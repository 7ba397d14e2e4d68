package dev.stevedore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CopyPathsTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "/etc/passwd | /etc  | passwd",
        "/etc/       | /     | etc",
        "/a          | /     | a",
        "/a/b/c//    | /a/b  | c",
        "/           | /     | ''"})
    void splitsContainerPaths(String path, String dirname, String basename) {
        assertThat(ContainerCopy.dirname(path)).isEqualTo(dirname);
        assertThat(ContainerCopy.basename(path)).isEqualTo(basename);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "./a/b     | a/b",
        "/abs/x    | abs/x",
        "dir/      | dir",
        ".         | ''",
        "a//b/./c  | a/b/c"})
    void cleansTarEntryNames(String name, String cleaned) {
        assertThat(CopyTarSource.clean(name)).isEqualTo(cleaned);
    }

    @ParameterizedTest
    @ValueSource(strings = {"../x", "a/../../b", "a/.."})
    void refusesEntriesLeavingTheirDirectory(String name) {
        assertThatThrownBy(() -> CopyTarSource.clean(name)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("leaves its directory");
    }
}
