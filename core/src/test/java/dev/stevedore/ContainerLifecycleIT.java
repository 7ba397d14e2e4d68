package dev.stevedore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ContainerLifecycleIT extends ContainerFixture {
    @Test
    void refusesToRemoveARunningContainerWithoutForce() {
        try (Container c = busybox("sleep", "30").name("busy").init(true).start()) {
            assertThatThrownBy(() -> containers.remove("busy", false)).isInstanceOf(ContainerConflictException.class)
                    .hasMessageContaining("cannot remove container " + c.shortId() + " (busy): it is running");
            assertThat(c.isRunning()).isTrue();

            containers.remove(c.shortId(), true);

            assertThat(containers.get("busy")).isEmpty();
            assertThat(home.resolve("containers").resolve(c.id())).doesNotExist();
            assertThat(engine.store().holds().get("container/" + c.id())).isEmpty();
        }
        assertThatThrownBy(() -> containers.remove("busy", true)).isInstanceOf(ContainerNotFoundException.class)
                .hasMessageContaining("no such container: busy");
    }

    @Test
    void prunesWhatDoesNotRun() {
        try (Container exited = busybox("true").start(); Container created = busybox("true").create();
                Container running = busybox("sleep", "30").init(true).start()) {
            exited.waitFor();
            ContainerPruneReport report = containers.prune();
            assertThat(report.removed()).containsExactlyInAnyOrder(exited.id(), created.id());
            assertThat(containers.list(true)).extracting(ContainerInfo::id).containsExactly(running.id());
        }
    }

    @Test
    void keepsRecordsAndLogsAcrossEngineRestarts() {
        String id;
        try (Container c = busybox("sh", "-c", "echo kept; exit 7").name("kept").start()) {
            assertThat(c.waitFor().exitCode()).isEqualTo(7);
            id = c.id();
        }
        engine.close();

        engine = Stevedore.builder().home(home).build();
        containers = engine.containers();
        ContainerInfo info = containers.list(true).get(0);
        assertThat(info.id()).isEqualTo(id);
        assertThat(info.name()).isEqualTo("kept");
        assertThat(info.status()).isEqualTo(ContainerStatus.EXITED);
        assertThat(info.exitCode()).hasValue(7);
        assertThat(containers.get("kept").orElseThrow().output()).isEqualTo("kept\n");
        containers.remove("kept", false);
        assertThat(containers.list(true)).isEmpty();
    }

    @Test
    void aDetachedContainerIsFoundAndRemovedByAnotherJvm() throws Exception {
        // given
        Container c = busybox("sh", "-c", "echo detached here; sleep 60").name("survivor").detached(true).init(true)
                .waitingFor(Wait.forLog("detached here")).start();
        engine.close(); // the detached container outlives its engine
        engine = Stevedore.builder().home(home).build();
        containers = engine.containers();
        assertThat(containers.get("survivor").orElseThrow().info().status()).isEqualTo(ContainerStatus.RUNNING);

        // when
        List<String> out = child("inspect-and-remove", "survivor");

        // then
        assertThat(out).containsExactly("found running", "logs detached here", "removed true");
        assertThat(containers.get("survivor")).isEmpty();
        assertThat(cgroupDirs(c.id())).isEmpty();
    }

    @Test
    void aDetachedContainerStartedByAnotherJvmRunsOnAfterItExits() throws Exception {
        assertThat(child("run-detached", "left-behind", busybox)).containsExactly("started");

        Container c = containers.get("left-behind").orElseThrow();
        assertThat(c.isRunning()).isTrue();
        assertThat(c.info().detached()).isTrue();
        assertThat(c.output()).isEqualTo("from child\n");
        assertThat(c.exec("echo", "exec from the parent").stdout()).isEqualTo("exec from the parent\n");
        assertThat(c.stats().pids()).isPositive();
        assertThat(c.stop().exitCode()).isEqualTo(143);
        assertThat(c.info().status()).isEqualTo(ContainerStatus.EXITED);
        assertThat(c.output()).isEqualTo("from child\n");
        c.remove(false);
        assertThat(cgroupDirs(c.id())).isEmpty();
    }

    @Test
    void anAttachedContainerDiesWithItsJvmAndStaysAsARecord() throws Exception {
        assertThat(child("run-attached-then-die", "orphan", busybox)).containsExactly("started");

        Container c = containers.get("orphan").orElseThrow();
        ContainerExit exit = c.waitFor();
        assertThat(exit.exitCode()).isEqualTo(137);
        assertThat(c.info().status()).isEqualTo(ContainerStatus.EXITED);
        assertThat(c.output()).isEqualTo("attached\n");
        assertThat(cgroupDirs(c.id())).isEmpty();
        c.remove(false);
    }

    @Test
    void anAutoRemovedContainerLostWithItsJvmIsRemovedByTheNextOneThatLooks() throws Exception {
        assertThat(child("run-attached-autoremove-then-die", "ephemeral", busybox)).containsExactly("started");
        String id;
        try (Stream<Path> dirs = Files.list(home.resolve("containers"))) {
            id = dirs.map(p -> p.getFileName().toString()).filter(ContainerId::isFull).findFirst().orElseThrow();
        }

        // when: this JVM looks, finds it recorded as running by a dead JVM, finishes it, and so removes it
        assertThat(containers.get("ephemeral")).isEmpty();

        // then
        assertThat(containers.list(true)).isEmpty();
        assertThat(home.resolve("containers").resolve(id)).doesNotExist();
        assertThat(engine.store().holds().list()).noneMatch(h -> h.name().startsWith("container/"));
        assertThat(cgroupDirs(id)).isEmpty();
    }

    @Test
    void anUnknownImageOrABadReferenceCreatesNothing() {
        assertThatThrownBy(() -> containers.create(registry.reference("library/nosuch:1")).cmd("true").start())
                .isInstanceOf(ImageNotFoundException.class);
        assertThatThrownBy(() -> containers.create("Bad//Reference").cmd("true").start())
                .isInstanceOf(ImageReferenceException.class);
        assertThatThrownBy(() -> busybox().entrypoint().start()).isInstanceOf(ContainerStartException.class)
                .hasMessageContaining("no command specified");
        assertThat(containers.list(true)).isEmpty();
        assertThat(engine.store().holds().list()).noneMatch(h -> h.name().startsWith("container/"));
    }

    private List<String> child(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ContainerChildMain.class.getName(), home.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("child JVM ended").isTrue();
            return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        } finally {
            p.destroyForcibly();
        }
    }
}
