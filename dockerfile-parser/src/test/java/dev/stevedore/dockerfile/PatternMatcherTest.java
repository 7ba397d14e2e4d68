package dev.stevedore.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PatternMatcherTest {

    @ParameterizedTest(name = "{0} on [{1}]: {2}")
    @CsvSource(delimiter = '\t', quoteCharacter = '~', value = {
        // a pattern matching a directory excludes what is below it
        "docs	docs	true",
        "docs	docs/a/b.md	true",
        "docs	docsx	false",
        "docs/	docs/a	true",
        "./docs	docs/a	true",
        "/docs	docs/a	false",
        "a/../docs	docs	true",
        // wildcards stop at slashes, ** does not
        "*.go	main.go	true",
        "*.go	cmd/main.go	false",
        "**/*.go	cmd/x/main.go	true",
        "**/*.go	main.go	true",
        "cmd/**	cmd	false",
        "cmd/**	cmd/x	true",
        "dir**	directory/x	true",
        "?.txt	a.txt	true",
        "?.txt	ab.txt	false",
        // classes, ranges, negation, escapes
        "[abc].txt	b.txt	true",
        "[a-c].txt	d.txt	false",
        "[^a-c].txt	d.txt	true",
        "[^a-c].txt	/.txt	true",
        "[!a].txt	!.txt	true",
        "[!a].txt	b.txt	false",
        "[\\]].txt	].txt	true",
        "\\*.txt	*.txt	true",
        "\\*.txt	a.txt	false",
        "a\\\\b	a\\b	true",
        // Go regexp corners: \d is a digit class, ^ inside is an anchor, classes absorb * and ?
        "a\\db	a5b	true",
        "a\\db	adb	false",
        "a^b	a^b	true",
        "a^b*	a^bc	false",
        "^foo*	foobar	true",
        "[*]	*	false",
        "[*]	]	true",
        "[[:digit:]]x	5x	true",
        "\\pL\\pL	αb	true",
        "\\pL\\pL	a1	false",
        "\\PL*	12	true",
        "a\\Qb*	ab[^/]*$	true",
        "a\\Qb*	abc	false",
        // * and classes match a newline, ** does not cross one
        "a*b	a<NL>b	true",
        "**/x*	a<NL>b/xy	false",
        "*/x*	a<NL>b/xy	true",
    })
    void matchesLikePatternMatcher(String pattern, String pathWithMarkers, boolean excluded) {
        String path = pathWithMarkers.replace("<NL>", "\n");
        PatternMatcher matcher = PatternMatcher.compile(List.of(pattern));
        assertThat(matcher.matches(path)).isEqualTo(excluded);
        assertThat(PatternMatcherCasesTest.walkMatch(matcher, path)).isEqualTo(excluded);
    }

    @ParameterizedTest(name = "{0} on {1}: {2}")
    @CsvSource(delimiter = '|', value = {
        "*.md,!README.md             | README.md       | false",
        "!README.md,*.md             | README.md       | true",
        "docs,!docs/keep             | docs/keep       | false",
        "docs,!docs/keep             | docs/keep/x.md  | false",
        "docs,!docs/keep             | docs/other.md   | true",
        "docs/*,!docs/keep           | docs/keep       | false",
        "a,!a/b,a/b/c                | a/b/c/d         | true",
        "a,!a/b,a/b/c                | a/b/d           | false",
        "**,!src,src/**/*.test       | src/x/y.test    | true",
        "**,!src,src/**/*.test       | src/x/y.java    | false",
        "!a                          | a               | false",
    })
    void letsTheLastMatchingPatternWin(String patterns, String path, boolean excluded) {
        PatternMatcher matcher = PatternMatcher.compile(List.of(patterns.split(",")));
        assertThat(matcher.matches(path)).isEqualTo(excluded);
        assertThat(PatternMatcherCasesTest.walkMatch(matcher, path)).isEqualTo(excluded);
    }

    @ParameterizedTest(name = "{0}, dir {1}: skip {2}")
    @CsvSource(delimiter = '|', value = {
        "node_modules                       | node_modules        | true",
        "node_modules,!node_modules/keep    | node_modules        | false",
        "node_modules,!node_modules/keep    | node_modules/other  | true",
        "node_modules,!node_modules/keep    | node_modules/keep   | false",
        "a,!a/b/*                           | a                   | false",
        "a,!a/b/**                          | a/c                 | true",
        "a,!a/*/keep                        | a/c                 | false",
        "a,!*.keep                          | a                   | false",
        "a,!other                           | a                   | true",
    })
    void decidesWhetherAnExcludedDirectoryCanBeSkipped(String patterns, String dir, boolean skip) {
        assertThat(PatternMatcher.compile(List.of(patterns.split(","))).canSkipExcludedDirectory(dir))
                .isEqualTo(skip);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '\t', value = {
        "[abc	syntax error in pattern: unterminated character class",
        "a[	syntax error in pattern: unterminated character class",
        "[]a]	syntax error in pattern: empty character class",
        "[^]	syntax error in pattern: empty character class",
        "[-x]	syntax error in pattern: misplaced '-' in character class",
        "[x-]	syntax error in pattern: character range without an end",
        "[a-b-c]	syntax error in pattern: misplaced '-' in character class",
        "a*\\	syntax error in pattern: trailing backslash",
        "[z-a]	syntax error in pattern: invalid character class range: z-a",
        "a\\yb	syntax error in pattern: invalid escape sequence: \\y",
        "a\\8	syntax error in pattern: invalid escape sequence: \\8",
        "a\\Cb	syntax error in pattern: invalid escape sequence: \\C",
        "[[:word]:]]	syntax error in pattern: invalid character class range: [:word]:]",
        "\\pX	syntax error in pattern: invalid character class range: \\pX",
        "\\p{Greek}	syntax error in pattern: invalid character class range: \\p\\",
    })
    void rejectsInvalidPatternsWithAReason(String pattern, String reason) {
        assertThatThrownBy(() -> PatternMatcher.compile(List.of("ok", pattern)))
                .isInstanceOfSatisfying(IgnorePatternException.class, e -> {
                    assertThat(e.reason()).isEqualTo("pattern 2 \"" + pattern + "\": " + reason);
                    assertThat(e.fileName()).isEmpty();
                    assertThat(e.line()).isZero();
                });
    }

    @Test
    void cleansPatternsBeforeTakingTheExclamationMark() {
        // moby cleans "!./a" as a whole, so the exception keeps its "./" and never matches
        PatternMatcher matcher = PatternMatcher.compile(List.of("*", "!./a"));
        assertThat(matcher.patterns()).containsExactly("*", "!./a");
        assertThat(matcher.matches("a")).isTrue();
        assertThatThrownBy(() -> PatternMatcher.compile(List.of("!/"))).isInstanceOf(IgnorePatternException.class);
    }

    @Test
    void rejectsAParentResultFromAnotherMatcher() {
        PatternMatcher one = PatternMatcher.compile(List.of("a"));
        PatternMatcher two = PatternMatcher.compile(List.of("a", "b"));
        PatternMatch parent = one.match("a", PatternMatch.unknown());
        assertThatThrownBy(() -> two.match("a/x", parent)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 patterns, this one has 2");
    }

    @Test
    void usesTheParentResultWithoutRecheckingParents() {
        // given: the parent result says pattern 0 matched, so the child counts as matched
        PatternMatcher matcher = PatternMatcher.compile(List.of("build", "!build/keep.txt"));
        PatternMatch parent = matcher.match("build", PatternMatch.unknown());

        // when
        PatternMatch kept = matcher.match("build/keep.txt", parent);
        PatternMatch other = matcher.match("build/other.txt", parent);

        // then
        assertThat(parent.excluded()).isTrue();
        assertThat(kept.excluded()).isFalse();
        assertThat(other.excluded()).isTrue();
    }

    @Test
    void staysFastOnLongPatternsAndPaths() {
        // given: work grows with pattern length x path length x depth, as in Go
        PatternMatcher matcher = PatternMatcher.compile(List.of("**/".repeat(200) + "*x*y*z", "a*".repeat(500)));
        String path = "a/".repeat(100) + "b".repeat(4_000);

        // when
        long start = System.nanoTime();
        boolean excluded = matcher.matches(path);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        // then
        assertThat(excluded).isFalse();
        assertThat(took).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void noneExcludesNothing() {
        assertThat(PatternMatcher.none().matches("a")).isFalse();
        assertThat(PatternMatcher.none().patterns()).isEmpty();
        assertThat(PatternMatcher.none().hasExceptions()).isFalse();
        assertThat(PatternMatcher.none().canSkipExcludedDirectory("a")).isTrue();
        assertThatThrownBy(() -> PatternMatcher.compile(List.of("a")).patterns().add("b"))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
