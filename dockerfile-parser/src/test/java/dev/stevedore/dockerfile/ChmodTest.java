package dev.stevedore.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ChmodTest {

    @ParameterizedTest(name = "{0} on {1} (dir={2}) -> {3}")
    @CsvSource({
        "755, 100644, false, 100755",
        "0, 100644, false, 100000",
        "7777, 100000, false, 107777",
        "u+x, 100644, false, 100744",
        "'u+x,g-w', 100664, false, 100744",
        "a=rX, 100644, false, 100444",
        "a=rX, 100744, false, 100444",
        "a+rX, 100744, false, 100755",
        "a+X, 40600, true, 40711",
        "go=u, 100750, false, 100777",
        "o-rwx, 100777, false, 100770",
        "'u=rw,go=r', 100777, false, 100644",
        "+x, 100644, false, 100755",
        "=, 100777, false, 100000",
        "u+s, 100755, false, 104755",
        "+t, 40755, true, 41755",
        "g=u-w, 100750, false, 100750",
    })
    void appliesOctalAndSymbolicModesLikeChmod(String mode, String before, boolean dir, String after) {
        // when
        int result = Chmod.parse(mode).apply(Integer.parseInt(before, 8), dir);

        // then
        assertThat(Integer.toOctalString(result)).isEqualTo(after);
    }

    @ParameterizedTest
    @ValueSource(strings = {"8", "99", "17777", "0x1ff", "1.5", "77777777777"})
    void rejectsNumbersThatAreNotOctalModes(String mode) {
        assertThatThrownBy(() -> Chmod.parse(mode)).isInstanceOf(DockerfileException.class)
                .hasMessage("invalid chmod parameter: '" + mode + "'. it should be octal string and between 0 and 07777");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "u", "u+q", "x+u", "u+x,", ",u+x", "uu", "a+rwx;", "-1"})
    void rejectsInvalidSymbolicModes(String mode) {
        assertThatThrownBy(() -> Chmod.parse(mode)).isInstanceOf(DockerfileException.class)
                .hasMessageContaining("invalid syntax");
    }

    @ParameterizedTest
    @ValueSource(strings = {"644", "0644", "u+rwx,go=rX", "a-w", "ug+s", "=rw", "u=rwx,g=rx,o=", "+X"})
    void acceptsValidModes(String mode) {
        assertThat(Chmod.parse(mode).text()).isEqualTo(mode);
    }
}
