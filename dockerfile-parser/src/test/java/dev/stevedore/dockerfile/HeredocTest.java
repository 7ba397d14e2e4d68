package dev.stevedore.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Heredocs as BuildKit reads them; expectations from BuildKit's parser_heredoc_test.go. */
class HeredocTest {

    private static final String CASES = String.join("\n",
            "FROM alpine:3.6",
            "",
            "ENV NAME=me",
            "",
            "RUN ls",
            "",
            "USER <<INVALID",
            "INVALID",
            "",
            "RUN <<EMPTY",
            "EMPTY",
            "",
            "RUN 3<<EMPTY2",
            "EMPTY2",
            "",
            "RUN \"<<NOHEREDOC\"",
            "",
            "RUN <<INDENT",
            "\tfoo",
            "\tbar",
            "INDENT",
            "",
            "RUN <<-UNINDENT",
            "\tbaz",
            "\tquux",
            "UNINDENT",
            "",
            "RUN <<-UNINDENT2",
            "\tbaz",
            "\tquux",
            "\tUNINDENT2",
            "",
            "RUN <<-EXPAND",
            "\texpand $NAME",
            "EXPAND",
            "",
            "RUN <<-'NOEXPAND'",
            "\tdon't expand $NAME",
            "NOEXPAND",
            "",
            "RUN <<COPY",
            "echo hello world",
            "echo foo bar",
            "COPY",
            "",
            "RUN <<COMMENT",
            "# internal comment",
            "echo hello world",
            "echo foo bar # trailing comment",
            "COMMENT",
            "",
            "RUN --mount=type=cache,target=/foo <<MOUNT",
            "echo hello",
            "MOUNT",
            "",
            "COPY <<FILE1 <<FILE2 /dest",
            "content 1",
            "FILE1",
            "content 2",
            "FILE2",
            "",
            "COPY <<EOF /quotes",
            "\"foo\"",
            "'bar'",
            "EOF",
            "",
            "COPY <<X <<Y /dest",
            "Y",
            "X",
            "X",
            "Y",
            "",
            "RUN <<COMPLEX python3",
            "print('hello world')",
            "COMPLEX",
            "",
            "COPY <<file.txt /dest",
            "hello world",
            "file.txt",
            "",
            "RUN <<eo'f'",
            "echo foo",
            "eof",
            "",
            "RUN <<eo\\'f",
            "echo foo",
            "eo'f",
            "",
            "RUN <<'e'o\\'f",
            "echo foo",
            "eo'f",
            "",
            "RUN <<'one two'",
            "echo bar",
            "one two",
            "",
            "RUN <<$EOF",
            "$EOF",
            "",
            "RUN <<  EOF",
            "EOF",
            "",
            "RUN <<  EOF  > foo",
            "EOF",
            "\t");

    private static Heredoc doc(String name, String content, boolean expand) {
        return new Heredoc(name, 0, expand, false, content);
    }

    private static List<Heredoc> heredocs(Instruction i) {
        if (i instanceof Instruction.Run run) {
            return run.heredocs();
        }
        if (i instanceof Instruction.Copy copy) {
            return copy.heredocs();
        }
        return List.of();
    }

