package dev.stevedore.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineTestKit;

/** Starting, stopping and cleaning up the registry process. */
class LocalRegistryLifecycleIT {
    private static final String RUNNING = "stevedore.testkit.running";
    static final List<Long> seenPids = new ArrayList<>();
    static final List<Path> seenStorage = new ArrayList<>();

    @BeforeEach
    void allowTheInnerClassesToRun() {
        seenPids.clear();
        seenStorage.clear();
        System.setProperty(RUNNING, "true");
    }

    @AfterEach
    void forbidThemAgain() {
        System.clearProperty(RUNNING);
    }

    @Test
    void stopsRegistryProcessAfterUse() {
        // given
        long pid;
        Path storage;
        try (LocalRegistry registry = LocalRegistry.anonymous().start()) {
            pid = registry.pid();
            storage = registry.storageDir();
            assertThat(ProcessHandle.of(pid)).hasValueSatisfying(p -> assertThat(p.isAlive()).isTrue());
            assertThat(storage).isDirectory();
        }

        // then
        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
        assertThat(storage.getParent()).doesNotExist();
    }

    @Test
    void sigtermAloneStopsTheRegistry() {
        // given
        LocalRegistry registry = LocalRegistry.anonymous().start();

        // when
        registry.close();

        // then
        assertThat(registry.lastStopNeededSigkill()).isFalse();
    }

    @Test
    void escalatesToSigkillWhenTheRegistryIgnoresSigterm() {
        // given: a stopped process cannot act on SIGTERM, only SIGKILL ends it
        LocalRegistry registry = LocalRegistry.anonymous().withStopGrace(Duration.ofMillis(200)).start();
        long pid = registry.pid();
        Exec.check("suspend the registry", List.of("kill", "-STOP", Long.toString(pid)), Map.of(),
                Duration.ofSeconds(10));

        // when
        registry.close();

        // then
        assertThat(registry.lastStopNeededSigkill()).isTrue();
        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
    }

    @Test
    void listensOnLoopbackOnlyAndLogsToAFile() {
        try (LocalRegistry registry = LocalRegistry.anonymous().start()) {
            // then
            assertThat(registry.host()).isEqualTo("127.0.0.1:" + registry.port());
            assertThat(registry.baseUri()).hasToString("http://127.0.0.1:" + registry.port() + "/");
            assertThat(registry.logFile()).isRegularFile();
            assertThat(registry.logs()).contains("listening on 127.0.0.1:" + registry.port());
            assertThat(registry.credentials()).isEmpty();
            assertThat(registry.trust()).isEmpty();
        }
    }

    @Test
    void closingTwiceIsHarmlessAndTheRegistryCanStartAgain() {
        // given
        LocalRegistry registry = LocalRegistry.anonymous().start();
        long firstPid = registry.pid();
        registry.close();

        // when
        registry.close();
        registry.start();

        // then
        try (registry) {
            assertThat(registry.isRunning()).isTrue();
            assertThat(registry.pid()).isNotEqualTo(firstPid);
        }
        assertThat(registry.isRunning()).isFalse();
        assertThatIllegalStateException().isThrownBy(registry::host).withMessageContaining("not running");
    }

    @Test
    void retriesOnAnotherPortWhenThePickedOneIsTaken() throws IOException {
        // given: the first port handed out is held by this test
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            AtomicInteger calls = new AtomicInteger();
            LocalRegistry registry = LocalRegistry.anonymous()
                    .withPorts(() -> calls.getAndIncrement() == 0 ? taken.getLocalPort() : FreePort.pick());

            // when
            try (registry) {
                registry.start();

                // then
                assertThat(registry.startAttempts()).isEqualTo(2);
                assertThat(registry.port()).isNotEqualTo(taken.getLocalPort());
                assertThat(registry.logs()).contains("listening on 127.0.0.1:" + registry.port());
            }
        }
    }

    @Test
    void givesUpWithAClearErrorAndNoTempDirectoryWhenEveryPortIsTaken() throws IOException {
        // given
        Set<Path> before = registryTempDirs();
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            LocalRegistry registry = LocalRegistry.anonymous().withPorts(taken::getLocalPort);

            // when
            FixtureException e = catchThrowableOfType(FixtureException.class, registry::start);

            // then
            assertThat(e).hasMessageContaining("5 times").hasMessageContaining("127.0.0.1:" + taken.getLocalPort());
            assertThat(registry.isRunning()).isFalse();
        }
        assertThat(registryTempDirs()).isEqualTo(before);
    }

    @Test
    void startingTwiceIsRefused() {
        // when / then
        try (LocalRegistry registry = LocalRegistry.anonymous().start()) {
            assertThatIllegalStateException().isThrownBy(registry::start).withMessageContaining(registry.host());
        }
    }

    @Test
    void staticFieldRegistrationRunsOneRegistryForTheClassAndStopsIt() {
        // when
        EngineTestKit.engine("junit-jupiter").selectors(selectClass(SharedRegistry.class)).execute().testEvents()
                .assertStatistics(stats -> stats.failed(0).succeeded(2));

        // then
        assertThat(seenPids).hasSize(2).containsOnly(seenPids.get(0));
        assertThat(ProcessHandle.of(seenPids.get(0)).filter(ProcessHandle::isAlive)).isEmpty();
        assertThat(seenStorage.get(0)).doesNotExist();
    }

    @Test
    void instanceFieldRegistrationRunsOneRegistryPerTest() {
        // when
        EngineTestKit.engine("junit-jupiter").selectors(selectClass(RegistryPerTest.class)).execute().testEvents()
                .assertStatistics(stats -> stats.failed(0).succeeded(2));

        // then
        assertThat(seenPids).hasSize(2).doesNotHaveDuplicates();
        assertThat(seenPids).allSatisfy(pid -> assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty());
        assertThat(seenStorage).allSatisfy(dir -> assertThat(Files.exists(dir)).isFalse());
    }

    private static Set<Path> registryTempDirs() throws IOException {
        try (Stream<Path> entries = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return entries.filter(p -> p.getFileName().toString().startsWith("stevedore-registry-"))
                    .collect(Collectors.toSet());
        }
    }

    @EnabledIfSystemProperty(named = RUNNING, matches = "true")
    static class SharedRegistry {
        @RegisterExtension
        static LocalRegistry registry = LocalRegistry.anonymous();

        @Test
        void first() {
            seenPids.add(registry.pid());
            seenStorage.add(registry.storageDir());
        }

        @Test
        void second() {
            seenPids.add(registry.pid());
            seenStorage.add(registry.storageDir());
        }
    }

    @EnabledIfSystemProperty(named = RUNNING, matches = "true")
    static class RegistryPerTest {
        @RegisterExtension
        LocalRegistry registry = LocalRegistry.anonymous();

        @Test
        void first() {
            seenPids.add(registry.pid());
            seenStorage.add(registry.storageDir());
        }

        @Test
        void second() {
            seenPids.add(registry.pid());
            seenStorage.add(registry.storageDir());
        }
    }
}
