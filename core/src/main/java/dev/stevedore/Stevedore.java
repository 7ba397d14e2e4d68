package dev.stevedore;

import dev.stevedore.layerstore.LayerStore;
import dev.stevedore.layerstore.StoreException;
import dev.stevedore.oci.Platform;
import dev.stevedore.posix.Syscalls;
import dev.stevedore.registry.Credentials;
import dev.stevedore.registry.RegistryListener;
import dev.stevedore.sandbox.SandboxRuntime;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.function.IntSupplier;

/**
 * The engine: one store on disk ({@link #home()}), the registry access and the sandbox runtime
 * that images and containers go through. Thread-safe; several engines on different homes may
 * live in one JVM. Close it when done (closing twice is harmless).
 *
 * <pre>{@code
 * try (Stevedore engine = Stevedore.builder()
 *         .home(Path.of("/tmp/stevedore"))
 *         .credentials("127.0.0.1:5000", "ci", secret)
 *         .mirror("docker.io", URI.create("https://mirror.example"))
 *         .insecureRegistry("registry.lan:5000")
 *         .build()) {
 *     Image busybox = engine.images().pull("busybox");
 *     ...
 * }
 * }</pre>
 *
 * <p>{@link #local()} is the engine behind the static {@link Images} and {@code Containers}
 * entry points: created on first use with the defaults ({@code $STEVEDORE_HOME}, else
 * {@code /var/lib/stevedore} for root and {@code ~/.local/share/stevedore} for other users).
 * It is the one exception to "no thread the caller cannot close": its threads are daemon
 * threads, and a JVM shutdown hook closes it. Engines made with {@link #builder()} own
 * nothing the caller cannot close.
 *
 * <p>On disk, under the home: {@code store/} (the layer store, an OCI image layout),
 * {@code containers/<id>/}, {@code volumes/<name>/} and {@code networks/}.
 */
public final class Stevedore implements AutoCloseable {
    private static final Object LOCAL_LOCK = new Object();
    private static Stevedore local;
    private static boolean hookInstalled;

    private final Path home;
    private final LayerStore store;
    private final EngineThreads threads;
    private final EngineRegistry registry;
    private final EngineSandbox sandbox;
    private final ImageManager images;
    private final Object containersLock = new Object();
    private volatile ContainerManager containers;
    private volatile boolean closed;

    private Stevedore(Builder builder, Path home, LayerStore store, EngineThreads threads) {
        this.home = home;
        this.store = store;
        this.threads = threads;
        this.registry = new EngineRegistry(builder.registrySettings(), threads.executor());
        this.sandbox = new EngineSandbox(builder.sandboxRuntime, builder.euid);
        this.images = new ImageManager(this, builder.platform);
    }

    /**
     * The default engine, created on first use with the defaults of {@link #builder()}; its
     * threads are daemon threads and a shutdown hook closes it. If it was closed, the next call
     * creates a new one.
     *
     * <pre>{@code Image busybox = Stevedore.local().images().pull("busybox");}</pre>
     *
     * @return the process-wide engine
     * @throws StevedoreException if its home cannot be created or opened
     */
    public static Stevedore local() {
        synchronized (LOCAL_LOCK) {
            if (local == null || local.closed) {
                local = builder().build(true);
                if (!hookInstalled) {
                    Runtime.getRuntime().addShutdownHook(new Thread(Stevedore::closeLocal, "stevedore-local-shutdown"));
                    hookInstalled = true;
                }
            }
            return local;
        }
    }

    private static void closeLocal() {
        Stevedore engine;
        synchronized (LOCAL_LOCK) {
            engine = local;
            local = null;
        }
        if (engine != null) {
            engine.close();
        }
    }

    /**
     * Starts configuring an engine.
     *
     * <pre>{@code Stevedore engine = Stevedore.builder().home(dir).build();}</pre>
     *
     * @return a builder with the defaults
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The images of this engine's store.
     *
     * <pre>{@code engine.images().pull("busybox:1.36");}</pre>
     *
     * @return the image operations
     */
    public ImageManager images() {
        checkOpen();
        return images;
    }

    /**
     * The containers of this engine.
     *
     * @return the container operations (one per engine)
     */
    public ContainerManager containers() {
        checkOpen();
        ContainerManager current = containers;
        if (current == null) {
            synchronized (containersLock) {
                checkOpen();
                current = containers;
                if (current == null) {
                    current = new ContainerManager(this);
                    containers = current;
                }
            }
        }
        return current;
    }

    /**
     * The directory this engine keeps everything in.
     *
     * @return the absolute home directory
     */
    public Path home() {
        return home;
    }

