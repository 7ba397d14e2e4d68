package dev.stevedore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ContainerNamesTest {
    @Test
    void generatesAdjectiveUnderscoreSurname() {
        String name = ContainerNames.generate(new Random(1), n -> false);
        assertThat(name).matches("[a-z]+_[a-z]+");
        assertThat(ContainerNames.isValid(name)).isTrue();
    }

    @Test
    void neverReturnsATakenName() {
        // given every plain name is taken
        Random random = new Random(7);
        Set<String> taken = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            taken.add(ContainerNames.generate(random, taken::contains));
        }

        // then all are distinct and valid
        assertThat(taken).hasSize(200).allMatch(ContainerNames::isValid);
    }

    @Test
    void appendsADigitAfterACollisionAsDocker() {
        Random random = new Random(3);
        String first = ContainerNames.generate(new Random(3), n -> false);
        String second = ContainerNames.generate(random, first::equals);
        assertThat(second).isNotEqualTo(first);
    }

    @Test
    void findsAFreeNameEvenWhenAllTwoWordNamesAreTaken() {
        String name = ContainerNames.generate(new Random(5), n -> !n.matches(".*_[0-9a-f]{1,8}$") || n.matches(".*[a-z][0-9]$"));
        assertThat(name).matches("[a-z]+_[a-z]+_[0-9a-f]+");
    }

    @ParameterizedTest
    @ValueSource(strings = {"web", "db-1", "a.b_c", "/web", "X9"})
    void acceptsDockerNames(String name) {
        assertThat(ContainerNames.check(name)).isEqualTo(name.startsWith("/") ? name.substring(1) : name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a", "-web", "we b", "web/1", "_x", "é1"})
    void refusesOtherNames(String name) {
        assertThatThrownBy(() -> ContainerNames.check(name)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid container name");
    }

    @Test
    void hasThousandsOfCombinations() {
        assertThat(ContainerNames.combinations()).isGreaterThan(5000);
    }

    @Test
    void generatesIdsWhoseShortFormIsNeverAllDigits() {
        Random random = new Random(11);
        for (int i = 0; i < 1000; i++) {
            String id = ContainerId.generate(random);
            assertThat(id).matches("[0-9a-f]{64}");
            assertThat(ContainerId.shortOf(id)).hasSize(12).matches(".*[a-f].*");
        }
    }
}
