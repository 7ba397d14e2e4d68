package dev.stevedore.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Stage resolution as BuildKit's {@code dockerfile2llb/convert.go} does it. */
class StageGraphTest {
    private static final BuildArgs ARGS = BuildArgs.none().withPlatform(Platform.parse("linux/arm64"))
            .withBuildPlatform(Platform.parse("linux/amd64"));

    private static StageGraph graph(String text) {
        return StageGraph.resolve(Dockerfile.parse("Dockerfile", text), ARGS);
    }

    private static StageGraph graph(String text, BuildArgs args) {
        return StageGraph.resolve(Dockerfile.parse("Dockerfile", text), args);
    }

    private static StageSource base(StageGraph g, int stage) {
        return g.stages().get(stage).base();
    }

    @Test
    void fromNamesAnEarlierStageByItsLowerCaseName() {
        // when
        StageGraph g = graph("FROM alpine AS Build\nFROM build\nFROM Build\n");

        // then
        assertThat(base(g, 0)).isEqualTo(new StageSource.Image("alpine"));
        assertThat(base(g, 1)).isEqualTo(new StageSource.Stage(0));
        assertThat(base(g, 2)).as("FROM compares the word as written").isEqualTo(new StageSource.Image("Build"));
    }

    @Test
    void fromNamingALaterStageOrItselfIsAnImage() {
        // when
        StageGraph g = graph("FROM b AS a\nFROM alpine AS b\nFROM c AS c\n");

        // then
        assertThat(base(g, 0)).isEqualTo(new StageSource.Image("b"));
        assertThat(base(g, 2)).isEqualTo(new StageSource.Image("c"));
    }

    @Test
    void fromIsExpandedWithGlobalArgsBeforeTheLookup() {
        // when
        StageGraph g = graph("ARG BASE=build\nARG GO=1.22\nFROM golang:${GO} AS build\nFROM $BASE\n");

        // then
        assertThat(g.stages().get(0).baseName()).isEqualTo("golang:1.22");
        assertThat(base(g, 1)).isEqualTo(new StageSource.Stage(0));
        assertThat(graph("ARG BASE=build\nFROM alpine AS build\nFROM $BASE\n",
                ARGS.withTarget("stage-1").withTarget("build")).target().index()).isZero();
    }

    @Test
    void scratchIsNothingUnlessAStageIsNamedSo() {
        assertThat(base(graph("FROM scratch\n"), 0)).isEqualTo(new StageSource.Scratch());
        assertThat(base(graph("FROM alpine AS scratch\nFROM scratch\n"), 1)).isEqualTo(new StageSource.Stage(0));
    }

    @Test
    void copyFromTakesAStageNameInAnyCaseAnIndexOrAnImage() {
        // when
        StageGraph g = graph("FROM alpine AS build\nFROM scratch\nCOPY --from=BUILD /a /a\nCOPY --from=0 /b /b\n"
                + "COPY --from=nginx:1.27 /c /c\nCOPY --from=scratch /d /d\n");

        // then
        List<StageDependency> deps = g.stages().get(1).dependencies();
        assertThat(deps).extracting(StageDependency::source).containsExactly(new StageSource.Stage(0),
                new StageSource.Stage(0), new StageSource.Image("nginx:1.27"), new StageSource.Scratch());
        assertThat(deps).extracting(StageDependency::reference).containsExactly("BUILD", "0", "nginx:1.27", "scratch");
        assertThat(deps.get(2).location()).isEqualTo(Location.of(5, 5));
        assertThat(g.images()).containsExactly("alpine", "nginx:1.27");
    }

    @Test
    void copyFromAStageDefinedLaterIsAnErrorWhenThatStageIsBuilt() {
        // given: BuildKit's testOutOfOrderStage
        String text = "\nFROM busybox AS target\nCOPY --from=build / /out\n\nFROM alpine AS build\n"
                + "COPY /Dockerfile /d2\n\nFROM target\n";

        // when, then
        assertThatThrownBy(() -> graph(text)).isInstanceOf(DockerfileException.class).hasMessage(
                "Dockerfile:3: cannot copy from stage \"build\", it needs to be defined before current stage "
                        + "\"target\"");
        assertThat(graph(text, ARGS.withTarget("build")).buildOrder()).extracting(StageNode::displayName)
                .containsExactly("build");
    }

    @Test
    void mountFromALaterStageIsAnErrorWhenThatStageIsBuilt() {
        // given
        String text = "FROM alpine AS first\nRUN --mount=from=later,target=/x true\nFROM alpine AS later\nFROM first\n";

        // when, then
        assertThatThrownBy(() -> graph(text)).hasMessage("Dockerfile:2: cannot mount from stage \"later\" to \"/x\", "
                + "stage needs to be defined before current command");
        assertThat(graph(text, ARGS.withTarget("later")).buildOrder()).hasSize(1);
    }