    /**
     * Closes the engine: its containers' handles, registry connections, the sandbox runtime it
     * created, the store, and its executor unless the caller gave it. Safe to call twice.
     */
    @Override
    public void close() {
        ContainerManager toClose;
        synchronized (containersLock) {
            if (closed) {
                return;
            }
            closed = true;
            toClose = containers;
        }
        List<RuntimeException> failures = new ArrayList<>();
        if (toClose != null) {
            run(toClose::close, failures);
        }
        run(registry::close, failures);
        run(sandbox::close, failures);
        run(store::close, failures);
        run(threads::close, failures);
        if (!failures.isEmpty()) {
            RuntimeException first = failures.get(0);
            failures.stream().skip(1).forEach(first::addSuppressed);
            throw first;
        }
    }

    private static void run(Runnable step, List<RuntimeException> failures) {
        try {
            step.run();
        } catch (RuntimeException e) {
            failures.add(e);
        }
    }

    LayerStore store() {
        checkOpen();
        return store;
    }

    /**
     * The sandbox runtime, created on first use.
     *
     * @throws RootRequiredException if this process is not root
     */
    SandboxRuntime sandboxRuntime() {
        checkOpen();
        return sandbox.runtime();
    }

    ExecutorService executor() {
        checkOpen();
        return threads.executor();
    }

    EngineRegistry registry() {
        checkOpen();
        return registry;
    }

    /** A local image by reference or id (full or short config digest hex), else pulled. */
    Image resolveForRun(String reference) {
        return images().resolveForRun(reference);
    }

    /** The image's snapshots, unpacked on first use: overlay lower directories, top-most first. */
    List<Path> lowerDirs(Image image) {
        return images().lowerDirs(image);
    }

