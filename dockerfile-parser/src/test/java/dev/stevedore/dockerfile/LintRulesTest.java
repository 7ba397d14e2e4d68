package dev.stevedore.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every lint rule against BuildKit's expectations ({@code LintCases.txt}), positive and negative. */
class LintRulesTest {

    static List<LintCase> cases() {
        return LintCase.load();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reportsWhatBuildKitReports(LintCase c) {
        // given
        Dockerfile df = Dockerfile.parse("Dockerfile", c.dockerfile());

        // when
        LintResult result = Lint.check(df, c.context());

        // then
        List<String> found = result.findings().stream()
                .sorted(Comparator.comparingInt(LintFinding::line).thenComparing(LintFinding::message))
                .map(f -> f.line() + ": " + f.rule().ruleName() + ": " + f.message()).toList();
        List<String> expected = c.expected().stream()
                .sorted(Comparator.comparingInt((String s) -> Integer.parseInt(s.substring(0, s.indexOf(':'))))
                        .thenComparing(s -> s.substring(s.indexOf(':', s.indexOf(':') + 1) + 2)))
                .toList();
        assertThat(found).containsExactlyElementsOf(expected);
        assertThat(result.error().map(DockerfileException::reason)).isEqualTo(c.error());
    }

    @Test
    void casesCoverEveryRuleBothWays() {
        // given
        List<LintCase> cases = cases();

        // when
        Set<LintRule> reported = cases.stream().flatMap(c -> c.expected().stream())
                .map(s -> s.split(": ")[1]).map(n -> LintRule.byName(n).orElseThrow())
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(LintRule.class)));
        Set<LintRule> named = cases.stream().map(c -> c.name().split(":")[0])
                .flatMap(n -> LintRule.byName(n).stream())
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(LintRule.class)));

        // then
        assertThat(reported).containsExactlyInAnyOrderElementsOf(Arrays.asList(LintRule.values()));
        assertThat(named).containsExactlyInAnyOrderElementsOf(Arrays.asList(LintRule.values()));
        List<String> withoutNegativeCase = Arrays.stream(LintRule.values())
                .filter(rule -> cases.stream().filter(c -> c.name().startsWith(rule.ruleName() + ":"))
                        .allMatch(c -> c.expected().stream().anyMatch(e -> e.contains(": " + rule.ruleName() + ": "))))
                .map(LintRule::ruleName).toList();
        assertThat(withoutNegativeCase).isEmpty();
    }
}
