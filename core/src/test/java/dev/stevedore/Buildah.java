package dev.stevedore;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code buildah} on a private storage root, for side-by-side build tests: its own {@code --root}
 * and {@code --runroot} under a work directory, chroot isolation, the overlay storage driver when
 * it works here (probed with {@code buildah images}), else vfs. {@link #close()} removes the
 * working containers and images and lazily unmounts whatever buildah left mounted under the work
 * directory, deepest first, as {@code bench/build.sh} does.
 *
 * <pre>{@code
 * try (Buildah buildah = Buildah.in(work)) {
 *     buildah.pullLayout(busyboxLayout, "busybox:latest");
 *     buildah.bud(context, "app:latest");
 *     buildah.pushDir("app:latest", work.resolve("app-dir"));
 * }
 * }</pre>
 */
final class Buildah implements AutoCloseable {
    private static final long TIMEOUT_SECONDS = 120;

    private final Path work;
    private final Path root;
    private final Path runroot;
    private final String driver;

    private Buildah(Path work, String driver) {
        this.work = work;
        this.root = work.resolve("root");
        this.runroot = work.resolve("runroot");
        this.driver = driver;
    }

    /**
     * A buildah on a fresh root under {@code work} (created), overlay driver if usable else vfs.
     *
     * @param work a directory of the caller's, with a lower-case path
     * @return the runner; close it
     * @throws IOException if buildah cannot be started
     */
    static Buildah in(Path work) throws IOException {
        Files.createDirectories(work);
        Buildah overlay = new Buildah(work, "overlay");
        Result probe = overlay.exec(List.of("images", "-q"));
        if (probe.code() == 0) {
            return overlay;
        }
        overlay.close();
        Files.createDirectories(work);
        return new Buildah(work, "vfs");
    }

    String driver() {
        return driver;
    }

    /** Pulls {@code oci:layout:latest} and tags it {@code name}. */
    void pullLayout(Path layout, String name) throws IOException {
        String id = check(List.of("pull", "-q", "oci:" + layout + ":latest"), "pull").strip();
        check(List.of("tag", id, name), "tag");
    }

    /**
     * {@code buildah bud} of {@code context} (its {@code Dockerfile}): chroot isolation, the host
     * network (chroot isolation refuses {@code --network none}), {@code --layers},
     * {@code --pull-never}, Docker format (in OCI format buildah 1.28 ignores {@code SHELL} and drops
     * {@code HEALTHCHECK}).
     */
    void bud(Path context, String tag) throws IOException {
        check(List.of("bud", "--isolation", "chroot", "--network", "host", "--layers", "--pull-never",
                "--format", "docker", "-q", "-t", tag, context.toString()), "bud");
    }

    /**
     * Writes the image {@code name} to {@code dir} as containers/image's {@code dir:} transport
     * does: {@code manifest.json} and the blobs by hex digest, the config as built (a push to
     * {@code oci:} would convert it and drop Docker-only fields such as Healthcheck).
     */
    void pushDir(String name, Path dir) throws IOException {
        Files.createDirectories(dir.getParent());
        check(List.of("push", "-q", name, "dir:" + dir), "push");
    }

    @Override
    public void close() throws IOException {
        exec(List.of("rm", "--all"));
        exec(List.of("rmi", "--all", "--force"));
        List<String> mounts = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
            String mountPoint = line.split(" ")[4];
            if (mountPoint.startsWith(work.toString() + "/")) {
                mounts.add(mountPoint);
            }
        }
        mounts.sort(Comparator.comparing(String::length).reversed());
        for (String mountPoint : mounts) {
            run(List.of("umount", "-l", mountPoint));
        }
        deleteTree(root);
        deleteTree(runroot);
    }

    private String check(List<String> args, String what) throws IOException {
        Result r = exec(args);
        if (r.code() != 0) {
            throw new IOException("buildah " + what + " exited " + r.code() + ": " + String.join(" ", args) + "\n"
                    + r.output());
        }
        return r.output();
    }

    private Result exec(List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of("buildah", "--root", root.toString(), "--runroot",
                runroot.toString(), "--storage-driver", driver));
        command.addAll(args);
        return run(command);
    }

    private Result run(List<String> command) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("BUILDAH_ISOLATION", "chroot");
        env.put("STORAGE_DRIVER", driver);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        try {
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("timed out: " + String.join(" ", command));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IOException("interrupted: " + String.join(" ", command), e);
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        List<Path> paths;
        try (var s = Files.walk(dir)) {
            paths = s.sorted(Comparator.reverseOrder()).toList();
        }
        for (Path p : paths) {
            Files.deleteIfExists(p);
        }
    }

    private record Result(int code, String output) {}
}
