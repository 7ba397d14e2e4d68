package dev.stevedore.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * BuildKit's own expectations for its lexer, replayed: {@code envVarTest}, {@code wordsTest}
 * and the tables of {@code lex_test.go} (moby/buildkit, Apache-2.0; see
 * {@code ShellAndPatternCases.md} in the test resources).
 */
class ShellLexerBuildKitCasesTest {
    private static final ShellLexer LEXER = ShellLexer.standard();

    static Stream<Arguments> envVarCases() throws IOException {
        List<Arguments> cases = new ArrayList<>();
        int lineNo = 0;
        for (String line : resourceLines("ShellEnvVarCases.txt")) {
            lineNo++;
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            String[] fields = line.split("\\|", -1);
            assertThat(fields).as("line %d", lineNo).hasSize(3);
            String platform = WordRunes.trimSpace(fields[0]);
            if (platform.equals("A") || platform.equals("U")) {
                cases.add(Arguments.of(lineNo, WordRunes.trimSpace(fields[1]), WordRunes.trimSpace(fields[2])));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "line {0}: {1} -> {2}")
    @MethodSource("envVarCases")
    void expandsLikeBuildKitEnvVarTest(int line, String input, String expected) {
        // given
        ShellEnv env = ShellEnv.fromList(List.of("PWD=/home", "SHELL=bash", "KOREAN=한국어", "NULL="));

        // when / then
        if (expected.equals("error")) {
            assertThatThrownBy(() -> LEXER.processWord(input, env)).isInstanceOf(ShellExpansionException.class);
        } else {
            assertThat(LEXER.processWord(input, env).result()).isEqualTo(expected);
        }
    }

    static Stream<Arguments> wordsCases() throws IOException {
        List<Arguments> cases = new ArrayList<>();
        List<String> env = new ArrayList<>();
        int lineNo = 0;
        for (String line : resourceLines("ShellWordsCases.txt")) {
            lineNo++;
            if (line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("ENV ")) {
                env.add(line.substring(3).replaceFirst("^ +", ""));
                continue;
            }
            String[] fields = line.split("\\|", -1);
            assertThat(fields).as("line %d", lineNo).hasSize(2);
            List<String> expected = Arrays.asList(fields[1].replaceFirst("^ +", "").split(",", -1));
            cases.add(Arguments.of(lineNo, WordRunes.trimSpace(fields[0]), List.copyOf(env), expected));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "line {0}: {1} -> {3}")
    @MethodSource("wordsCases")
    void splitsLikeBuildKitWordsTest(int line, String input, List<String> env, List<String> expected) {
        // when
        List<String> words;
        try {
            words = LEXER.processWords(input, ShellEnv.fromList(env));
        } catch (ShellExpansionException e) {
            words = List.of("error");
        }

        // then
        assertThat(words).isEqualTo(expected);
    }

    @Test
    void mandatoryVariablesFailWithTheirMessage() {
        // given
        ShellEnv set = ShellEnv.fromList(List.of("VAR=plain", "ARG=x"));
        ShellEnv empty = ShellEnv.fromList(List.of("VAR=", "ARG=x"));
        ShellEnv unset = ShellEnv.fromList(List.of("ARG=x"));
        String noEmpty = "${VAR:?message here$ARG}";
        String noUnset = "${VAR?message here$ARG}";

        // when / then
        assertThat(LEXER.processWord(noEmpty, set).result()).isEqualTo("plain");
        assertThatThrownBy(() -> LEXER.processWord(noEmpty, empty)).hasMessageContaining("message herex");
        assertThatThrownBy(() -> LEXER.processWord(noEmpty, unset)).hasMessageContaining("message herex");
        assertThat(LEXER.processWord(noUnset, set).result()).isEqualTo("plain");
        assertThat(LEXER.processWord(noUnset, empty).result()).isEmpty();
        assertThatThrownBy(() -> LEXER.processWord(noUnset, unset))
                .isInstanceOfSatisfying(ShellExpansionException.class,
                        e -> assertThat(e.reason()).isEqualTo("VAR: message herex"));
    }

    /** Rows of lex_test.go's TestProcessWithMatches: input, env (k=v;k=v), expected or null for error, matched, unmatched. */
    static Stream<Arguments> matchCases() {
        return Stream.of(
                row("x", "DUMMY=dummy", "x", "", ""),
                row("x ${UNUSED}", "DUMMY=dummy", "x ", "", "UNUSED"),
                row("x ${FOO}", "FOO=y", "x y", "FOO", ""),
                row("${FOO-aaa} ${BAR-bbb} ${BAZ-ccc}", "FOO=xxx;BAR=", "xxx  ccc", "FOO,BAR", "BAZ"),
                row("${FOO:-aaa} ${BAR:-bbb} ${BAZ:-ccc}", "FOO=xxx;BAR=", "xxx bbb ccc", "FOO,BAR", "BAZ"),
                row("${FOO:-}", "FOO=xxx;BAR=", "xxx", "FOO", ""),
                row("${FOO:-}", "", "", "", "FOO"),
                row("${FOO+aaa} ${BAR+bbb} ${BAZ+ccc}", "FOO=xxx;BAR=", "aaa bbb ", "FOO,BAR", "BAZ"),
                row("${FOO:+aaa} ${BAR:+bbb} ${BAZ:+ccc}", "FOO=xxx;BAR=", "aaa  ", "FOO,BAR", "BAZ"),
                row("${FOO?aaa}", "FOO=xxx;BAR=", "xxx", "FOO", ""),
                row("${BAR?bbb}", "FOO=xxx;BAR=", "", "BAR", ""),
                row("${BAZ?ccc}", "FOO=xxx;BAR=", null, "", ""),
                row("${FOO:?aaa}", "FOO=xxx;BAR=", "xxx", "FOO", ""),
                row("${BAR:?bbb}", "FOO=xxx;BAR=", null, "", ""),
                row("${BAZ:?ccc}", "FOO=xxx;BAR=", null, "", ""),
                row("${BAZ:?}", "FOO=xxx;BAR=", null, "", ""),
                row("${FOO=aaa}", "FOO=xxx;BAR=", null, "", ""),
                row("${FOO=:aaa}", "FOO=xxx;BAR=", null, "", ""),
                row("${FOO=}", "", null, "", ""),
                row("${FOO#()[]{\\}^$.\\*\\?|\\\\}", "FOO=()[]{}^$.*?|\\x", "x", "FOO", ""),
                row("${FOO%%\\**}", "FOO=xx**", "xx", "FOO", ""),
                row("${FOO#*x*y}", "FOO=xxyy", "y", "FOO", ""),
                row("${FOO#*}", "FOO=xxyy", "xxyy", "FOO", ""),
                row("${FOO#$BAR}", "FOO=xxyy;BAR=x", "xyy", "FOO,BAR", ""),
                row("${FOO#$BAR}", "FOO=xxyy;BAR=", "xxyy", "FOO,BAR", ""),
                row("${FOO#}", "FOO=xxyy", "xxyy", "FOO", ""),
                row("${FOO##*x}", "FOO=xxyy", "yy", "FOO", ""),
                row("${FOO##}", "FOO=xxyy", "xxyy", "FOO", ""),
                row("${FOO#?\\?}", "FOO=???y", "?y", "FOO", ""),
                row("${ABC:-.}${FOO%x}${ABC:-.}", "FOO=xxyy", ".xxyy.", "FOO", "ABC"),
                row("${FOO%%\\**\\*}", "FOO=a***yy*", "a", "FOO", ""),
                row("${FOO%}", "FOO=xxyy", "xxyy", "FOO", ""),
                row("${FOO%%$BAR}", "FOO=xxyy;BAR=", "xxyy", "FOO,BAR", ""),
                row("${FOO:#}", "", null, "", ""),
                row("${FOO:##}", "", null, "", ""),
                row("${FOO:%}", "", null, "", ""),
                row("${FOO:%%}", "", null, "", ""),
                row("${FOO/$NEEDLE/.} - ${FOO//$NEEDLE/.}", "FOO=/foo*/*/*.txt;NEEDLE=\\*/",
                        "/foo.*/*.txt - /foo..*.txt", "FOO,NEEDLE", ""),
                row("${FOO/$NEEDLE/} - ${FOO//$NEEDLE/}", "FOO=/tmp/tmp/bar.txt;NEEDLE=/tmp",
                        "/tmp/bar.txt - /bar.txt", "FOO,NEEDLE", ""),
                row("${FOO/$NEEDLE/$REPLACEMENT} - ${FOO//$NEEDLE/$REPLACEMENT}",
                        "FOO=/a/foo/b/c.txt;NEEDLE=/?/;REPLACEMENT=/", "/foo/b/c.txt - /foo/c.txt",
                        "FOO,NEEDLE,REPLACEMENT", ""),
                row("${FOO/$NEEDLE/$REPLACEMENT}", "FOO=http://google.de;NEEDLE=http://;REPLACEMENT=https://",
                        "https://google.de", "FOO,NEEDLE,REPLACEMENT", ""),
                row("${FOO//\\//\\/}", "FOO=/tmp/foo.txt", "\\/tmp\\/foo.txt", "FOO", ""),
                row("${FOO/$BAR/ww}", "FOO=xxyy;BAR=", "wwxxyy", "FOO,BAR", ""),
                row("${FOO//ww}", "FOO=xxyy", null, "", ""),
                row("${FOO//}", "FOO=xxyy", null, "", ""),
                row("${FOO///}", "FOO=xxyy", "xxyy", "FOO", ""),
                row("${FOO///}", "", "", "", "FOO"),
                row("something-${VERSION}.${TARGETOS}-${TARGETARCH}${TARGETVARIANT:+-${TARGETVARIANT}}.tar.gz",
                        "VERSION=v1.2.3;TARGETOS=linux;TARGETARCH=arm;TARGETVARIANT=v7",
                        "something-v1.2.3.linux-arm-v7.tar.gz", "VERSION,TARGETOS,TARGETARCH,TARGETVARIANT", ""),
                row("something-${VERSION}.${TARGETOS}-${TARGETARCH}${TARGETVARIANT:+-${TARGETVARIANT}}.tar.gz",
                        "VERSION=v1.2.3;TARGETOS=linux;TARGETARCH=arm64;TARGETVARIANT=",
                        "something-v1.2.3.linux-arm64.tar.gz", "VERSION,TARGETOS,TARGETARCH,TARGETVARIANT", ""),
                row("something-${VERSION}.${TARGETOS}-${TARGETARCH}${TARGETVARIANT:+-${TARGETVARIANT}}.tar.gz",
                        "VERSION=v1.2.3;TARGETOS=linux;TARGETARCH=arm64",
                        "something-v1.2.3.linux-arm64.tar.gz", "VERSION,TARGETOS,TARGETARCH", "TARGETVARIANT"));
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("matchCases")
    void reportsMatchedAndUnmatchedLikeBuildKit(String input, String envSpec, String expected, String matched,
            String unmatched) {
        // given
        Map<String, String> vars = new HashMap<>();
        for (String kv : envSpec.isEmpty() ? new String[0] : envSpec.split(";")) {
            int eq = kv.indexOf('=');
            vars.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        ShellEnv env = ShellEnv.of(vars);

        // when / then
        if (expected == null) {
            assertThatThrownBy(() -> LEXER.processWord(input, env)).isInstanceOf(ShellExpansionException.class);
            return;
        }
        Expansion expansion = LEXER.processWord(input, env);
        assertThat(expansion.result()).isEqualTo(expected);
        assertThat(expansion.matched()).isEqualTo(names(matched));
        assertThat(expansion.unmatched()).isEqualTo(names(unmatched));
    }

    private static Arguments row(String input, String env, String expected, String matched, String unmatched) {
        return Arguments.of(input, env, expected, matched, unmatched);
    }

    private static Set<String> names(String csv) {
        return csv.isEmpty() ? Set.of() : Set.of(csv.split(","));
    }

    static List<String> resourceLines(String name) throws IOException {
        try (InputStream in = ShellLexerBuildKitCasesTest.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
            if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
                lines.remove(lines.size() - 1);
            }
            return lines;
        }
    }
}
