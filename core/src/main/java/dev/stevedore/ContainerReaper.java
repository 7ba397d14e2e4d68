package dev.stevedore;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stevedore.oci.JsonTrees;
import dev.stevedore.sandbox.ExitStatus;
import dev.stevedore.sandbox.Sandbox;
import dev.stevedore.sandbox.SandboxException;
import dev.stevedore.sandbox.SandboxRuntime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices that containers have ended and records it, Docker's way: the exit status goes into
 * the record, an attached container's log is kept beside it, the sandbox's cgroup (and, when
 * attached, its state) is released, and a container made with auto-remove is removed. Whoever
 * notices first does it — the JVM that started the container, or any JVM that looks at it
 * later — exactly once, under the records lock.
 */
final class ContainerReaper {
    private static final Logger log = LoggerFactory.getLogger(ContainerReaper.class);

    private final ContainerManager manager;

    ContainerReaper(ContainerManager manager) {
        this.manager = manager;
    }

    /**
     * The record as it is now: a container recorded as running whose process has ended is
     * finished first (and may thereby be gone, with auto-remove).
     *
     * @return the current record, or empty if it was removed
     */
    Optional<ContainerRecord> refresh(ContainerRecord r) {
        if (r.status() != ContainerStatus.RUNNING) {
            return Optional.of(r);
        }
        Optional<LiveContainer> live = manager.live(r.id());
        if (live.isPresent()) {
            return Optional.of(r); // its watcher records the end
        }
        if (r.detached()) {
            return refreshDetached(r);
        }
        if (ContainerProcs.alive(r.ownerPid(), r.ownerStart())) {
            // attached to another live JVM, which records its end; until then, show what the shim wrote
            if (ContainerProcs.alive(r.pid(), r.pidStart())) {
                return Optional.of(r);
            }
            return Optional.of(exitFromFile(r.id()).map(r::exited).orElse(r));
        }
        finish(r.id(), exitFromFile(r.id()).orElse(lost()), Optional.empty());
        return manager.records().read(r.id());
    }

    private Optional<ContainerRecord> refreshDetached(ContainerRecord r) {
        Optional<SandboxRuntime> runtime = manager.runtimeIfRoot();
        if (runtime.isEmpty()) {
            Optional<ContainerExit> exit = exitFromFile(r.id());
            return Optional.of(exit.isPresent() ? r.exited(exit.get()) : r);
        }
        Sandbox sandbox;
        try {
            sandbox = runtime.get().attach(manager.records().stateDir(r.id()));
        } catch (SandboxException e) {
            if (ContainerProcs.alive(r.pid(), r.pidStart())) {
                return Optional.of(r);
            }
            finish(r.id(), exitFromFile(r.id()).orElse(lost()), Optional.empty());
            return manager.records().read(r.id());
        }
        Optional<ExitStatus> exit = sandbox.isRunning() ? Optional.empty() : sandbox.exitStatus();
        if (exit.isEmpty() && sandbox.isRunning()) {
            sandbox.close();
            return Optional.of(r);
        }
        finish(r.id(), exit.map(ContainerReaper::exitOf).orElse(lost()), Optional.of(sandbox));
        return manager.records().read(r.id());
    }

    /**
     * Records that a container has ended; idempotent. Releases {@code sandbox} (an attached one's
     * state goes with it, after its log was copied), removes a detached one's cgroup, and removes
     * the container if it was made with auto-remove (without recording its end first).
     */
    void finish(String id, ContainerExit exit, Optional<Sandbox> sandbox) {
        Optional<ContainerRecord> seen = manager.records().read(id);
        if (seen.isPresent() && seen.get().autoRemove() && seen.get().status() == ContainerStatus.RUNNING) {
            finishRemoving(seen.get(), Optional.empty(), sandbox);
        } else {
            finishExited(id, exit, sandbox);
        }
    }

