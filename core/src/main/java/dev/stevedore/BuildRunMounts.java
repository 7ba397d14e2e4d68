package dev.stevedore;

import dev.stevedore.dockerfile.Mount;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A RUN's {@code --mount}s as sandbox mounts: secrets (a file under the step directory, bound
 * read-only at {@code /run/secrets/<id>} or the target), tmpfs, caches (a directory per id under
 * {@code <home>/build-cache-mounts}, kept between builds, shared as {@code sharing=} says:
 * {@link BuildCacheMounts}) and binds of the context (read-only) or of a stage or image
 * ({@link BuildMountFrom}). Closing releases the cache directories.
 * After the run, the mount points they (and the sandbox's /etc files) left in the upper dir
 * are removed.
 */
final class BuildRunMounts implements AutoCloseable {
    private static final List<String> SANDBOX_TARGETS = List.of("/etc/hosts", "/etc/hostname", "/etc/resolv.conf",
            "/proc", "/sys", "/dev");

    private final List<dev.stevedore.sandbox.Mount> mounts;
    private final List<String> targets;
    private final List<String> env;
    private final List<BuildCacheMounts.Use> uses;

    private BuildRunMounts(List<dev.stevedore.sandbox.Mount> mounts, List<String> targets, List<String> env,
            List<BuildCacheMounts.Use> uses) {
        this.mounts = mounts;
        this.targets = targets;
        this.env = env;
        this.uses = List.copyOf(uses);
    }

    /** Releases the cache directories (their locks, and the uses {@code sharing=private} looks at). */
    @Override
    public void close() {
        uses.forEach(BuildCacheMounts.Use::close);
    }

    static BuildRunMounts of(BuilderRun build, BuildStep step, int stageIndex, List<Mount> specs, Path dir)
            throws IOException, InterruptedException {
        List<BuildCacheMounts.Use> uses = new ArrayList<>();
        try {
            return of(build, step, stageIndex, specs, dir, uses);
        } catch (IOException | InterruptedException | RuntimeException e) {
            uses.forEach(BuildCacheMounts.Use::close);
            throw e;
        }
    }

    private static BuildRunMounts of(BuilderRun build, BuildStep step, int stageIndex, List<Mount> specs, Path dir,
            List<BuildCacheMounts.Use> uses) throws IOException, InterruptedException {
        List<dev.stevedore.sandbox.Mount> mounts = new ArrayList<>();
        List<String> targets = new ArrayList<>(SANDBOX_TARGETS);
        List<String> env = new ArrayList<>();
        for (Mount m : specs) {
            switch (m.type()) {
                case SECRET -> {
                    String id = m.id().or(() -> m.target().map(t -> t.substring(t.lastIndexOf('/') + 1)))
                            .orElseThrow();
                    BuildSettings.BuildSecret secret = build.settings.secrets().get(id);
                    if (secret == null) {
                        if (m.required()) {
                            throw BuildStageRunner.fail(step, "secret " + id + " not found", null);
                        }
                        continue;
                    }
                    byte[] bytes = secret.read();
                    if (m.env().isPresent() && !m.env().get().isEmpty()) {
                        env.add(m.env().get() + "=" + new String(bytes, StandardCharsets.UTF_8));
                        if (m.target().isEmpty()) {
                            continue;
                        }
                    }
                    Path file = Files.createDirectories(dir.resolve("secrets")).resolve(Integer.toString(mounts.size()));
                    Files.write(file, bytes);
                    BuildFiles.chmod(file, (int) m.mode().orElse(0400));
                    BuildFiles.chown(file, (int) m.uid().orElse(0), (int) m.gid().orElse(0));
                    String target = m.target().orElse("/run/secrets/" + id);
                    mounts.add(dev.stevedore.sandbox.Mount.bind(file, target).asReadOnly());
                    targets.add(target);
                }
                case TMPFS -> {
                    String target = m.target().orElseThrow();
                    mounts.add(dev.stevedore.sandbox.Mount.tmpfs(target, m.sizeLimit(), 01777));
                    targets.add(target);
                }
                case CACHE -> {
                    String target = m.target().orElseThrow();
                    String id = m.id().orElse(target);
                    Path cache = BuildCacheMounts.directory(build.images.engine().home(), id, m);
                    BuildCacheMounts.Use use = BuildCacheMounts.acquire(cache, m.sharing().orElse(Mount.Sharing.SHARED),
                            dir.resolve("private-cache-" + mounts.size()), m);
                    uses.add(use);
                    dev.stevedore.sandbox.Mount bind = dev.stevedore.sandbox.Mount.bind(use.dir(), target);
                    mounts.add(m.readOnly() ? bind.asReadOnly() : bind);
                    targets.add(target);
                }
                case BIND -> {
                    if (m.from().isPresent()) {
                        mounts.add(BuildMountFrom.mount(build, step, stageIndex, m, dir.resolve("bind-" + mounts.size())));
                        targets.add(m.target().orElseThrow());
                        continue;
                    }
                    String source = BuildRootfs.relative(m.source().orElse("/"));
                    Path host = build.settings.contextDir().resolve(source).normalize();
                    if (!host.startsWith(build.settings.contextDir()) || !Files.exists(host)) {
                        throw BuildStageRunner.fail(step, "bind mount source \"" + source + "\" not found in the context",
                                null);
                    }
                    String target = m.target().orElseThrow();
                    mounts.add(dev.stevedore.sandbox.Mount.bind(host, target).asReadOnly());
                    targets.add(target);
                }
                case SSH -> throw BuildStageRunner.fail(step, "RUN --mount=type=ssh is not supported yet", null);
                default -> throw new IllegalStateException(m.type().toString());
            }
        }
        return new BuildRunMounts(mounts, targets, env, uses);
    }

    /** The digests of the context trees bind mounts read (their contents are a RUN's inputs). */
    static String inputDigest(BuilderRun build, List<Mount> specs) throws IOException {
        StringBuilder b = new StringBuilder();
        for (Mount m : specs) {
            if (m.type() == Mount.Type.BIND && m.from().isEmpty()) {
                Path host = build.settings.contextDir().resolve(BuildRootfs.relative(m.source().orElse("/"))).normalize();
                if (host.startsWith(build.settings.contextDir()) && Files.exists(host)) {
                    b.append(m.source().orElse("/")).append('=').append(BuildFiles.treeDigest(host)).append('\n');
                }
            }
        }
        return b.toString();
    }

    List<dev.stevedore.sandbox.Mount> mounts() {
        return mounts;
    }

    List<String> env() {
        return env;
    }

    /**
     * Removes from the upper dir the mount points the lower layers did not have (an empty file or
     * directory, with the directories made for them), deepest first.
     */
    void clean(Path upper, BuildRootfs lowers) throws IOException {
        for (String target : targets) {
            String rel = BuildRootfs.relative(target);
            if (rel.isEmpty()) {
                continue;
            }
            Path p = upper.resolve(rel);
            while (!rel.isEmpty() && lowers.find("/" + rel).isEmpty() && emptyEntry(p)) {
                Files.delete(p);
                int slash = rel.lastIndexOf('/');
                rel = slash < 0 ? "" : rel.substring(0, slash);
                p = upper.resolve(rel);
            }
        }
    }

    private static boolean emptyEntry(Path p) throws IOException {
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            try (var s = Files.list(p)) {
                return s.findAny().isEmpty();
            }
        }
        return Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) && Files.size(p) == 0;
    }
}
