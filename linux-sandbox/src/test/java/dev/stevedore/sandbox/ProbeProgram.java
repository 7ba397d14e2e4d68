package dev.stevedore.sandbox;

import dev.stevedore.testing.BusyboxRootfs;
import dev.stevedore.testing.Preconditions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;

/**
 * A tiny static C program for what busybox has no applet for, compiled once per JVM with the
 * system C compiler and copied into a rootfs as {@code /bin/probe}:
 *
 * <pre>
 * probe keyctl    keyctl(KEYCTL_GET_KEYRING_ID, session)   prints "keyctl ok" or "keyctl errno N"
 * probe add_key   add_key("user", ..., process keyring)    prints "add_key ok" or "add_key errno N"
 * probe fds       the open descriptors, one per line, without the one listing /proc/self/fd
 * </pre>
 */
final class ProbeProgram {
    private static final String SOURCE = """
            #define _GNU_SOURCE
            #include <dirent.h>
            #include <errno.h>
            #include <stdio.h>
            #include <stdlib.h>
            #include <string.h>
            #include <sys/syscall.h>
            #include <unistd.h>

            static int report(const char *what, long rc) {
                if (rc < 0) printf("%s errno %d\\n", what, errno);
                else printf("%s ok\\n", what);
                return 0;
            }

            int main(int argc, char **argv) {
                if (argc < 2) return 2;
                if (!strcmp(argv[1], "keyctl")) return report("keyctl", syscall(SYS_keyctl, 0, -3, 0));
                if (!strcmp(argv[1], "add_key"))
                    return report("add_key", syscall(SYS_add_key, "user", "stevedore-probe", "x", 1, -2));
                if (!strcmp(argv[1], "fds")) {
                    DIR *d = opendir("/proc/self/fd");
                    if (!d) return 3;
                    struct dirent *e;
                    while ((e = readdir(d)) != 0) {
                        if (e->d_name[0] == '.' || atoi(e->d_name) == dirfd(d)) continue;
                        printf("%s\\n", e->d_name);
                    }
                    closedir(d);
                    return 0;
                }
                return 2;
            }
            """;
    private static Path compiled;

    private ProbeProgram() {}

    /** Copies the probe into {@code rootfs} as {@code /bin/probe}, compiling it first if this JVM has not yet. */
    static void installInto(BusyboxRootfs rootfs) throws IOException, InterruptedException {
        Path target = rootfs.resolve("/bin/probe");
        Files.copy(binary(), target, StandardCopyOption.REPLACE_EXISTING);
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static synchronized Path binary() throws IOException, InterruptedException {
        if (compiled == null) {
            Path cc = Preconditions.requiresCommand("cc", "gcc");
            Path dir = Files.createTempDirectory("stevedore-probe");
            dir.toFile().deleteOnExit();
            Path source = dir.resolve("probe.c");
            Path out = dir.resolve("probe");
            Files.writeString(source, SOURCE, StandardCharsets.US_ASCII);
            Process p = new ProcessBuilder(cc.toString(), "-static", "-O2", "-o", out.toString(), source.toString())
                    .redirectErrorStream(true).start();
            String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException("cannot compile the probe with " + cc + ": " + log);
            }
            Files.delete(source);
            out.toFile().deleteOnExit();
            compiled = out;
        }
        return compiled;
    }
}
