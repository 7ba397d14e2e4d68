package dev.stevedore.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class PatternMatcherPropertyTest {
    private static final String PATTERN_CHARS = "ab/*?[]^-!\\.dx{}()$+|:";

    @Property(tries = 3000)
    void compilingAnyPatternEitherWorksOrThrowsIgnorePatternException(@ForAll("patternText") String pattern) {
        Throwable thrown = catchThrowable(() -> PatternMatcher.compile(List.of(pattern)));
        if (thrown != null) {
            assertThat(thrown).isInstanceOf(IgnorePatternException.class);
        }
    }

    @Property(tries = 3000)
    void matchingNeverThrowsOnArbitraryAsciiPaths(@ForAll("matchers") PatternMatcher matcher,
            @ForAll("asciiPaths") String path) {
        boolean excluded = matcher.matches(path);
        assertThat(matcher.match(path, PatternMatch.unknown()).excluded()).isEqualTo(excluded);
    }

    @Property
    void plainPatternExcludesItselfAndWhatIsBelowIt(@ForAll("plainPaths") String rawPattern,
            @ForAll("plainPaths") String below, @ForAll boolean under) {
        // given
        String pattern = PatternPaths.clean(rawPattern);
        Assume.that(!pattern.equals(".") && !pattern.startsWith("/") && !pattern.startsWith(".."));
        String path = PatternPaths.clean(under ? pattern + "/" + below : below);

        // when / then
        boolean expected = path.equals(pattern) || path.startsWith(pattern + "/");
        assertThat(PatternMatcher.compile(List.of(pattern)).matches(path)).isEqualTo(expected);
    }

    @Property
    void walkingWithParentResultsAgreesWhenThereAreNoExceptions(@ForAll("globLists") List<String> patterns,
            @ForAll("plainPaths") String rawPath) {
        // given
        String path = PatternPaths.clean(rawPath);
        Assume.that(!path.equals(".") && !path.startsWith("/"));
        PatternMatcher matcher = PatternMatcher.compile(patterns);

        // when / then
        assertThat(PatternMatcherCasesTest.walkMatch(matcher, path)).isEqualTo(matcher.matches(path));
    }

    @Provide
    Arbitrary<String> patternText() {
        return Arbitraries.oneOf(Arbitraries.strings().ascii().ofMaxLength(12),
                Arbitraries.strings().withChars(PATTERN_CHARS).ofMaxLength(12));
    }

    @Provide
    Arbitrary<PatternMatcher> matchers() {
        return patternText().list().ofMinSize(1).ofMaxSize(4).map(patterns -> {
            try {
                return Optional.of(PatternMatcher.compile(patterns));
            } catch (IgnorePatternException e) {
                return Optional.<PatternMatcher>empty();
            }
        }).filter(Optional::isPresent).map(Optional::get);
    }

    @Provide
    Arbitrary<String> asciiPaths() {
        return Arbitraries.oneOf(Arbitraries.strings().ascii().ofMaxLength(20),
                Arbitraries.strings().withChars("ab/.-*?[]\\\n\u0000x").ofMaxLength(20));
    }

    @Provide
    Arbitrary<String> plainPaths() {
        return Arbitraries.strings().withChars("abc/.").ofMaxLength(10);
    }

    @Provide
    Arbitrary<List<String>> globLists() {
        return Arbitraries.strings().withChars("ab/*?").ofMaxLength(6).list().ofMinSize(1).ofMaxSize(3);
    }
}
