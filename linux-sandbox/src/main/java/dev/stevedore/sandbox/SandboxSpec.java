package dev.stevedore.sandbox;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Everything a sandbox is: its root, its process, its namespaces, mounts, limits and
 * hardening, and where its state lives. Immutable; made with {@link #builder}.
 *
 * <pre>{@code
 * SandboxSpec spec = SandboxSpec.builder(stateDir, Rootfs.directory(rootfs), ProcessSpec.of("sh", "-c", "echo hi"))
 *         .hostname("box")
 *         .limits(Limits.builder().memoryBytes(64L << 20).pids(100).build())
 *         .publish(PortMapping.tcp(0, 80))
 *         .build();
 * }</pre>
 *
 * @param id a short name for the sandbox; names its cgroup
 * @param stateDir the sandbox's state directory (lock, log, exit status, /etc files); created if missing
 * @param rootfs the root file system
 * @param process the process to run
 * @param hostname the host name in its own UTS namespace; without one, the first 12 characters of
 *     {@code id}, as Docker does
 * @param mounts extra mounts, applied after the defaults in order of target depth
 * @param namespaces the namespaces of its own (the mount namespace always; NET follows {@code network})
 * @param joins namespaces joined by path instead
 * @param network its network
 * @param limits cgroup limits
 * @param security hardening
 * @param init whether PID 1 is stevedore's init (reaps zombies, forwards signals) rather than the process itself
 * @param detached whether the sandbox outlives the JVM (the shim daemonizes)
 * @param ports published ports
 * @param cgroupParent the cgroup under which the sandbox's cgroup is made, relative to each hierarchy's root
 * @param logMaxBytes the size at which the json-file log rotates
 * @param logMaxFiles how many log files are kept
 * @param extraHosts extra {@code /etc/hosts} entries (name to address)
 * @param sysctls namespaced sysctls to set, e.g. {@code net.ipv4.ip_unprivileged_port_start}
 */
public record SandboxSpec(String id, Path stateDir, Rootfs rootfs, ProcessSpec process, Optional<String> hostname,
        List<Mount> mounts, Set<Namespace> namespaces, Map<Namespace, Path> joins, Network network, Limits limits,
        Security security, boolean init, boolean detached, List<PortMapping> ports, String cgroupParent,
        long logMaxBytes, int logMaxFiles, Map<String, String> extraHosts, Map<String, String> sysctls) {

    /** Checks the relations between fields. */
    public SandboxSpec {
        if (!id.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")) {
            throw new IllegalArgumentException("sandbox id must be 1-64 letters, digits, '_', '.' or '-', got \"" + id + "\"");
        }
        if (!stateDir.isAbsolute()) {
            throw new IllegalArgumentException("state directory must be absolute: " + stateDir);
        }
        mounts = List.copyOf(mounts);
        namespaces = Set.copyOf(namespaces);
        joins = Map.copyOf(joins);
        ports = List.copyOf(ports);
        extraHosts = Map.copyOf(extraHosts);
        sysctls = Map.copyOf(sysctls);
        if (!namespaces.contains(Namespace.MOUNT) || joins.containsKey(Namespace.MOUNT)) {
            throw new IllegalArgumentException("a sandbox always has a mount namespace of its own");
        }
        if (joins.containsKey(Namespace.NET)) {
            throw new IllegalArgumentException("join another network namespace with network(Network.join(path))");
        }
        for (Namespace n : joins.keySet()) {
            if (namespaces.contains(n)) {
                throw new IllegalArgumentException("namespace " + n + " cannot be both new and joined");
            }
        }
        if (!ports.isEmpty() && network instanceof Network.Host) {
            throw new IllegalArgumentException("ports cannot be published with the host network: the process listens on the host already");
        }
        if (hostname.isPresent()) {
            if (!hostname.get().matches("[A-Za-z0-9]([A-Za-z0-9.-]{0,62})")) {
                throw new IllegalArgumentException("invalid host name \"" + hostname.get() + "\"");
            }
            if (!namespaces.contains(Namespace.UTS)) {
                throw new IllegalArgumentException("a host name needs a UTS namespace of its own");
            }
        }
        if (!cgroupParent.matches("[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*") || cgroupParent.contains("..")) {
            throw new IllegalArgumentException("cgroup parent must be a relative path of plain names, got \"" + cgroupParent + "\"");
        }
        if (logMaxBytes < 0 || logMaxFiles < 1) {
            throw new IllegalArgumentException("log limits must be >= 0 bytes and >= 1 file");
        }
        for (var e : extraHosts.entrySet()) {
            if (!e.getKey().matches("[A-Za-z0-9_.-]+") || !e.getValue().matches("[0-9a-fA-F.:]+")) {
                throw new IllegalArgumentException("invalid /etc/hosts entry " + e.getKey() + " -> " + e.getValue());
            }
        }
        for (var e : sysctls.entrySet()) {
            if (!e.getKey().matches("[a-z0-9_]+(\\.[a-z0-9_]+)+") || e.getValue().indexOf('\0') >= 0) {
                throw new IllegalArgumentException("invalid sysctl " + e.getKey());
            }
        }
    }

    /**
     * A builder with Docker's defaults: every namespace of its own, no network but loopback,
     * Docker's hardening, no limits, direct exec, attached.
     *
     * @param stateDir the sandbox's state directory
     * @param rootfs its root file system
     * @param process what it runs
     * @return a builder
     */
    public static Builder builder(Path stateDir, Rootfs rootfs, ProcessSpec process) {
        return new Builder(stateDir, rootfs, process);
    }

    /** @return the clone flags for the namespaces of its own, NET included when the network is {@link Network#none()} */
    int cloneFlags() {
        int flags = 0;
        for (Namespace n : namespaces) {
            if (n != Namespace.NET) {
                flags |= n.cloneFlag();
            }
        }
        if (network instanceof Network.None) {
            flags |= Namespace.NET.cloneFlag();
        }
        return flags;
    }

    /** Builds a {@link SandboxSpec}. */
    public static final class Builder {
        private String id = UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        private final Path stateDir;
        private final Rootfs rootfs;
        private final ProcessSpec process;
        private Optional<String> hostname = Optional.empty();
        private final List<Mount> mounts = new ArrayList<>();
        private final Set<Namespace> namespaces = EnumSet.allOf(Namespace.class);
        private final Map<Namespace, Path> joins = new EnumMap<>(Namespace.class);
        private Network network = Network.none();
        private Limits limits = Limits.NONE;
        private Security security = Security.dockerDefaults();
        private boolean init;
        private boolean detached;
        private final List<PortMapping> ports = new ArrayList<>();
        private String cgroupParent = "stevedore";
        private long logMaxBytes = 10L << 20;
        private int logMaxFiles = 3;
        private final Map<String, String> extraHosts = new LinkedHashMap<>();
        private final Map<String, String> sysctls = new LinkedHashMap<>();

        private Builder(Path stateDir, Rootfs rootfs, ProcessSpec process) {
            this.stateDir = stateDir;
            this.rootfs = rootfs;
            this.process = process;
        }

        /** @param value the sandbox's id (default: 16 random hex digits) @return this builder */
        public Builder id(String value) {
            id = value;
            return this;
        }

        /** @param value the host name @return this builder */
        public Builder hostname(String value) {
            hostname = Optional.of(value);
            return this;
        }

        /** @param mount one more mount @return this builder */
        public Builder mount(Mount mount) {
            mounts.add(mount);
            return this;
        }

        /** @param value the network @return this builder */
        public Builder network(Network value) {
            network = value;
            return this;
        }

        /**
         * Shares the host's namespace of this type instead of making one.
         *
         * @param namespace PID, UTS, IPC or CGROUP
         * @return this builder
         */
        public Builder shareHost(Namespace namespace) {
            if (namespace == Namespace.MOUNT || namespace == Namespace.NET) {
                throw new IllegalArgumentException("the mount namespace is always new; use network(Network.host()) for the host network");
            }
            namespaces.remove(namespace);
            return this;
        }

        /**
         * Joins an existing namespace of this type, e.g. another sandbox's IPC namespace.
         *
         * @param namespace PID, UTS, IPC or CGROUP
         * @param path its file, e.g. {@code /proc/<pid>/ns/ipc}
         * @return this builder
         */
        public Builder join(Namespace namespace, Path path) {
            shareHost(namespace);
            joins.put(namespace, path);
            return this;
        }

        /** @param value cgroup limits @return this builder */
        public Builder limits(Limits value) {
            limits = value;
            return this;
        }

        /** @param value hardening @return this builder */
        public Builder security(Security value) {
            security = value;
            return this;
        }

        /** @param on whether PID 1 is stevedore's init @return this builder */
        public Builder init(boolean on) {
            init = on;
            return this;
        }

        /** @param on whether the sandbox outlives the JVM @return this builder */
        public Builder detached(boolean on) {
            detached = on;
            return this;
        }

        /** @param mapping a port to publish @return this builder */
        public Builder publish(PortMapping mapping) {
            ports.add(mapping);
            return this;
        }

        /** @param value the parent cgroup, relative @return this builder */
        public Builder cgroupParent(String value) {
            cgroupParent = value;
            return this;
        }

        /** @param maxBytes rotate at this size (0: never) @param maxFiles keep this many @return this builder */
        public Builder log(long maxBytes, int maxFiles) {
            logMaxBytes = maxBytes;
            logMaxFiles = maxFiles;
            return this;
        }

        /** @param name host name @param address its address @return this builder */
        public Builder extraHost(String name, String address) {
            extraHosts.put(name, address);
            return this;
        }

        /** @param key e.g. net.core.somaxconn @param value its value @return this builder */
        public Builder sysctl(String key, String value) {
            sysctls.put(key, value);
            return this;
        }

        /** @return the spec @throws IllegalArgumentException if the settings contradict each other */
        public SandboxSpec build() {
            Map<String, String> allSysctls = new LinkedHashMap<>();
            if (network instanceof Network.None) {
                allSysctls.put("net.ipv4.ip_unprivileged_port_start", "0");
                allSysctls.put("net.ipv4.ping_group_range", "0 2147483647");
            }
            allSysctls.putAll(sysctls);
            List<Mount> sorted = new ArrayList<>(mounts);
            sorted.sort((a, b) -> Long.compare(depth(a.target()), depth(b.target())));
            return new SandboxSpec(id, stateDir, rootfs, process, hostname, sorted, namespaces, joins, network, limits,
                    security, init, detached, ports, cgroupParent, logMaxBytes, logMaxFiles, extraHosts, allSysctls);
        }

        private static long depth(String target) {
            return target.chars().filter(c -> c == '/').count() - (target.endsWith("/") ? 1 : 0);
        }
    }
}
