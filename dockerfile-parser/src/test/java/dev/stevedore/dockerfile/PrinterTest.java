package dev.stevedore.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Printing then parsing gives the same instructions, also for the awkward cases. */
class PrinterTest {

    /** Instructions without their lines, for comparison. */
    static List<Instruction> withoutLines(Dockerfile df) {
        return df.instructions().stream().map(Relocate::toLineOne).toList();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "FROM a\nRUN echo \\\n  hi \\\n  # c\n  there\n",
        "FROM a\nRUN -- --looks-like-a-flag\nCOPY -- --src /dst\nENV -- --k=v\n",
        "FROM a\nRUN --mount=\"type=bind,target=/a b\" x\nRUN \"--mount=type=tmpfs,target=/'q'\" y\n",
        "FROM a\nCOPY [\"a\",\u000b\"b\"] c\nVOLUME [\"x\"\u000b]\n",
        "FROM a\nRUN echo \\\\\u00a0\n",
        "FROM a\nRUN <<EOF cat\nline \\\n\tEOF2\nEOF\nCOPY <<-A <<B /d\n\ta\n\tA\nb\nB\n",
        "# escape=`\nFROM a\nRUN --mount=\"type=bind,target=C:\\x y``z\" dir `\n  c:\\\n",
        "\n# escape=\\\nFROM a\n",
        "# foo\n\n#syntax=x\nFROM a\n",
        "FROM a\nENV a \"b c\" d\nLABEL \"k 1\"=v\\ 1 k2='x y'\nARG \"n\"=\"v w\"\n",
        "FROM a\nHEALTHCHECK --interval=5s CMD [\"a\", \"b\"]\nHEALTHCHECK --x NONE\nONBUILD RUN <<X\nx\nX\n",
        "FROM a\nCMD [\"\\n\\t\\u0001\", \"\\u2028\"]\nSTOPSIGNAL --x 9\n",
    })
    void printsTextThatParsesToTheSameInstructions(String text) {
        // given
        Dockerfile original = Dockerfile.parse("Dockerfile", text);

        // when
        String printed = original.format();
        Dockerfile reparsed = Dockerfile.parse("Dockerfile", printed);

        // then
        assertThat(withoutLines(reparsed)).isEqualTo(withoutLines(original));
        assertThat(reparsed.directives()).extracting(Directive::name, Directive::value)
                .isEqualTo(original.directives().stream().map(d -> org.assertj.core.groups.Tuple.tuple(d.name(),
                        d.value())).toList());
        assertThat(reparsed.format()).isEqualTo(printed);
    }
}
