package dev.stevedore;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The named networks of an engine, under {@code <home>/networks/<name>/}. Stevedore 0.1 has no
 * bridge: the containers on a named network share one network namespace (as the containers of a
 * Kubernetes pod do), so they reach each other on loopback, and each finds the others by name,
 * alias or host name through {@code /etc/hosts}. The namespace is made by the first container
 * to start on the network and lives as long as one of them runs; a server must listen on
 * loopback or on all addresses, and two containers cannot listen on the same port.
 *
 * <pre>{@code
 * engine.containers().networks().create("app");
 * Containers.create("busybox").name("db").network("app").cmd("nc", "-lk", "-p", "5432", "-e", "echo", "hi").start();
 * Containers.create("busybox").network("app").cmd("nc", "db", "5432").start();
 * }</pre>
 */
public final class Networks {
    private final Path root;
    private final ContainerLock lock;
    private final Supplier<List<ContainerRecord>> running;

    Networks(Path root, Supplier<List<ContainerRecord>> running) {
        this.root = root;
        this.lock = ContainerLock.of(root.resolve(".lock"));
        this.running = running;
    }

    static String checkName(String name) {
        if (name == null || !ContainerNames.VALID.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid network name \"" + name
                    + "\": only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed, at least two characters");
        }
        if (name.equals("none") || name.equals("host") || name.equals("bridge") || name.equals("default")) {
            throw new IllegalArgumentException("\"" + name + "\" is a predefined network mode, not a network name");
        }
        return name;
    }

    /**
     * Creates a network ({@code docker network create}).
     *
     * @param name its name
     * @return the network
     * @throws ContainerConflictException if one of that name exists
     */
    public NetworkInfo create(String name) {
        checkName(name);
        return lock.locked(() -> {
            Path dir = root.resolve(name);
            if (Files.exists(dir.resolve("network.json"))) {
                throw new ContainerConflictException(name, "network with name " + name + " already exists");
            }
            try {
                Files.createDirectories(dir);
                Files.writeString(dir.resolve("network.json"), "{\"name\":\"" + name + "\",\"id\":\""
                        + ContainerId.generate() + "\",\"created\":\"" + Instant.now() + "\"}\n", StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new StevedoreException("Tried to create network " + name + " but failed because: "
                        + e.getMessage(), e);
            }
            return get(name).orElseThrow();
        });
    }

    /**
     * Looks a network up.
     *
     * @param name its name
     * @return the network, or empty
     */
    public Optional<NetworkInfo> get(String name) {
        Path meta = root.resolve(checkName(name)).resolve("network.json");
        String text;
        try {
            text = Files.readString(meta, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new StevedoreException("Tried to read network " + name + " but failed because: " + e.getMessage(), e);
        }
        List<String> members = running.get().stream()
                .filter(r -> r.network() instanceof NetworkMode.Named n && n.name().equals(name))
                .map(ContainerRecord::name).toList();
        return Optional.of(new NetworkInfo(name, field(text, "id"), Instant.parse(field(text, "created")), members));
    }

    /**
     * @return every network, by name
     */
    public List<NetworkInfo> list() {
        return NamedDirs.list(root, "networks", this::get);
    }

    /**
     * Removes a network ({@code docker network rm}).
     *
     * @param name its name
     * @throws ContainerConflictException if a container runs on it
     * @throws IllegalArgumentException if there is no such network
     */
    public void remove(String name) {
        checkName(name);
        lock.locked(() -> {
            NetworkInfo n = get(name).orElseThrow(() -> new IllegalArgumentException("no such network: " + name));
            if (!n.containers().isEmpty()) {
                throw new ContainerConflictException(name, "cannot remove network " + name
                        + ": it has active endpoints " + n.containers());
            }
            try {
                ContainerFiles.deleteTree(root.resolve(name));
            } catch (IOException e) {
                throw new StevedoreException("Tried to remove network " + name + " but failed because: "
                        + e.getMessage(), e);
            }
        });
    }

    /** The lock that serializes starts on networks, so that the first member makes the one namespace. */
    ContainerLock lock() {
        return lock;
    }

    private static String field(String json, String name) {
        String key = "\"" + name + "\":\"";
        int at = json.indexOf(key);
        if (at < 0) {
            throw new StevedoreException("malformed network record: no " + name + " in " + json);
        }
        return json.substring(at + key.length(), json.indexOf('"', at + key.length()));
    }
}
