package dev.stevedore.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * What a sandbox can leave behind on the host, looked up afresh: processes, mounts, cgroup
 * directories. For {@link #running(long)} a zombie counts as gone: on hosts whose init does
 * not reap (some VMs and containers), a detached shim's corpse lingers there without holding
 * anything; {@link #present(long)} counts it, for processes that this JVM or its shims reap.
 */
final class Leftovers {
    private Leftovers() {}

    /** Whether {@code pid} names a process that is still running (not a zombie). */
    static boolean running(long pid) {
        if (pid <= 0) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII);
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        } catch (IOException e) {
            return false; // no such process
        }
    }

    /** Whether {@code pid} names any process at all, a zombie included (not yet reaped). */
    static boolean present(long pid) {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).isPresent();
    }

    /** The mount points in this process's mount namespace at or under {@code dir}. */
    static List<String> mountPointsUnder(Path dir) {
        String prefix = dir.toString();
        try {
            return MountInfo.parseAll(Files.readString(Path.of("/proc/self/mountinfo"), StandardCharsets.UTF_8))
                    .stream()
                    .map(MountInfo::mountPoint)
                    .filter(m -> m.equals(prefix) || m.startsWith(prefix + "/"))
                    .toList();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/self/mountinfo", e);
        }
    }

    /** The host's mount table lines that mention {@code path} (as mount point, root or source). */
    static List<String> mountsMentioning(Path path) {
        String needle = path.toString();
        try {
            return Files.readAllLines(Path.of("/proc/self/mountinfo"), StandardCharsets.UTF_8).stream()
                    .filter(line -> line.contains(needle))
                    .toList();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/self/mountinfo", e);
        }
    }

    /** Every cgroup directory named {@code <parent>/<id>} on any of this host's hierarchies. */
    static List<Path> cgroupDirs(String parent, String id) {
        CgroupLayout layout = CgroupLayout.detect();
        List<Path> roots = new ArrayList<>(layout.v1Controllers().values());
        layout.unifiedMount().ifPresent(roots::add);
        return roots.stream().distinct().map(root -> root.resolve(parent).resolve(id)).filter(Files::isDirectory)
                .toList();
    }

    /**
     * The running processes that execute this JVM's stevedore-init: shims, and init-mode PID 1s.
     * Their argv says only {@code stevedore-init}, so they are known by their executable, the
     * very memfd this JVM holds open (the same file, not merely one of the same name: child
     * JVMs have memfds of their own).
     */
    static List<Long> shimsOfThisJvm() {
        List<Path> memfds = new ArrayList<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : fds.toList()) {
                if (isStevedoreInit(fd)) {
                    memfds.add(fd);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc/self/fd", e);
        }
        if (memfds.isEmpty()) {
            return List.of(); // this JVM never loaded stevedore-init
        }
        List<Long> found = new ArrayList<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                long pid = Long.parseLong(p.getFileName().toString());
                Path exe = p.resolve("exe");
                if (isStevedoreInit(exe) && running(pid) && memfds.stream().anyMatch(m -> sameFile(exe, m))) {
                    found.add(pid);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc", e);
        }
        return found;
    }

    /** Whether the magic link {@code link} (/proc/.../exe or /proc/.../fd/n) names a stevedore-init memfd. */
    private static boolean isStevedoreInit(Path link) {
        try {
            return Files.readSymbolicLink(link).toString().startsWith("/memfd:" + InitBinary.RESOURCE);
        } catch (IOException | UnsupportedOperationException e) {
            return false; // gone meanwhile, a kernel thread, or not ours to read
        }
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.isSameFile(a, b);
        } catch (IOException e) {
            return false; // gone meanwhile
        }
    }

    /**
     * Zombies that a stevedore-init of this JVM left to the host's init: processes that died
     * as this JVM's shims (or their children before exec) and that nobody of ours reaped. On a
     * host whose init never reaps they would stay forever.
     */
    static List<Long> orphanedShimZombies() {
        String comm = InitBinary.get().execPath().getFileName().toString();
        long jvm = ProcessHandle.current().pid();
        List<Long> found = new ArrayList<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    String stat = Files.readString(p.resolve("stat"), StandardCharsets.US_ASCII);
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    if (name.equals(comm) && f[0].equals("Z") && Long.parseLong(f[1]) != jvm) {
                        found.add(Long.parseLong(p.getFileName().toString()));
                    }
                } catch (IOException | RuntimeException e) {
                    // gone meanwhile
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc", e);
        }
        return found;
    }
}