    @Test
    void readsEveryHeredocOfBuildKitsExamples() {
        // given
        SyntaxTree tree = SyntaxParser.parse(SourceText.of("Dockerfile", CASES));

        // when
        List<List<Heredoc>> docs = tree.nodes().stream().skip(1).map(SyntaxNode::heredocs).toList();

        // then
        assertThat(docs).containsExactly(
                List.of(), // ENV
                List.of(), // RUN ls
                List.of(), // USER <<INVALID: USER takes no heredoc
                List.of(), // INVALID
                List.of(doc("EMPTY", "", true)),
                List.of(new Heredoc("EMPTY2", 3, true, false, "")),
                List.of(), // RUN "<<NOHEREDOC"
                List.of(doc("INDENT", "\tfoo\n\tbar\n", true)),
                List.of(new Heredoc("UNINDENT", 0, true, true, "\tbaz\n\tquux\n")),
                List.of(new Heredoc("UNINDENT2", 0, true, true, "\tbaz\n\tquux\n")),
                List.of(new Heredoc("EXPAND", 0, true, true, "\texpand $NAME\n")),
                List.of(new Heredoc("NOEXPAND", 0, false, true, "\tdon't expand $NAME\n")),
                List.of(doc("COPY", "echo hello world\necho foo bar\n", true)),
                List.of(doc("COMMENT", "# internal comment\necho hello world\necho foo bar # trailing comment\n",
                        true)),
                List.of(doc("MOUNT", "echo hello\n", true)),
                List.of(doc("FILE1", "content 1\n", true), doc("FILE2", "content 2\n", true)),
                List.of(doc("EOF", "\"foo\"\n'bar'\n", true)),
                List.of(doc("X", "Y\n", true), doc("Y", "X\n", true)),
                List.of(doc("COMPLEX", "print('hello world')\n", true)),
                List.of(doc("file.txt", "hello world\n", true)),
                List.of(doc("eof", "echo foo\n", false)),
                List.of(doc("eo'f", "echo foo\n", true)),
                List.of(doc("eo'f", "echo foo\n", false)),
                List.of(doc("one two", "echo bar\n", false)),
                List.of(doc("$EOF", "", true)),
                List.of(doc("EOF", "", true)),
                List.of(doc("EOF", "", true)));
    }

