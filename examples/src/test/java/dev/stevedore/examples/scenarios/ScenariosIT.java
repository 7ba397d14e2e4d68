package dev.stevedore.examples.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stevedore.Image;
import dev.stevedore.Stevedore;
import dev.stevedore.testing.HermeticEnvironment;
import dev.stevedore.testing.HermeticHome;
import dev.stevedore.testing.Preconditions;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Runs every scenario class, so none of them rots. */
@ExtendWith(HermeticHome.class)
class ScenariosIT {
    static Stevedore engine;

    @BeforeAll
    static void engineOnTheHermeticHome(HermeticEnvironment env) {
        engine = Stevedore.builder().home(env.stevedoreHome()).build();
    }

    @AfterAll
    static void closeEngine() {
        if (engine != null) {
            engine.close();
        }
    }

    @BeforeEach
    void needsTheSandbox() {
        Preconditions.requiresSandbox();
    }

    @AfterEach
    void leavesNoContainerRunning() {
        assertThat(engine.containers().list(false)).isEmpty();
    }

    @Test
    void buildAndRunServesTheFriendlyhelloPage() throws Exception {
        String page = BuildAndRun.run(engine, Path.of("friendlyhello").toAbsolutePath());

        // the wait strategy's request was the first visit
        assertThat(page).matches("<h3>Hello World!</h3><b>Hostname:</b> [0-9a-f]{12}<br/><b>Visits:</b> \\d+\n");
    }

    @Test
    void pullAndPushRoundTripsThroughALocalRegistry() throws Exception {
        Preconditions.requiresCommand("docker-registry", "docker-registry");

        Image pulled = PullAndPush.run(engine);

        assertThat(pulled.id()).isEqualTo(engine.images().inspect("busybox:latest").id());
    }

    @Test
    void portPublishingReachesTheContainerThroughAFreeLoopbackPort() throws Exception {
        assertThat(PortPublishing.run(engine)).matches("\\[127\\.0\\.0\\.1:\\d+->80/tcp] [0-9a-f]{12}");
    }

    @Test
    void commitChangeKeepsTheFileInTheNewImage() {
        assertThat(CommitChange.run(engine)).isEqualTo("made in a container\n");
    }

    @Test
    void multiStageBuildCopiesOnlyTheArtifact() throws Exception {
        assertThat(MultiStageBuild.run(engine)).isEqualTo("built by stage build\n");
    }

    @Test
    void twoContainersOnOneNetworkReachEachOtherByName() {
        assertThat(TwoContainersOneNetwork.run(engine)).matches("[0-9a-f]{12}\n");
    }
}
