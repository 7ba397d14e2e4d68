package dev.stevedore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stevedore.dockerfile.ArgDeclaration;
import dev.stevedore.dockerfile.Dockerfile;
import dev.stevedore.dockerfile.ShellLexer;
import dev.stevedore.oci.Platform;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BuildScopeTest {
    private final Dockerfile df = Dockerfile.parse("Dockerfile", "ARG V=1\nARG BASE=img:${V}\nFROM ${BASE}\n");

    private BuildScope global(Map<String, String> buildArgs) {
        return BuildScope.global(ShellLexer.standard(), df.globalArgs(), buildArgs, Platform.of("linux", "amd64"));
    }

    @Test
    void globalArgsExpandFromWithBuildArgsApplied() {
        assertThat(global(Map.of()).expandGlobal("${BASE}")).isEqualTo("img:1");
        assertThat(global(Map.of("V", "2")).expandGlobal("${BASE}")).isEqualTo("img:2");
        assertThat(global(Map.of()).expandGlobal("${TARGETARCH}")).isEqualTo("amd64");
    }

    @Test
    void aStageSeesAGlobalArgOnlyOnceItDeclaresIt() {
        BuildScope stage = global(Map.of()).stage();
        assertThat(stage.expand("[$V]", List.of())).isEqualTo("[]");

        stage.declare(new ArgDeclaration("V", Optional.empty()), List.of());

        assertThat(stage.expand("[$V]", List.of())).isEqualTo("[1]");
    }

    @Test
    void buildArgsWinOverDefaultsAndEnvWinsOverArgs() {
        BuildScope stage = global(Map.of("A", "from-cli")).stage();
        stage.declare(new ArgDeclaration("A", Optional.of("default")), List.of());
        stage.declare(new ArgDeclaration("B", Optional.of("b-$A")), List.of());

        assertThat(stage.expand("$A $B", List.of())).isEqualTo("from-cli b-from-cli");
        assertThat(stage.expand("$A", List.of("A=from-env"))).isEqualTo("from-env");
        assertThat(stage.runEnv(List.of("PATH=/bin", "A=env"))).containsExactly("PATH=/bin", "A=env", "B=b-from-cli");
        assertThat(stage.argsNotIn(List.of("A=env"))).containsExactly("B=b-from-cli");
    }

    @Test
    void anArgWithoutValueStaysUnset() {
        BuildScope stage = global(Map.of()).stage();
        assertThat(stage.declare(new ArgDeclaration("NOPE", Optional.empty()), List.of())).isEmpty();
        assertThat(stage.runEnv(List.of())).isEmpty();
    }
}
