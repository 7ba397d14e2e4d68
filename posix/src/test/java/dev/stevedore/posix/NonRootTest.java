package dev.stevedore.posix;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jna.Native;
import dev.stevedore.testing.Preconditions;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A permission error seen by an unprivileged caller: the suite runs as root, so a child JVM
 * runs {@link NonRootMain} as uid 65534 through {@link Preconditions#asNonRoot}. Its classpath
 * is copied to a world-readable directory (the local Maven repository usually is not).
 */
class NonRootTest {
    @TempDir
    Path tmp;

    @AfterEach
    void leavesNoMountBehind() {
        MountTable.unmountAllUnder(tmp);
        assertThat(MountTable.under(tmp)).isEmpty();
    }

    @Test
    void failsToMountWithEpermForAnUnprivilegedUser() throws Exception {
        // given
        Preconditions.requiresRoot();
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path target = Files.createDirectory(tmp.resolve("target"));
        Path jnaDir = Files.createDirectory(tmp.resolve("jna"));
        Files.setPosixFilePermissions(jnaDir, PosixFilePermissions.fromString("rwxrwxrwx"));
        String classpath = String.join(":", copy(NonRootMain.class, "test-classes"), copy(Syscalls.class, "classes"),
                copy(Native.class, "jna.jar"));
        List<String> command = Preconditions.asNonRoot(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xshare:off",
                "-XX:-UsePerfData", "-Djna.tmpdir=" + jnaDir, "-Duser.home=" + tmp, "-cp", classpath,
                NonRootMain.class.getName(), target.toString()));

        // when
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        boolean exited = child.waitFor(60, TimeUnit.SECONDS);

        // then
        assertThat(exited).isTrue();
        assertThat(child.exitValue()).as(output).isZero();
        assertThat(output).startsWith("euid=65534 errno=EPERM message=mount(\"tmpfs\", \"" + target
                + "\", \"tmpfs\", 0x0, \"size=1m\") failed: EPERM (1): Operation not permitted");
    }

    /** Copies the jar or class directory {@code type} was loaded from into {@code tmp/name}; returns the copy. */
    private String copy(Class<?> type, String name) throws IOException, URISyntaxException {
        Path source = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path copy = tmp.resolve(name);
        if (Files.isRegularFile(source)) {
            Files.copy(source, copy);
        } else {
            List<Path> paths;
            try (Stream<Path> walk = Files.walk(source)) {
                paths = new ArrayList<>(walk.toList());
            }
            for (Path p : paths) {
                Files.copy(p, copy.resolve(source.relativize(p).toString()), StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        try (Stream<Path> walk = Files.walk(copy)) {
            for (Path p : walk.toList()) {
                String permissions = Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--";
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(permissions));
            }
        }
        return copy.toString();
    }
}
