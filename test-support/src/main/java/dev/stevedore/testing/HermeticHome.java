package dev.stevedore.testing;

import java.net.ProxySelector;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Makes a test class hermetic: temp {@code STEVEDORE_HOME}, {@code DOCKER_CONFIG}, home and
 * XDG directories (a {@link HermeticEnvironment}, injectable as a parameter), the matching
 * system properties ({@code stevedore.home}, {@code docker.config}, {@code xdg.*}) set for
 * the class and restored afterwards, and a guard on network access: while the class runs,
 * the default {@link ProxySelector} refuses every URI whose host is not loopback and the test
 * that tried fails, naming the URI, even if the library swallowed the error. (Names other
 * than localhost do not resolve anyway in test JVMs, see {@code loopback-hosts}.)
 *
 * <pre>{@code
 * @ExtendWith(HermeticHome.class)
 * class LoginTest {
 *     @Test
 *     void storesCredentialsUnderDockerConfig(HermeticEnvironment env) {
 *         ...
 *         assertThat(env.dockerConfig().resolve("config.json")).exists();
 *     }
 * }
 * }</pre>
 *
 * <p>Registered on a class (or a static field) the environment lives for the class and its
 * {@code @Nested} classes; registered on an instance field, for one test. The proxy selector
 * and system properties are JVM-wide: do not run hermetic classes concurrently.
 */
public final class HermeticHome
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(HermeticHome.class);
    private static final String KEY = "session";

    /** Creates the extension; JUnit does this for {@code @ExtendWith(HermeticHome.class)}. */
    public HermeticHome() {}

    /** Sets up the environment for the class. */
    @Override
    public void beforeAll(ExtensionContext context) {
        if (find(context).isEmpty()) {
            context.getStore(NAMESPACE).put(KEY, Session.open());
        }
    }

    /** Tears down the class's environment; fails if anything outside a test reached a non-loopback host. */
    @Override
    public void afterAll(ExtensionContext context) {
        Session session = context.getStore(NAMESPACE).remove(KEY, Session.class);
        if (session != null) {
            List<URI> refused = session.guard.drainRefused();
            session.close();
            failIfAny(refused);
        }
    }

    /** Sets up an environment for one test when registered on an instance field. */
    @Override
    public void beforeEach(ExtensionContext context) {
        if (find(context).isEmpty()) {
            context.getStore(NAMESPACE).put(KEY, Session.open());
        }
    }

    /** Fails the test if it reached for a non-loopback host; tears down a per-test environment. */
    @Override
    public void afterEach(ExtensionContext context) {
        Session perTest = context.getStore(NAMESPACE).remove(KEY, Session.class);
        Session session = perTest != null ? perTest : find(context).orElseThrow();
        List<URI> refused = session.guard.drainRefused();
        if (perTest != null) {
            perTest.close();
        }
        failIfAny(refused);
    }

    /** Supports parameters of type {@link HermeticEnvironment}. */
    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == HermeticEnvironment.class;
    }

    /** Injects the current {@link HermeticEnvironment}. */
    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return find(context).map(session -> session.environment).orElseThrow(() -> new ParameterResolutionException(
                "no hermetic environment is active here: register HermeticHome on the class"));
    }

    private static Optional<Session> find(ExtensionContext context) {
        return Optional.ofNullable(context.getStore(NAMESPACE).get(KEY, Session.class));
    }

    private static void failIfAny(List<URI> refused) {
        if (!refused.isEmpty()) {
            Assertions.fail("a hermetic test tried to reach a non-loopback host: " + refused
                    + "; tests may only talk to localhost, 127.0.0.0/8 or ::1 (start a LocalRegistry instead)");
        }
    }

    /** One environment: temp dirs, saved system properties, the installed guard. */
    private static final class Session {
        private final HermeticEnvironment environment;
        private final Map<String, String> previousProperties = new HashMap<>();
        private final ProxySelector previousSelector;
        private final LoopbackGuard guard = new LoopbackGuard();
        private boolean closed;

        private Session(HermeticEnvironment environment) {
            this.environment = environment;
            environment.systemProperties().forEach((name, value) -> {
                previousProperties.put(name, System.getProperty(name));
                System.setProperty(name, value);
            });
            this.previousSelector = ProxySelector.getDefault();
            ProxySelector.setDefault(guard);
        }

        static Session open() {
            Path root = TempDirs.create("stevedore-hermetic-");
            try {
                return new Session(HermeticEnvironment.createIn(root));
            } catch (RuntimeException e) {
                TempDirs.deleteRecursively(root);
                throw e;
            }
        }

        synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            ProxySelector.setDefault(previousSelector);
            previousProperties.forEach((name, value) -> {
                if (value == null) {
                    System.clearProperty(name);
                } else {
                    System.setProperty(name, value);
                }
            });
            TempDirs.deleteRecursively(environment.root());
        }
    }
}
