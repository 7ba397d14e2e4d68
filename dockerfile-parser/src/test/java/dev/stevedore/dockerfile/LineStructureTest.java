package dev.stevedore.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Physical lines to instructions: continuations, comments, blank lines, line endings. */
class LineStructureTest {

    private static Dockerfile parse(String text) {
        return Dockerfile.parse("Dockerfile", text);
    }

    private static String dumpOf(String text) {
        return Dockerfile.dumpSyntax("Dockerfile", text.getBytes(StandardCharsets.UTF_8));
    }

    static Stream<Arguments> continuations() {
        return Stream.of(
                arguments("RUN a \\\n  b", "(run \"a   b\")"),
                arguments("RUN a \\   \t\n  b", "(run \"a   b\")"),
                arguments("RUN a \\\n# comment \\\n  # indented comment\n b", "(run \"a  b\")"),
                arguments("RUN a \\\n\n   \n b", "(run \"a  b\")"),
                arguments("RUN a\\\\\nRUN b", "(run \"a\\\\\\\\\")\n(run \"b\")"),
                arguments("RUN a \\", "(run \"a\")"),
                arguments("run a\r\nRuN b \\\r\n c\r\n", "(run \"a\")\n(run \"b  c\")"),
                arguments("\tRUN\ta\t\tb\t", "(run \"a\\t\\tb\")"),
                arguments("\\\nRUN a", "(run \"a\")"));
    }

    @ParameterizedTest
    @MethodSource("continuations")
    void joinsContinuationLines(String text, String dump) {
        assertThat(dumpOf(text)).isEqualTo(dump);
    }

    @Test
    void recordsEmptyContinuationLinesAndWarnsAtTheInstructionsLastLine() {
        // given
        String text = "FROM a\nRUN something \\\n\n    following \\\n\n    more\n\nRUN another \\\n\n    thing\n"
                + "RUN valid \\\n  # comment\n  continuation\n";

        // when
        Dockerfile df = parse(text);

        // then
        assertThat(df.emptyContinuationLines()).containsExactly(3, 5, 9);
        assertThat(df.warnings()).containsExactly(
                new ParseWarning(ParseWarning.Kind.EMPTY_CONTINUATION, 6, "Empty continuation line found in: RUN something     following     more"),
                new ParseWarning(ParseWarning.Kind.EMPTY_CONTINUATION, 10, "Empty continuation line found in: RUN another     thing"));
    }

    @Test
    void keepsStartAndEndLinesKeywordCaseAndComments() {
        // given
        String text = "# stage doc\n\n# more\nfrom alpine AS Base\n#\n# run doc\nRun echo \\\n  hi\n\n  # x\ncmd [\"a\"]\n";

        // when
        List<Instruction> instructions = parse(text).instructions();

        // then
        assertThat(instructions).extracting(Instruction::location)
                .containsExactly(Location.of(4, 4), Location.of(7, 8), Location.of(11, 11));
        assertThat(instructions).extracting(Instruction::keyword).containsExactly("from", "Run", "cmd");
        assertThat(instructions).extracting(Instruction::comments)
                .containsExactly(List.of("stage doc", "more"), List.of("run doc"), List.of("# x"));
    }

    @Test
    void keepsTheHashOfAnIndentedCommentAsBuildKitDoes() {
        assertThat(parse("  # indented\nFROM a\n").instructions().get(0).comments()).containsExactly("# indented");
    }

    @Test
    void skipsAByteOrderMarkOnTheFirstLineOnly() {
        // given
        byte[] bytes = "\uFEFFFROM a\nRUN x\n".getBytes(StandardCharsets.UTF_8);

        // when
        Dockerfile df = Dockerfile.parse("Dockerfile", bytes);

        // then
        assertThat(df.dump()).isEqualTo("(from \"a\")\n(run \"x\")");
    }

    @Test
    void splitsOnLineFeedsOnlySoALoneCarriageReturnStaysInTheLine() {
        assertThat(dumpOf("FROM a\rRUN x\n")).isEqualTo("(from \"a\" \"RUN\" \"x\")");
    }

    @Test
    void acceptsUnknownInstructionsInTheSyntaxPassLikeBuildKitsDumper() {
        assertThat(dumpOf("FROM a\nFOO bar baz\n")).isEqualTo("(from \"a\")\n(foo \"\")");
    }

    @Test
    void dumpsNestedOnbuildAsNestedExpressions() {
        assertThat(dumpOf("ONBUILD --x ONBUILD RUN --y a\nONBUILD\n"))
                .isEqualTo("(onbuild [\"--x\"] (onbuild (run [\"--y\"] \"a\")))\n(onbuild)");
    }
}
