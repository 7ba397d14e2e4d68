package dev.stevedore.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChallengeParserTest {
    @Test
    void readsABearerChallengeWithQuotedParameters() {
        List<Challenge> challenges = ChallengeParser.parse(
                "Bearer realm=\"https://auth.example/token\",service=\"registry.example\",scope=\"repository:a/b:pull,push\"");

        assertThat(challenges).containsExactly(new Challenge("bearer", Map.of("realm", "https://auth.example/token",
                "service", "registry.example", "scope", "repository:a/b:pull,push")));
    }

    @Test
    void readsSeveralChallengesInOneValue() {
        List<Challenge> challenges = ChallengeParser.parse(
                "Basic realm=\"x\", Bearer realm=\"https://a/t\", error=\"insufficient_scope\"");

        assertThat(challenges).extracting(Challenge::scheme).containsExactly("basic", "bearer");
        assertThat(challenges.get(1).params()).containsEntry("error", "insufficient_scope");
    }

    @Test
    void unescapesQuotedPairsAndKeepsCommasInsideQuotes() {
        Challenge challenge = ChallengeParser.parse("Bearer realm=\"a\\\"b\", scope=\"repository:x:pull,push\"").get(0);

        assertThat(challenge.params()).containsEntry("realm", "a\"b").containsEntry("scope", "repository:x:pull,push");
    }

    @Test
    void acceptsTokensAsValuesAndSpacesAroundEquals() {
        Challenge challenge = ChallengeParser.parse("bearer REALM = token-realm ,service=reg").get(0);

        assertThat(challenge.params()).containsEntry("realm", "token-realm").containsEntry("service", "reg");
    }

    @Test
    void readsASchemeWithoutParametersAndAToken68() {
        assertThat(ChallengeParser.parse("Negotiate, Basic abc123==")).containsExactly(
                new Challenge("negotiate", Map.of()), new Challenge("basic", Map.of("token68", "abc123==")));
    }

    @Test
    void readsRepeatedHeaders() {
        assertThat(ChallengeParser.parseAll(List.of("Basic realm=\"a\"", "Bearer realm=\"b\"")))
                .extracting(Challenge::scheme).containsExactly("basic", "bearer");
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @ValueSource(strings = {"Bearer realm=\"unterminated", "", " , ", "Bearer realm=\"a\" service=\"b\"",
            "Bearer realm=\"a\", realm=\"b\"", "=value"})
    void refusesMalformedValues(String value) {
        assertThatThrownBy(() -> ChallengeParser.parse(value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("malformed WWW-Authenticate");
    }
}
