package dev.stevedore;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds a {@link ContainerRequest}, and, when it came from an engine
 * ({@link Containers#create(String)}, {@link ContainerManager#create(String)}), starts it.
 * Not thread-safe; each setter replaces an earlier value, except those that add (env, mounts,
 * ports, labels, aliases).
 *
 * <pre>{@code
 * try (Container web = Containers.create("busybox")
 *         .cmd("httpd", "-f", "-p", "80")
 *         .publish(80)                              // a free host port
 *         .env("GREETING", "hello")
 *         .memory(64L << 20)
 *         .waitingFor(Wait.forListeningPort(80))
 *         .start()) {
 *     int port = web.mappedPort(80);
 * }
 * }</pre>
 */
public final class ContainerBuilder {
    private final Optional<ContainerManager> manager;
    private final String image;
    private Optional<String> name = Optional.empty();
    private Optional<List<String>> entrypoint = Optional.empty();
    private Optional<List<String>> cmd = Optional.empty();
    private final List<String> env = new ArrayList<>();
    private Optional<String> workdir = Optional.empty();
    private Optional<String> user = Optional.empty();
    private Optional<String> hostname = Optional.empty();
    private final List<ContainerMount> mounts = new ArrayList<>();
    private final List<PortSpec> ports = new ArrayList<>();
    private NetworkMode network = NetworkMode.none();
    private final List<String> aliases = new ArrayList<>();
    private ContainerLimits limits = ContainerLimits.NONE;
    private final Map<String, String> labels = new LinkedHashMap<>();
    private boolean autoRemove;
    private boolean detached;
    private boolean init;
    private Optional<String> stopSignal = Optional.empty();
    private Duration stopTimeout = ContainerRequest.DEFAULT_STOP_TIMEOUT;
    private Optional<WaitStrategy> waitStrategy = Optional.empty();

    ContainerBuilder(Optional<ContainerManager> manager, String image) {
        this.manager = manager;
        this.image = image;
    }

    ContainerBuilder(Optional<ContainerManager> manager, ContainerRequest r) {
        this(manager, r.image());
        name = r.name();
        entrypoint = r.entrypoint();
        cmd = r.cmd();
        env.addAll(r.env());
        workdir = r.workdir();
        user = r.user();
        hostname = r.hostname();
        mounts.addAll(r.mounts());
        ports.addAll(r.ports());
        network = r.network();
        aliases.addAll(r.networkAliases());
        limits = r.limits();
        labels.putAll(r.labels());
        autoRemove = r.autoRemove();
        detached = r.detached();
        init = r.init();
        stopSignal = r.stopSignal();
        stopTimeout = r.stopTimeout();
        waitStrategy = r.waitStrategy();
    }

    /**
     * @param value the container's name ({@code --name})
     * @return this builder
     */
    public ContainerBuilder name(String value) {
        name = Optional.of(value);
        return this;
    }

    /**
     * Replaces the image's entrypoint, and with it the image's CMD, as {@code --entrypoint}.
     * With no arguments, clears it, as {@code --entrypoint ""}.
     *
     * @param args the entrypoint
     * @return this builder
     */
    public ContainerBuilder entrypoint(String... args) {
        return entrypoint(Arrays.asList(args));
    }

    /**
     * @param args the entrypoint, see {@link #entrypoint(String...)}
     * @return this builder
     */
    public ContainerBuilder entrypoint(List<String> args) {
        entrypoint = Optional.of(List.copyOf(args));
        return this;
    }

    /**
     * @param args the command, replacing the image's CMD
     * @return this builder
     */
    public ContainerBuilder cmd(String... args) {
        return cmd(Arrays.asList(args));
    }

    /**
     * @param args the command, replacing the image's CMD
     * @return this builder
     */
    public ContainerBuilder cmd(List<String> args) {
        cmd = Optional.of(List.copyOf(args));
        return this;
    }

    /**
     * @param key a variable name
     * @param value its value
     * @return this builder
     */
    public ContainerBuilder env(String key, String value) {
        return env(key + "=" + value);
    }

    /**
     * @param entry {@code NAME=value}
     * @return this builder
     */
    public ContainerBuilder env(String entry) {
        env.add(entry);
        return this;
    }

    /**
     * @param value the absolute working directory ({@code -w})
     * @return this builder
     */
    public ContainerBuilder workdir(String value) {
        workdir = Optional.of(value);
        return this;
    }

    /**
     * @param value {@code name}, {@code uid}, {@code name:group} or {@code uid:gid} ({@code -u})
     * @return this builder
     */
    public ContainerBuilder user(String value) {
        user = Optional.of(value);
        return this;
    }

    /**
     * @param value the host name ({@code -h})
     * @return this builder
     */
    public ContainerBuilder hostname(String value) {
        hostname = Optional.of(value);
        return this;
    }

    /**
     * @param mount a bind mount, tmpfs or volume
     * @return this builder
     */
    public ContainerBuilder mount(ContainerMount mount) {
        mounts.add(mount);
        return this;
    }

    /**
     * @param source an absolute host path
     * @param target the path inside
     * @return this builder
     */
    public ContainerBuilder bind(Path source, String target) {
        return mount(ContainerMount.bind(source, target));
    }

    /**
     * @param target the path inside, a tmpfs of the kernel's default size
     * @return this builder
     */
    public ContainerBuilder tmpfs(String target) {
        return mount(ContainerMount.tmpfs(target, 0));
    }

    /**
     * @param volumeName a named volume, created on first use
     * @param target the path inside
     * @return this builder
     */
    public ContainerBuilder volume(String volumeName, String target) {
        return mount(ContainerMount.volume(volumeName, target));
    }

    /**
     * @param hostPort the host port, or 0 for a free one
     * @param containerPort the port inside
     * @return this builder
     */
    public ContainerBuilder publish(int hostPort, int containerPort) {
        return publish(PortSpec.tcp(hostPort, containerPort));
    }

    /**
     * @param containerPort a TCP port inside, published on a free host port
     * @return this builder
     */
    public ContainerBuilder publish(int containerPort) {
        return publish(PortSpec.random(containerPort));
    }

    /**
     * @param spec a port to publish
     * @return this builder
     */
    public ContainerBuilder publish(PortSpec spec) {
        ports.add(spec);
        return this;
    }

    /**
     * @param mode the network mode
     * @return this builder
     */
    public ContainerBuilder network(NetworkMode mode) {
        network = mode;
        return this;
    }

    /**
     * @param mode {@code none}, {@code host}, {@code container:<id>} or a network name
     * @return this builder
     */
    public ContainerBuilder network(String mode) {
        return network(NetworkMode.parse(mode));
    }

    /**
     * @param alias another name this container is reached by on its named network
     * @return this builder
     */
    public ContainerBuilder networkAlias(String alias) {
        aliases.add(alias);
        return this;
    }

    /**
     * @param bytes the memory limit ({@code --memory})
     * @return this builder
     */
    public ContainerBuilder memory(long bytes) {
        limits = limits.withMemory(bytes);
        return this;
    }

    /**
     * @param value CPUs ({@code --cpus})
     * @return this builder
     */
    public ContainerBuilder cpus(double value) {
        limits = limits.withCpus(value);
        return this;
    }

    /**
     * @param max the most tasks ({@code --pids-limit})
     * @return this builder
     */
    public ContainerBuilder pidsLimit(long max) {
        limits = limits.withPids(max);
        return this;
    }

    /**
     * @param value all limits at once
     * @return this builder
     */
    public ContainerBuilder limits(ContainerLimits value) {
        limits = value;
        return this;
    }

    /**
     * @param key a label
     * @param value its value
     * @return this builder
     */
    public ContainerBuilder label(String key, String value) {
        labels.put(key, value);
        return this;
    }

    /**
     * @param on whether to remove the container once it has exited ({@code --rm})
     * @return this builder
     */
    public ContainerBuilder autoRemove(boolean on) {
        autoRemove = on;
        return this;
    }

    /**
     * @param on whether the container outlives this JVM ({@code -d})
     * @return this builder
     */
    public ContainerBuilder detached(boolean on) {
        detached = on;
        return this;
    }

    /**
     * @param on whether PID 1 is Stevedore's init ({@code --init})
     * @return this builder
     */
    public ContainerBuilder init(boolean on) {
        init = on;
        return this;
    }

    /**
     * @param signal such as {@code "SIGQUIT"} ({@code --stop-signal})
     * @return this builder
     */
    public ContainerBuilder stopSignal(String signal) {
        stopSignal = Optional.of(signal);
        return this;
    }

    /**
     * @param value how long a stop waits before SIGKILL ({@code --stop-timeout})
     * @return this builder
     */
    public ContainerBuilder stopTimeout(Duration value) {
        stopTimeout = value;
        return this;
    }

    /**
     * @param strategy what {@link #start()} waits for before returning
     * @return this builder
     */
    public ContainerBuilder waitingFor(WaitStrategy strategy) {
        waitStrategy = Optional.of(strategy);
        return this;
    }

    /**
     * The request as set so far.
     *
     * @return the request
     * @throws IllegalArgumentException if the settings are invalid or contradict each other
     */
    public ContainerRequest build() {
        return new ContainerRequest(image, name, entrypoint, cmd, env, workdir, user, hostname, mounts, ports,
                network, aliases, limits, labels, autoRemove, detached, init, stopSignal, stopTimeout, waitStrategy);
    }

    /**
     * Creates and starts the container ({@code docker run}), then waits for
     * {@link #waitingFor(WaitStrategy)} if set. Close the container when done.
     *
     * @return the running container
     * @throws IllegalStateException if this builder is not bound to an engine
     * @throws ContainerStartException if it cannot be started; nothing is left behind
     * @throws ContainerWaitException if the wait strategy failed; the container was stopped (and
     *     removed, with auto-remove)
     */
    public Container start() {
        return bound().start(build());
    }

    /**
     * Creates the container without starting it ({@code docker create}).
     *
     * @return the created container; {@link Container#start()} starts it
     * @throws IllegalStateException if this builder is not bound to an engine
     */
    public Container create() {
        return bound().create(build());
    }

    private ContainerManager bound() {
        return manager.orElseThrow(() -> new IllegalStateException(
                "this builder is not bound to an engine; use engine.containers().start(builder.build())"));
    }
}
