package dev.stevedore.sandbox;

import dev.stevedore.posix.AtFlags;
import dev.stevedore.posix.Errno;
import dev.stevedore.posix.Fd;
import dev.stevedore.posix.PosixException;
import dev.stevedore.posix.Signals;
import dev.stevedore.posix.Syscalls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One sandbox's cgroup: a directory on every hierarchy (see {@link CgroupHost}). Processes join
 * it by writing {@code 0} into each of {@link #procsFiles()}; the sandbox's init does so before
 * it unshares its cgroup namespace. Nothing is cached: every call reads the files afresh, so a
 * cgroup reopened by another JVM ({@link CgroupHost#open}) behaves the same.
 *
 * <pre>{@code
 * SandboxCgroup cgroup = host.create("stevedore", id, limits, DeviceRule.DOCKER_DEFAULTS);
 * ... start the init, which joins cgroup.procsFiles() ...
 * cgroup.freeze();  cgroup.thaw();
 * CgroupStats stats = cgroup.stats();
 * cgroup.killAll();
 * cgroup.remove();
 * }</pre>
 */
final class SandboxCgroup {
    private static final Logger log = LoggerFactory.getLogger(SandboxCgroup.class);
    private static final Duration FREEZE_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration KILL_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration REMOVE_TIMEOUT = Duration.ofSeconds(2);

    private final CgroupPlacement at;
    private final Syscalls sys;
    private final CgroupFreezer freezer;

    SandboxCgroup(CgroupPlacement at, Syscalls sys) {
        this.at = at;
        this.sys = sys;
        this.freezer = new CgroupFreezer(at);
    }

    /** Every directory of this cgroup: one per v1 hierarchy, then the v2 one if cgroup2 is mounted. */
    List<Path> directories() {
        return at.directories();
    }

    /** The {@code cgroup.procs} file of every directory: a process that writes {@code 0} into each has joined. */
    List<Path> procsFiles() {
        return directories().stream().map(dir -> dir.resolve("cgroup.procs")).toList();
    }

    /**
     * The {@code tasks} file of every v1 directory: a single-threaded process that writes
     * {@code 0} into each has joined them without taking the cgroup threadgroup lock (whose write
     * side waits for an RCU grace period).
     */
    List<Path> v1TaskFiles() {
        return at.v1Directories().stream().map(dir -> dir.resolve("tasks")).toList();
    }

    /** The cgroup2 directory, for {@code clone3(CLONE_INTO_CGROUP)}; empty where cgroup2 is not mounted. */
    Optional<Path> v2Directory() {
        return at.v2();
    }

    /**
     * The file that counts OOM kills in its {@code oom_kill N} line: v2 {@code memory.events},
     * v1 {@code memory.oom_control} (Linux 4.13+).
     *
     * @return the file; empty if the host has no memory controller
     */
    Optional<Path> oomEventsFile() {
        Optional<Path> memory = at.dirFor("memory");
        return memory.map(dir -> dir.resolve(at.onV2("memory") ? "memory.events" : "memory.oom_control"));
    }

    /** How many processes the kernel killed here for running out of memory; 0 without a memory controller. */
    long oomKillCount() {
        return oomEventsFile().map(f -> CgroupFiles.keyed(f, "oom_kill").orElse(0)).orElse(0L);
    }

    /** The resource use of the cgroup now. */
    CgroupStats stats() {
        return CgroupStats.read(at);
    }

    /** The processes in the cgroup and the cgroups below it, on every hierarchy, in ascending order. */
    List<Long> pids() {
        TreeSet<Long> pids = new TreeSet<>();
        for (Path dir : directories()) {
            pids.addAll(CgroupFiles.procsBelow(dir));
        }
        return List.copyOf(pids);
    }

    /**
     * Freezes every process, waiting until all are (at most 10 s).
     *
     * @throws SandboxException if the host cannot freeze or the cgroup does not settle
     */
    void freeze() {
        freezer.freeze(FREEZE_TIMEOUT);
    }

    /**
     * Lets frozen processes run again.
     *
     * @throws SandboxException if the host cannot freeze or the cgroup does not settle
     */
    void thaw() {
        freezer.thaw(FREEZE_TIMEOUT);
    }

    /** Whether the cgroup is frozen. */
    boolean isFrozen() {
        return freezer.isFrozen();
    }

    /**
     * Kills every process in the cgroup and below, then waits (at most 10 s) until it is empty.
     * With cgroup2's {@code cgroup.kill} (Linux 5.14+) the kernel does it at once, forks
     * included. Otherwise the cgroup is frozen so that nothing forks meanwhile, every pid gets
     * {@code SIGKILL}, and it is thawed so the signals land. While waiting, whatever is still
     * listed is signalled again (which also covers hosts without a freezer).
     *
     * @throws SandboxException naming the directory that still holds processes after the wait
     */
    void killAll() {
        if (isEmpty()) {
            return;
        }
        Optional<Path> kill = at.v2().map(dir -> dir.resolve("cgroup.kill")).filter(Files::exists);
        boolean frozen = false;
        if (kill.isPresent()) {
            CgroupFiles.write(kill.get(), "1");
        } else if (freezer.available()) {
            try {
                freezer.freeze(FREEZE_TIMEOUT);
                frozen = true;
            } catch (SandboxException e) {
                log.warn("cannot freeze {} before killing it, signalling its processes until they are gone: {}",
                        directories().get(0), e.getMessage());
            }
        }
        if (frozen) {
            try {
                signalAll(pids());
            } finally {
                freezer.thaw(FREEZE_TIMEOUT);
            }
        }
        // Stragglers (a process that joined only some hierarchies, or forked while nothing was
        // frozen) get SIGKILL again on every poll; a process already dying just ignores it.
        boolean empty = CgroupFiles.await(KILL_TIMEOUT, () -> {
            if (isEmpty()) {
                return true;
            }
            signalAll(pids());
            return false;
        });
        if (!empty) {
            Path busy = directories().stream().filter(d -> !holdsNothing(d)).findFirst().orElse(directories().get(0));
            throw new SandboxException("cgroup " + busy + " still holds processes " + pids() + " "
                    + KILL_TIMEOUT.toSeconds() + " s after SIGKILL");
        }
    }

    /** Whether no process is in the cgroup or below it, on any hierarchy. */
    boolean isEmpty() {
        return directories().stream().allMatch(SandboxCgroup::holdsNothing);
    }

    /**
     * Removes every directory, the cgroups below them first, retrying briefly while the kernel
     * still counts exiting processes ({@code EBUSY}). Directories already gone are fine, so
     * removing twice is harmless. The parent cgroup stays.
     *
     * @throws SandboxException naming a directory that could not be removed (the others are removed all the same)
     */
    void remove() {
        List<SandboxException> failures = new ArrayList<>();
        for (Path dir : directories()) {
            List<Path> tree = new ArrayList<>(CgroupFiles.subtree(dir));
            for (int i = tree.size() - 1; i >= 0; i--) {
                try {
                    rmdir(tree.get(i));
                } catch (SandboxException e) {
                    failures.add(e);
                }
            }
        }
        if (!failures.isEmpty()) {
            SandboxException first = failures.get(0);
            failures.subList(1, failures.size()).forEach(first::addSuppressed);
            throw first;
        }
    }

    private void rmdir(Path dir) {
        PosixException[] last = new PosixException[1];
        boolean removed = CgroupFiles.await(REMOVE_TIMEOUT, () -> {
            try {
                sys.unlinkat(Fd.cwd(), dir, AtFlags.AT_REMOVEDIR);
                return true;
            } catch (PosixException e) {
                if (e.errno() == Errno.ENOENT) {
                    return true;
                }
                last[0] = e;
                if (e.errno() != Errno.EBUSY) {
                    throw new SandboxException("cannot remove cgroup " + dir + ": " + e.getMessage(), e);
                }
                return false;
            }
        });
        if (!removed) {
            throw new SandboxException("cannot remove cgroup " + dir + ": still busy after "
                    + REMOVE_TIMEOUT.toSeconds() + " s, holding " + CgroupFiles.procsBelow(dir), last[0]);
        }
    }

    private void signalAll(List<Long> pids) {
        for (long pid : pids) {
            try {
                sys.kill(pid, Signals.SIGKILL);
            } catch (PosixException e) {
                if (e.errno() != Errno.ESRCH) {
                    throw new SandboxException("cannot kill process " + pid + " of cgroup " + directories().get(0)
                            + ": " + e.getMessage(), e);
                }
            }
        }
    }

    private static boolean holdsNothing(Path dir) {
        OptionalLong populated = CgroupFiles.keyed(dir.resolve("cgroup.events"), "populated");
        return populated.isPresent() ? populated.getAsLong() == 0 : CgroupFiles.procsBelow(dir).isEmpty();
    }
}
