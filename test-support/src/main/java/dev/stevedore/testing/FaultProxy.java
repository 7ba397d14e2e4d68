package dev.stevedore.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * An HTTP/1.1 reverse proxy on {@code 127.0.0.1} in front of a registry that forwards
 * everything faithfully (methods, headers, bodies streamed, chunked uploads, {@code Location}
 * pointed back at the proxy) and injects faults a test scripts with {@link #on(String, String)}.
 * It also listens on a second loopback address, {@code 127.0.0.2}, serving the same registry,
 * as the target of cross-host redirects.
 *
 * <pre>{@code
 * @RegisterExtension static LocalRegistry registry = LocalRegistry.anonymous();
 * @RegisterExtension static FaultProxy proxy = FaultProxy.inFrontOf(registry);
 *
 * @Test
 * void resumesABrokenBlobDownload() {
 *     InjectedFault drop = proxy.on("GET", "/v2/.+/blobs/.+").dropAfter(1000);
 *     ... // the client under test pulls from proxy.baseUri()
 *     assertThat(drop.hits()).isEqualTo(1);
 *     assertThat(proxy.requests()).last().satisfies(r -> assertThat(r.headers().firstValue("Range")).contains("bytes=1000-"));
 * }
 * }</pre>
 *
 * <p>Faults ({@link FaultTrigger}): status answers with {@code Retry-After}, canned responses,
 * redirects (to the second host, https-to-http with {@link #withTls()}, loops), dropped and
 * stalled bodies, a flipped byte, a lying {@code Content-Length}, a replaced response header.
 * Every request is logged on arrival ({@link #requests()}). Each request goes to the registry
 * on a fresh connection, and only the registry's scheme and authority are used. A thread
 * serves each client connection; {@link #close()} closes every socket and joins every thread.
 * As a JUnit 5 extension on a static field it runs for the class, and faults and the log are
 * cleared before each test; on an instance field it runs per test.
 */
public final class FaultProxy
        implements AutoCloseable, BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {
    /** The addresses the proxy listens on. */
    public enum Listener {
        /** {@code 127.0.0.1}: {@link #baseUri()}. */
        PRIMARY,
        /** {@code 127.0.0.2}: {@link #secondHostUri()}, the same registry on another host. */
        SECOND_HOST,
        /** {@code 127.0.0.1} over plain HTTP, only with {@link #withTls()}: {@link #plainHttpUri()}. */
        PLAIN_HTTP
    }

    private static final AtomicInteger IDS = new AtomicInteger();
    private static final long JOIN_MILLIS = 10_000;
    private static final int CONNECT_MILLIS = 5_000;
    private static final int UPSTREAM_READ_MILLIS = 60_000;

    private final Supplier<URI> upstream;
    private final Supplier<Optional<SSLContext>> upstreamSsl;
    private final boolean tls;
    private final String threadPrefix = "stevedore-fault-proxy-" + IDS.incrementAndGet() + "-";
    private final List<InjectedFault> faults = new CopyOnWriteArrayList<>();
    private final List<ProxiedRequest> log = new CopyOnWriteArrayList<>();
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    private volatile boolean closing;
    /** Volatile, read without the lock: connection threads look up ports while close() holds it. */
    private volatile Running running;
    private boolean startedForOneTest;

    /** What exists only while started. */
    private record Running(Map<Listener, ProxyListener> listeners, Optional<TestCertificates> certificates, Path workDir) {}

    private FaultProxy(Supplier<URI> upstream, Supplier<Optional<SSLContext>> upstreamSsl, boolean tls) {
        this.upstream = upstream;
        this.upstreamSsl = upstreamSsl;
        this.tls = tls;
    }

    /**
     * A proxy in front of {@code registry}, whose address (and TLS trust) is looked up per
     * request, so the proxy may start before the registry.
     *
     * <pre>{@code try (FaultProxy proxy = FaultProxy.inFrontOf(registry).start()) { ... }}</pre>
     *
     * @param registry the registry to forward to
     * @return a proxy, not yet started
     */
    public static FaultProxy inFrontOf(LocalRegistry registry) {
        Objects.requireNonNull(registry, "registry");
        return new FaultProxy(registry::baseUri, () -> registry.trust().map(TlsTrust::sslContext), false);
    }

    /**
     * A proxy in front of any registry; {@code https} upstreams are verified with the JVM's default trust.
     *
     * @param upstream the registry's base URI; only scheme and authority are used
     * @return a proxy, not yet started
     */
    public static FaultProxy to(URI upstream) {
        Objects.requireNonNull(upstream.getHost(), "upstream host");
        return new FaultProxy(() -> upstream, Optional::empty, false);
    }

    /**
     * The same proxy serving HTTPS with a test CA made at start ({@link #trust()}), plus a
     * plain-HTTP listener for {@link FaultTrigger#redirectToPlainHttp()} downgrades.
     *
     * @return a new, unstarted proxy
     */
    public FaultProxy withTls() {
        return new FaultProxy(upstream, upstreamSsl, true);
    }

    /**
     * Binds the listeners and starts accepting.
     *
     * @return this proxy, running
     * @throws IllegalStateException if it is already running
     * @throws FixtureException if a listener cannot be bound
     */
    public synchronized FaultProxy start() {
        if (running != null) {
            throw new IllegalStateException("fault proxy is already running at " + baseUri());
        }
        closing = false;
        Path workDir = TempDirs.create("stevedore-fault-proxy-");
        Map<Listener, ProxyListener> listeners = new EnumMap<>(Listener.class);
        try {
            Optional<TestCertificates> certificates = tls
                    ? Optional.of(TestCertificates.createIn(workDir.resolve("tls"))) : Optional.empty();
            SSLContext server = certificates.map(FaultProxy::serverContext).orElse(null);
            listeners.put(Listener.PRIMARY, ProxyListener.open(this, Listener.PRIMARY, "127.0.0.1", server));
            listeners.put(Listener.SECOND_HOST, ProxyListener.open(this, Listener.SECOND_HOST, "127.0.0.2", server));
            if (tls) {
                listeners.put(Listener.PLAIN_HTTP, ProxyListener.open(this, Listener.PLAIN_HTTP, "127.0.0.1", null));
            }
            running = new Running(listeners, certificates, workDir);
            return this;
        } catch (IOException e) {
            running = new Running(listeners, Optional.empty(), workDir);
            close();
            throw new FixtureException("Tried to start the fault proxy but failed because: " + e.getMessage(), e);
        } catch (RuntimeException | Error e) {
            running = new Running(listeners, Optional.empty(), workDir);
            close();
            throw e;
        }
    }

    private static SSLContext serverContext(TestCertificates certificates) {
        try {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            char[] password = "stevedore".toCharArray();
            keys.setKeyEntry("proxy", Pem.privateKey(certificates.serverKey(), "EC"), password, new Certificate[] {
                    Pem.certificate(certificates.serverCertificate()), certificates.trust().caX509Certificate()});
            KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            managers.init(keys, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(managers.getKeyManagers(), null, null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new FixtureException("Tried to set up TLS for the fault proxy but failed because: " + e.getMessage(), e);
        }
    }

    /**
     * Whether the proxy is running.
     *
     * @return true between {@link #start()} and {@link #close()}
     */
    public synchronized boolean isRunning() {
        return running != null;
    }

    /**
     * The proxy's primary address as used in image references.
     *
     * @return {@code "127.0.0.1:PORT"}
     * @throws IllegalStateException if it is not running
     */
    public String host() {
        return "127.0.0.1:" + port(Listener.PRIMARY);
    }

    /**
     * The base URI clients should use instead of the registry's.
     *
     * @return {@code http://127.0.0.1:PORT/} ({@code https} with TLS)
     * @throws IllegalStateException if it is not running
     */
    public URI baseUri() {
        return URI.create(origin(Listener.PRIMARY) + "/");
    }

    /**
     * The same registry on the second loopback address, where cross-host redirects lead.
     *
     * @return {@code http://127.0.0.2:PORT2/} ({@code https} with TLS)
     * @throws IllegalStateException if it is not running
     */
    public URI secondHostUri() {
        return URI.create(origin(Listener.SECOND_HOST) + "/");
    }

    /**
     * The plain-HTTP address of a TLS proxy, where downgrade redirects lead.
     *
     * @return {@code http://127.0.0.1:PORT3/}
     * @throws IllegalStateException if it is not running or has no TLS
     */
    public URI plainHttpUri() {
        return URI.create(origin(Listener.PLAIN_HTTP) + "/");
    }

    /**
     * The trust material for a TLS proxy (its certificate names 127.0.0.1, 127.0.0.2 and localhost).
     *
     * @return the trust, or empty without TLS
     * @throws IllegalStateException if it is not running
     */
    public Optional<TlsTrust> trust() {
        return running().certificates().map(TestCertificates::trust);
    }

    /**
     * Starts scripting a fault for requests with {@code method} whose path (without query)
     * matches {@code pathRegex} entirely.
     *
     * <pre>{@code proxy.on("GET", "/v2/.+/blobs/.+").times(2).respond(503, Duration.ofSeconds(1));}</pre>
     *
     * @param method a method such as {@code GET}, or {@code *} for any
     * @param pathRegex a {@link Pattern} over the path, e.g. {@code /v2/.+/manifests/.+}
     * @return a trigger; its terminal methods install the fault
     */
    public FaultTrigger on(String method, String pathRegex) {
        return new FaultTrigger(this, Objects.requireNonNull(method, "method"), Pattern.compile(pathRegex),
                Listener.PRIMARY, Optional.empty());
    }

    /** Removes every installed fault. */
    public void clearFaults() {
        faults.clear();
    }

    /**
     * Every request so far (since the last reset), in arrival order.
     *
     * @return a snapshot of the log
     */
    public List<ProxiedRequest> requests() {
        return List.copyOf(log);
    }

    /**
     * The requests that arrived at one listener, e.g. what crossed to the second host.
     *
     * @param listener the address
     * @return a snapshot of those requests
     */
    public List<ProxiedRequest> requests(Listener listener) {
        return log.stream().filter(r -> r.listener() == listener).toList();
    }

    /**
     * How many requests with {@code method} had a path matching {@code pathRegex}, on any listener.
     *
     * @param method a method, or {@code *} for any
     * @param pathRegex a regex over the whole path
     * @return the count
     */
    public int count(String method, String pathRegex) {
        Pattern path = Pattern.compile(pathRegex);
        return (int) log.stream()
                .filter(r -> (method.equals("*") || r.method().equals(method)) && path.matcher(r.path()).matches())
                .count();
    }

    /** Removes every fault and clears the request log. */
    public void reset() {
        faults.clear();
        log.clear();
    }

    /**
     * Stops accepting, closes every client and registry connection (stalled ones too), joins
     * every thread, and removes the TLS material. Does nothing when not running; safe to call
     * twice.
     *
     * @throws FixtureException if a thread is still alive 10 s later
     */
    @Override
    public synchronized void close() {
        Running current = running;
        if (current == null) {
            return;
        }
        running = null;
        closing = true;
        try {
            for (ProxyListener listener : current.listeners().values()) {
                try {
                    listener.close();
                } catch (IOException e) {
                    // closing anyway
                }
            }
            new ArrayList<>(sockets).forEach(FaultProxy::closeQuietly);
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(JOIN_MILLIS);
            for (Thread thread : new ArrayList<>(threads)) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                thread.join(Math.max(1, left));
                if (thread.isAlive()) {
                    throw new FixtureException("Tried to stop the fault proxy but thread " + thread.getName()
                            + " was still running after " + JOIN_MILLIS + " ms");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            TempDirs.deleteRecursively(current.workDir());
        }
    }

    /** Starts the proxy for the whole class (static field registration). */
    @Override
    public void beforeAll(ExtensionContext context) {
        startIfStopped(false);
    }

    /** Stops the proxy started for the class. */
    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    /** Starts the proxy for one test on an instance field; otherwise clears faults and the log. */
    @Override
    public void beforeEach(ExtensionContext context) {
        if (!startIfStopped(true)) {
            reset();
        }
    }

    /** Publishes the request log if the test failed; stops a proxy started for this test. */
    @Override
    public synchronized void afterEach(ExtensionContext context) {
        if (context.getExecutionException().isPresent() && !log.isEmpty()) {
            context.publishReportEntry("fault proxy requests", log.toString());
        }
        if (startedForOneTest) {
            startedForOneTest = false;
            close();
        }
    }

    private synchronized boolean startIfStopped(boolean forOneTest) {
        if (running != null) {
            return false;
        }
        start();
        startedForOneTest = forOneTest;
        return true;
    }

    /** The prefix of every thread this proxy starts, for leak checks. */
    String threadPrefix() {
        return threadPrefix;
    }

    boolean tls() {
        return tls;
    }

    void install(InjectedFault fault) {
        faults.add(fault);
    }

    Optional<InjectedFault> claim(Listener listener, String method, String path) {
        return faults.stream().filter(f -> f.claim(listener, method, path)).findFirst();
    }

    void log(ProxiedRequest request) {
        log.add(request);
    }

    /** {@code scheme://host:port} of a listener. */
    String origin(Listener listener) {
        return (tls && listener != Listener.PLAIN_HTTP ? "https" : "http") + "://"
                + (listener == Listener.SECOND_HOST ? "127.0.0.2" : "127.0.0.1") + ":" + port(listener);
    }

    URI upstreamUri() {
        return upstream.get();
    }

    /** A connected socket to the registry, tracked until {@link #untrack}. */
    Socket connectUpstream() throws IOException {
        URI uri;
        try {
            uri = upstream.get();
        } catch (RuntimeException e) {
            throw new IOException(e.getMessage(), e);
        }
        boolean https = "https".equalsIgnoreCase(uri.getScheme());
        int port = uri.getPort() != -1 ? uri.getPort() : https ? 443 : 80;
        Socket raw = new Socket(Proxy.NO_PROXY);
        if (!track(raw)) {
            throw new IOException("the fault proxy is closing");
        }
        try {
            raw.connect(new InetSocketAddress(uri.getHost(), port), CONNECT_MILLIS);
            raw.setSoTimeout(UPSTREAM_READ_MILLIS);
            if (!https) {
                return raw;
            }
            SSLContext context = upstreamSsl.get().orElse(SSLContext.getDefault());
            SSLSocket ssl = (SSLSocket) context.getSocketFactory().createSocket(raw, uri.getHost(), port, true);
            SSLParameters parameters = ssl.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            ssl.setSSLParameters(parameters);
            track(ssl);
            untrack(raw);
            return ssl;
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            closeQuietly(raw);
            untrack(raw);
            throw e instanceof IOException ? (IOException) e : new IOException(e.getMessage(), e);
        }
    }

    /** Registers a socket for {@link #close()}; false (and closes it) if the proxy is closing. */
    boolean track(Socket socket) {
        sockets.add(socket);
        if (closing) {
            closeQuietly(socket);
            sockets.remove(socket);
            return false;
        }
        return true;
    }

    void untrack(Socket socket) {
        sockets.remove(socket);
    }

    /** Starts a thread that {@link #close()} joins. */
    void spawn(String name, Runnable body) {
        Thread thread = new Thread(() -> {
            try {
                body.run();
            } finally {
                threads.remove(Thread.currentThread());
            }
        }, threadPrefix + name);
        thread.setDaemon(true);
        threads.add(thread);
        thread.start();
    }

    private int port(Listener listener) {
        ProxyListener bound = running().listeners().get(listener);
        if (bound == null) {
            throw new IllegalStateException("this fault proxy has no " + listener + " listener (only withTls() has one)");
        }
        return bound.port();
    }

    private Running running() {
        Running current = running;
        if (current == null) {
            throw new IllegalStateException("the fault proxy is not running: register it with @RegisterExtension "
                    + "or call start()");
        }
        return current;
    }

    /** Whether {@link #close()} has begun (or finished). */
    boolean closing() {
        return closing;
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already broken
        }
    }

    /** Names the TLS mode and, while running, the address. */
    @Override
    public synchronized String toString() {
        return "FaultProxy[" + (tls ? "https" : "http") + (running == null ? ", stopped" : ", " + host()) + ", "
                + faults.size() + " faults]";
    }
}
