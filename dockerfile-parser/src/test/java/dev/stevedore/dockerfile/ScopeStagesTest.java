package dev.stevedore.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Scoping across stages: bases, images, the target, ONBUILD triggers. */
class ScopeStagesTest {
    @Test
    void aStageBasedOnAnotherStartsFromItsVariablesAndArguments() {
        // when
        Scope s = ScopeTest.scope("FROM scratch AS base\nARG A=1\nENV B=2\nSHELL [\"/bin/bash\", \"-c\"]\n"
                + "FROM base AS child\n"
                + "RUN echo $A $B\n");

        // then
        assertThat(ScopeTest.at(s, 6).env()).containsEntry("A", "1").containsEntry("B", "2");
        assertThat(ScopeTest.at(s, 6).historyArgs()).containsExactly("A=1");
        assertThat(s.stages().get(1).shell()).containsExactly("/bin/bash", "-c");
        assertThat(s.stages().get(1).imageEnv()).containsExactly(ScopeTest.PATH, "B=2");
    }

    @Test
    void imageStagesStartFromTheImagesEnvironmentWithAPath() {
        // given
        Dockerfile df = Dockerfile.parse("Dockerfile", "FROM golang:1.22 AS a\nRUN a\nFROM alpine\nRUN b\n"
                + "FROM busybox\nRUN c\n");
        Map<String, StageImage> images = Map.of("golang:1.22", StageImage.of(List.of("PATH=/go/bin", "GOPATH=/go")),
                "alpine", StageImage.of(List.of("LANG=C")));

        // when
        Scope s = Scope.resolve(df, ScopeTest.ARGS.withTarget("a"), images);
        Scope all = Scope.resolve(df, ScopeTest.ARGS, images);

        // then
        assertThat(ScopeTest.at(s, 2).env()).containsExactly(Map.entry("PATH", "/go/bin"), Map.entry("GOPATH", "/go"));
        assertThat(s.stages()).hasSize(1);
        assertThat(s.stages().get(0).baseEnvKnown()).isTrue();
        assertThat(all.stages()).hasSize(1).extracting(st -> st.stage().displayName()).containsExactly("stage-2");
        assertThat(Scope.resolve(df, ScopeTest.ARGS.withTarget("A"), images).stages()).hasSize(1);
        Scope alpine = Scope.resolve(Dockerfile.parse("Dockerfile", "FROM alpine\nRUN b\n"), ScopeTest.ARGS, images);
        assertThat(ScopeTest.at(alpine, 2).env()).containsExactly(Map.entry("LANG", "C"), Map.entry("PATH",
                ScopeEnv.DEFAULT_PATH));
        Scope unknown = ScopeTest.scope("FROM busybox\nRUN c\n");
        assertThat(unknown.stages().get(0).baseEnvKnown()).isFalse();
        assertThat(ScopeTest.at(unknown, 2).env()).containsOnlyKeys("PATH");
    }

    @Test
    void theTargetPrunesStagesItDoesNotNeed() {
        // given: an expansion error in a stage the target does not need
        String text = "FROM scratch AS broken\nWORKDIR ${MISSING:?set it}\nFROM scratch AS ok\nRUN true\n";

        // when, then
        assertThat(ScopeTest.scope(text).stages()).extracting(st -> st.stage().displayName()).containsExactly("ok");
        assertThatThrownBy(() -> ScopeTest.scope(text, ScopeTest.ARGS.withTarget("broken")))
                .isInstanceOf(DockerfileException.class)
                .hasMessage("Dockerfile:2: MISSING: set it");
    }

    @Test
    void stagesComeDependenciesFirst() {
        // when
        Scope s = ScopeTest.scope("FROM scratch AS a\nFROM scratch AS b\nFROM a AS c\nCOPY --from=b / /\n");

        // then
        assertThat(s.stages()).extracting(st -> st.stage().displayName()).containsExactly("a", "b", "c");
        assertThat(s.stage(s.graph().stages().get(1))).isPresent();
    }

    @Test
    void anOrderErrorIsRaisedWhenTheInstructionIsDispatched() {
        assertThatThrownBy(() -> ScopeTest.scope("FROM scratch AS a\nCOPY --from=b / /\nFROM scratch AS b\nFROM a\n"))
                .hasMessage("Dockerfile:2: cannot copy from stage \"b\", it needs to be defined before current stage "
                        + "\"a\"");
    }

    @Test
    void onbuildTriggersOfTheBaseStageRunFirstAtTheChildsFrom() {
        // when
        Scope s = ScopeTest.scope("FROM scratch AS base\nONBUILD ENV X=$Y\nARG Y=1\nFROM base\nRUN true\n");

        // then
        StageScope child = s.stages().get(1);
        ScopedInstruction trigger = child.instructions().get(0);
        assertThat(trigger.onBuild()).isTrue();
        assertThat(trigger.location()).isEqualTo(Location.of(4, 4));
        assertThat(((Instruction.Env) trigger.expanded()).variables()).containsExactly(new KeyValue("X", "1"));
        assertThat(child.instructions().get(1).env()).containsEntry("X", "1");
        assertThat(((Instruction.Onbuild) ScopeTest.at(s, 2).expanded()).trigger()).isInstanceOf(Instruction.Env.class);
    }
}
