package dev.stevedore.layerstore;

import dev.stevedore.posix.Fd;
import dev.stevedore.posix.Syscalls;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Building trees and running the peer tools (gzip, GNU tar, zstd) for the layer writer's tests. */
final class TarTestFiles {
    private TarTestFiles() {}

    static Path file(Path path, String content) {
        return file(path, content.getBytes(StandardCharsets.UTF_8));
    }

    static Path file(Path path, byte[] content) {
        try {
            Files.createDirectories(path.getParent());
            return Files.write(path, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path dir(Path path) {
        try {
            return Files.createDirectories(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Creates a symbolic link with exactly this target ({@link Path} would normalise "a//b/"). */
    static Path symlink(Path link, String target) {
        Syscalls.linux().symlinkat(target, Fd.cwd(), link);
        return link;
    }

    static void mode(Path path, int mode) {
        set(path, "unix:mode", mode);
    }

    static void owner(Path path, int uid, int gid) {
        set(path, "unix:uid", uid);
        set(path, "unix:gid", gid);
    }

    /** Sets the mtime (and atime) without following a symbolic link. */
    static void mtime(Path path, Instant time) {
        try {
            Files.getFileAttributeView(path, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .setTimes(FileTime.from(time), FileTime.from(time), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void set(Path path, String attribute, Object value) {
        try {
            Files.setAttribute(path, attribute, value, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs a command (stdin from a file or /dev/null) and returns its stdout; fails on a non-zero exit. */
    static String run(List<String> command, Path stdin) {
        try {
            Path out = Files.createTempFile("tar-test", ".out");
            Path err = Files.createTempFile("tar-test", ".err");
            try {
                Process p = new ProcessBuilder(command)
                        .redirectInput(stdin == null ? new File("/dev/null") : stdin.toFile())
                        .redirectOutput(out.toFile())
                        .redirectError(err.toFile())
                        .start();
                if (!p.waitFor(60, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new AssertionError(command + " timed out");
                }
                if (p.exitValue() != 0) {
                    throw new AssertionError(command + " exited " + p.exitValue() + ": " + Files.readString(err));
                }
                return Files.readString(out);
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Whether anything is mounted at or below {@code path}, from {@code /proc/self/mountinfo}. */
    static boolean mountedAtOrBelow(Path path) {
        try {
            String prefix = path.toRealPath().toString();
            for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
                String mountPoint = line.split(" ")[4];
                if (mountPoint.equals(prefix) || mountPoint.startsWith(prefix + "/")) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
