package dev.stevedore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ContainerNetworkIT extends ContainerFixture {
    private static String httpd(String text) {
        return "mkdir -p /www && echo " + text + " > /www/index.html && echo serving && exec httpd -f -p 80 -h /www";
    }

    @Test
    void containersOnANamedNetworkReachEachOtherByNameAndAlias() {
        containers.networks().create("app");
        try (Container db = busybox("sh", "-c", httpd("db-here")).name("db").network("app").networkAlias("database")
                .init(true).waitingFor(Wait.forListeningPort(80)).start();
                Container client = busybox("sh", "-c", "wget -q -O - http://database/index.html && ping -c1 -W5 db"
                        + " && echo done && sleep 30").name("client").network("app").init(true)
                        .waitingFor(Wait.forLog("^done").withTimeout(Duration.ofSeconds(30))).start()) {
            assertThat(client.output()).contains("db-here").contains("1 packets received");
            // the first member learns the names of those that joined later
            assertThat(db.exec("cat", "/etc/hosts").stdout()).contains("client");
            assertThat(db.exec("ping", "-c1", "-W5", "client").exitCode()).isZero();
            assertThat(containers.networks().get("app").orElseThrow().containers())
                    .containsExactlyInAnyOrder("db", "client");
            assertThatThrownBy(() -> containers.networks().remove("app")).isInstanceOf(ContainerConflictException.class)
                    .hasMessageContaining("active endpoints");
        }
        assertThat(containers.networks().get("app").orElseThrow().containers()).isEmpty();
        containers.networks().remove("app");
        assertThat(containers.networks().list()).isEmpty();
    }

    @Test
    void theNetworkOutlivesItsFirstMember() {
        containers.networks().create("pod");
        try (Container first = busybox("sleep", "30").name("first").network("pod").init(true).start();
                Container web = busybox("sh", "-c", httpd("still-here")).name("web").network("pod").init(true)
                        .waitingFor(Wait.forListeningPort(80)).start()) {
            first.stop();
            try (Container late = busybox("wget", "-q", "-O", "-", "http://web/index.html").network("pod").start()) {
                assertThat(late.waitFor().exitCode()).isZero();
                assertThat(late.output()).contains("still-here");
            }
            assertThat(web.exec("cat", "/etc/hosts").stdout()).doesNotContain("first");
        }
    }

    @Test
    void refusesAnUnknownNetwork() {
        assertThatThrownBy(() -> busybox("true").network("nosuch").start()).isInstanceOf(ContainerStartException.class)
                .hasMessageContaining("network nosuch not found");
        assertThat(containers.list(true)).isEmpty();
        containers.networks().create("dup");
        assertThatThrownBy(() -> containers.networks().create("dup"))
                .isInstanceOf(ContainerConflictException.class).hasMessageContaining("already exists");
        containers.networks().remove("dup");
    }

    @Test
    void joinsAnotherContainersNetwork() {
        try (Container web = busybox("sh", "-c", httpd("joined")).init(true).waitingFor(Wait.forListeningPort(80)).start();
                Container peer = busybox("wget", "-q", "-O", "-", "http://127.0.0.1/index.html")
                        .network(NetworkMode.container(web.name())).start()) {
            assertThat(peer.waitFor().exitCode()).isZero();
            assertThat(peer.output()).isEqualTo("joined\n");
            assertThat(peer.info().network()).isEqualTo(NetworkMode.container(web.name()));
        }
        assertThatThrownBy(() -> busybox("true").network("container:nosuch").start())
                .isInstanceOf(ContainerNotFoundException.class);
    }

    @Test
    void usesTheHostNetwork() throws Exception {
        String hostname = Files.readString(Path.of("/proc/sys/kernel/hostname"), StandardCharsets.US_ASCII).trim();
        try (Container c = busybox("sh", "-c", "hostname; cat /proc/net/dev | wc -l").network("host").start()) {
            c.waitFor();
            String[] lines = c.output().split("\n");
            if (hostname.matches("[A-Za-z0-9]([A-Za-z0-9.-]{0,62})")) {
                assertThat(lines[0]).isEqualTo(hostname);
            }
            long hostInterfaces = Files.readAllLines(Path.of("/proc/net/dev")).size();
            assertThat(Long.parseLong(lines[1].trim())).isEqualTo(hostInterfaces);
        }
    }

    @Test
    void aNoneNetworkHasOnlyLoopback() {
        try (Container c = busybox("sh", "-c", "cat /proc/net/dev | tail -n +3 | cut -d: -f1").start()) {
            c.waitFor();
            assertThat(c.output().trim()).isEqualTo("lo");
        }
    }
}
