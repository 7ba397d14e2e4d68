package dev.stevedore.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ExpansionTest {

    @Test
    void copiesSetsKeepingTheirOrder() {
        // given
        Set<String> unmatched = new LinkedHashSet<>(List.of("B", "A"));
        Expansion e = new Expansion("x", Set.of(), unmatched);

        // when
        unmatched.add("C");

        // then
        assertThat(e.unmatched()).containsExactly("B", "A");
        assertThatThrownBy(() -> e.matched().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void rejectsNullResult() {
        assertThatThrownBy(() -> new Expansion(null, Set.of(), Set.of())).isInstanceOf(NullPointerException.class);
    }
}
