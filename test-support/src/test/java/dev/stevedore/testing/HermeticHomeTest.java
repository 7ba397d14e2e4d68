package dev.stevedore.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(HermeticHome.class)
class HermeticHomeTest {
    @Test
    void injectsTempDirectoriesThatExist(HermeticEnvironment env) {
        // then
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        assertThat(env.root()).startsWith(tmp).isDirectory();
        for (Path dir : List.of(env.stevedoreHome(), env.dockerConfig(), env.home(), env.xdgConfigHome(),
                env.xdgDataHome(), env.xdgCacheHome(), env.xdgRuntimeDir())) {
            assertThat(dir).startsWith(env.root()).isDirectory().isEmptyDirectory();
        }
        assertThat(List.of(env.stevedoreHome(), env.dockerConfig(), env.xdgConfigHome(), env.xdgDataHome(),
                env.xdgCacheHome(), env.xdgRuntimeDir())).doesNotHaveDuplicates();
    }

    @Test
    void runtimeDirIsPrivate(HermeticEnvironment env) throws IOException {
        // when / then
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(env.xdgRuntimeDir())))
                .isEqualTo("rwx------");
    }

    @Test
    void setsTheSystemPropertiesLibraryCodeReads(HermeticEnvironment env) {
        // when / then
        assertThat(System.getProperty("stevedore.home")).isEqualTo(env.stevedoreHome().toString());
        assertThat(System.getProperty("docker.config")).isEqualTo(env.dockerConfig().toString());
        assertThat(System.getProperty("xdg.config.home")).isEqualTo(env.xdgConfigHome().toString());
        assertThat(System.getProperty("xdg.data.home")).isEqualTo(env.xdgDataHome().toString());
        assertThat(System.getProperty("xdg.cache.home")).isEqualTo(env.xdgCacheHome().toString());
        assertThat(System.getProperty("xdg.runtime.dir")).isEqualTo(env.xdgRuntimeDir().toString());
    }

    @Test
    void applyToHandsTheDirectoriesToChildProcesses(HermeticEnvironment env) {
        // given
        ProcessBuilder builder = env.applyTo(new ProcessBuilder("sh", "-c",
                "echo $STEVEDORE_HOME $DOCKER_CONFIG $XDG_CONFIG_HOME $XDG_DATA_HOME $XDG_CACHE_HOME $XDG_RUNTIME_DIR $HOME"));

        // when
        Exec.Result result = Exec.run(builder.command(), environment -> environment.putAll(builder.environment()),
                Duration.ofSeconds(30));

        // then
        assertThat(result.stdout().strip()).isEqualTo(String.join(" ", env.stevedoreHome().toString(),
                env.dockerConfig().toString(), env.xdgConfigHome().toString(), env.xdgDataHome().toString(),
                env.xdgCacheHome().toString(), env.xdgRuntimeDir().toString(), env.home().toString()));
    }

    @Test
    void envNamesEveryVariable(HermeticEnvironment env) {
        // when
        Map<String, String> variables = env.env();

        // then
        assertThat(variables).containsOnlyKeys("STEVEDORE_HOME", "DOCKER_CONFIG", "HOME", "XDG_CONFIG_HOME",
                "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_RUNTIME_DIR");
        assertThat(variables.get("DOCKER_CONFIG")).isEqualTo(env.dockerConfig().toString());
    }

    @Test
    void defaultProxySelectorLetsLoopbackThroughDirectly() {
        // when
        List<Proxy> proxies = ProxySelector.getDefault().select(URI.create("http://localhost:5000/v2/"));

        // then
        assertThat(ProxySelector.getDefault()).isInstanceOf(LoopbackGuard.class);
        assertThat(proxies).containsExactly(Proxy.NO_PROXY);
    }
}
