package dev.stevedore;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The container records under {@code <home>/containers/}: one directory per container, named by
 * its id, holding {@code container.json} (written to a temp file, then renamed), its overlay
 * upper and work directories ({@code fs/}), its sandbox state ({@code sandbox/}) and, once an
 * attached container has ended, its log ({@code logs/}). Changes happen under
 * {@code containers/.lock}, so that names stay unique across JVMs. A directory is made before
 * the container's hold and record; an auto-removed container's is renamed to
 * {@code .removing-<id>} ({@link ContainerTrash}), which no listing sees.
 */
final class ContainerRecords {
    private static final Logger log = LoggerFactory.getLogger(ContainerRecords.class);

    private final Path root;
    private final ContainerLock lock;

    ContainerRecords(Path root) {
        this.root = root;
        this.lock = ContainerLock.of(root.resolve(".lock"));
    }

    Path root() {
        return root;
    }

    Path dir(String id) {
        return root.resolve(id);
    }

    Path stateDir(String id) {
        return dir(id).resolve("sandbox");
    }

    Path upperDir(String id) {
        return dir(id).resolve("fs").resolve("upper");
    }

    Path workDir(String id) {
        return dir(id).resolve("fs").resolve("work");
    }

    Path logsDir(String id) {
        return dir(id).resolve("logs");
    }

    ContainerLock lock() {
        return lock;
    }

    /** Every readable record, oldest first; unreadable ones are skipped with a warning. */
    List<ContainerRecord> list() {
        List<ContainerRecord> out = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path d : dirs.filter(p -> ContainerId.isFull(p.getFileName().toString())).toList()) {
                read(d.getFileName().toString()).ifPresent(out::add);
            }
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new StevedoreException("Tried to list the containers in " + root + " but failed because: "
                    + e.getMessage(), e);
        }
        out.sort(Comparator.comparing(ContainerRecord::created).thenComparing(ContainerRecord::id));
        return out;
    }

    Optional<ContainerRecord> read(String id) {
        return readBytes(id).flatMap(bytes -> parse(id, bytes));
    }

    /** The record's bytes as they are on disk; empty if there is none. */
    Optional<byte[]> readBytes(String id) {
        Path file = dir(id).resolve(ContainerRecord.FILE);
        if (!file.toFile().exists()) {
            return Optional.empty(); // being created or removed, or gone: told without an exception
        }
        try {
            return Optional.of(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            log.warn("skipping the unreadable container record {}: {}", file, e.getMessage());
            return Optional.empty();
        }
    }

    /** Parses a record read by {@link #readBytes}; empty (with a warning) if it is not one. */
    Optional<ContainerRecord> parse(String id, byte[] bytes) {
        try {
            return Optional.of(ContainerRecordJson.read(bytes));
        } catch (IOException | RuntimeException e) {
            log.warn("skipping the unreadable container record {}: {}", dir(id).resolve(ContainerRecord.FILE),
                    e.getMessage());
            return Optional.empty();
        }
    }

    /** Creates a container's directory (before its record is written). */
    void createDir(String id) {
        try {
            Files.createDirectories(dir(id));
        } catch (IOException e) {
            throw new StevedoreException("Tried to create the directory of container " + id + " but failed because: "
                    + e.getMessage(), e);
        }
    }

    /**
     * Whether a container might still exist: its directory does (it is made before the
     * container's hold, and goes before it).
     */
    static boolean mayExist(Path root, String id) {
        return Files.exists(root.resolve(id), LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * Writes a record (to a temp file, then renamed over the old one).
     *
     * @return what was written, to tell later whether the record is still the same
     */
    byte[] write(ContainerRecord r) {
        Path dir = dir(r.id());
        Path tmp = dir.resolve(ContainerRecord.FILE + ".tmp");
        byte[] bytes = ContainerRecordJson.write(r);
        try {
            Files.createDirectories(dir);
            Files.write(tmp, bytes);
            try {
                Files.move(tmp, dir.resolve(ContainerRecord.FILE), StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, dir.resolve(ContainerRecord.FILE), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new StevedoreException("Tried to write the record of container " + r.id() + " but failed because: "
                    + e.getMessage(), e);
        }
        return bytes;
    }

    /**
     * Finds a container as Docker does: by full id, then by name, then by a unique id prefix.
     *
     * @throws ContainerConflictException if a prefix matches several containers
     */
    Optional<ContainerRecord> find(String idOrName) {
        if (ContainerId.isFull(idOrName)) {
            Optional<ContainerRecord> exact = read(idOrName);
            if (exact.isPresent()) {
                return exact;
            }
        }
        List<ContainerRecord> all = list();
        String name = ContainerNames.strip(idOrName);
        for (ContainerRecord r : all) {
            if (r.name().equals(name)) {
                return Optional.of(r);
            }
        }
        if (!idOrName.matches("[0-9a-f]+")) {
            return Optional.empty();
        }
        List<ContainerRecord> matches = all.stream().filter(r -> r.id().startsWith(idOrName)).toList();
        if (matches.size() > 1) {
            throw new ContainerConflictException(idOrName, "container id prefix " + idOrName + " is ambiguous: it matches "
                    + matches.stream().map(r -> ContainerId.shortOf(r.id())).toList());
        }
        return matches.stream().findFirst();
    }

    /** Deletes a container's directory, without following links; the record goes first. */
    void delete(String id) {
        deleteRecord(id);
        deleteFiles(id);
    }

    /**
     * Deletes a container's record (under the lock): from then on the container is gone for
     * every JVM, its name free; what is left in its directory is {@link #deleteFiles} 's to delete.
     */
    void deleteRecord(String id) {
        Path file = dir(id).resolve(ContainerRecord.FILE);
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new StevedoreException("Tried to delete the record of container " + id + " in " + file
                    + " but failed because: " + e.getMessage(), e);
        }
    }

    /**
     * Removes a container (under the lock) by renaming its directory, record and all, to
     * {@code target} (on the same file system), for its files to be deleted from there.
     *
     * @return whether it was moved; if not (the target exists), nothing changed
     */
    boolean moveTo(String id, Path target) {
        try {
            Files.move(dir(id), target, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
            return false;
        } catch (IOException e) {
            throw new StevedoreException("Tried to remove container " + id + " (move " + dir(id) + " to " + target
                    + ") but failed because: " + e.getMessage(), e);
        }
    }

    /** Deletes a container's directory, without following links. */
    void deleteFiles(String id) {
        Path dir = dir(id);
        try {
            ContainerFiles.deleteTree(dir);
        } catch (IOException e) {
            throw new StevedoreException("Tried to delete the files of container " + id + " in " + dir
                    + " but failed because: " + e.getMessage(), e);
        }
    }
}