    /** Records the end of a container that stays (not auto-removed): its exited record, its kept log. */
    private void finishExited(String id, ContainerExit exit, Optional<Sandbox> sandbox) {
        ContainerRecords records = manager.records();
        Optional<ContainerRecord> done = records.lock().locked(() -> {
            Optional<ContainerRecord> current = records.read(id);
            if (current.isEmpty() || current.get().status() != ContainerStatus.RUNNING) {
                return Optional.<ContainerRecord>empty();
            }
            ContainerRecord r = current.get();
            if (!r.detached() && !r.autoRemove()) {
                keepLogs(id);
            }
            ContainerRecord exited = r.exited(exit);
            records.write(exited);
            return Optional.of(exited);
        });
        release(id, sandbox, done.map(ContainerRecord::autoRemove).orElse(false));
        if (done.isPresent()) {
            ContainerRecord r = done.get();
            if (r.network() instanceof NetworkMode.Named n) {
                NetworkHosts.rewrite(manager.runningOn(n.name()), records::stateDir);
            }
            if (r.autoRemove()) {
                removeFiles(r);
            }
        }
    }

    /**
     * Records the end of a container this engine started and watched, knowing the record written
     * when it started (no need to read it again: only its status changes, and that is checked
     * under the lock).
     */
    void finishStarted(LiveContainer started, ContainerExit exit) {
        if (started.record().autoRemove()) {
            finishRemoving(started.record(), Optional.of(started.written()), Optional.of(started.sandbox()));
        } else {
            finishExited(started.id(), exit, Optional.of(started.sandbox()));
        }
    }

    /**
     * The end of an auto-removed container: no exited record is written, as it goes at once.
     * The sandbox is released first, while the record still says it runs, so that a crash in
     * between leaves a record that any JVM finishes (and removes) later; then, under the lock,
     * whoever still finds it running deletes the record, and with it the container, and then its
     * files. A record whose bytes are still {@code written} (those of its start) is running
     * without being parsed again. Its hold goes meanwhile, on another thread: it has ended, and
     * its removal is under way whoever does it, so nothing needs its image any more.
     */
    private void finishRemoving(ContainerRecord r, Optional<byte[]> written, Optional<Sandbox> sandbox) {
        ContainerRecords records = manager.records();
        CompletableFuture<Void> holdGone = removeHoldMeanwhile(r.id());
        try {
            finishRemoving(r, written, sandbox, records);
        } finally {
            holdGone.join();
        }
    }

    private void finishRemoving(ContainerRecord r, Optional<byte[]> written, Optional<Sandbox> sandbox,
            ContainerRecords records) {
        boolean released = release(r.id(), sandbox, true);
        Path trash = manager.trash().target(r.id());
        // what the claim did: nothing (another JVM finished it and removes it), moved the directory, deleted the record
        Optional<Boolean> moved = records.lock().locked(() -> {
            Optional<byte[]> bytes = records.readBytes(r.id());
            boolean unchanged = bytes.isPresent() && written.isPresent() && Arrays.equals(bytes.get(), written.get());
            if (!unchanged && bytes.flatMap(b -> records.parse(r.id(), b))
                    .filter(current -> current.status() == ContainerStatus.RUNNING).isEmpty()) {
                return Optional.<Boolean>empty();
            }
            // with its sandbox cleanly gone, the whole directory goes at once, its contents later
            if (released && records.moveTo(r.id(), trash)) {
                return Optional.of(true);
            }
            records.deleteRecord(r.id());
            return Optional.of(false);
        });
        if (moved.isEmpty()) {
            return;
        }
        if (r.network() instanceof NetworkMode.Named n) {
            NetworkHosts.rewrite(manager.runningOn(n.name()), records::stateDir);
        }
        if (moved.get()) {
            manager.trash().deleteLater(trash);
        } else {
            records.deleteFiles(r.id());
        }
    }

