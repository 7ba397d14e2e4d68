package dev.stevedore.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The deliberate differences from BuildKit listed in docs/dockerfile.md. */
class DeviationsTest {

    private static Dockerfile parse(String text) {
        return Dockerfile.parse("Dockerfile", text);
    }

    @Test
    void keepsNonAsciiCharactersInFlagValues() {
        // BuildKit reads flags byte by byte and would turn "josé" into "josÃ©".
        Instruction.Copy copy = (Instruction.Copy) parse("FROM a\nCOPY --chown=jos\u00e9 a b\n").instructions().get(1);
        assertThat(copy.chown()).contains("jos\u00e9");
    }

    @Test
    void checksOnbuildTriggersWhenParsing() {
        assertThatThrownBy(() -> parse("FROM a\nONBUILD COPY --nope a b\n")).hasMessageContaining("unknown flag: --nope");
    }

    @Test
    void keepsExposedPortsInSourceOrder() {
        Instruction.Expose expose = (Instruction.Expose) parse("FROM a\nEXPOSE 8080 443 80\n").instructions().get(1);
        assertThat(expose.ports()).containsExactly("8080", "443", "80");
    }

    @Test
    void reportsADirectiveErrorAtItsOwnLine() {
        assertThatThrownBy(() -> parse("# escape=\\\n# escape=`\nFROM a\n"))
                .isInstanceOfSatisfying(DockerfileException.class, e -> assertThat(e.line()).isEqualTo(2));
    }

    @Test
    void findsNoHeredocInALineNestingVariablesTooDeeply() {
        // given
        String deep = "${a:-".repeat(ShellLexer.MAX_NESTING + 1) + "}".repeat(ShellLexer.MAX_NESTING + 1);
        String shallow = "${a:-".repeat(10) + "}".repeat(10);

        // then
        assertThat(HeredocMarker.fromLine("RUN <<EOF " + deep)).isEmpty();
        assertThat(HeredocMarker.fromLine("RUN <<EOF " + shallow)).hasSize(1);
    }

    @Test
    void readsSyntaxOnlyAsAHashDirective() {
        // A shebang line ends the directives; BuildKit would still pick the frontend after it.
        Dockerfile df = parse("#!/usr/bin/env docker\n# syntax=example.com/other:1\nFROM a\n");
        assertThat(df.directives()).isEmpty();
        assertThat(df.instructions().get(0).comments())
                .isEqualTo(List.of("!/usr/bin/env docker", "syntax=example.com/other:1"));
    }
}
