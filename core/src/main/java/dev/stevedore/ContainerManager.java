package dev.stevedore;

import dev.stevedore.sandbox.ExitStatus;
import dev.stevedore.sandbox.Sandbox;
import dev.stevedore.sandbox.SandboxException;
import dev.stevedore.sandbox.SandboxRuntime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The containers of one engine: create, start, find, list, remove and prune them, and reach
 * its {@link #networks()} and {@link #volumes()}. Thread-safe. {@link Containers} offers the
 * same on {@link Stevedore#local()}. Records live under {@code <home>/containers/}, so every
 * JVM using the same home sees the same containers.
 *
 * <pre>{@code
 * ContainerManager containers = engine.containers();
 * try (Container c = containers.create("busybox").cmd("echo", "hi").start()) {
 *     c.waitFor();
 * }
 * containers.list(true).forEach(i -> System.out.println(i.name() + " " + i.status().label()));
 * containers.prune();
 * }</pre>
 */
public final class ContainerManager {

    private final Stevedore engine;
    private final ContainerRecords records;
    private final Networks networks;
    private final Volumes volumes;
    private final ContainerCreator creator;
    private final ContainerStarter starter;
    private final ContainerReaper reaper;
    private final LiveContainers live;
    private final ContainerTrash trash;
    private volatile boolean closed;

    ContainerManager(Stevedore engine) {
        this.engine = engine;
        this.records = new ContainerRecords(engine.home().resolve("containers"));
        this.networks = new Networks(engine.home().resolve("networks"), () -> runningAll());
        this.volumes = new Volumes(engine.home().resolve("volumes"), records::list);
        this.creator = new ContainerCreator(this);
        this.starter = new ContainerStarter(this);
        this.reaper = new ContainerReaper(this);
        this.live = new LiveContainers(this);
        this.trash = new ContainerTrash(records.root(), engine::executor);
        trash.sweepLeftovers();
    }

    /**
     * Starts building a container of an image, by reference or id (pulled if not in the store).
     *
     * <pre>{@code engine.containers().create("busybox").cmd("true").start();}</pre>
     *
     * @param image such as {@code "busybox"} or {@code "127.0.0.1:5000/app:1"}
     * @return a builder whose {@link ContainerBuilder#start()} runs it
     */
    public ContainerBuilder create(String image) {
        return new ContainerBuilder(Optional.of(this), image);
    }

    /**
     * Starts building a container of an image of this engine's store.
     *
     * @param image the image
     * @return a builder whose {@link ContainerBuilder#start()} runs it
     */
    public ContainerBuilder create(Image image) {
        return new ContainerBuilder(Optional.of(this), image.id());
    }

    /**
     * Creates and starts a container ({@code docker run}), then waits for its wait strategy.
     *
     * @param request what to run
     * @return the running container; close it when done
     * @throws ImageNotFoundException if the image is neither here nor at its registry
     * @throws ContainerStartException if it cannot be started; nothing is left behind
     * @throws ContainerWaitException if its wait strategy failed; it was stopped (and removed, with auto-remove)
     * @throws RootRequiredException if this process is not root
     */
    public Container start(ContainerRequest request) {
        checkOpen();
        engine.sandboxRuntime(); // fail before pulling or creating anything when not root
        ContainerRecord record = creator.create(request);
        RealContainer container;
        try {
            container = launch(record, true);
        } catch (RuntimeException e) {
            try {
                reaper.removeFiles(record);
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
        if (request.waitStrategy().isPresent()) {
            try {
                container.waitUntil(request.waitStrategy().get());
            } catch (RuntimeException e) {
                try {
                    container.close();
                } catch (RuntimeException cleanup) {
                    e.addSuppressed(cleanup);
                }
                throw e;
            }
        }
        return container;
    }

    /**
     * Creates a container without starting it ({@code docker create}).
     *
     * @param request what it will run
     * @return the created container; {@link Container#start()} starts it
     */
    public Container create(ContainerRequest request) {
        checkOpen();
        ContainerRecord record = creator.create(request);
        return new RealContainer(this, record.id(), record.name(), true, Optional.empty());
    }

    /**
     * Finds a container by id, name or unique id prefix, whichever JVM made it. Closing the
     * handle returned lets go of it without stopping the container.
     *
     * @param idOrName its id, name, or a unique prefix of its id
     * @return the container, or empty
     * @throws ContainerConflictException if an id prefix is ambiguous
     */
    public Optional<Container> get(String idOrName) {
        checkOpen();
        Objects.requireNonNull(idOrName, "idOrName");
        return records.find(idOrName).flatMap(this::refresh)
                .map(r -> new RealContainer(this, r.id(), r.name(), false, live(r.id())));
    }

    /**
     * Lists containers, newest first, as {@code docker ps} ({@code docker ps --all} with {@code all}).
     *
     * @param all whether to include containers that do not run
     * @return their current state
     */
    public List<ContainerInfo> list(boolean all) {
        checkOpen();
        List<ContainerInfo> out = new ArrayList<>();
        for (ContainerRecord r : records.list()) {
            refresh(r).ifPresent(cur -> {
                ContainerInfo info = info(cur);
                if (all || info.status() == ContainerStatus.RUNNING) {
                    out.add(info);
                }
            });
        }
        out.sort(Comparator.comparing(ContainerInfo::created).reversed());
        return out;
    }

    /**
     * Removes a container: its record, file system changes and state ({@code docker rm}). Its
     * named volumes stay.
     *
     * @param idOrName its id, name or a unique id prefix
     * @param force whether to kill it first if it runs ({@code docker rm -f})
     * @throws ContainerNotFoundException if there is no such container
     * @throws ContainerConflictException if it runs and {@code force} is false
     */
    public void remove(String idOrName, boolean force) {
        checkOpen();
        ContainerRecord found = records.find(idOrName)
                .orElseThrow(() -> new ContainerNotFoundException(idOrName, engine.home().toString()));
        Optional<ContainerRecord> current = refresh(found);
        if (current.isEmpty()) {
            return; // it removed itself (auto-remove)
        }
        ContainerRecord r = current.get();
        if (r.status() == ContainerStatus.RUNNING) {
            if (!force) {
                throw new ContainerConflictException(idOrName, "cannot remove container " + ContainerId.shortOf(r.id())
                        + " (" + r.name() + "): it is running; stop it first or force the removal");
            }
            kill(r);
            Optional<ContainerRecord> after = records.read(r.id());
            if (after.isEmpty()) {
                return;
            }
            r = after.get();
        }
        reaper.removeFiles(r);
        if (r.network() instanceof NetworkMode.Named n) {
            NetworkHosts.rewrite(runningOn(n.name()), records::stateDir);
        }
    }

    /**
     * Removes every container that does not run ({@code docker container prune}).
     *
     * @return the ids removed
     */
    public ContainerPruneReport prune() {
        checkOpen();
        List<String> removed = new ArrayList<>();
        for (ContainerRecord r : records.list()) {
            Optional<ContainerRecord> cur = refresh(r);
            if (cur.isPresent() && cur.get().status() != ContainerStatus.RUNNING && live(r.id()).isEmpty()) {
                reaper.removeFiles(cur.get());
                removed.add(r.id());
            }
        }
        return new ContainerPruneReport(removed);
    }

    /**
     * @return the named networks of this engine
     */
    public Networks networks() {
        return networks;
    }

    /**
     * @return the named volumes of this engine
     */
    public Volumes volumes() {
        return volumes;
    }

    /**
     * Kills the attached containers this engine started (they would die with the JVM anyway) and
     * records how they ended; lets go of the detached ones, which keep running.
     */
    void close() {
        if (closed) {
            return;
        }
        closed = true;
        live.closeAll();
        trash.awaitPending(LiveContainers.CLOSE_WAIT);
        ContainerLock.closeIdle(engine.home());
    }

    // ---- for the handles and helpers of this package ----

    Stevedore engine() {
        return engine;
    }

    ContainerRecords records() {
        return records;
    }

    ContainerReaper reaper() {
        return reaper;
    }

    ContainerTrash trash() {
        return trash;
    }

    Optional<LiveContainer> live(String id) {
        return live.get(id);
    }

    /** The sandbox runtime when this process is root; empty otherwise. */
    Optional<SandboxRuntime> runtimeIfRoot() {
        try {
            return Optional.of(engine.sandboxRuntime());
        } catch (RootRequiredException e) {
            return Optional.empty();
        }
    }

    /** The record as it is now (see {@link ContainerReaper#refresh}); empty once removed. */
    Optional<ContainerRecord> refresh(ContainerRecord r) {
        return reaper.refresh(r);
    }

    /** The public view of a record, taking a live sandbox's own view of its state. */
    ContainerInfo info(ContainerRecord r) {
        Optional<LiveContainer> l = live(r.id());
        if (l.isPresent() && r.status() == ContainerStatus.RUNNING) {
            Optional<ExitStatus> exit = l.get().sandbox().exitStatus();
            if (exit.isPresent()) {
                return r.info(ContainerStatus.EXITED, Optional.of(ContainerReaper.exitOf(exit.get())));
            }
        }
        return r.info(r.status(), r.exit());
    }

    /** The containers running on a named network. */
    List<ContainerRecord> runningOn(String network) {
        return runningAll().stream()
                .filter(r -> r.network() instanceof NetworkMode.Named n && n.name().equals(network)).toList();
    }

    private List<ContainerRecord> runningAll() {
        List<ContainerRecord> out = new ArrayList<>();
        for (ContainerRecord r : records.list()) {
            refresh(r).filter(c -> c.status() == ContainerStatus.RUNNING).ifPresent(out::add);
        }
        return out;
    }

    /** Starts a created container and watches it until it ends. */
    RealContainer launch(ContainerRecord record, boolean owned) {
        checkOpen();
        LiveContainer l = live.watch(starter.start(record));
        return new RealContainer(this, record.id(), record.name(), owned, Optional.of(l));
    }

    /** Kills a running container and waits until its end is recorded. */
    void kill(ContainerRecord r) {
        Optional<LiveContainer> l = live(r.id());
        if (l.isPresent()) {
            l.get().use(sandbox -> ContainerStop.stop(sandbox, ContainerSignal.SIGKILL, Duration.ZERO));
            LiveContainers.awaitFinished(l.get(), LiveContainers.CLOSE_WAIT);
            return;
        }
        SandboxRuntime runtime = engine.sandboxRuntime();
        try {
            Sandbox sandbox = runtime.attach(records.stateDir(r.id()));
            ContainerExit exit = ContainerReaper.exitOf(sandbox.stop(Duration.ZERO));
            reaper.finish(r.id(), exit, Optional.of(sandbox));
        } catch (SandboxException e) {
            reaper.finish(r.id(), reaper.exitFromFile(r.id()).orElse(ContainerReaper.lost()), Optional.empty());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ContainerException(r.id(), "interrupted while killing container " + r.id(), e);
        }
    }

    /** Waits (bounded) until the watcher has recorded the end. */
    Optional<ContainerExit> awaitFinished(LiveContainer l, Duration timeout) {
        return LiveContainers.awaitFinished(l, timeout);
    }

    /** Waits (bounded) for a live container to end, recording its end on this thread if it gets there first. */
    Optional<ContainerExit> awaitEnd(LiveContainer l, Duration timeout) {
        return live.awaitEnd(l, timeout);
    }

    boolean isClosed() {
        return closed;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the engine at " + engine.home() + " is closed");
        }
    }
}