    @Test
    void mountFromNamesAStageOrAnImageButNoIndex() {
        // when
        StageGraph g = graph("FROM alpine AS deps\nFROM scratch\nRUN --mount=type=cache,target=/c "
                + "--mount=from=Deps,target=/d --mount=from=0,target=/e "
                + "--mount=type=bind,from=node:22,target=/n true\n");

        // then
        List<StageDependency> deps = g.stages().get(1).dependencies();
        assertThat(deps).extracting(StageDependency::kind).containsOnly(StageDependency.Kind.MOUNT_FROM);
        assertThat(deps).extracting(StageDependency::source).containsExactly(new StageSource.Stage(0),
                new StageSource.Image("0"), new StageSource.Image("node:22"));
    }

    @Test
    void copyFromIndexesMustBeInRange() {
        assertThatThrownBy(() -> graph("FROM scratch\nCOPY --from=1 a b\n"))
                .hasMessage("Dockerfile:2: invalid stage index 1");
        assertThatThrownBy(() -> graph("FROM scratch\nFROM scratch\nCOPY --from=-1 a b\n"))
                .hasMessage("Dockerfile:3: invalid stage index -1");
        assertThat(graph("FROM scratch AS a\nFROM scratch\nCOPY --from=+0 a b\n").stages().get(1).dependencies()
                .get(0).source()).isEqualTo(new StageSource.Stage(0));
        assertThatThrownBy(() -> graph("FROM scratch\nCOPY --from=0 a b\n"))
                .hasMessage("Dockerfile:2: circular dependency detected on stage: stage-0");
    }

    @Test
    void anIndexPastTheStagesNamesAnImageReadEarlierAsInBuildKit() {
        // when: BuildKit appends each image an instruction reads to its stage list
        StageGraph g = graph("FROM alpine AS a\nCOPY --from=busybox / /\nFROM alpine\nCOPY --from=2 / /\n");

        // then
        assertThat(g.stages().get(1).dependencies().get(0).source()).isEqualTo(new StageSource.Image("busybox"));
    }

    @Test
    void copyFromMustBeWrittenWithoutVariables() {
        assertThatThrownBy(() -> graph("ARG S=build\nFROM alpine AS build\nFROM scratch\nCOPY --from=$S a b\n"))
                .hasMessage("Dockerfile:4: variable expansion is not supported for --from, define a new stage "
                        + "with FROM using ARG from global scope as a workaround");
    }

    @Test
    void findsCyclesAsBuildKitDoes() {
        assertThatThrownBy(() -> graph("FROM busybox AS stage0\nCOPY --from=stage0 f1 /sub/\n"))
                .hasMessage("Dockerfile:2: circular dependency detected on stage: stage0");
        assertThatThrownBy(() -> graph("FROM busybox AS stage0\nCOPY --from=stage2 f1 /sub/\nFROM busybox AS stage1\n"
                + "COPY --from=stage0 f2 /sub/\nFROM busybox AS stage2\nCOPY --from=stage1 f2 /sub/\n"))
                .hasMessage("Dockerfile:2: circular dependency detected on stage: stage0");
        assertThatThrownBy(() -> graph("FROM scratch AS first\nCOPY --from=a x y\nFROM scratch AS a\n"
                + "COPY --from=b x y\nFROM scratch AS b\nCOPY --from=a x y\n"))
                .as("the walk from the first stage meets the cycle, so BuildKit names that stage")
                .hasMessage("Dockerfile:2: circular dependency detected on stage: first");
    }

    @Test
    void targetIsFoundInAnyCaseAndPrunesWhatItDoesNotNeed() {
        // given
        String text = "FROM golang AS build\nFROM build AS test\nFROM alpine AS lint\n"
                + "FROM gcr.io/distroless/static AS release\nCOPY --from=build /out /app\n";

        // when
        StageGraph all = graph(text);
        StageGraph test = graph(text, ARGS.withTarget("TEST"));

        // then
        assertThat(all.target().displayName()).isEqualTo("release");
        assertThat(all.buildOrder()).extracting(StageNode::displayName).containsExactly("build", "release");
        assertThat(all.images()).containsExactly("golang", "gcr.io/distroless/static");
        assertThat(all.needs(all.stages().get(2))).isFalse();
        assertThat(test.buildOrder()).extracting(StageNode::displayName).containsExactly("build", "test");
        assertThat(test.dependencies(test.stages().get(1))).extracting(StageNode::index).containsExactly(0);
        assertThat(test.stage("Lint")).map(StageNode::index).contains(2);
    }

