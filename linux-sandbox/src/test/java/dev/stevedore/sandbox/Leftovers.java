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
 * directories. A zombie counts as gone: on hosts whose init does not reap (some VMs and
 * containers), a detached shim's corpse lingers there without holding anything.
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

    /** The running processes whose command is a stevedore-init started from this JVM's memfd. */
    static List<Long> shimsOfThisJvm() {
        String prefix = "/proc/" + ProcessHandle.current().pid() + "/fd/";
        List<Long> found = new ArrayList<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                long pid = Long.parseLong(p.getFileName().toString());
                try {
                    String cmd = new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8);
                    if (cmd.startsWith(prefix) && running(pid)) {
                        found.add(pid);
                    }
                } catch (IOException e) {
                    // gone meanwhile
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc", e);
        }
        return found;
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
