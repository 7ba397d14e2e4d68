package dev.stevedore.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * moby/patternmatcher's own expectations, replayed (Apache-2.0; see
 * {@code ShellAndPatternCases.md} in the test resources).
 */
class PatternMatcherCasesTest {

    static Stream<Arguments> matchCases() throws IOException {
        return rows("PatternMatcherCases.tsv");
    }

    @ParameterizedTest(name = "{0} on {1}: {2}")
    @MethodSource("matchCases")
    void matchesLikeMatchesOrParentMatches(String pattern, String path, String expected) {
        PatternMatcher matcher = PatternMatcher.compile(List.of(pattern));
        assertThat(matcher.matches(path)).isEqualTo(Boolean.parseBoolean(expected));
        assertThat(matcher.match(path, PatternMatch.unknown()).excluded()).isEqualTo(Boolean.parseBoolean(expected));
    }

    @ParameterizedTest(name = "{0} on {1}: {2}")
    @MethodSource("matchCases")
    void matchesLikeMatchesUsingParentResultsInAWalk(String pattern, String path, String expected) {
        assertThat(walkMatch(PatternMatcher.compile(List.of(pattern)), path))
                .isEqualTo(Boolean.parseBoolean(expected));
    }

    static Stream<Arguments> multiPatternCases() {
        // patternmatcher_test.go multiPatternTests (Apache-2.0)
        String whl = "dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl";
        return Stream.of(
                Arguments.of(List.of("**", "!util/docker/web"), "util/docker/web/foo", false),
                Arguments.of(List.of("**", "!util/docker/web", "util/docker/web/foo"), "util/docker/web/foo", true),
                Arguments.of(List.of("**", "!" + whl), whl, false),
                Arguments.of(List.of("**", "!dist/*.whl"), whl, false));
    }

    @ParameterizedTest(name = "{0} on {1}: {2}")
    @MethodSource("multiPatternCases")
    void appliesPatternsInOrder(List<String> patterns, String path, boolean expected) {
        PatternMatcher matcher = PatternMatcher.compile(patterns);
        assertThat(matcher.matches(path)).isEqualTo(expected);
        assertThat(walkMatch(matcher, path)).isEqualTo(expected);
    }

    static Stream<Arguments> goMatchCases() throws IOException {
        return rows("PatternGoMatchCases.tsv");
    }

    @ParameterizedTest(name = "{0} on {1}: {2}")
    @MethodSource("goMatchCases")
    void agreesWithGoFilepathMatchTests(String pattern, String path, String expected) {
        if (expected.equals("error")) {
            assertThatThrownBy(() -> PatternMatcher.compile(List.of(pattern)))
                    .isInstanceOf(IgnorePatternException.class)
                    .hasMessageContaining("syntax error in pattern");
        } else {
            assertThat(PatternMatcher.compile(List.of(pattern)).matches(PatternPaths.clean(path)))
                    .isEqualTo(Boolean.parseBoolean(expected));
        }
    }

    static Stream<Arguments> compileCases() throws IOException {
        return rows("PatternCompileCases.tsv");
    }

    @ParameterizedTest(name = "{0}: {1} {2}")
    @MethodSource("compileCases")
    void compilesToTheSameMatchTypeAndExpression(String pattern, String type, String regex) throws Exception {
        PatternRule rule = PatternRule.compile(PatternPaths.clean(pattern), false);
        String goName = rule.kind() == PatternRule.Kind.REGEX ? "regexp" : rule.kind().name().toLowerCase(Locale.ROOT);
        assertThat(goName + "Match").isEqualTo(type);
        assertThat(rule.regex()).isEqualTo(regex.equals("-") ? null : regex);
    }

    @Test
    void matchesNothingWithoutPatterns() {
        assertThat(PatternMatcher.compile(List.of()).matches("any/path/there")).isFalse();
        assertThat(PatternMatcher.compile(List.of("", "  ")).patterns()).isEmpty();
    }

    @Test
    void rejectsALoneExclamationMark() {
        assertThatThrownBy(() -> PatternMatcher.compile(List.of("docs", "!")))
                .isInstanceOf(IgnorePatternException.class)
                .hasMessage("pattern 2 \"!\": illegal exclusion pattern: \"!\"");
    }

    @Test
    void trimsPatternsAndFlagsExceptions() {
        PatternMatcher matcher = PatternMatcher.compile(List.of("docs", "  !docs/README.md  ", "config"));
        assertThat(matcher.hasExceptions()).isTrue();
        assertThat(matcher.patterns()).containsExactly("docs", "!docs/README.md", "config");
        assertThat(PatternMatcher.compile(List.of("docs")).hasExceptions()).isFalse();
    }

    @Test
    void reportsAnExpressionGoRejectsWhenCompiling() {
        // moby accepts "[Local-Only]/" in New and fails on first use (moby/moby#52203); we fail early
        assertThatThrownBy(() -> PatternMatcher.compile(List.of("[Local-Only]/")))
                .isInstanceOf(IgnorePatternException.class)
                .hasMessage("pattern 1 \"[Local-Only]/\": syntax error in pattern: invalid character class range: l-O");
    }

    /** Matches each parent directory first and passes its result down, as a context walk does. */
    static boolean walkMatch(PatternMatcher matcher, String path) {
        String parent = PatternPaths.dir(path);
        PatternMatch info = PatternMatch.unknown();
        if (!parent.equals(".")) {
            String[] dirs = parent.split("/", -1);
            for (int k = 0; k < dirs.length; k++) {
                info = matcher.match(String.join("/", List.of(dirs).subList(0, k + 1)), info);
            }
        }
        return matcher.match(path, info).excluded();
    }

    private static Stream<Arguments> rows(String resource) throws IOException {
        List<Arguments> rows = new ArrayList<>();
        for (String line : ShellLexerBuildKitCasesTest.resourceLines(resource)) {
            if (line.startsWith("#")) {
                continue;
            }
            rows.add(Arguments.of((Object[]) line.split("\t", -1)));
        }
        return rows.stream();
    }
}