    @Test
    void anUnknownTargetIsAnErrorWithBuildKitsHint() {
        // given
        String text = "FROM alpine AS build\nFROM scratch\n";

        // when, then
        assertThatThrownBy(() -> graph(text, ARGS.withTarget("bulid"))).isInstanceOf(StageNotFoundException.class)
                .hasMessage("target stage \"bulid\" could not be found (did you mean build?)")
                .satisfies(e -> assertThat(((StageNotFoundException) e).stageNames()).containsExactly("build",
                        "stage-1"));
        assertThatThrownBy(() -> graph(text, ARGS.withTarget("stage-1")))
                .hasMessage("target stage \"stage-1\" could not be found");
    }

    @Test
    void onbuildTriggersOfTheBaseStageAddDependenciesAtTheChildsFrom() {
        // when
        StageGraph g = graph("FROM alpine AS a\nONBUILD COPY --from=b /x /x\nFROM alpine AS b\nFROM a AS c\n");

        // then
        StageDependency d = g.stages().get(2).dependencies().get(0);
        assertThat(d.onBuild()).isTrue();
        assertThat(d.location()).isEqualTo(Location.of(4, 4));
        assertThat(d.source()).isEqualTo(new StageSource.Stage(1));
        assertThat(g.buildOrder()).extracting(StageNode::displayName).containsExactly("a", "b", "c");
        assertThat(g.stages().get(0).dependencies()).isEmpty();
    }

    @Test
    void aBlankBaseNameIsAnError() {
        assertThatThrownBy(() -> graph("FROM ${BLANK} AS foo\n"))
                .hasMessage("Dockerfile:1: base name (${BLANK}) should not be blank");
        assertThatThrownBy(() -> graph("FROM \"\" AS foo\n")).hasMessage(
                "Dockerfile:1: base name (\"\") should not be blank");
    }

    @Test
    void readsThePlatformFlagWithGlobalArgs() {
        // when
        StageGraph g = graph("FROM --platform=$BUILDPLATFORM golang AS build\nFROM --platform=linux/arm/v6 alpine\n");

        // then
        assertThat(g.stages().get(0).platform()).contains(Platform.parse("linux/amd64"));
        assertThat(g.stages().get(1).platform()).contains(Platform.parse("linux/arm/v6"));
        assertThatThrownBy(() -> graph("FROM --platform=$NOPE alpine\n"))
                .hasMessage("Dockerfile:1: empty platform value from expression $NOPE");
    }

    @Test
    void globalArgsHoldTheAutomaticArgumentsAndGlobalArgsWithValues() {
        // when
        StageGraph g = graph("ARG A=1\nARG B\nARG C=${A}-c\nFROM scratch AS out\n",
                ARGS.withPlatform(Platform.parse("linux/arm/v7")).withTarget("out"));

        // then
        assertThat(g.globalArgs()).containsExactly(Map.entry("BUILDPLATFORM", "linux/amd64"),
                Map.entry("BUILDOS", "linux"), Map.entry("BUILDOSVERSION", ""), Map.entry("BUILDARCH", "amd64"),
                Map.entry("BUILDVARIANT", ""), Map.entry("TARGETPLATFORM", "linux/arm/v7"),
                Map.entry("TARGETOS", "linux"), Map.entry("TARGETOSVERSION", ""), Map.entry("TARGETARCH", "arm"),
                Map.entry("TARGETVARIANT", "v7"), Map.entry("TARGETSTAGE", "out"), Map.entry("A", "1"),
                Map.entry("C", "1-c"));
        assertThat(graph("FROM scratch\n").globalArgs()).containsEntry("TARGETSTAGE", "default");
    }

    @Test
    void buildArgsOverrideGlobalArgsAndAutomaticArguments() {
        // when
        StageGraph g = graph("ARG A=1\nARG B=${A}\nFROM scratch\n",
                BuildArgs.of(Map.of("A", "2", "TARGETARCH", "riscv64")));

        // then
        assertThat(g.globalArgs()).containsEntry("A", "2").containsEntry("B", "2").containsEntry("TARGETARCH",
                "riscv64");
    }

    @Test
    void aGlobalArgThatFailsToExpandIsAnErrorAtItsLine() {
        assertThatThrownBy(() -> graph("ARG FOO=${FOO:?\"custom error\"}\nFROM scratch\n"))
                .isInstanceOf(DockerfileException.class).hasMessageContaining("FOO: custom error")
                .satisfies(e -> assertThat(((DockerfileException) e).line()).isEqualTo(1));
    }
}
