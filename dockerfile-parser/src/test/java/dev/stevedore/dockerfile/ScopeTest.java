package dev.stevedore.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** ARG and ENV scoping, with BuildKit's test vectors where it has them ({@code dockerfile_args_test.go}). */
class ScopeTest {
    static final String PATH = "PATH=" + ScopeEnv.DEFAULT_PATH;
    static final BuildArgs ARGS = BuildArgs.none().withPlatform(Platform.parse("linux/arm64"))
            .withBuildPlatform(Platform.parse("linux/amd64"));

    static Scope scope(String text) {
        return scope(text, ARGS);
    }

    static Scope scope(String text, BuildArgs args) {
        return Scope.resolve(Dockerfile.parse("Dockerfile", text), args);
    }

    /** The instruction on {@code line} in the scoped stages. */
    static ScopedInstruction at(Scope scope, int line) {
        return scope.stages().stream().flatMap(s -> s.instructions().stream())
                .filter(i -> !i.onBuild() && i.location().startLine() == line).findFirst().orElseThrow();
    }

    @Test
    void globalArgsAreSeenOnlyByFromLines() {
        // when
        Scope s = scope("ARG V=1\nFROM scratch\nWORKDIR /$V\n");

        // then
        ScopedInstruction wd = at(s, 3);
        assertThat(((Instruction.Workdir) wd.expanded()).path()).isEqualTo("/");
        assertThat(wd.unsetVariables()).containsExactly("V");
        assertThat(wd.env()).containsExactly(Map.entry("PATH", ScopeEnv.DEFAULT_PATH));
    }

    @Test
    void anArgWithoutDefaultInAStageImportsTheGlobalValue() {
        // given
        String text = "ARG V=1\nFROM scratch\nARG V\nWORKDIR /$V\n";

        // when, then
        assertThat(((Instruction.Workdir) at(scope(text), 4).expanded()).path()).isEqualTo("/1");
        assertThat(((Instruction.Workdir) at(scope(text, ARGS.withTarget("stage-0").withTarget("")
                .withPlatform(Platform.parse("linux/amd64"))), 4).expanded()).path()).isEqualTo("/1");
        assertThat(((Instruction.Workdir) at(scope(text, BuildArgs.of(Map.of("V", "2"))), 4).expanded()).path())
                .isEqualTo("/2");
        assertThat(((Instruction.Arg) at(scope(text), 3).expanded()).declarations())
                .containsExactly(new ArgDeclaration("V", Optional.of("1")));
    }

    @Test
    void aStageArgTakesItsBuildArgElseItsExpandedDefault() {
        // when
        Scope s = scope("FROM scratch\nARG A=x\nARG B=${A}-y C\nRUN true\n", BuildArgs.of(Map.of("C", "from-cli")));

        // then
        assertThat(at(s, 4).env()).containsEntry("A", "x").containsEntry("B", "x-y").containsEntry("C", "from-cli");
        assertThat(at(s, 4).historyArgs()).containsExactly("A=x", "B=x-y", "C=from-cli");
    }

    @Test
    void anArgIsVisibleFromTheNextInstructionOn() {
        // given: the reference's example
        String text = "FROM busybox\nUSER ${username:-some_user}\nARG username\nUSER $username\n";

        // when
        Scope s = scope(text, BuildArgs.of(Map.of("username", "what_user")));

        // then
        assertThat(((Instruction.User) at(s, 2).expanded()).user()).isEqualTo("some_user");
        assertThat(at(s, 2).unsetVariables()).containsExactly("username");
        assertThat(((Instruction.User) at(s, 4).expanded()).user()).isEqualTo("what_user");
    }

    @Test
    void multipleArgsPerInstructionAsInBuildKitsTestMultiArgs() {
        // when
        Scope s = scope("ARG a1=\"foo bar\" a2=box\nARG a3=\"$a2-foo\"\nFROM busy$a2 AS build\n"
                + "ARG a3 a4=\"123 456\" a1\nRUN echo -n \"$a1:$a3:$a4\" > /out\n");

        // then
        assertThat(s.graph().stages().get(0).baseName()).isEqualTo("busybox");
        assertThat(at(s, 5).env()).containsEntry("a1", "foo bar").containsEntry("a3", "box-foo")
                .containsEntry("a4", "123 456");
    }

    @Test
    void quotedGlobalArgsAsInBuildKitsTestQuotedMetaArgs() {
        // when
        Scope s = scope("ARG a1=\"box\"\nARG a2=\"$a1-foo\"\nFROM busy$a1 AS build\nARG a2\nARG a3=\"bar-$a2\"\n"
                + "RUN echo -n $a3 > /out\n");

        // then
        assertThat(at(s, 6).env()).containsEntry("a3", "bar-box-foo");
    }

