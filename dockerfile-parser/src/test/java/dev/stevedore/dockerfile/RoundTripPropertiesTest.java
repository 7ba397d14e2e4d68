package dev.stevedore.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Assume;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;
import net.jqwik.api.constraints.Chars;

/** Generated Dockerfiles: print, parse again, and get the same instructions. */
class RoundTripPropertiesTest {

    @Property(tries = 400)
    void printedTextParsesToTheSameInstructions(@ForAll("dockerfiles") String text) {
        // given: a valid file (the generator also makes a few invalid ones, such as USER --)
        Dockerfile original;
        try {
            original = Dockerfile.parse("Dockerfile", text);
        } catch (DockerfileException invalid) {
            Assume.that(false);
            return;
        }

        // when
        String printed = original.format();
        Dockerfile reparsed = Dockerfile.parse("Dockerfile", printed);

        // then
        assertThat(PrinterTest.withoutLines(reparsed)).isEqualTo(PrinterTest.withoutLines(original));
        assertThat(reparsed.format()).isEqualTo(printed);
        assertThat(original.dump()).isEqualTo(Dockerfile.dumpSyntax("Dockerfile",
                text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    @Property(tries = 1000)
    void arbitraryTextIsParsedOrRejectedWithADockerfileException(
            @ForAll @StringLength(max = 200) @Chars({'F', 'R', 'O', 'M', 'U', 'N', 'C', 'P', 'Y', 'E', 'V', 'a', ' ',
                '\t', '\n', '\r', '\\', '`', '"', '\'', '[', ']', '{', '}', '$', '<', '-', '=', ',', '#', '0', '\u00a0',
                '\u0000'}) String text) {
        String withFrom = "FROM a\n" + text;
        try {
            Dockerfile df = Dockerfile.parse("Dockerfile", withFrom);
            Dockerfile again = Dockerfile.parse("Dockerfile", df.format());
            assertThat(PrinterTest.withoutLines(again)).isEqualTo(PrinterTest.withoutLines(df));
        } catch (DockerfileException rejected) {
            assertThat(rejected.reason()).isNotEmpty();
        }
    }

    @Provide
    Arbitrary<String> dockerfiles() {
        return Arbitraries.of('\\', '`').flatMap(escape -> {
            Arbitrary<String> directives = Arbitraries.of("", "# syntax=docker/dockerfile:1\n",
                    "# check=skip=all\n");
            Arbitrary<List<String>> body = instruction(escape).list().ofMinSize(0).ofMaxSize(12);
            return Combinators.combine(directives, from(escape), body, Arbitraries.of("", "\n", "\r\n"))
                    .as((d, from, rest, tail) -> (escape == '`' ? "# escape=`\n" : "") + d + from
                            + String.join("", rest) + tail);
        });
    }

    private static Arbitrary<String> keyword(String name) {
        return Arbitraries.of(name, name.toLowerCase(java.util.Locale.ROOT),
                name.charAt(0) + name.substring(1).toLowerCase(java.util.Locale.ROOT));
    }

    private static Arbitrary<String> word(char escape) {
        return Arbitraries.oneOf(
                Arbitraries.strings().withChars("abcxyzABC0123456789_-./:@+%").ofMinLength(1).ofMaxLength(8),
                Arbitraries.of("$HOME", "${VAR:-x}", "\"quoted word\"", "'single q'", "a" + escape + " b", "caf\u00e9",
                        "\u2603", "x=y", "[a]", "{}", "--", "-x"));
    }

    private static Arbitrary<String> separator(char escape) {
        return Arbitraries.of(" ", "  ", "\t", " " + escape + "\n  ", " " + escape + "\n# comment\n ",
                " " + escape + "   \n\n\t", " " + escape + "\r\n ");
    }

    private static Arbitrary<String> comments() {
        return Arbitraries.of("", "# a comment\n", "#\n# reset\n", "\n", "  # indented\n\n");
    }

    /** Words joined by separators that may continue the line. */
    private static Arbitrary<String> joined(char escape, Arbitrary<List<String>> words) {
        return words.flatMap(list -> separator(escape).list().ofSize(Math.max(0, list.size() - 1)).map(seps -> {
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(seps.get(i - 1));
                }
                out.append(list.get(i));
            }
            return out.toString();
        }));
    }

    private static Arbitrary<String> jsonArray() {
        return Arbitraries.strings().withChars("ab c\"\\/\u00e9\t\u2028").ofMaxLength(6).list().ofMaxSize(4)
                .map(JsonArray::encode);
    }

    private static Arbitrary<String> line(Arbitrary<String> keyword, char escape, Arbitrary<String> rest) {
        return Combinators.combine(comments(), keyword, separator(escape), rest)
                .as((c, k, s, r) -> c + k + (r.isEmpty() ? "" : s + r) + "\n");
    }

    private static Arbitrary<String> from(char escape) {
        Arbitrary<String> image = Arbitraries.strings().withChars("abcxyz0123456789_-./:@${}").ofMinLength(1)
                .ofMaxLength(12).filter(w -> !w.startsWith("-"));
        Arbitrary<String> args = Combinators.combine(Arbitraries.of("", "--platform=$BUILDPLATFORM "), image, Arbitraries.of("", " AS stage1", " as Build-2")).as((p, w, a) -> p + w + a);
        return line(keyword("FROM"), escape, args);
    }

    private static Arbitrary<String> instruction(char escape) {
        Arbitrary<String> words = joined(escape, word(escape).list().ofMinSize(1).ofMaxSize(5));
        Arbitrary<String> pairs = joined(escape, Combinators.combine(word(escape), word(escape)).as((k, v) ->
                k.replace("=", "_").replace("--", "k") + "=" + v).list().ofMinSize(1).ofMaxSize(3));
        Arbitrary<String> runFlags = Arbitraries.of("", "--network=none ", "--mount=type=cache,target=/c ",
                "--mount=\"type=bind,target=/a b\" ", "--security=insecure --network=host ",
                "--mount=type=secret,id=x,required ");
        Arbitrary<String> copyFlags = Arbitraries.of("", "--from=build ", "--chown=1:1 --chmod=755 ", "--link ",
                "--exclude=*.md --exclude=tmp ", "--parents ", "--chmod=u+x,go-w ");
        Arbitrary<String> heredoc = Arbitraries.of("<<EOF\necho hi\nEOF", "<<-'EOF' cat\n\tline $X\n\tEOF",
                "<<A <<B\na\nA\nb\nB", "3<<\"E\"\n\nE");
        return Arbitraries.oneOf(
                line(keyword("RUN"), escape, Combinators.combine(runFlags, Arbitraries.oneOf(words, jsonArray()))
                        .as(String::concat)),
                line(keyword("RUN"), escape, heredoc).map(s -> s),
                line(keyword("CMD"), escape, Arbitraries.oneOf(words, jsonArray())),
                line(keyword("ENTRYPOINT"), escape, Arbitraries.oneOf(words, jsonArray())),
                line(keyword("SHELL"), escape, Arbitraries.of("[\"/bin/bash\", \"-c\"]", "[\"pwsh\"]")),
                line(keyword("LABEL"), escape, pairs),
                line(keyword("ENV"), escape, Arbitraries.oneOf(pairs,
                        Combinators.combine(word(escape).filter(w -> !w.contains("=") && !w.contains("\"")
                                && !w.contains("'") && !w.startsWith("--")), words).as((k, v) -> k + " " + v))),
                line(keyword("ARG"), escape, joined(escape, Combinators.combine(word(escape), Arbitraries.of("", "=", "=1"))
                        .as((w, d) -> w.replace("=", "_") + d).filter(w -> !w.startsWith("--")).list().ofMinSize(1)
                        .ofMaxSize(3))),
                line(keyword("EXPOSE"), escape, Arbitraries.of("80", "80/tcp 443/udp", "8080-8090")),
                line(keyword("COPY"), escape, Combinators.combine(copyFlags, words, word(escape)).as((f, s, d) -> f + s
                        + " " + d)),
                line(keyword("COPY"), escape, Arbitraries.of("<<EOF /dest\nhello\nEOF", "[\"a b\", \"c\"]")),
                line(keyword("ADD"), escape, Arbitraries.of("--checksum=sha256:0 https://x/y /z", "--keep-git-dir "
                        + "git@github.com:a/b.git /src", "--unpack=false a.tar /")),
                line(keyword("VOLUME"), escape, Arbitraries.oneOf(words, Arbitraries.strings().withChars("ab c/\u00e9")
                        .ofMaxLength(6).filter(v -> !v.isBlank()).list().ofMinSize(1).ofMaxSize(3)
                        .map(JsonArray::encode))),
                line(keyword("USER"), escape, words),
                line(keyword("WORKDIR"), escape, words),
                line(keyword("STOPSIGNAL"), escape, word(escape)),
                line(keyword("ONBUILD"), escape, Arbitraries.of("RUN make", "COPY . /app", "ENV a=b",
                        "RUN <<EOF\nx\nEOF")),
                line(keyword("HEALTHCHECK"), escape, Arbitraries.of("NONE", "--interval=30s --timeout=1m30s "
                        + "--start-period=5s --retries=3 CMD curl -f http://localhost/", "CMD [\"true\"]")));
    }
}
