package dev.stevedore.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A Docker token server (the registry token authentication spec) on an ephemeral
 * {@code 127.0.0.1} port, whose signed JWTs the real {@code docker-registry} accepts when
 * started with {@link LocalRegistry#tokenAuth(TokenServer)}.
 *
 * <ul>
 *   <li>{@code GET /token?service=S&scope=repository:NAME:pull,push&scope=...}, anonymous or
 *       with HTTP basic auth, answers {@code {"token", "access_token", "expires_in", "issued_at"}}
 *       (plus {@code refresh_token} with {@code offline_token=true});</li>
 *   <li>{@code POST /token} (OAuth2 form) with {@code grant_type=password} (username,
 *       password, {@code client_id}, scope, service; {@code access_type=offline} adds a
 *       {@code refresh_token}) or {@code grant_type=refresh_token}.</li>
 * </ul>
 *
 * <p>Access is the intersection of what was asked and what the user has: denied scopes are
 * dropped from the token's {@code access} claim, never an error. Users have their actions on
 * every repository; anonymous clients get {@code pull} (or a 401, see
 * {@link Builder#anonymousPull(boolean)}). Wrong credentials get 401 on GET, 400
 * {@code invalid_grant} on POST; a foreign {@code service} gets 400.
 *
 * <pre>{@code
 * @RegisterExtension
 * static TokenServer tokens = TokenServer.builder().user(RegistryCredentials.of("alice", "pw")).build();
 * @RegisterExtension
 * static LocalRegistry registry = LocalRegistry.tokenAuth(tokens);
 *
 * @Test
 * void refreshesAfterA401() {
 *     tokens.failNext(1, 401);
 *     ... // the client under test pulls from registry.baseUri()
 *     assertThat(tokens.count("GET", "repository:busybox:pull")).isEqualTo(2);
 * }
 * }</pre>
 *
 * <p>Tokens are ES256 (or RS256) JWTs with {@code iss}, {@code sub}, {@code aud} (the service,
 * a string), {@code exp}, {@code nbf}, {@code iat}, {@code jti} and {@code access}. The header
 * carries the signing certificate in {@code x5c} (default) or the libtrust fingerprint of the
 * root key in {@code kid}; distribution 2.8 verifies both against {@link #rootCertificate()}.
 * Note that distribution accepts a token up to 60 s after its {@code exp}: to have the registry
 * reject tokens as expired, set a {@link #clock(Clock)} more than a minute in the past.
 *
 * <p>As a JUnit 5 extension on a static field it runs for the class and its counters,
 * scripted failures, {@code expiresIn} and clock are reset before each test; on an instance
 * field it runs per test. Keys and certificates are made with {@code openssl} at start.
 */
public final class TokenServer
        implements AutoCloseable, BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {
    /** The default {@code service} (token audience and the registry's {@code auth.token.service}). */
    public static final String DEFAULT_SERVICE = "stevedore-test-registry";
    /** The default {@code iss} claim and the registry's {@code auth.token.issuer}. */
    public static final String DEFAULT_ISSUER = "stevedore-test-token-server";
    /** How long tokens live unless {@link #expiresIn(Duration)} says otherwise. */
    public static final Duration DEFAULT_EXPIRES_IN = Duration.ofMinutes(5);

    /** How the JWT header names the signing key. */
    public enum KeyHeader {
        /** {@code x5c}: the signing certificate, issued by the root the registry trusts. */
        X5C,
        /** {@code kid}: the libtrust fingerprint of the root key itself, which signs. */
        KID
    }

    /** The JWS signature algorithm. */
    public enum Algorithm {
        /** ECDSA on P-256 with SHA-256. */
        ES256,
        /** RSASSA-PKCS1-v1_5 with SHA-256, 2048-bit keys. */
        RS256
    }

    private final TokenPolicy policy;
    private final String service;
    private final String issuer;
    private final KeyHeader keyHeader;
    private final Algorithm algorithm;
    private final boolean oauth2;

    private volatile Duration expiresIn = DEFAULT_EXPIRES_IN;
    private volatile Clock clock = Clock.systemUTC();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private volatile int failureStatus;
    private final List<TokenRequest> requests = new CopyOnWriteArrayList<>();

    private Running running;
    private boolean startedForOneTest;

    /** The parts that exist only while started. */
    private record Running(HttpServer server, ExecutorService executor, Path workDir, TokenKeys keys) {}

    private TokenServer(Builder builder) {
        Map<String, TokenPolicy.User> users = new LinkedHashMap<>(builder.users);
        if (users.isEmpty()) {
            RegistryCredentials random = RegistryCredentials.random();
            users.put(random.username(), new TokenPolicy.User(random, TokenPolicy.ALL_ACTIONS));
        }
        this.policy = new TokenPolicy(users, builder.anonymousPull);
        this.service = builder.service;
        this.issuer = builder.issuer;
        this.keyHeader = builder.keyHeader;
        this.algorithm = builder.algorithm;
        this.oauth2 = builder.oauth2;
    }

    /**
     * A token server with one user {@code stevedore} (random password, all actions), anonymous
     * pull, x5c ES256 tokens.
     *
     * <pre>{@code @RegisterExtension static TokenServer tokens = TokenServer.create();}</pre>
     *
     * @return a token server, not yet started
     */
    public static TokenServer create() {
        return builder().build();
    }

    /**
     * A builder for a token server with other users, policy or signing.
     *
     * <pre>{@code
     * TokenServer tokens = TokenServer.builder()
     *         .user(RegistryCredentials.of("alice", "pw"))            // pull, push, delete, catalog
     *         .user(RegistryCredentials.of("reader", "pw"), "pull")   // pull only
     *         .anonymousPull(false)
     *         .keyHeader(TokenServer.KeyHeader.KID)
     *         .build();
     * }</pre>
     *
     * @return a builder with the defaults of {@link #create()}, but no user yet
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts the server: makes keys with {@code openssl}, binds a loopback port.
     *
     * @return this server, running
     * @throws IllegalStateException if it is already running
     * @throws FixtureException if it cannot start
     */
    public synchronized TokenServer start() {
        if (running != null) {
            throw new IllegalStateException("token server is already running at " + realm());
        }
        Path workDir = TempDirs.create("stevedore-token-server-");
        ExecutorService executor = null;
        try {
            TokenKeys keys = TokenKeys.createIn(workDir.resolve("keys"), algorithm);
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
            executor = Executors.newFixedThreadPool(4, r -> {
                Thread thread = new Thread(r, "stevedore-token-server");
                thread.setDaemon(true);
                return thread;
            });
            server.setExecutor(executor);
            server.createContext("/", new TokenEndpoint(this, policy, keys));
            server.start();
            running = new Running(server, executor, workDir, keys);
            return this;
        } catch (IOException e) {
            release(executor, workDir);
            throw new FixtureException("Tried to start the token server but failed because: " + e.getMessage(), e);
        } catch (RuntimeException | Error e) {
            release(executor, workDir);
            throw e;
        }
    }

    private static void release(ExecutorService executor, Path workDir) {
        if (executor != null) {
            executor.shutdownNow();
        }
        TempDirs.deleteRecursively(workDir);
    }

    /**
     * Whether the server is running.
     *
     * @return true between {@link #start()} and {@link #close()}
     */
    public synchronized boolean isRunning() {
        return running != null;
    }

    /**
     * The token endpoint, for the registry's {@code auth.token.realm}.
     *
     * @return {@code http://127.0.0.1:PORT/token}
     * @throws IllegalStateException if it is not running
     */
    public URI realm() {
        return URI.create("http://127.0.0.1:" + running().server().getAddress().getPort() + "/token");
    }

    /**
     * The {@code service} tokens are issued for (their {@code aud}).
     *
     * @return the service name
     */
    public String service() {
        return service;
    }

    /**
     * The {@code iss} of every token.
     *
     * @return the issuer
     */
    public String issuer() {
        return issuer;
    }

    /**
     * The first configured user, who has every action unless configured otherwise; the
     * credentials {@link LocalRegistry#tokenAuth(TokenServer)} hands to skopeo.
     *
     * @return the first user's credentials
     */
    public RegistryCredentials credentials() {
        return policy.users().values().stream()
                .findFirst().orElseThrow().credentials();
    }

    /**
     * The PEM file holding the root certificate that tokens chain to, for the registry's
     * {@code auth.token.rootcertbundle}.
     *
     * @return the certificate file, removed on {@link #close()}
     * @throws IllegalStateException if it is not running
     */
    public Path rootCertificate() {
        return running().keys().rootCertificate();
    }

    /**
     * Signs a token for {@code subject} granting exactly {@code scopes}, bypassing the policy
     * and the HTTP endpoint (nothing is counted). For tokens a client could not get, e.g. one
     * from a foreign server, which the registry must reject.
     *
     * <pre>{@code String token = otherServer.issueToken("alice", "repository:busybox:pull");}</pre>
     *
     * @param subject the {@code sub} claim; empty for anonymous
     * @param scopes scopes like {@code repository:busybox:pull,push}
     * @return a compact JWS
     * @throws IllegalStateException if it is not running
     */
    public String issueToken(String subject, String... scopes) {
        List<TokenScope> access = new ArrayList<>();
        Arrays.stream(scopes).forEach(s -> access.addAll(TokenScope.parseAll(s)));
        return TokenEndpoint.sign(this, running().keys(), subject, service, access, clock.instant());
    }

    /**
     * The requests answered so far (since the last reset), oldest first.
     *
     * @return a snapshot of the request log
     */
    public List<TokenRequest> requests() {
        return List.copyOf(requests);
    }

    /**
     * How many requests with {@code method} asked for exactly {@code scope} among their scopes.
     *
     * <pre>{@code assertThat(tokens.count("POST", "repository:app:pull,push")).isEqualTo(1);}</pre>
     *
     * @param method {@code GET} or {@code POST}
     * @param scope a scope as sent, e.g. {@code repository:busybox:pull}
     * @return the count
     */
    public int count(String method, String scope) {
        return (int) requests.stream().filter(r -> r.method().equals(method) && r.scopes().contains(scope)).count();
    }

    /**
     * The {@code Authorization} header of the last token request.
     *
     * @return the header as sent, or empty if the last request had none (or there was none)
     */
    public Optional<String> lastAuthorization() {
        List<TokenRequest> snapshot = requests();
        return snapshot.isEmpty() ? Optional.empty() : snapshot.get(snapshot.size() - 1).authorization();
    }

    /**
     * Makes the next {@code times} token requests fail with {@code status} (a 401 carries a
     * {@code WWW-Authenticate: Basic} challenge); they are still logged.
     *
     * <pre>{@code tokens.failNext(2, 500);}</pre>
     *
     * @param times how many requests fail
     * @param status the status to answer, 400-599
     */
    public void failNext(int times, int status) {
        if (times < 0 || status < 400 || status > 599) {
            throw new IllegalArgumentException("expected times >= 0 and an error status, got " + times + ", " + status);
        }
        failureStatus = status;
        failuresLeft.set(times);
    }

    /**
     * Sets the lifetime of tokens issued from now on ({@code expires_in}, and {@code exp} in
     * the token); whole seconds.
     *
     * <pre>{@code tokens.expiresIn(Duration.ofSeconds(1));}</pre>
     *
     * @param lifetime zero or more
     */
    public void expiresIn(Duration lifetime) {
        if (lifetime.isNegative()) {
            throw new IllegalArgumentException("token lifetime must not be negative: " + lifetime);
        }
        expiresIn = lifetime;
    }

    /**
     * Sets the clock tokens are issued by ({@code iat}, {@code nbf}, {@code exp},
     * {@code issued_at}).
     *
     * <pre>{@code tokens.clock(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-10))); // already expired}</pre>
     *
     * @param newClock the clock
     */
    public void clock(Clock newClock) {
        clock = Objects.requireNonNull(newClock, "clock");
    }

    /** Clears the request log and scripted failures, and restores the default lifetime and the system clock. */
    public void reset() {
        requests.clear();
        failuresLeft.set(0);
        expiresIn = DEFAULT_EXPIRES_IN;
        clock = Clock.systemUTC();
    }

    /** Stops the server and removes its keys; does nothing when not running; safe to call twice. */
    @Override
    public synchronized void close() {
        Running current = running;
        if (current == null) {
            return;
        }
        running = null;
        try {
            current.server().stop(0);
            current.executor().shutdownNow();
            if (!current.executor().awaitTermination(10, TimeUnit.SECONDS)) {
                throw new FixtureException("Tried to stop the token server but its threads were still running after 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            TempDirs.deleteRecursively(current.workDir());
        }
    }

    /** Starts the server unless running; true if this call started it. */
    synchronized boolean startIfStopped() {
        if (running != null) {
            return false;
        }
        start();
        return true;
    }

    /** Starts the server for the whole class (static field registration). */
    @Override
    public void beforeAll(ExtensionContext context) {
        startIfStopped();
    }

    /** Stops the server started for the class. */
    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    /** Starts the server for one test on an instance field; otherwise resets counters and knobs. */
    @Override
    public synchronized void beforeEach(ExtensionContext context) {
        if (startIfStopped()) {
            startedForOneTest = true;
        } else {
            reset();
        }
    }

    /** Publishes the request log if the test failed; stops a server started for this test. */
    @Override
    public synchronized void afterEach(ExtensionContext context) {
        if (context.getExecutionException().isPresent() && !requests.isEmpty()) {
            context.publishReportEntry("token requests", requests.toString());
        }
        if (startedForOneTest) {
            startedForOneTest = false;
            close();
        }
    }

    KeyHeader keyHeader() {
        return keyHeader;
    }

    boolean oauth2() {
        return oauth2;
    }

    Duration currentExpiresIn() {
        return expiresIn;
    }

    Clock currentClock() {
        return clock;
    }

    /** The status to fail this request with, or 0 to answer it. */
    int takeFailure() {
        return failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? failureStatus : 0;
    }

    void record(TokenRequest request) {
        requests.add(request);
    }

    private synchronized Running running() {
        if (running == null) {
            throw new IllegalStateException("the token server is not running: register it with @RegisterExtension "
                    + "or call start()");
        }
        return running;
    }

    /** Names the signing and, while running, the realm. */
    @Override
    public synchronized String toString() {
        return "TokenServer[" + algorithm + " " + keyHeader + ", service=" + service
                + (running == null ? ", stopped" : ", " + realm()) + "]";
    }

    /**
     * Configures a {@link TokenServer}.
     *
     * <pre>{@code TokenServer.builder().user(alice).user(bob, "pull").anonymousPull(false).build()}</pre>
     */
    public static final class Builder {
        private final Map<String, TokenPolicy.User> users = new LinkedHashMap<>();
        private boolean anonymousPull = true;
        private String service = DEFAULT_SERVICE;
        private String issuer = DEFAULT_ISSUER;
        private KeyHeader keyHeader = KeyHeader.X5C;
        private Algorithm algorithm = Algorithm.ES256;
        private boolean oauth2 = true;

        private Builder() {}

        /**
         * Adds a user with {@code actions} on every repository; with none, all of
         * {@code pull}, {@code push}, {@code delete} and {@code *} (catalog). The first user is
         * {@link TokenServer#credentials()}.
         *
         * @param credentials the user name and password
         * @param actions the actions granted, e.g. {@code "pull"}
         * @return this builder
         */
        public Builder user(RegistryCredentials credentials, String... actions) {
            Objects.requireNonNull(credentials, "credentials");
            users.put(credentials.username(), new TokenPolicy.User(credentials,
                    actions.length == 0 ? TokenPolicy.ALL_ACTIONS : Set.of(actions)));
            return this;
        }

        /**
         * Whether anonymous token requests get a pull-only token (default) or a 401.
         *
         * @param allowed true to issue anonymous pull tokens
         * @return this builder
         */
        public Builder anonymousPull(boolean allowed) {
            this.anonymousPull = allowed;
            return this;
        }

        /**
         * The service name (token audience); default {@value TokenServer#DEFAULT_SERVICE}.
         *
         * @param name the service
         * @return this builder
         */
        public Builder service(String name) {
            this.service = Objects.requireNonNull(name, "name");
            return this;
        }

        /**
         * The issuer name; default {@value TokenServer#DEFAULT_ISSUER}.
         *
         * @param name the issuer
         * @return this builder
         */
        public Builder issuer(String name) {
            this.issuer = Objects.requireNonNull(name, "name");
            return this;
        }

        /**
         * How the JWT header names the key: {@link KeyHeader#X5C} (default) or {@link KeyHeader#KID}.
         *
         * @param header the header style
         * @return this builder
         */
        public Builder keyHeader(KeyHeader header) {
            this.keyHeader = Objects.requireNonNull(header, "header");
            return this;
        }

        /**
         * The signature algorithm: {@link Algorithm#ES256} (default) or {@link Algorithm#RS256}.
         *
         * @param signatureAlgorithm the algorithm
         * @return this builder
         */
        public Builder algorithm(Algorithm signatureAlgorithm) {
            this.algorithm = Objects.requireNonNull(signatureAlgorithm, "signatureAlgorithm");
            return this;
        }

        /**
         * Whether {@code POST /token} (OAuth2) is served (default) or answers 404, like servers
         * that only speak the GET form.
         *
         * @param enabled true to serve OAuth2
         * @return this builder
         */
        public Builder oauth2(boolean enabled) {
            this.oauth2 = enabled;
            return this;
        }

        /**
         * Builds the server; without {@link #user} it has one user {@code stevedore} with a
         * random password and every action.
         *
         * @return a token server, not yet started
         */
        public TokenServer build() {
            return new TokenServer(this);
        }
    }
}