    boolean isClosed() {
        return closed;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the engine at " + home + " is closed");
        }
    }

    @Override
    public String toString() {
        return "Stevedore[" + home + (closed ? ", closed" : "") + "]";
    }

    /**
     * Configures a {@link Stevedore}; every setting has a default.
     *
     * <pre>{@code
     * Stevedore engine = Stevedore.builder()
     *         .home(Path.of("/srv/stevedore"))
     *         .credentials("ghcr.io", "me", token)      // tried before ~/.docker/config.json
     *         .mirror("docker.io", URI.create("https://mirror.gcr.io"))
     *         .insecureRegistry("registry.lan:5000")
     *         .executor(pool)                           // not shut down by the engine
     *         .build();
     * }</pre>
     */
    public static final class Builder {
        private Optional<Path> home = Optional.empty();
        private final Map<String, dev.stevedore.registry.Credential> credentials = new LinkedHashMap<>();
        private final List<Credentials> credentialSources = new ArrayList<>();
        private boolean dockerConfig = true;
        private final Map<String, List<URI>> mirrors = new LinkedHashMap<>();
        private final Set<String> insecure = new LinkedHashSet<>();
        private Optional<ExecutorService> executor = Optional.empty();
        private Optional<SandboxRuntime> sandboxRuntime = Optional.empty();
        private Optional<RegistryListener> listener = Optional.empty();
        private Platform platform = Platform.host();
        private IntSupplier euid = () -> Syscalls.linux().geteuid();

        private Builder() {
        }

        /**
         * Where the engine keeps its state; default {@code $STEVEDORE_HOME}, else
         * {@code /var/lib/stevedore} for root and {@code $XDG_DATA_HOME/stevedore} (or
         * {@code ~/.local/share/stevedore}) for other users. Created if missing.
         *
         * @param directory the home directory
         * @return this builder
         */
        public Builder home(Path directory) {
            this.home = Optional.of(directory.toAbsolutePath().normalize());
            return this;
        }

        /**
         * Adds a user name and password (or token) for one registry, tried before
         * {@code ~/.docker/config.json}.
         *
         * <pre>{@code .credentials("127.0.0.1:5000", "ci", "s3cret")}</pre>
         *
         * @param registry the registry as in references, such as {@code docker.io} or {@code 127.0.0.1:5000}
         * @param username the user name
         * @param password the password or token
         * @return this builder
         */
        public Builder credentials(String registry, String username, String password) {
            Objects.requireNonNull(registry, "registry");
            credentials.put(registry, dev.stevedore.registry.Credential.basic(username, password));
            return this;
        }

        /**
         * Adds a source of credentials, tried (in the order added, after those given by
         * {@link #credentials(String, String, String)}) before {@code ~/.docker/config.json}.
         *
         * @param source such as {@code Credentials.of(map)}
         * @return this builder
         */
        public Builder credentials(Credentials source) {
            credentialSources.add(Objects.requireNonNull(source, "source"));
            return this;
        }

        /**
         * Whether to read {@code $DOCKER_CONFIG/config.json} (or {@code ~/.docker/config.json})
         * and its credential helpers when nothing else has credentials for a registry; default true.
         *
         * @param enabled false to use only programmatic credentials
         * @return this builder
         */
        public Builder dockerConfig(boolean enabled) {
            this.dockerConfig = enabled;
            return this;
        }

        /**
         * Adds a pull mirror for a registry, tried before the registry itself, in the order added.
         *
         * @param registry such as {@code docker.io}
         * @param mirror the mirror's base URI, such as {@code https://mirror.gcr.io}
         * @return this builder
         */
        public Builder mirror(String registry, URI mirror) {
            Objects.requireNonNull(registry, "registry");
            Objects.requireNonNull(mirror, "mirror");
            if (mirror.getScheme() == null || mirror.getHost() == null) {
                throw new IllegalArgumentException("a mirror needs an absolute http(s) URI: " + mirror);
            }
            mirrors.computeIfAbsent(registry, r -> new ArrayList<>()).add(mirror);
            return this;
        }

        /**
         * Marks a registry insecure, as Docker's {@code insecure-registries}: plain HTTP is tried
         * when HTTPS fails and its certificate is not verified. Loopback registries may use plain
         * HTTP without this.
         *
         * @param hostAndPort such as {@code registry.lan:5000}
         * @return this builder
         */
        public Builder insecureRegistry(String hostAndPort) {
            insecure.add(Objects.requireNonNull(hostAndPort, "hostAndPort"));
            return this;
        }

        /**
         * Runs the engine's background work (parallel transfers, container I/O) on the
         * caller's executor, which the engine never shuts down. It must not be a small bounded
         * pool: tasks wait for other tasks. Default: a cached pool of daemon threads the
         * engine owns and shuts down in {@link Stevedore#close()}.
         *
         * @param service the executor
         * @return this builder
         */
        public Builder executor(ExecutorService service) {
            this.executor = Optional.of(Objects.requireNonNull(service, "service"));
            return this;
        }

        /**
         * Runs containers with the caller's sandbox runtime, which the engine never closes.
         * Default: one the engine creates on first use (as root) and closes.
         *
         * @param runtime the runtime
         * @return this builder
         */
        public Builder sandboxRuntime(SandboxRuntime runtime) {
            this.sandboxRuntime = Optional.of(Objects.requireNonNull(runtime, "runtime"));
            return this;
        }

        /**
         * Receives registry progress events (resolved, blob pulled, pushed, retried); must be
         * thread-safe.
         *
         * @param eventListener the listener
         * @return this builder
         */
        public Builder registryListener(RegistryListener eventListener) {
            this.listener = Optional.of(Objects.requireNonNull(eventListener, "eventListener"));
            return this;
        }

        /**
         * The platform chosen from multi-platform images; default {@link Platform#host()}.
         *
         * @param value such as {@code Platform.parse("linux/amd64")}
         * @return this builder
         */
        public Builder platform(Platform value) {
            this.platform = Objects.requireNonNull(value, "value");
            return this;
        }

        /** The effective uid the root check sees (tests). */
        Builder euid(IntSupplier value) {
            this.euid = Objects.requireNonNull(value, "value");
            return this;
        }

        /**
         * Opens the store (creating the home if needed) and builds the engine.
         *
         * @return the engine; close it when done
         * @throws StevedoreException if the home cannot be created or its store opened
         */
        public Stevedore build() {
            return build(false);
        }

        Stevedore build(boolean daemonLocal) {
            Path resolved = home.orElseGet(() -> EngineHome.ofThisProcess(euid.getAsInt()));
            EngineThreads threads = EngineThreads.create(executor);
            LayerStore store = null;
            try {
                Files.createDirectories(resolved);
                store = LayerStore.open(EngineHome.store(resolved));
                return new Stevedore(this, resolved, store, threads);
            } catch (java.io.IOException | StoreException e) {
                threads.close();
                throw new StevedoreException("Tried to open the engine at " + resolved + " but failed because: "
                        + e.getMessage() + (daemonLocal ? " (set STEVEDORE_HOME to a writable directory)" : ""), e);
            } catch (RuntimeException | Error e) {
                if (store != null) {
                    store.close();
                }
                threads.close();
                throw e;
            }
        }

        EngineRegistry.Settings registrySettings() {
            Credentials chain = Credentials.of(credentials);
            for (Credentials source : credentialSources) {
                chain = chain.orElse(source);
            }
            if (dockerConfig) {
                chain = chain.orElse(Credentials.fromDockerConfig());
            }
            return new EngineRegistry.Settings(chain, mirrors, insecure, listener);
        }
    }
}
