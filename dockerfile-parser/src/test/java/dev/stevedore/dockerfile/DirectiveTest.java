package dev.stevedore.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class DirectiveTest {

    private static Dockerfile parse(String text) {
        return Dockerfile.parse("Dockerfile", text);
    }

    @Test
    void readsAllThreeDirectivesWithCaseInsensitiveNames() {
        // given
        String text = "# SYNTAX = docker/dockerfile:1\n#Escape=`\n#  check=skip=JSONArgsRecommended;error=true\n"
                + "FROM a\n";

        // when
        Dockerfile df = parse(text);

        // then
        assertThat(df.directives()).containsExactly(new Directive("syntax", "docker/dockerfile:1", 1),
                new Directive("escape", "`", 2), new Directive("check", "skip=JSONArgsRecommended;error=true", 3));
        assertThat(df.escapeToken()).isEqualTo('`');
        assertThat(df.syntax()).contains("docker/dockerfile:1");
        assertThat(df.check()).contains("skip=JSONArgsRecommended;error=true");
        assertThat(df.instructions().get(0).comments()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"# escape=`\n\n# syntax=docker/dockerfile:1\nFROM a\n",
        "# escape=`\n# a comment\n# syntax=docker/dockerfile:1\nFROM a\n",
        "# escape=`\nFROM a\n# syntax=docker/dockerfile:1\n"})
    void stopsReadingDirectivesAtAnEmptyLineACommentOrAnInstruction(String text) {
        // when
        Dockerfile df = parse(text);

        // then
        assertThat(df.directives()).extracting(Directive::name).containsExactly("escape");
    }

    @Test
    void treatsAnUnknownDirectiveAsTheCommentThatEndsTheDirectives() {
        // given
        String text = "# foo=bar\n# escape=`\nFROM a\nRUN x \\\n  y\n";

        // when
        Dockerfile df = parse(text);

        // then
        assertThat(df.directives()).isEmpty();
        assertThat(df.instructions().get(0).comments()).containsExactly("foo=bar", "escape=`");
        assertThat(df.dump()).endsWith("(run \"x   y\")");
    }

    static Stream<Arguments> badDirectives() {
        return Stream.of(
                arguments("# escape=`\n# escape=\\\nFROM a\n", "Dockerfile:2: only one escape parser directive can be used"),
                arguments("# syntax=a\n# SYNTAX=docker/dockerfile:1\nFROM a\n",
                        "Dockerfile:2: only one syntax parser directive can be used"),
                arguments("# escape=x\nFROM a\n", "Dockerfile:1: invalid escape token 'x' does not match ` or \\"));
    }

    @ParameterizedTest
    @MethodSource("badDirectives")
    void rejectsARepeatedDirectiveOrABadEscape(String text, String message) {
        assertThatThrownBy(() -> parse(text)).isInstanceOf(DockerfileException.class).hasMessage(message);
    }

    @Test
    void usesTheBacktickForEscapesAndContinuations() {
        // given
        String text = "# escape=`\nFROM a\nRUN dir c:\\ `\n  && echo `\"hi`\"\nLABEL a=b` c\n";

        // when
        Dockerfile df = parse(text);

        // then
        assertThat(df.dump()).isEqualTo(String.join("\n", "(from \"a\")", "(run \"dir c:\\\\   && echo `\\\"hi`\\\"\")",
                "(label \"a\" \"b` c\" \"=\")"));
    }

    @Test
    void readsDirectivesAfterAByteOrderMarkAndLeadingWhitespace() {
        // given
        String text = "\uFEFF   # escape = `  \nFROM a\n";

        // when
        Dockerfile df = parse(text);

        // then
        assertThat(df.directives()).containsExactly(new Directive("escape", "`", 1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"docker/dockerfile:1", "docker/dockerfile:1.4", "docker/dockerfile:1.26.0",
        "docker/dockerfile:1-labs", "docker.io/docker/dockerfile:1.7-labs", "docker/dockerfile",
        "docker/dockerfile:1@sha256:9ba7531bd80fb0a858632727cf7a112fbfd19b17e94c4e84ced81e24ef1a0dbc",
        "docker/dockerfile:1.0.0-experimental", "docker/dockerfile:latest"})
    void acceptsTheDockerfileFrontendUpToThePinnedVersion(String syntax) {
        // when
        Dockerfile df = parse("# syntax=" + syntax + "\nFROM a\n");

        // then
        assertThat(df.warnings()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"docker/dockerfile:1.27", "docker/dockerfile:1.99-labs", "docker/dockerfile-upstream:master",
        "docker/dockerfile@sha256:9ba7531bd80fb0a858632727cf7a112fbfd19b17e94c4e84ced81e24ef1a0dbc"})
    void acceptsNewerOrUnpinnedVersionsWithAWarning(String syntax) {
        // when
        Dockerfile df = parse("# syntax=" + syntax + "\nFROM a\n");

        // then
        assertThat(df.warnings()).singleElement().satisfies(w -> {
            assertThat(w.kind()).isEqualTo(ParseWarning.Kind.SYNTAX_VERSION);
            assertThat(w.line()).isEqualTo(1);
            assertThat(w.message()).startsWith("syntax " + syntax);
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"tonistiigi/dockerfile:runmount", "example.com/frontend:1", "docker/dockerfile:2",
        "docker/dockerfile:0.9", "dockerfile:experimental"})
    void rejectsOtherFrontends(String syntax) {
        assertThatThrownBy(() -> parse("# syntax=" + syntax + " // opts\nFROM a\n"))
                .isInstanceOfSatisfying(DockerfileException.class, e -> {
                    assertThat(e.line()).isEqualTo(1);
                    assertThat(e.column()).hasValue(10);
                    assertThat(e.reason()).startsWith("unsupported syntax \"" + syntax + "\"");
                });
    }

    @Test
    void keepsDirectivesOutOfTheComments() {
        // given
        String text = "# syntax=docker/dockerfile:1\n# the base\nFROM a\n";

        // when
        List<String> comments = parse(text).instructions().get(0).comments();

        // then
        assertThat(comments).containsExactly("the base");
    }
}
