package dev.stevedore.registry;

import java.net.URI;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;

/**
 * Configures a {@link RegistryClient}; made by {@link RegistryClient#builder()}. Every setting
 * has a default: anonymous access, the JDK's CAs, no mirrors, an executor the client owns
 * with {@value #DEFAULT_PARALLELISM} transfers at a time, 30 s connect and 60 s idle timeouts.
 *
 * <pre>{@code
 * try (RegistryClient client = RegistryClient.builder()
 *         .credentials(Credentials.fromDockerConfig())
 *         .mirror("docker.io", URI.create("https://mirror.example"))
 *         .insecure("registry.lan:5000")
 *         .trust(Path.of("/etc/ssl/our-ca.pem"))
 *         .listener(event -> progress.offer(event))
 *         .build()) {
 *     ...
 * }
 * }</pre>
 */
public final class RegistryClientBuilder {
    /** Transfers at a time unless {@link #parallelism(int)} says otherwise. */
    public static final int DEFAULT_PARALLELISM = 4;
    /** Blobs up to this size go up in one PUT; larger ones in PATCH chunks of this size. */
    public static final long DEFAULT_CHUNK_SIZE = 64L * 1024 * 1024;

    Credentials credentials = Credentials.anonymous();
    final Map<String, List<URI>> mirrors = new LinkedHashMap<>();
    final Set<String> insecure = new HashSet<>();
    final List<KeyStore> trust = new ArrayList<>();
    Optional<ExecutorService> executor = Optional.empty();
    int parallelism = DEFAULT_PARALLELISM;
    RegistryListener listener = RegistryListener.none();
    Clock clock = Clock.systemUTC();
    Sleeper sleeper = Sleeper.system();
    Duration connectTimeout = Duration.ofSeconds(30);
    Duration idleTimeout = Duration.ofSeconds(60);
    long chunkSize = DEFAULT_CHUNK_SIZE;
    int maxAttempts = RetryPolicy.defaults().maxAttempts();
    Map<String, String> environment = System.getenv();

    RegistryClientBuilder() {
    }

    /**
     * Where credentials come from; default anonymous.
     *
     * @param source such as {@link Credentials#fromDockerConfig()}
     * @return this builder
     */
    public RegistryClientBuilder credentials(Credentials source) {
        this.credentials = Objects.requireNonNull(source, "source");
        return this;
    }

    /**
     * Adds a pull mirror for a registry, tried (in the order added) before the registry itself.
     *
     * <pre>{@code .mirror("docker.io", URI.create("https://mirror.gcr.io"))}</pre>
     *
     * @param registry the registry as in references, such as {@code docker.io}
     * @param mirror the mirror's base URI, scheme included
     * @return this builder
     */
    public RegistryClientBuilder mirror(String registry, URI mirror) {
        Objects.requireNonNull(mirror, "mirror");
        if (mirror.getScheme() == null || mirror.getHost() == null) {
            throw new IllegalArgumentException("a mirror needs an absolute http(s) URI: " + mirror);
        }
        mirrors.computeIfAbsent(RegistryHosts.credentialName(registry), k -> new ArrayList<>()).add(mirror);
        return this;
    }

    /**
     * Marks a registry (host and port) insecure, as Docker's {@code insecure-registries}: its
     * TLS certificate is not verified, and plain HTTP is tried when HTTPS fails. Loopback
     * hosts may use plain HTTP without this, but their certificates are still verified.
     *
     * @param hostAndPort such as {@code registry.lan:5000}
     * @return this builder
     */
    public RegistryClientBuilder insecure(String hostAndPort) {
        insecure.add(Objects.requireNonNull(hostAndPort, "hostAndPort"));
        return this;
    }

    /**
     * Trusts the CA certificates of a key store, besides the JDK's.
     *
     * @param store the certificates
     * @return this builder
     */
    public RegistryClientBuilder trust(KeyStore store) {
        trust.add(Objects.requireNonNull(store, "store"));
        return this;
    }

    /**
     * Trusts the CA certificates in a PEM file, besides the JDK's.
     *
     * @param pem a file of one or more PEM certificates
     * @return this builder
     * @throws IllegalArgumentException if the file holds no readable certificate
     */
    public RegistryClientBuilder trust(Path pem) {
        trust.add(TrustMaterial.fromPem(pem));
        return this;
    }

    /**
     * Runs transfers on the caller's executor (not shut down by the client) instead of one
     * the client owns. Do not call the client from a task of a bounded executor it runs on.
     *
     * @param service the executor
     * @return this builder
     */
    public RegistryClientBuilder executor(ExecutorService service) {
        this.executor = Optional.of(service);
        return this;
    }

    /**
     * How many blobs move at once in one pull or push.
     *
     * @param transfers one or more
     * @return this builder
     */
    public RegistryClientBuilder parallelism(int transfers) {
        if (transfers < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1: " + transfers);
        }
        this.parallelism = transfers;
        return this;
    }

    /**
     * Receives progress and retry events; must be thread-safe (see {@link RegistryListener}).
     *
     * @param eventListener the listener
     * @return this builder
     */
    public RegistryClientBuilder listener(RegistryListener eventListener) {
        this.listener = Objects.requireNonNull(eventListener, "eventListener");
        return this;
    }

    /**
     * The clock for token expiry and {@code Retry-After} dates.
     *
     * @param newClock the clock
     * @return this builder
     */
    public RegistryClientBuilder clock(Clock newClock) {
        this.clock = Objects.requireNonNull(newClock, "newClock");
        return this;
    }

    /**
     * How the client waits between retries.
     *
     * @param newSleeper the sleeper
     * @return this builder
     */
    public RegistryClientBuilder sleeper(Sleeper newSleeper) {
        this.sleeper = Objects.requireNonNull(newSleeper, "newSleeper");
        return this;
    }

    /**
     * How long to wait for a TCP connection.
     *
     * @param timeout positive
     * @return this builder
     */
    public RegistryClientBuilder connectTimeout(Duration timeout) {
        this.connectTimeout = positive(timeout);
        return this;
    }

    /**
     * How long any exchange may go without progress: no response head, no body byte, no
     * request body byte taken. A stalled transfer fails (and is resumed or retried).
     *
     * @param timeout positive
     * @return this builder
     */
    public RegistryClientBuilder idleTimeout(Duration timeout) {
        this.idleTimeout = positive(timeout);
        return this;
    }

    /**
     * Blobs up to this size are uploaded in one request, larger ones in chunks of this size.
     *
     * @param bytes at least 1
     * @return this builder
     */
    public RegistryClientBuilder chunkSize(long bytes) {
        if (bytes < 1) {
            throw new IllegalArgumentException("chunk size must be positive: " + bytes);
        }
        this.chunkSize = bytes;
        return this;
    }

    /**
     * How many times a request is tried before its failure is reported (default 5).
     *
     * @param attempts at least 1
     * @return this builder
     */
    public RegistryClientBuilder maxAttempts(int attempts) {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1: " + attempts);
        }
        this.maxAttempts = attempts;
        return this;
    }

    /**
     * The environment proxy variables are read from ({@code HTTPS_PROXY}, {@code NO_PROXY}...);
     * default {@link System#getenv()}.
     *
     * @param variables the variables
     * @return this builder
     */
    public RegistryClientBuilder environment(Map<String, String> variables) {
        this.environment = Map.copyOf(variables);
        return this;
    }

    /**
     * Builds the client; close it when done.
     *
     * @return the client
     */
    public RegistryClient build() {
        return new RegistryClient(this);
    }

    private static Duration positive(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        return timeout;
    }
}