    @Test
    void ignoresHeredocMarkersInJsonForm() {
        // given
        String text = "FROM alpine\nRUN [\"whoami\"]\nRUN [\"<<EOF\"]\nRUN [\"<<'EOF'\"]\n";

        // when
        List<Instruction> instructions = Dockerfile.parse("Dockerfile", text).instructions();

        // then
        assertThat(instructions.subList(1, 4)).allSatisfy(i -> assertThat(heredocs(i)).isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"<<EOF", "<<'EOF'", "<<\"EOF\"", "<<-EOF", "<<-'EOF'", "<<-\"EOF\"", "<<EO\"F\"", "<< EOF",
        "<<- EOF"})
    void readsAMarkerWord(String word) {
        assertThat(HeredocMarker.parse(word)).map(Heredoc::name).contains("EOF");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "EOF", "<<", "<<-", "<EOF", "<<<EOF", "<<EOF sh"})
    void findsNoMarkerInOtherWords(String word) {
        assertThat(HeredocMarker.parse(word)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"<<'EOF", "<<\"EOF", "<<EOF'", "<<EOF\""})
    void rejectsAMarkerWithAnOpenQuote(String word) {
        assertThatThrownBy(() -> HeredocMarker.parse(word)).isInstanceOf(DockerfileException.class)
                .hasMessageContaining("unexpected end of statement");
    }

    @ParameterizedTest
    @ValueSource(strings = {"RUN <<EOF|EOF", "RUN <<-EOF|EOF", "RUN << -EOF|-EOF", "RUN <<'EOF'|EOF", "RUN 4<<EOF|EOF",
        "RUN <<EOF <<EOF2|EOF,EOF2", "RUN '<<EOF'|", "RUN \"<<EOF\"|", "RUN <<- EOF|"})
    void findsTheMarkersOfALine(String lineAndNames) {
        // given
        String[] parts = lineAndNames.split("\\|", -1);

        // when
        List<String> names = HeredocMarker.fromLine(parts[0]).stream().map(f -> f.heredoc().name()).toList();

        // then
        assertThat(names).isEqualTo(parts[1].isEmpty() ? List.of() : List.of(parts[1].split(",")));
    }

    @Test
    void stripsLeadingTabsOfAChompedBody() {
        assertThat(new Heredoc("EOF", 0, true, true, "\thello\n\t\tworld\n").strippedContent())
                .isEqualTo("hello\nworld\n");
        assertThat(new Heredoc("EOF", 0, true, false, "\thello\n").strippedContent()).isEqualTo("\thello\n");
    }

    @Test
    void givesCopyAndAddTheHeredocBodiesAsSources() {
        // given
        String text = "FROM a\nCOPY --chmod=755 <<-run.sh local.txt /app/\n\t#!/bin/sh\n\techo hi\n\trun.sh\n"
                + "ADD <<'conf' /etc/app.conf\nkey=$VALUE\nconf\n";

        // when
        List<Instruction> instructions = Dockerfile.parse("Dockerfile", text).instructions();

        // then
        Instruction.Copy copy = (Instruction.Copy) instructions.get(1);
        assertThat(copy.sourcePaths()).containsExactly("local.txt");
        assertThat(copy.heredocSources()).singleElement().satisfies(doc -> {
            assertThat(doc.name()).isEqualTo("run.sh");
            assertThat(doc.strippedContent()).isEqualTo("#!/bin/sh\necho hi\n");
        });
        Instruction.Add add = (Instruction.Add) instructions.get(2);
        assertThat(add.heredocSources()).singleElement()
                .isEqualTo(new Heredoc("conf", 0, false, false, "key=$VALUE\n"));
        assertThat(add.location()).isEqualTo(Location.of(6, 8));
    }

    @Test
    void runsHeredocsAfterTheRestOfTheCommandLineAndInOnbuild() {
        // given
        String text = "FROM a\nRUN <<EOF bash -ex && echo done\nset -e\nEOF\nONBUILD RUN <<X\nx\nX\n";

        // when
        List<Instruction> instructions = Dockerfile.parse("Dockerfile", text).instructions();

        // then
        Instruction.Run run = (Instruction.Run) instructions.get(1);
        assertThat(run.command().arguments()).containsExactly("<<EOF bash -ex && echo done");
        assertThat(run.heredocs()).containsExactly(doc("EOF", "set -e\n", true));
        Instruction.Onbuild onbuild = (Instruction.Onbuild) instructions.get(2);
        assertThat(((Instruction.Run) onbuild.trigger()).heredocs()).containsExactly(doc("X", "x\n", true));
        assertThat(onbuild.location()).isEqualTo(Location.of(5, 7));
    }

    @Test
    void rejectsAnUnterminatedHeredocNamingItsMarkerAndLine() {
        // given
        String text = "FROM a\nRUN echo hi\nRUN <<-END cat\nline\n";

        // when, then
        assertThatThrownBy(() -> Dockerfile.parse("Dockerfile", text))
                .isInstanceOfSatisfying(DockerfileException.class, e -> {
                    assertThat(e.reason()).isEqualTo("unterminated heredoc <<-END opened at line 3: "
                            + "the file ends before a line reading \"END\"");
                    assertThat(e.line()).isEqualTo(3);
                    assertThat(e.lineText()).isEqualTo("RUN <<-END cat");
                    assertThat(e.column()).hasValue(5);
                });
    }

    @Test
    void rejectsAHeredocAsDestination() {
        assertThatThrownBy(() -> Dockerfile.parse("Dockerfile", "FROM a\nCOPY a <<EOF\nEOF\n"))
                .isInstanceOf(DockerfileException.class)
                .hasMessage("Dockerfile:2:8: COPY cannot accept a heredoc as a destination");
    }

    @Test
    void keepsCarriageReturnsOfTheBodyAndTheFileDescriptor() {
        // given
        String text = "FROM a\r\nRUN 5<<EOF cat <&5\r\nline\r\nEOF\r\n";

        // when
        Instruction.Run run = (Instruction.Run) Dockerfile.parse("Dockerfile", text).instructions().get(1);

        // then
        assertThat(run.heredocs()).containsExactly(new Heredoc("EOF", 5, true, false, "line\r\n"));
        assertThat(Optional.of(run.command().arguments().get(0))).contains("5<<EOF cat <&5");
    }
}
