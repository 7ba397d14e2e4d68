package dev.stevedore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stevedore.oci.History;
import org.junit.jupiter.api.Test;

class ContainerCommitIT extends ContainerFixture {
    @Test
    void commitsTheChangesOfAnExitedContainerThenRunsTheNewImage() {
        Image committed;
        try (Container c = busybox("sh", "-c", "echo v1 > /data.txt && rm /bin/vi && mkdir -p /opt/app").env("MODE", "test")
                .workdir("/opt/app").label("stage", "built").start()) {
            assertThat(c.waitFor().exitCode()).isZero();
            committed = c.commit(CommitOptions.tagged("committed:1").withAuthor("ci").withMessage("snapshot"));
        }

        assertThat(committed.references()).first().asString().endsWith("committed:1");
        assertThat(committed.layers()).hasSize(2);
        assertThat(committed.config().config().env()).contains("MODE=test");
        assertThat(committed.config().config().workingDir()).contains("/opt/app");
        assertThat(committed.config().config().labels()).containsEntry("stage", "built");
        assertThat(committed.config().author()).contains("ci");
        History last = committed.history().get(committed.history().size() - 1);
        assertThat(last.createdBy()).contains("sh -c echo v1 > /data.txt && rm /bin/vi && mkdir -p /opt/app");
        assertThat(last.comment()).contains("snapshot");

        try (Container again = containers.create("committed:1")
                .cmd("sh", "-c", "cat /data.txt; test -e /bin/vi || echo vi-gone; pwd; echo $MODE").start()) {
            assertThat(again.waitFor().exitCode()).isZero();
            assertThat(again.output()).isEqualTo("v1\nvi-gone\n/opt/app\ntest\n");
        }
    }

    @Test
    void commitsARunningContainerWithoutStoppingIt() {
        try (Container c = busybox("sleep", "30").init(true).start()) {
            c.exec("sh", "-c", "echo live > /state");
            Image image = c.commit();
            assertThat(c.isRunning()).isTrue();
            assertThat(image.references()).isEmpty();
            assertThat(engine.images().find(image.id())).isPresent();
            try (Container copy = containers.create(image).cmd("cat", "/state").start()) {
                copy.waitFor();
                assertThat(copy.output()).isEqualTo("live\n");
            }
            assertThat(c.exec("cat", "/state").stdout()).isEqualTo("live\n");
        }
    }
}
