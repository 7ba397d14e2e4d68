package dev.stevedore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stevedore.sandbox.ExitStatus;
import dev.stevedore.sandbox.Sandbox;
import dev.stevedore.sandbox.SandboxException;
import dev.stevedore.sandbox.SandboxRuntime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
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
    private static final ObjectMapper JSON = new ObjectMapper();

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
     * the container if it was made with auto-remove.
     */
    void finish(String id, ContainerExit exit, Optional<Sandbox> sandbox) {
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

    /** Deletes a container that has ended: its sandbox state, hold and directory. */
    void removeFiles(ContainerRecord r) {
        ContainerRecords records = manager.records();
        sweep(r.id());
        records.lock().locked(() -> records.delete(r.id()));
        manager.engine().store().holds().remove(ContainerCreator.HOLD_PREFIX + r.id());
    }

    private void release(String id, Optional<Sandbox> sandbox, boolean removing) {
        if (sandbox.isPresent()) {
            try {
                if (removing) {
                    sandbox.get().remove();
                } else {
                    sandbox.get().close();
                }
            } catch (SandboxException e) {
                log.warn("cannot release the sandbox of container {}: {}", id, e.getMessage());
            }
        }
        sweep(id);
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
            JsonNode o = JSON.readTree(Files.readAllBytes(file));
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