    @Test
    void envDefaultsFromArgsAsInBuildKitsTestDefaultEnvWithArgs() {
        // given
        String text = "ARG image=idlebox\nFROM busy${image#idle} AS build\nARG my_arg\n"
                + "ENV my_arg \"my_arg=${my_arg:-def_val}\"\nENV my_trimmed_arg \"${my_arg%%e*}\"\nRUN ./script\n";

        // when, then
        for (String[] v : new String[][] {{"", "my_arg=def_val", "my_arg=d"}, {"override", "my_arg=override",
            "my_arg=ov"}}) {
            Scope s = scope(text, BuildArgs.of(Map.of("my_arg", v[0])));
            assertThat(s.graph().stages().get(0).baseName()).isEqualTo("busybox");
            assertThat(at(s, 6).env()).containsEntry("my_arg", v[1]).containsEntry("my_trimmed_arg", v[2]);
        }
    }

    @Test
    void anArgWithoutValueIsNotAVariableButIsDeclared() {
        // when: BuildKit's testEmptyStringArgInEnv
        Scope s = scope("FROM busybox AS build\nARG FOO\nARG BAR=\nRUN env > env.txt\nCOPY $FOO x\n");

        // then
        assertThat(at(s, 4).env()).containsEntry("BAR", "").doesNotContainKey("FOO");
        assertThat(at(s, 4).historyArgs()).containsExactly("FOO=", "BAR=");
        assertThat(at(s, 5).unsetVariables()).isEmpty();
    }

    @Test
    void proxyArgsReachRunWithoutDeclarationAndStayOutOfHistory() {
        // when: BuildKit's testBuiltinArgs
        Scope s = scope("FROM busybox AS build\nARG FOO\nARG BAR\nARG BAZ=bazcontent\n"
                + "RUN echo -n $HTTP_PROXY::$NO_PROXY::$FOO::$BAR::$BAZ > /out\nCOPY $HTTP_PROXY x\n",
                BuildArgs.of(Map.of("FOO", "foocontents", "http_proxy", "hpvalue", "NO_PROXY", "npvalue")));

        // then
        ScopedInstruction run = at(s, 5);
        assertThat(run.proxyEnv()).containsExactly(Map.entry("HTTP_PROXY", "hpvalue"), Map.entry("http_proxy",
                "hpvalue"), Map.entry("NO_PROXY", "npvalue"), Map.entry("no_proxy", "npvalue"));
        assertThat(run.historyArgs()).containsExactly("FOO=foocontents", "BAR=", "BAZ=bazcontent");
        assertThat(run.env()).doesNotContainKeys("HTTP_PROXY", "http_proxy");
        assertThat(at(s, 6).unsetVariables()).containsExactly("HTTP_PROXY");
        assertThat(at(s, 6).proxyEnv()).isEmpty();
        assertThat(s.unusedBuildArgs()).isEmpty();
    }

    @Test
    void aDeclaredProxyArgIsAnOrdinaryArgument() {
        // when
        Scope s = scope("FROM busybox\nARG HTTP_PROXY\nRUN true\n", BuildArgs.of(Map.of("HTTP_PROXY", "http://p")));

        // then
        assertThat(at(s, 3).env()).containsEntry("HTTP_PROXY", "http://p");
        assertThat(at(s, 3).historyArgs()).containsExactly("HTTP_PROXY=http://p");
    }

    @Test
    void proxyNamesMatchInAnyCaseTheLastSortedWins() {
        // when: BuildKit's TestProxyEnvFromBuildArgsDeterministicOrder
        Map<String, String> env = Scope.proxyEnv(BuildArgs.of(Map.of("ALL_PROXY", "all-upper", "all_proxy",
                "all-lower", "HTTP_PROXY", "http-upper", "http_proxy", "http-lower", "NO_PROXY", "no-proxy",
                "Ftp_Proxy", "")));

        // then
        assertThat(env).containsExactly(Map.entry("HTTP_PROXY", "http-lower"), Map.entry("http_proxy", "http-lower"),
                Map.entry("NO_PROXY", "no-proxy"), Map.entry("no_proxy", "no-proxy"),
                Map.entry("ALL_PROXY", "all-lower"), Map.entry("all_proxy", "all-lower"));
        assertThat(Scope.proxyEnv(BuildArgs.of(Map.of("FOO", "bar")))).isEmpty();
    }

