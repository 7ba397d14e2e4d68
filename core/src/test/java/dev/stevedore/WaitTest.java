package dev.stevedore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WaitTest {
    private final FakeWaitTarget target = new FakeWaitTarget();
    private final ManualWaitClock clock = new ManualWaitClock();

    @Test
    void waitsForALogLineToAppear() {
        // given the line appears after three checks
        AtomicInteger sleeps = new AtomicInteger();
        clock.onSleep = () -> {
            if (sleeps.incrementAndGet() == 3) {
                target.log("server is Ready to accept");
            }
        };

        // when
        WaitLoop.await(Wait.forLog("Ready to"), target, clock);

        // then
        assertThat(clock.sleeps).hasSize(3);
    }

    @Test
    void countsMatchingLines() {
        target.log("ready");
        assertThat(Wait.forLog("ready", 2).check(target)).contains("seen 1 of 2");
        target.log("ready again");
        assertThat(Wait.forLog("ready", 2).check(target)).isEmpty();
    }

    @Test
    void timesOutWithTheLastLogLinesInTheMessage() {
        // given
        for (int i = 0; i < 25; i++) {
            target.log("line " + i);
        }

        // when / then
        assertThatThrownBy(() -> WaitLoop.await(Wait.forLog("never").withTimeout(Duration.ofSeconds(2)), target, clock))
                .isInstanceOf(ContainerWaitException.class)
                .hasMessageContaining("Tried to wait for a log line matching /never/ in container ffffffffffff")
                .hasMessageContaining("timed out after 2 s (seen 0 of 1)")
                .hasMessageContaining("last 20 log lines")
                .hasMessageContaining("line 24")
                .hasMessageNotContaining("line 4\n")
                .satisfies(e -> assertThat(((ContainerWaitException) e).lastLogLines()).hasSize(20));
        assertThat(clock.now).isEqualTo(Duration.ofSeconds(2).toNanos());
    }

    @Test
    void failsAtOnceWhenTheContainerExited() {
        target.log("boom");
        target.exit = Optional.of(new ContainerExit(2, false, Optional.of(Instant.EPOCH)));
        assertThatThrownBy(() -> WaitLoop.await(Wait.forLog("ready"), target, clock))
                .isInstanceOf(ContainerWaitException.class)
                .hasMessageContaining("the container exited with code 2 first")
                .hasMessageContaining("boom");
        assertThat(clock.sleeps).isEmpty();
    }

    @Test
    void passesWhenTheLineCameJustBeforeTheExit() {
        target.log("done");
        target.exit = Optional.of(new ContainerExit(0, false, Optional.empty()));
        WaitLoop.await(Wait.forLog("done"), target, clock);
        assertThat(clock.sleeps).isEmpty();
    }

    @Test
    void waitsForAListeningPort() {
        clock.onSleep = () -> target.listening.add(5432);
        WaitStrategy port = Wait.forListeningPort(5432);
        assertThat(port.check(target)).contains("nothing listens yet");
        WaitLoop.await(port, target, clock);
        assertThat(clock.sleeps).hasSize(1);
    }

    @Test
    void waitsForACommandToSucceed() {
        target.exec = r -> target.execCalls < 3 ? new ExecResult(1, "", "no") : new ExecResult(0, "ok", "");
        WaitLoop.await(Wait.forExec("pg_isready"), target, clock);
        assertThat(target.execCalls).isEqualTo(3);
        assertThat(clock.sleeps).hasSize(2);
    }

    @Test
    void growsThePauseBetweenChecksUpToHalfASecond() {
        assertThatThrownBy(() -> WaitLoop.await(Wait.forLog("x").withTimeout(Duration.ofSeconds(3)), target, clock))
                .isInstanceOf(ContainerWaitException.class);
        assertThat(clock.sleeps).startsWith(Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
                Duration.ofMillis(200), Duration.ofMillis(400), Duration.ofMillis(500));
        assertThat(clock.sleeps).allMatch(d -> d.compareTo(Duration.ofMillis(500)) <= 0);
    }

    @Test
    void allOfNeedsEveryStrategyAndNamesTheMissingOne() {
        WaitStrategy both = Wait.allOf(Wait.forLog("ready"), Wait.forListeningPort(80).withTimeout(Duration.ofSeconds(90)));
        assertThat(both.timeout()).isEqualTo(Duration.ofSeconds(90));
        target.log("ready");
        assertThat(both.check(target)).hasValueSatisfying(m -> assertThat(m).startsWith("TCP port 80"));
        target.listening.add(80);
        assertThat(both.check(target)).isEmpty();
        assertThat(both.description()).isEqualTo("a log line matching /ready/ and TCP port 80 listening inside the container");
    }

    @Test
    void strategiesAreImmutableValues() {
        WaitStrategy a = Wait.forLog("x");
        WaitStrategy b = a.withTimeout(Duration.ofSeconds(1));
        assertThat(a.timeout()).isEqualTo(Wait.DEFAULT_TIMEOUT);
        assertThat(b.timeout()).isEqualTo(Duration.ofSeconds(1));
        assertThatThrownBy(() -> a.withTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Wait.forLog("x", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Wait.forHttp(80, "nopath")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void waitsForAnHttpStatusThroughThePublishedPort() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        AtomicInteger calls = new AtomicInteger();
        server.createContext("/health", ex -> {
            int status = calls.incrementAndGet() < 2 ? 503 : 200;
            ex.sendResponseHeaders(status, -1);
            ex.close();
        });
        server.start();
        try {
            target.published.put(80, server.getAddress().getPort());
            WaitStrategy http = Wait.forHttp(80, "/health");
            assertThat(http.check(target)).hasValueSatisfying(m -> assertThat(m).contains("got HTTP 503"));
            WaitLoop.await(http, target, clock);
            assertThat(calls).hasValue(2);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void reportsAnUnpublishedPortAsNotReady() {
        assertThatThrownBy(() -> WaitLoop.await(Wait.forHttp(81, "/").withTimeout(Duration.ofMillis(100)), target, clock))
                .hasMessageContaining("IllegalArgumentException: container port 81 is not published");
    }
}
