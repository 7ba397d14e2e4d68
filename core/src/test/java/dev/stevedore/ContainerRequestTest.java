package dev.stevedore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContainerRequestTest {
    @Test
    void buildsAnImmutableRequestAndBack() {
        ContainerBuilder b = ContainerRequest.builder("busybox").name("web").cmd("httpd", "-f").env("A", "1")
                .workdir("/srv").user("app").hostname("box").tmpfs("/run").publish(8080, 80).label("k", "v")
                .memory(64L << 20).cpus(0.5).pidsLimit(50).autoRemove(true).detached(true).init(true)
                .stopSignal("SIGQUIT").stopTimeout(Duration.ofSeconds(3));
        ContainerRequest r = b.build();

        b.env("B", "2"); // later changes to the builder do not reach the built request
        assertThat(r.env()).containsExactly("A=1");
        assertThat(r.cmd()).contains(List.of("httpd", "-f"));
        assertThat(r.entrypoint()).isEmpty();
        assertThat(r.ports()).containsExactly(PortSpec.tcp(8080, 80));
        assertThat(r.labels()).isEqualTo(Map.of("k", "v"));
        assertThat(r.limits().pids()).hasValue(50);
        assertThat(r.toBuilder().build()).isEqualTo(r);
        assertThatThrownBy(() -> r.env().add("X=1")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void refusesBadSettingsWithTheirName() {
        assertThatThrownBy(() -> ContainerRequest.builder("busybox").env("NOEQUALS").build())
                .hasMessageContaining("NAME=value");
        assertThatThrownBy(() -> ContainerRequest.builder("busybox").workdir("rel").build())
                .hasMessageContaining("absolute");
        assertThatThrownBy(() -> ContainerRequest.builder("busybox").name("a b").build())
                .hasMessageContaining("invalid container name");
        assertThatThrownBy(() -> ContainerRequest.builder("busybox").memory(1024).build())
                .hasMessageContaining("6 MiB");
        assertThatThrownBy(() -> ContainerRequest.builder("busybox").stopSignal("SIGNOPE").build())
                .hasMessageContaining("invalid signal");
        assertThatThrownBy(() -> ContainerRequest.builder(" ").build()).hasMessageContaining("needs an image");
        assertThatThrownBy(() -> ContainerRequest.builder("busybox").tmpfs("/x").bind(Path.of("/tmp"), "/x").build())
                .hasMessageContaining("duplicate mount point");
    }

    @Test
    void refusesContradictoryNetworkSettings() {
        assertThatThrownBy(() -> ContainerRequest.builder("busybox").network("host").publish(80).build())
                .hasMessageContaining("host network");
        assertThatThrownBy(() -> ContainerRequest.builder("busybox").network("container:db").hostname("x").build())
                .hasMessageContaining("conflicting options");
        assertThatThrownBy(() -> ContainerRequest.builder("busybox").networkAlias("db").build())
                .hasMessageContaining("only supported on named networks");
        assertThatThrownBy(() -> ContainerRequest.builder("busybox").network("bridge").build())
                .hasMessageContaining("no bridge");
    }

    @Test
    void unboundBuildersCannotStart() {
        assertThatThrownBy(() -> ContainerRequest.builder("busybox").start())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not bound");
    }

    @Test
    void parsesNetworkModes() {
        assertThat(NetworkMode.parse("none")).isEqualTo(NetworkMode.none());
        assertThat(NetworkMode.parse("host")).isEqualTo(NetworkMode.host());
        assertThat(NetworkMode.parse("container:db")).isEqualTo(NetworkMode.container("db"));
        assertThat(NetworkMode.parse("app")).isEqualTo(NetworkMode.named("app"));
        assertThat(NetworkMode.parse("container:db").text()).isEqualTo("container:db");
        assertThatThrownBy(() -> NetworkMode.parse("container:")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parsesSignalsAsDocker() {
        assertThat(ContainerSignal.parse("SIGTERM")).isEqualTo(15);
        assertThat(ContainerSignal.parse("term")).isEqualTo(15);
        assertThat(ContainerSignal.parse("9")).isEqualTo(9);
        assertThat(ContainerSignal.parse("SIGRTMIN+3")).isEqualTo(37);
        assertThat(ContainerSignal.parse("RTMAX")).isEqualTo(64);
        assertThatThrownBy(() -> ContainerSignal.parse("0")).hasMessageContaining("invalid signal");
        assertThatThrownBy(() -> ContainerSignal.parse("SIGRTMAX+1")).hasMessageContaining("invalid signal");
    }
}
