package dev.stevedore;

import dev.stevedore.dockerfile.Mount;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code RUN --mount=type=bind,from=<stage|image>,source=...,target=...[,rw]}: a file or
 * directory of an earlier stage's root (or of an image's, resolved per the pull policy),
 * mounted read-only unless {@code rw}. A directory is laid out merged (the stage's layers seen
 * as one tree, whiteouts applied) in the step's directory, so a writable mount's writes are
 * discarded with it and never reach the stage; a file is bound in place when read-only. The
 * source's identity (the stage's cache key, the image's manifest digest) and the source path are
 * part of the RUN's cache key.
 */
final class BuildMountFrom {
    private BuildMountFrom() {
    }

    /** The stage or image a mount reads, and what identifies its content. */
    record Source(BuildState state, String identity) {
    }

    static Source resolve(BuilderRun build, int stageIndex, String from) {
        Optional<Integer> stage = build.stageIndex(from, stageIndex);
        if (stage.isPresent()) {
            BuildState state = build.stage(stage.get());
            return new Source(state, "stage:" + state.cacheKey());
        }
        Image image = build.baseImage(from);
        return new Source(new BuildState(image.layers(), image.config(), "", false),
                "image:" + image.manifestDigest());
    }

    /** The lines of the RUN's cache key for its {@code from=} bind mounts. */
    static String inputDigest(BuilderRun build, int stageIndex, List<Mount> specs) {
        StringBuilder b = new StringBuilder();
        for (Mount m : specs) {
            if (m.type() == Mount.Type.BIND && m.from().isPresent()) {
                Source source = resolve(build, stageIndex, m.from().get());
                b.append("from=").append(source.identity()).append(" source=").append(m.source().orElse("/"))
                        .append(" rw=").append(!m.readOnly()).append('\n');
            }
        }
        return b.toString();
    }

    /** The sandbox mount of a {@code from=} bind mount; {@code dir} is a fresh directory for its copy. */
    static dev.stevedore.sandbox.Mount mount(BuilderRun build, BuildStep step, int stageIndex, Mount m, Path dir)
            throws IOException {
        String from = m.from().orElseThrow();
        Source source = resolve(build, stageIndex, from);
        BuildRootfs rootfs = BuildLayers.rootfs(build, source.state());
        String path = "/" + BuildRootfs.relative(m.source().orElse("/"));
        Optional<Path> host = rootfs.findFollowing(path);
        if (host.isEmpty()) {
            throw BuildStageRunner.fail(step, "bind mount source \"" + path + "\" not found in " + from, null);
        }
        String target = m.target().orElseThrow();
        boolean writable = !m.readOnly();
        if (!Files.isDirectory(host.get(), LinkOption.NOFOLLOW_LINKS)) {
            if (!writable) {
                return dev.stevedore.sandbox.Mount.bind(host.get(), target).asReadOnly();
            }
            Path copy = Files.createDirectories(dir).resolve("file");
            copyEntry(rootfs, path, host.get(), copy);
            return dev.stevedore.sandbox.Mount.bind(copy, target);
        }
        Path copy = dir.resolve("tree");
        copyEntry(rootfs, path, host.get(), copy);
        dev.stevedore.sandbox.Mount bind = dev.stevedore.sandbox.Mount.bind(copy, target);
        return writable ? bind : bind.asReadOnly();
    }

    /** Copies one entry of the merged root file system, keeping owner, mode and time. */
    private static void copyEntry(BuildRootfs rootfs, String abs, Path host, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        if (Files.isSymbolicLink(host)) {
            Files.createSymbolicLink(target, Files.readSymbolicLink(host));
        } else if (Files.isDirectory(host, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectory(target);
            for (Map.Entry<String, Path> child : rootfs.children(abs).entrySet()) {
                String childAbs = abs.equals("/") ? "/" + child.getKey() : abs + "/" + child.getKey();
                copyEntry(rootfs, childAbs, child.getValue(), target.resolve(child.getKey()));
            }
            BuildFiles.chmod(target, BuildFiles.mode(host));
        } else if (Files.isRegularFile(host, LinkOption.NOFOLLOW_LINKS)) {
            Files.copy(host, target, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
            BuildFiles.chmod(target, BuildFiles.mode(host));
        } else {
            return; // devices, FIFOs and sockets are left out
        }
        BuildFiles.chown(target, BuildFiles.uid(host), BuildFiles.gid(host));
        BuildFiles.mtime(target, Files.getLastModifiedTime(host, LinkOption.NOFOLLOW_LINKS));
    }
}
