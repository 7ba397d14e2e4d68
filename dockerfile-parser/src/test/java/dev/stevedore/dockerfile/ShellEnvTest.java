package dev.stevedore.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShellEnvTest {

    @Test
    void fromListLetsTheLastEntryWin() {
        // given (from lex_test.go TestGetEnv, Apache-2.0)
        ShellEnv env = ShellEnv.fromList(List.of("foo=bar", "car=hat", "car=bike", "bare", "eq=a=b"));

        // then
        assertThat(env.get("foo")).contains("bar");
        assertThat(env.get("car")).contains("bike");
        assertThat(env.get("bare")).contains("");
        assertThat(env.get("eq")).contains("a=b");
        assertThat(env.get("none")).isEmpty();
    }

    @Test
    void ofCopiesTheMap() {
        // given
        Map<String, String> vars = new HashMap<>(Map.of("A", "1"));
        ShellEnv env = ShellEnv.of(vars);

        // when
        vars.put("A", "2");

        // then
        assertThat(env.get("A")).contains("1");
        assertThat(ShellEnv.empty().get("A")).isEmpty();
    }

    @Test
    void namesAreCaseSensitive() {
        assertThat(ShellEnv.of(Map.of("PWD", "/home")).get("pwd")).isEmpty();
    }

    @Test
    void rejectsNullValues() {
        Map<String, String> vars = new HashMap<>();
        vars.put("A", null);
        assertThatThrownBy(() -> ShellEnv.of(vars)).isInstanceOf(NullPointerException.class);
    }
}
