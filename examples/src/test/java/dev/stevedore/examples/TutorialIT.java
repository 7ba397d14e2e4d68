package dev.stevedore.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stevedore.Stevedore;
import dev.stevedore.testing.HermeticEnvironment;
import dev.stevedore.testing.HermeticHome;
import dev.stevedore.testing.Preconditions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The main job end to end: Docker's getting-started tutorial through the stevedore command. */
@ExtendWith(HermeticHome.class)
class TutorialIT {
    @Test
    void buildsRunsFetchesStopsAndPushesFriendlyhelloOnAnotherPortWhenItsPortIsTaken(HermeticEnvironment env)
            throws Exception {
        // given
        Preconditions.requiresSandbox();
        Preconditions.requiresCommand("docker-registry", "docker-registry");
        ByteArrayOutputStream transcript = new ByteArrayOutputStream();
        Tutorial tutorial = new Tutorial(env.stevedoreHome(), Path.of("").toAbsolutePath(), env.dockerConfig(),
                new PrintStream(transcript, true, StandardCharsets.UTF_8));

        // when the port it prefers is taken
        Tutorial.Result result;
        int taken;
        try (ServerSocket busy = new ServerSocket(0)) {
            taken = busy.getLocalPort();
            result = tutorial.run(taken);
        }

        // then
        String text = transcript.toString(StandardCharsets.UTF_8);
        assertThat(result.port()).isNotEqualTo(taken);
        assertThat(text).contains("(port " + taken + " is taken on this machine; publishing on " + result.port()
                + " instead)");
        assertThat(result.pages()).hasSize(2);
        assertThat(result.pages().get(0)).matches("<h3>Hello World!</h3><b>Hostname:</b> [0-9a-f]{12}<br/>"
                + "<b>Visits:</b> 1\n");
        assertThat(result.pages().get(1)).endsWith("<b>Visits:</b> 2\n");
        assertThat(result.registryTags()).contains("\"tags\":[\"part2\"]");
        assertThat(text).contains("Hello from Stevedore!").contains("Successfully tagged friendlyhello")
                .contains("Login Succeeded").contains("0.0.0.0:" + result.port() + "->80/tcp");
        try (Stevedore engine = Stevedore.builder().home(env.stevedoreHome()).build()) {
            assertThat(engine.containers().list(true)).isEmpty();
        }
    }
}