    /** Removes a container's hold on the engine's executor (here, if it refuses); never fails. */
    private CompletableFuture<Void> removeHoldMeanwhile(String id) {
        Runnable remove = () -> {
            try {
                removeHold(id);
            } catch (RuntimeException e) {
                log.warn("cannot remove the hold of container {}: {}", id, e.getMessage());
            }
        };
        try {
            return CompletableFuture.runAsync(remove, manager.engine().executor());
        } catch (RejectedExecutionException | IllegalStateException e) {
            remove.run();
            return CompletableFuture.completedFuture(null);
        }
    }

    /** Deletes a container that has ended: its sandbox state, hold and directory. */
    void removeFiles(ContainerRecord r) {
        ContainerRecords records = manager.records();
        sweep(r.id());
        records.lock().locked(() -> records.delete(r.id()));
        removeHold(r.id());
    }

    /**
     * Removes a container's hold once its record is gone, without waiting for that to reach the
     * disk: should a crash bring the hold back, it only keeps the image's content until
     * {@code images().prune()} drops holds of containers that no longer exist (nor does it count
     * as a use of the image).
     */
    private void removeHold(String id) {
        manager.engine().store().holds().removeLazily(ContainerCreator.HOLD_PREFIX + id);
    }

    /**
     * Releases the sandbox; then sweeps what it left, unless it was an attached one torn down
     * cleanly (which leaves nothing).
     *
     * @return whether it was torn down cleanly, so that nothing of it is left
     */
    private boolean release(String id, Optional<Sandbox> sandbox, boolean removing) {
        boolean clean = false;
        if (sandbox.isPresent()) {
            try {
                if (removing) {
                    sandbox.get().remove();
                    clean = true;
                } else {
                    boolean detached = sandbox.get().detached();
                    sandbox.get().close();
                    clean = !detached;
                }
            } catch (SandboxException e) {
                log.warn("cannot release the sandbox of container {}: {}", id, e.getMessage());
            }
        }
        if (!clean) {
            sweep(id);
        }
        return clean;
    }

    /** Removes what an ended sandbox left (its cgroups; an attached one's state). Needs root; a no-op otherwise. */
    private void sweep(String id) {
        manager.runtimeIfRoot().ifPresent(rt -> {
            try {
                rt.sweep(manager.records().dir(id)).problems()
                        .forEach(p -> log.warn("container {}: {}", id, p));
            } catch (SandboxException e) {
                log.warn("cannot clean up after container {}: {}", id, e.getMessage());
            }
        });
    }

    /** Copies an attached container's log out of its sandbox state, which goes when the sandbox is released. */
    private void keepLogs(String id) {
        ContainerRecords records = manager.records();
        Path target = records.logsDir(id);
        Path tmp = records.dir(id).resolve("logs.tmp");
        try {
            ContainerFiles.deleteTree(tmp);
            ContainerFiles.copyLogs(records.stateDir(id), tmp);
            ContainerFiles.deleteTree(target);
            Files.move(tmp, target);
        } catch (IOException e) {
            log.warn("cannot keep the log of container {}: {}", id, e.getMessage());
        }
    }

    /** The exit status the shim wrote into {@code exit.json}, if it did. */
    Optional<ContainerExit> exitFromFile(String id) {
        Path file = manager.records().stateDir(id).resolve("exit.json");
        try {
            JsonNode o = JsonTrees.read(Files.readAllBytes(file), JsonTrees.Reading.LENIENT);
            return Optional.of(new ContainerExit(o.path("exitCode").asInt(ContainerExit.LOST),
                    o.path("oomKilled").asBoolean(false),
                    o.hasNonNull("finishedAt") ? Optional.of(Instant.parse(o.get("finishedAt").asText()))
                            : Optional.empty()));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    static ContainerExit exitOf(ExitStatus s) {
        return new ContainerExit(s.exitCode(), s.oomKilled(), s.finishedAt().or(() -> Optional.of(Instant.now())));
    }

    static ContainerExit lost() {
        return new ContainerExit(ContainerExit.LOST, false, Optional.of(Instant.now()));
    }
}
