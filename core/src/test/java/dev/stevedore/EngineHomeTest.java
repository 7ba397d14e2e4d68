package dev.stevedore;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EngineHomeTest {
    @Test
    void usesStevedoreHomeFromTheEnvironmentForAnyone() {
        // given
        Map<String, String> env = Map.of("STEVEDORE_HOME", "/srv/engine/../stevedore", "HOME", "/home/me");

        // when / then
        assertThat(EngineHome.resolve(Optional.empty(), env, 0, "/root")).isEqualTo(Path.of("/srv/stevedore"));
        assertThat(EngineHome.resolve(Optional.empty(), env, 1000, "/home/me")).isEqualTo(Path.of("/srv/stevedore"));
    }

    @Test
    void prefersTheSystemPropertyToTheEnvironment() {
        Map<String, String> env = Map.of("STEVEDORE_HOME", "/srv/env");

        assertThat(EngineHome.resolve(Optional.of("/srv/property"), env, 0, "/root"))
                .isEqualTo(Path.of("/srv/property"));
    }

    @Test
    void ignoresBlankSettings() {
        Map<String, String> env = Map.of("STEVEDORE_HOME", "  ");

        assertThat(EngineHome.resolve(Optional.of(""), env, 0, "/root")).isEqualTo(Path.of("/var/lib/stevedore"));
    }

    @Test
    void usesVarLibStevedoreForRoot() {
        assertThat(EngineHome.resolve(Optional.empty(), Map.of("HOME", "/root"), 0, "/root"))
                .isEqualTo(Path.of("/var/lib/stevedore"));
    }

    @Test
    void usesXdgDataHomeForOtherUsers() {
        Map<String, String> env = Map.of("XDG_DATA_HOME", "/home/me/data", "HOME", "/home/me");

        assertThat(EngineHome.resolve(Optional.empty(), env, 1000, "/ignored"))
                .isEqualTo(Path.of("/home/me/data/stevedore"));
    }

    @Test
    void fallsBackToLocalShareUnderHomeForOtherUsers() {
        assertThat(EngineHome.resolve(Optional.empty(), Map.of("HOME", "/home/me"), 1000, "/ignored"))
                .isEqualTo(Path.of("/home/me/.local/share/stevedore"));
        assertThat(EngineHome.resolve(Optional.empty(), Map.of("XDG_DATA_HOME", "relative"), 1000, "/home/prop"))
                .isEqualTo(Path.of("/home/prop/.local/share/stevedore"));
    }

    @Test
    void putsTheStoreUnderTheHome() {
        assertThat(EngineHome.store(Path.of("/srv/stevedore"))).isEqualTo(Path.of("/srv/stevedore/store"));
    }
}
