package dev.stevedore.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;
import org.opentest4j.AssertionFailedError;

/** Runs small hermetic test classes through the JUnit engine and checks what the extension reports. */
class HermeticHomeGuardTest {
    private static final String RUNNING = "stevedore.testkit.running";
    static final List<Path> seenRoots = new ArrayList<>();

    @BeforeEach
    void allowTheInnerClassesToRun() {
        seenRoots.clear();
        System.setProperty(RUNNING, "true");
    }

    @AfterEach
    void forbidThemAgain() {
        System.clearProperty(RUNNING);
    }

    @Test
    void failsATestThatSendsARequestToDockerHub() {
        // when
        Events tests = run(ReachesDockerHub.class);

        // then
        tests.assertStatistics(stats -> stats.failed(1).succeeded(0));
        Throwable failure = tests.failed().stream().findFirst().orElseThrow().getRequiredPayload(
                TestExecutionResult.class).getThrowable().orElseThrow();
        assertThat(failure).as("the client's own error").hasMessageContaining("https://registry-1.docker.io/v2/");
        assertThat(failure.getSuppressed()).as("the extension's report")
                .anySatisfy(report -> assertThat(report).isInstanceOf(AssertionFailedError.class)
                        .hasMessageContaining("https://registry-1.docker.io/v2/"));
    }

    @Test
    void failsATestEvenWhenItSwallowsTheError() {
        // when
        Events tests = run(SwallowsTheError.class);

        // then
        tests.assertThatEvents().haveExactly(1, event(test("triesQuietly"), finishedWithFailure(
                instanceOf(AssertionFailedError.class), message(m -> m.contains("https://registry-1.docker.io/v2/")))));
    }

    @Test
    void passesATestThatOnlyTalksToLoopback() {
        // when
        Events tests = run(StaysOnLoopback.class);

        // then
        tests.assertThatEvents().haveExactly(1, event(test("asksForLoopback"), finishedSuccessfully()));
        tests.assertStatistics(stats -> stats.failed(0).succeeded(1));
    }

    @Test
    void restoresProxySelectorAndPropertiesAndRemovesTheHomes() {
        // given
        ProxySelector before = ProxySelector.getDefault();
        System.setProperty("stevedore.home", "/outer/home");
        System.clearProperty("docker.config");

        try {
            // when
            run(StaysOnLoopback.class);

            // then
            assertThat(ProxySelector.getDefault()).isSameAs(before);
            assertThat(System.getProperty("stevedore.home")).isEqualTo("/outer/home");
            assertThat(System.getProperty("docker.config")).isNull();
            assertThat(seenRoots).hasSize(1);
            assertThat(Files.exists(seenRoots.get(0))).isFalse();
        } finally {
            System.clearProperty("stevedore.home");
        }
    }

    @Test
    void givesEachTestItsOwnHomeWhenRegisteredOnAnInstanceField() {
        // when
        Events tests = run(PerTestHomes.class);

        // then
        tests.assertStatistics(stats -> stats.failed(0).succeeded(2));
        assertThat(seenRoots).hasSize(2).doesNotHaveDuplicates();
        assertThat(seenRoots).noneMatch(Files::exists);
    }

    private static Events run(Class<?> testClass) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(testClass)).execute().testEvents();
    }

    @EnabledIfSystemProperty(named = RUNNING, matches = "true")
    @ExtendWith(HermeticHome.class)
    static class ReachesDockerHub {
        @Test
        void sendsToDockerHub() throws Exception {
            HttpClient client = HttpClient.newBuilder().proxy(ProxySelector.getDefault())
                    .connectTimeout(Duration.ofSeconds(5)).build();
            client.send(HttpRequest.newBuilder(URI.create("https://registry-1.docker.io/v2/")).build(),
                    HttpResponse.BodyHandlers.discarding());
        }
    }

    @EnabledIfSystemProperty(named = RUNNING, matches = "true")
    @ExtendWith(HermeticHome.class)
    static class SwallowsTheError {
        @Test
        void triesQuietly() {
            try {
                HttpClient.newBuilder().proxy(ProxySelector.getDefault()).build().send(
                        HttpRequest.newBuilder(URI.create("https://registry-1.docker.io/v2/")).build(),
                        HttpResponse.BodyHandlers.discarding());
            } catch (Exception | Error e) {
                // a library that retries and gives up quietly
            }
        }
    }

    @EnabledIfSystemProperty(named = RUNNING, matches = "true")
    @ExtendWith(HermeticHome.class)
    static class StaysOnLoopback {
        @Test
        void asksForLoopback(HermeticEnvironment env) {
            seenRoots.add(env.root());
            ProxySelector.getDefault().select(URI.create("http://127.0.0.1:5000/v2/"));
        }
    }

    @EnabledIfSystemProperty(named = RUNNING, matches = "true")
    static class PerTestHomes {
        @RegisterExtension
        HermeticHome home = new HermeticHome();

        @Test
        void first(HermeticEnvironment env) {
            seenRoots.add(env.root());
        }

        @Test
        void second(HermeticEnvironment env) {
            seenRoots.add(env.root());
        }
    }
}
