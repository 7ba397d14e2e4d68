package dev.stevedore.testing;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real registry for tests: the {@code docker-registry} binary (distribution 2.8, Debian
 * package {@code docker-registry}) on an ephemeral {@code 127.0.0.1} port, with storage,
 * config and log in a temp directory that is removed when it stops.
 *
 * <p>As a JUnit 5 extension on a static field it runs once for the class; on an instance
 * field, once per test:
 *
 * <pre>{@code
 * @RegisterExtension
 * static LocalRegistry registry = LocalRegistry.anonymous();
 *
 * @Test
 * void pullsBusybox() {
 *     String ref = BusyboxImage.shared().pushTo(registry, "busybox:latest");
 *     ...
 * }
 * }</pre>
 *
 * <p>Outside JUnit it is an {@link AutoCloseable}:
 *
 * <pre>{@code
 * try (LocalRegistry registry = LocalRegistry.anonymous().start()) {
 *     System.out.println(registry.baseUri());
 * }
 * }</pre>
 *
 * <p>Variants: {@link #anonymous()}, {@link #htpasswd()} (basic auth from a bcrypt
 * htpasswd file, needs {@code apache2-utils}), {@link #tokenAuth(TokenServer)} (bearer tokens
 * from a {@link TokenServer}), {@link #tls()} (a CA and server certificate made at start with
 * {@code openssl}); {@link #withTls()}, {@link #withHtpasswd} and {@link #withTokenAuth}
 * combine them. Stopping sends SIGTERM, then SIGKILL after {@value #STOP_GRACE_SECONDS} s, and waits
 * for the process to exit. A missing binary skips the test (fails it in strict mode, see
 * {@link Preconditions}).
 */
public final class LocalRegistry
        implements AutoCloseable, BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {
    /** Seconds between SIGTERM and SIGKILL when stopping. */
    public static final long STOP_GRACE_SECONDS = 5;

    private final RegistrySpec spec;
    private RunningRegistry running;
    private boolean startedForOneTest;
    private boolean lastStopNeededSigkill;

    private LocalRegistry(RegistrySpec spec) {
        this.spec = spec;
    }

    /**
     * A registry anyone may push to and pull from, over plain HTTP.
     *
     * <pre>{@code @RegisterExtension static LocalRegistry registry = LocalRegistry.anonymous();}</pre>
     *
     * @return a registry, not yet started
     */
    public static LocalRegistry anonymous() {
        return new LocalRegistry(RegistrySpec.anonymous(Duration.ofSeconds(STOP_GRACE_SECONDS)));
    }

    /**
     * A registry that demands HTTP basic auth for user {@code stevedore} with a random
     * password, read back through {@link #credentials()}.
     *
     * <pre>{@code @RegisterExtension static LocalRegistry registry = LocalRegistry.htpasswd();}</pre>
     *
     * @return a registry, not yet started
     */
    public static LocalRegistry htpasswd() {
        return anonymous().withHtpasswd(RegistryCredentials.random());
    }

    /**
     * A registry that demands HTTP basic auth with the given credentials.
     *
     * @param credentials the only user the registry accepts
     * @return a registry, not yet started
     */
    public static LocalRegistry htpasswd(RegistryCredentials credentials) {
        return anonymous().withHtpasswd(credentials);
    }

    /**
     * A registry that demands bearer tokens from {@code tokens} (distribution's
     * {@code auth.token} with the server's realm, service, issuer and root certificate): a
     * request without a token gets 401 with
     * {@code WWW-Authenticate: Bearer realm="http://127.0.0.1:P/token",service="...",scope="..."}.
     * Starting the registry starts the token server if it is not running (and then stops it
     * with the registry); {@link #credentials()} and {@link #skopeo()} use the token server's
     * first user.
     *
     * <pre>{@code
     * @RegisterExtension
     * static TokenServer tokens = TokenServer.create();
     * @RegisterExtension
     * static LocalRegistry registry = LocalRegistry.tokenAuth(tokens);
     * }</pre>
     *
     * <p>Register both on static fields (or only the registry): the registry reads the token
     * server's address and certificate once, at its start.
     *
     * @param tokens the token server whose tokens the registry trusts
     * @return a registry, not yet started
     */
    public static LocalRegistry tokenAuth(TokenServer tokens) {
        return anonymous().withTokenAuth(tokens);
    }

    /**
     * The same registry, demanding bearer tokens from {@code tokens}.
     *
     * <pre>{@code LocalRegistry.tls().withTokenAuth(tokens)}</pre>
     *
     * @param tokens the token server whose tokens the registry trusts
     * @return a new, unstarted registry with token auth
     * @throws IllegalArgumentException if this registry uses htpasswd
     */
    public LocalRegistry withTokenAuth(TokenServer tokens) {
        return new LocalRegistry(spec.withTokenServer(Objects.requireNonNull(tokens, "tokens")));
    }

    /**
     * A registry served over HTTPS with a certificate from a test CA made at start; clients
     * get the trust material from {@link #trust()}.
     *
     * <pre>{@code @RegisterExtension static LocalRegistry registry = LocalRegistry.tls();}</pre>
     *
     * @return a registry, not yet started
     */
    public static LocalRegistry tls() {
        return anonymous().withTls();
    }

    /**
     * The same registry, served over HTTPS.
     *
     * <pre>{@code LocalRegistry.htpasswd().withTls()}</pre>
     *
     * @return a new, unstarted registry with TLS
     */
    public LocalRegistry withTls() {
        return new LocalRegistry(spec.withTls());
    }

    /**
     * The same registry, demanding basic auth with {@code credentials}.
     *
     * @param credentials the only user the registry accepts
     * @return a new, unstarted registry with basic auth
     * @throws IllegalArgumentException if this registry uses token auth
     */
    public LocalRegistry withHtpasswd(RegistryCredentials credentials) {
        return new LocalRegistry(spec.withCredentials(credentials));
    }

    /** For tests of the port retry: ports come from {@code ports} instead of being picked. */
    LocalRegistry withPorts(IntSupplier ports) {
        return new LocalRegistry(spec.withPorts(ports));
    }

    /** For tests of the SIGKILL escalation: a shorter wait between SIGTERM and SIGKILL. */
    LocalRegistry withStopGrace(Duration stopGrace) {
        return new LocalRegistry(spec.withStopGrace(stopGrace));
    }

    /**
     * Starts the registry and waits until {@code GET /v2/} answers.
     *
     * <pre>{@code try (LocalRegistry registry = LocalRegistry.anonymous().start()) { ... }}</pre>
     *
     * @return this registry, running
     * @throws IllegalStateException if it is already running
     * @throws FixtureException if it does not start; the message holds the registry's log
     */
    public synchronized LocalRegistry start() {
        if (running != null) {
            throw new IllegalStateException("registry is already running at " + host());
        }
        running = RunningRegistry.start(spec);
        return this;
    }

    /**
     * Whether the registry process is running.
     *
     * @return true between {@link #start()} and {@link #close()}
     */
    public synchronized boolean isRunning() {
        return running != null && running.process().isAlive();
    }

    /**
     * The registry's address as used in image references.
     *
     * @return {@code "127.0.0.1:PORT"}
     * @throws IllegalStateException if it is not running
     */
    public String host() {
        return "127.0.0.1:" + port();
    }

    /**
     * The loopback port the registry listens on.
     *
     * @return the port
     * @throws IllegalStateException if it is not running
     */
    public int port() {
        return running().process().port();
    }

    /**
     * The registry's base URI, {@code http://127.0.0.1:PORT/} or {@code https://...} for TLS.
     *
     * <pre>{@code URI ping = registry.baseUri().resolve("/v2/");}</pre>
     *
     * @return the base URI, ending in {@code /}
     * @throws IllegalStateException if it is not running
     */
    public URI baseUri() {
        return URI.create((spec.tls() ? "https" : "http") + "://" + host() + "/");
    }

    /**
     * The registry process's id, e.g. to check that nothing is left after {@link #close()}.
     *
     * @return the pid
     * @throws IllegalStateException if it is not running
     */
    public long pid() {
        return running().process().pid();
    }

    /**
     * The directory the registry stores blobs and manifests in (its filesystem driver's
     * {@code rootdirectory}); removed on {@link #close()}.
     *
     * @return the storage directory
     * @throws IllegalStateException if it is not running
     */
    public Path storageDir() {
        return running().workDir().resolve("storage");
    }

    /**
     * The file the registry's stdout and stderr go to; removed on {@link #close()}.
     *
     * @return the log file
     * @throws IllegalStateException if it is not running
     */
    public Path logFile() {
        return running().process().logFile();
    }

    /**
     * The registry's log so far, for assertion messages.
     *
     * <pre>{@code assertThat(status).as(registry.logs()).isEqualTo(201);}</pre>
     *
     * @return the whole log
     * @throws IllegalStateException if it is not running
     */
    public String logs() {
        return running().process().log();
    }

    /**
     * The credentials clients log in with: the htpasswd user, or the token server's first
     * user for token auth.
     *
     * @return the credentials, or empty for an anonymous registry
     */
    public Optional<RegistryCredentials> credentials() {
        return spec.clientCredentials();
    }

    /**
     * The trust material for the TLS variant: the test CA as PEM file, cert directory,
     * trust store and SSL context.
     *
     * @return the trust material, or empty for a plain-HTTP registry
     * @throws IllegalStateException if it is not running
     */
    public Optional<TlsTrust> trust() {
        return running().certificates().map(TestCertificates::trust);
    }

    /**
     * A full reference to an image in this registry.
     *
     * <pre>{@code registry.reference("busybox:latest") // "127.0.0.1:PORT/busybox:latest"}</pre>
     *
     * @param repositoryAndTag a repository with tag or digest, relative to the registry
     * @return {@code host() + "/" + repositoryAndTag}
     * @throws IllegalStateException if it is not running
     */
    public String reference(String repositoryAndTag) {
        Objects.requireNonNull(repositoryAndTag, "repositoryAndTag");
        return host() + "/" + repositoryAndTag;
    }

    /**
     * Pushes the image tagged {@code tagInLayout} in an OCI image layout to this registry with
     * skopeo (a real peer), keeping the manifest digest.
     *
     * <pre>{@code String ref = registry.push(layoutDir, "latest", "app:1");}</pre>
     *
     * @param layoutDir an OCI image layout directory
     * @param tagInLayout the image's {@code org.opencontainers.image.ref.name} in the layout
     * @param repositoryAndTag where to push, e.g. {@code "busybox:latest"}
     * @return the full reference pushed
     * @throws CommandFailedException if skopeo fails; the message holds its stderr
     */
    public String push(Path layoutDir, String tagInLayout, String repositoryAndTag) {
        return skopeo().push(layoutDir, tagInLayout, repositoryAndTag);
    }

    /**
     * A skopeo set up for this registry (TLS trust and credentials included).
     *
     * <pre>{@code JsonNode info = registry.skopeo().inspect("busybox:latest");}</pre>
     *
     * @return the skopeo runner
     * @throws IllegalStateException if it is not running
     */
    public Skopeo skopeo() {
        return Skopeo.forRegistry(host(), trust().map(TlsTrust::certDirectory), spec.clientCredentials(),
                running().workDir().resolve("skopeo"));
    }

    /** How many process starts the last {@link #start()} took (more than 1 after a port clash). */
    int startAttempts() {
        return running().process().attempts();
    }

    /** Whether the last {@link #close()} had to escalate from SIGTERM to SIGKILL. */
    synchronized boolean lastStopNeededSigkill() {
        return lastStopNeededSigkill;
    }

    private synchronized RunningRegistry running() {
        if (running == null) {
            throw new IllegalStateException("the registry is not running: register it with @RegisterExtension "
                    + "or call start()");
        }
        return running;
    }

    /**
     * Stops the registry (SIGTERM, then SIGKILL after {@value #STOP_GRACE_SECONDS} s), waits for
     * the process to exit, and removes its storage, config, certificates and log. Does nothing
     * when not running; safe to call twice. The registry can be started again afterwards.
     */
    @Override
    public synchronized void close() {
        RunningRegistry current = running;
        if (current == null) {
            return;
        }
        running = null;
        try {
            current.close();
        } finally {
            lastStopNeededSigkill = current.process().killed();
        }
    }

    /** Starts the registry for the whole class (static field registration). */
    @Override
    public void beforeAll(ExtensionContext context) {
        startIfStopped(false);
    }

    /** Stops the registry started for the class. */
    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    /** Starts the registry for one test when it is registered on an instance field. */
    @Override
    public void beforeEach(ExtensionContext context) {
        startIfStopped(true);
    }

    /** Publishes the registry's log if the test failed; stops a registry started for this test. */
    @Override
    public void afterEach(ExtensionContext context) {
        synchronized (this) {
            if (running != null && context.getExecutionException().isPresent()) {
                context.publishReportEntry("docker-registry log", RegistryProcess.tail(running.process().log()));
            }
            if (startedForOneTest) {
                startedForOneTest = false;
                close();
            }
        }
    }

    private synchronized void startIfStopped(boolean forOneTest) {
        if (running == null) {
            start();
            startedForOneTest = forOneTest;
        }
    }

    /** Names the variant and, while running, the address. */
    @Override
    public synchronized String toString() {
        return "LocalRegistry[" + spec.variant() + (running == null ? ", stopped" : ", " + host() + ", pid " + pid()) + "]";
    }
}
