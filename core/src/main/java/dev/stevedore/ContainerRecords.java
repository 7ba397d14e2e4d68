package dev.stevedore;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
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
 * {@code containers/.lock}, so that names stay unique across JVMs.
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
        Path file = dir(id).resolve(ContainerRecord.FILE);
        try {
            return Optional.of(ContainerRecordJson.read(Files.readAllBytes(file)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            log.warn("skipping the unreadable container record {}: {}", file, e.getMessage());
            return Optional.empty();
        }
    }

    void write(ContainerRecord r) {
        Path dir = dir(r.id());
        Path tmp = dir.resolve(ContainerRecord.FILE + ".tmp");
        try {
            Files.createDirectories(dir);
            Files.write(tmp, ContainerRecordJson.write(r));
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

    boolean nameTaken(String name) {
        return list().stream().anyMatch(r -> r.name().equals(name));
    }

    /** Deletes a container's directory, without following links; the record goes first. */
    void delete(String id) {
        Path dir = dir(id);
        try {
            Files.deleteIfExists(dir.resolve(ContainerRecord.FILE));
            ContainerFiles.deleteTree(dir);
        } catch (IOException e) {
            throw new StevedoreException("Tried to delete the files of container " + id + " in " + dir
                    + " but failed because: " + e.getMessage(), e);
        }
    }
}