    @Test
    void platformArgsNeedADeclarationInTheStage() {
        // given
        BuildArgs args = ARGS.withPlatform(Platform.parse("linux/arm/v7"));

        // when
        Scope s = scope("FROM scratch\nRUN a\nARG TARGETPLATFORM TARGETOS TARGETARCH TARGETVARIANT\n"
                + "ARG BUILDPLATFORM BUILDOS BUILDARCH BUILDVARIANT\nRUN b\n", args);

        // then
        assertThat(at(s, 2).env()).doesNotContainKey("TARGETPLATFORM");
        assertThat(at(s, 5).env()).containsEntry("TARGETPLATFORM", "linux/arm/v7").containsEntry("TARGETOS", "linux")
                .containsEntry("TARGETARCH", "arm").containsEntry("TARGETVARIANT", "v7")
                .containsEntry("BUILDPLATFORM", "linux/amd64").containsEntry("BUILDOS", "linux")
                .containsEntry("BUILDARCH", "amd64").containsEntry("BUILDVARIANT", "");
    }

    @Test
    void targetStageIsTheTargetsNameAsInBuildKitsTestTargetStageNameArg() {
        // when
        Scope s = scope("FROM alpine AS base\nWORKDIR /out\nRUN echo -n \"value:$TARGETSTAGE\" > /out/first\n"
                + "ARG TARGETSTAGE\nRUN echo -n \"value:$TARGETSTAGE\" > /out/second\n\nFROM scratch AS foo\n"
                + "COPY --from=base /out/ /\n\nFROM scratch\n", ARGS.withTarget("foo"));

        // then
        assertThat(at(s, 3).env()).doesNotContainKey("TARGETSTAGE");
        assertThat(at(s, 5).env()).containsEntry("TARGETSTAGE", "foo");
    }

    @Test
    void envShadowsAnEarlierArgAndALaterArgReplacesTheVariableButNotTheImageEnv() {
        // when
        Scope s = scope("FROM scratch AS base\nARG X=arg\nENV X=env\nRUN a\nARG X=arg2\nRUN b\nFROM base\nRUN c\n");

        // then
        assertThat(at(s, 4).env()).containsEntry("X", "env");
        assertThat(at(s, 6).env()).containsEntry("X", "arg2");
        StageScope base = s.stages().get(0);
        assertThat(base.imageEnv()).containsExactly(PATH, "X=env");
        assertThat(at(s, 8).env()).as("a stage re-applies its base's image env, as BuildKit does")
                .containsEntry("X", "env");
        assertThat(at(s, 8).historyArgs()).containsExactly("X=env");
    }

    @Test
    void envExpandsWithTheVariablesBeforeIt() {
        // when
        Scope s = scope("FROM scratch\nENV A=1 B=$A\nENV C=$A\n");

        // then
        assertThat(((Instruction.Env) at(s, 2).expanded()).variables()).containsExactly(new KeyValue("A", "1"),
                new KeyValue("B", ""));
        assertThat(at(s, 2).unsetVariables()).containsExactly("A");
        assertThat(((Instruction.Env) at(s, 3).expanded()).variables()).containsExactly(new KeyValue("C", "1"));
    }

    @Test
    void reportsTheBuildArgsNothingConsumed() {
        // when
        Scope s = scope("ARG G\nFROM scratch AS a\nARG A\nFROM scratch\nARG B\n", BuildArgs.of(Map.of("G", "1",
                "A", "2", "B", "3", "UNUSED", "4", "TARGETARCH", "amd64", "https_proxy", "p",
                "BUILDKIT_INLINE_CACHE", "1", "SOURCE_DATE_EPOCH", "0")));

        // then
        assertThat(s.unusedBuildArgs()).containsExactlyInAnyOrder("A", "UNUSED");
    }

    @Test
    void escapeDirectiveAppliesToExpansion() {
        // when
        Scope s = scope("# escape=`\nFROM scratch\nENV A=1\nWORKDIR C:\\dir`$A\\$A\n");

        // then
        assertThat(((Instruction.Workdir) at(s, 4).expanded()).path()).isEqualTo("C:\\dir$A\\1");
    }

    @Test
    void expansionErrorsAreLocated() {
        assertThatThrownBy(() -> scope("FROM scratch\nENV A=1\nUSER ${X:?need X}\n"))
                .isInstanceOf(DockerfileException.class).hasMessage("Dockerfile:3: X: need X")
                .satisfies(e -> assertThat(((DockerfileException) e).line()).isEqualTo(3));
        assertThatThrownBy(() -> scope("FROM scratch\nARG B=${X:?needX}\n")).hasMessage("Dockerfile:2: X: needX");
        assertThatThrownBy(() -> scope("FROM scratch\nVOLUME $NONE\n"))
                .hasMessage("Dockerfile:2: VOLUME specified can not be an empty string");
    }

    @Test
    void unusedVariablesLeaveOutDeclaredArgsAndSbomArgs() {
        // when
        Scope s = scope("FROM scratch\nARG D\nCOPY $D$U$BUILDKIT_SBOM_SCAN_STAGE /x\n");

        // then
        assertThat(at(s, 3).unsetVariables()).containsExactly("U");
    }
}
