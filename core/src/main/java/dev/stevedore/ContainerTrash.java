package dev.stevedore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the directories of removed containers go to be deleted: an auto-removed container is
 * removed by renaming its directory to {@code containers/.removing-<id>} (one rename, under the
 * records lock: from then on it is gone for every JVM, its record included), and what was in it
 * is deleted on the engine's executor, off the path of whoever waits for the container. Closing
 * waits for the deletions under way; what a crash left is deleted by the next engine that opens
 * the containers.
 */
final class ContainerTrash {
    static final String PREFIX = ".removing-";
    private static final Logger log = LoggerFactory.getLogger(ContainerTrash.class);

    private final Path root;
    private final Supplier<Executor> executor;
    private final Set<CompletableFuture<Void>> pending = ConcurrentHashMap.newKeySet();

    /**
     * @param root the containers directory
     * @param executor where deletions run; it may refuse (the engine is closing), then they run at once
     */
    ContainerTrash(Path root, Supplier<Executor> executor) {
        this.root = root;
        this.executor = executor;
    }

    /** Where a removed container's directory goes. */
    Path target(String id) {
        return root.resolve(PREFIX + id);
    }

    /** Deletes a directory moved here, in the background if possible. */
    void deleteLater(Path dir) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        pending.add(done);
        try {
            executor.get().execute(() -> delete(dir, done));
        } catch (RejectedExecutionException | IllegalStateException e) {
            delete(dir, done);
        }
    }

    /** Deletes what earlier engines left here (a crash between the rename and the deletion). */
    void sweepLeftovers() {
        List<Path> left;
        try (Stream<Path> entries = Files.list(root)) {
            left = entries.filter(p -> p.getFileName().toString().startsWith(PREFIX)).toList();
        } catch (NoSuchFileException e) {
            return;
        } catch (IOException e) {
            log.warn("cannot look for the leftovers of removed containers in {}: {}", root, e.getMessage());
            return;
        }
        left.forEach(this::deleteLater);
    }

    /** Waits (bounded) for the deletions under way. */
    void awaitPending(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (CompletableFuture<Void> f : List.copyOf(pending)) {
            try {
                f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                log.warn("gave up waiting for the files of removed containers in {} to be deleted", root);
                return;
            } catch (ExecutionException e) {
                // logged by the deletion
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void delete(Path dir, CompletableFuture<Void> done) {
        try {
            ContainerFiles.deleteTree(dir);
        } catch (IOException | RuntimeException e) {
            log.warn("cannot delete {}, the files of a removed container: {}", dir, e.getMessage());
        } finally {
            pending.remove(done);
            done.complete(null);
        }
    }
}
