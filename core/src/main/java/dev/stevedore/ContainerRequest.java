package dev.stevedore;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Everything a container is made from, as {@code docker run}'s options: an immutable value,
 * made with {@link ContainerBuilder} (from {@link Containers#create(String)} or
 * {@link #builder(String)}) and started with {@link ContainerManager#start(ContainerRequest)}.
 * Anything left empty comes from the image, as Docker merges it.
 *
 * <pre>{@code
 * ContainerRequest web = ContainerRequest.builder("busybox")
 *         .cmd("httpd", "-f", "-p", "80")
 *         .publish(PortSpec.random(80))
 *         .build();
 * try (Container c = engine.containers().start(web)) { ... }
 * }</pre>
 *
 * @param image the image's reference or id; pulled if not in the store
 * @param name the container's name; generated when empty
 * @param entrypoint replaces the image's entrypoint (and then its CMD too, as Docker); an empty
 *     list clears it, as {@code --entrypoint ""}
 * @param cmd replaces the image's CMD
 * @param env {@code NAME=value} entries over the image's
 * @param workdir the absolute working directory, over the image's
 * @param user the user ({@code name}, {@code uid}, {@code name:group}, {@code uid:gid}), over the image's
 * @param hostname the host name; the short id when empty
 * @param mounts bind mounts, tmpfs and named volumes
 * @param ports ports to publish
 * @param network the network mode
 * @param networkAliases extra names the others on a named network reach this container by
 * @param limits memory, CPU and pid limits
 * @param labels labels over the image's
 * @param autoRemove whether the container is removed once it has exited ({@code --rm})
 * @param detached whether it outlives this JVM ({@code -d}); otherwise it dies with it
 * @param init whether PID 1 is Stevedore's init, which reaps zombies and forwards signals ({@code --init})
 * @param stopSignal the stop signal over the image's {@code STOPSIGNAL}, such as {@code "SIGQUIT"}
 * @param stopTimeout how long {@link Container#stop()} and {@link Container#close()} wait before SIGKILL (10 s)
 * @param waitStrategy what {@link ContainerBuilder#start()} waits for before returning
 */
public record ContainerRequest(String image, Optional<String> name, Optional<List<String>> entrypoint,
        Optional<List<String>> cmd, List<String> env, Optional<String> workdir, Optional<String> user,
        Optional<String> hostname, List<ContainerMount> mounts, List<PortSpec> ports, NetworkMode network,
        List<String> networkAliases, ContainerLimits limits, Map<String, String> labels, boolean autoRemove,
        boolean detached, boolean init, Optional<String> stopSignal, Duration stopTimeout,
        Optional<WaitStrategy> waitStrategy) {

    /** Docker's default stop timeout. */
    public static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(10);

    /**
     * Checks each field and the relations between them.
     *

     * @param image the image's reference or id; pulled if not in the store

     * @param name the container's name; generated when empty

     * @param entrypoint replaces the image's entrypoint (and then its CMD too, as Docker); an empty list clears it, as {@code --entrypoint ""}

     * @param cmd replaces the image's CMD

     * @param env {@code NAME=value} entries over the image's

     * @param workdir the absolute working directory, over the image's

     * @param user the user ({@code name}, {@code uid}, {@code name:group}, {@code uid:gid}), over the image's

     * @param hostname the host name; the short id when empty

     * @param mounts bind mounts, tmpfs and named volumes

     * @param ports ports to publish

     * @param network the network mode

     * @param networkAliases extra names the others on a named network reach this container by

     * @param limits memory, CPU and pid limits

     * @param labels labels over the image's

     * @param autoRemove whether the container is removed once it has exited ({@code --rm})

     * @param detached whether it outlives this JVM ({@code -d}); otherwise it dies with it

     * @param init whether PID 1 is Stevedore's init, which reaps zombies and forwards signals ({@code --init})

     * @param stopSignal the stop signal over the image's {@code STOPSIGNAL}, such as {@code "SIGQUIT"}

     * @param stopTimeout how long {@link Container#stop()} and {@link Container#close()} wait before SIGKILL (10 s)

     * @param waitStrategy what {@link ContainerBuilder#start()} waits for before returning
     * @throws IllegalArgumentException naming the field if one is invalid

     */

    public ContainerRequest {
        if (image == null || image.isBlank()) {
            throw new IllegalArgumentException("a container needs an image");
        }
        name = name.map(ContainerNames::check);
        entrypoint = entrypoint.map(List::copyOf);
        cmd = cmd.map(List::copyOf);
        env = List.copyOf(env);
        for (String e : env) {
            if (e.indexOf('=') <= 0 || e.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("environment entries must look like NAME=value, got \"" + e + "\"");
            }
        }
        workdir.ifPresent(w -> {
            if (!w.startsWith("/")) {
                throw new IllegalArgumentException("the working directory \"" + w
                        + "\" is invalid, it needs to be an absolute path");
            }
        });
        user.ifPresent(u -> {
            if (u.isEmpty() || u.startsWith(":") || u.endsWith(":") || u.chars().filter(c -> c == ':').count() > 1) {
                throw new IllegalArgumentException("user must look like name, uid, name:group or uid:gid, got \"" + u + "\"");
            }
        });
        hostname.ifPresent(h -> {
            if (!h.matches("[A-Za-z0-9]([A-Za-z0-9.-]{0,62})")) {
                throw new IllegalArgumentException("invalid host name \"" + h + "\"");
            }
        });
        mounts = List.copyOf(mounts);
        ports = List.copyOf(ports);
        networkAliases = List.copyOf(networkAliases);
        labels = java.util.Collections.unmodifiableMap(new TreeMap<>(labels));
        if (network instanceof NetworkMode.Host && !ports.isEmpty()) {
            throw new IllegalArgumentException("ports cannot be published with the host network: the container "
                    + "listens on the host already");
        }
        if (network instanceof NetworkMode.Joined && !ports.isEmpty()) {
            throw new IllegalArgumentException("conflicting options: port publishing and the container network mode");
        }
        if ((network instanceof NetworkMode.Joined || network instanceof NetworkMode.Host) && hostname.isPresent()) {
            throw new IllegalArgumentException("conflicting options: hostname and the network mode " + network.text());
        }
        if (!networkAliases.isEmpty() && !(network instanceof NetworkMode.Named)) {
            throw new IllegalArgumentException("network aliases are only supported on named networks, not "
                    + network.text());
        }
        for (String alias : networkAliases) {
            if (!alias.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,62}")) {
                throw new IllegalArgumentException("invalid network alias \"" + alias + "\"");
            }
        }
        java.util.Set<String> targets = new java.util.HashSet<>();
        for (ContainerMount m : mounts) {
            if (!targets.add(m.target())) {
                throw new IllegalArgumentException("duplicate mount point " + m.target());
            }
        }
        if (stopTimeout.isNegative()) {
            throw new IllegalArgumentException("stop timeout must not be negative, got " + stopTimeout);
        }
        stopSignal.ifPresent(ContainerSignal::parse);
    }

    /**
     * A builder for a request of {@code image}, not bound to an engine.
     *
     * @param image the image's reference or id
     * @return the builder
     */
    public static ContainerBuilder builder(String image) {
        return new ContainerBuilder(Optional.empty(), image);
    }

    /**
     * A builder holding this request's settings, not bound to an engine.
     *
     * @return the builder
     */
    public ContainerBuilder toBuilder() {
        return new ContainerBuilder(Optional.empty(), this);
    }
}
