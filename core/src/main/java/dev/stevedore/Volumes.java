package dev.stevedore;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The named volumes of an engine, under {@code <home>/volumes/<name>/_data}: directories that
 * outlive the containers mounting them, as {@code docker volume}. A volume is created when a
 * container first mounts it, or with {@link #create(String)}.
 *
 * <pre>{@code
 * Volumes volumes = engine.containers().volumes();
 * volumes.create("data");
 * Containers.create("busybox").volume("data", "/data").cmd("sh", "-c", "date > /data/when").start();
 * volumes.remove("data");   // once no container uses it
 * }</pre>
 */
public final class Volumes {
    private final Path root;
    private final ContainerLock lock;
    private final Supplier<List<ContainerRecord>> containers;

    Volumes(Path root, Supplier<List<ContainerRecord>> containers) {
        this.root = root;
        this.lock = ContainerLock.of(root.resolve(".lock"));
        this.containers = containers;
    }

    static String checkName(String name) {
        if (name == null || !ContainerNames.VALID.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid volume name \"" + name
                    + "\": only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed, at least two characters");
        }
        return name;
    }

    /**
     * Creates a volume, or returns the existing one of that name (as Docker does).
     *
     * @param name its name
     * @return the volume
     */
    public VolumeInfo create(String name) {
        checkName(name);
        return lock.locked(() -> {
            Path dir = root.resolve(name);
            try {
                Files.createDirectories(dir.resolve("_data"));
                Path meta = dir.resolve("volume.json");
                if (!Files.exists(meta)) {
                    Files.writeString(meta, "{\"name\":\"" + name + "\",\"created\":\"" + Instant.now() + "\"}\n",
                            StandardCharsets.UTF_8);
                }
            } catch (IOException e) {
                throw new StevedoreException("Tried to create volume " + name + " in " + dir + " but failed because: "
                        + e.getMessage(), e);
            }
            return get(name).orElseThrow();
        });
    }

    /**
     * Looks a volume up.
     *
     * @param name its name
     * @return the volume, or empty
     */
    public Optional<VolumeInfo> get(String name) {
        checkName(name);
        Path dir = root.resolve(name);
        Path meta = dir.resolve("volume.json");
        if (!Files.isDirectory(dir.resolve("_data"))) {
            return Optional.empty();
        }
        Instant created;
        try {
            String text = Files.readString(meta, StandardCharsets.UTF_8);
            int at = text.indexOf("\"created\":\"");
            created = at < 0 ? Instant.EPOCH : Instant.parse(text.substring(at + 11, text.indexOf('"', at + 11)));
        } catch (IOException | RuntimeException e) {
            created = Instant.EPOCH;
        }
        return Optional.of(new VolumeInfo(name, dir.resolve("_data"), created, usedBy(name)));
    }

    /**
     * @return every volume, by name
     */
    public List<VolumeInfo> list() {
        return NamedDirs.list(root, "volumes", this::get);
    }

    /**
     * Removes a volume and its content.
     *
     * @param name its name
     * @throws ContainerConflictException if a container (of any status) mounts it
     * @throws IllegalArgumentException if there is no such volume
     */
    public void remove(String name) {
        checkName(name);
        lock.locked(() -> {
            List<String> users = usedBy(name);
            if (!users.isEmpty()) {
                throw new ContainerConflictException(name, "cannot remove volume " + name + ": it is in use by "
                        + users.stream().map(ContainerId::shortOf).toList() + "; remove those containers first");
            }
            Path dir = root.resolve(name);
            if (!Files.isDirectory(dir)) {
                throw new IllegalArgumentException("no such volume: " + name);
            }
            try {
                ContainerFiles.deleteTree(dir);
            } catch (IOException e) {
                throw new StevedoreException("Tried to remove volume " + name + " but failed because: "
                        + e.getMessage(), e);
            }
        });
    }

    /**
     * Removes every volume no container uses.
     *
     * @return the names of the removed volumes
     */
    public List<String> prune() {
        return lock.locked(() -> {
            List<String> removed = new ArrayList<>();
            for (VolumeInfo v : list()) {
                if (v.usedBy().isEmpty()) {
                    remove(v.name());
                    removed.add(v.name());
                }
            }
            return removed;
        });
    }

    /** The volume's data directory, created if missing (a volume is made on first use). */
    Path dataDir(String name) {
        return create(name).mountpoint();
    }

    private List<String> usedBy(String name) {
        return containers.get().stream()
                .filter(r -> r.mounts().stream().anyMatch(m -> m instanceof ContainerMount.Volume v && v.name().equals(name)))
                .map(ContainerRecord::id).toList();
    }
}
