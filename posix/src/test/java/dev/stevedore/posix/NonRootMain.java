package dev.stevedore.posix;

import java.nio.file.Path;

/**
 * Run by {@link NonRootTest} in a child JVM as an unprivileged user: tries to mount a tmpfs on
 * {@code args[0]} and prints {@code euid=<n> errno=<NAME> message=<message>}.
 */
final class NonRootMain {
    private NonRootMain() {}

    public static void main(String[] args) {
        Syscalls sys = Syscalls.linux();
        Path target = Path.of(args[0]);
        try {
            sys.mount("tmpfs", target, "tmpfs", 0, "size=1m");
            sys.umount2(target, UnmountFlags.MNT_DETACH);
            System.out.println("euid=" + sys.geteuid() + " mounted");
        } catch (PosixException e) {
            System.out.println("euid=" + sys.geteuid() + " errno=" + e.errno() + " message=" + e.getMessage());
        }
    }
}
