package dev.stevedore;

import dev.stevedore.dockerfile.Instruction;
import dev.stevedore.oci.ContainerConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Optional;

/**
 * WORKDIR: sets the working directory and, as BuildKit, creates it as a layer when the image
 * lacks it, owned by the {@code USER} in effect (root when none).
 */
final class BuildWorkdir {
    private final BuilderRun build;
    private final BuildStep step;
    private final BuildScope scope;

    BuildWorkdir(BuilderRun build, BuildStep step, BuildScope scope) {
        this.build = build;
        this.step = step;
        this.scope = scope;
    }

    BuildState workdir(Instruction.Workdir w, BuildState s) {
        ContainerConfig c = s.config();
        String path = absolute(scope.expand(w.path(), c.env()), c.workingDir().orElse("/"));
        String createdBy = "WORKDIR " + path;
        BuildState next = s.withConfig(c.withWorkingDir(path), s.cacheKey());
        BuildRootfs rootfs = BuildLayers.rootfs(build, s);
        if (rootfs.isDirectory(path)) {
            return next.withConfig(next.config(), BuildCache.key(s.cacheKey(), createdBy))
                    .withEmptyStep(build.emptyStep(s, createdBy));
        }
        String user = c.user().orElse("");
        String key = BuildCache.key(s.cacheKey(), createdBy, "user=" + user);
        Optional<BuildState> cached = BuildLayers.cached(build, step, next, key, createdBy);
        if (cached.isPresent()) {
            return cached.get();
        }
        try {
            Path tree = BuildLayers.newTree(build, "workdir", rootfs);
            int[] owner;
            try {
                owner = c.user().filter(u -> !u.isEmpty()).map(u -> BuildUsers.resolveUser(u, rootfs)).orElse(null);
            } catch (IllegalArgumentException e) {
                throw BuildStageRunner.fail(step, e.getMessage(), e);
            }
            BuildLayers.mkdirs(tree, rootfs.resolve(path, true), rootfs, owner, FileTime.from(build.created));
            return BuildLayers.commit(build, next, tree, key, createdBy);
        } catch (IOException e) {
            throw BuildStageRunner.fail(step, "cannot create " + path + ": " + e, e);
        }
    }

    /** {@code path} made absolute against {@code base}, cleaned. */
    static String absolute(String path, String base) {
        String joined = path.startsWith("/") ? path : (base.endsWith("/") ? base : base + "/") + path;
        String clean = Path.of("/").resolve(joined).normalize().toString();
        return clean.isEmpty() ? "/" : clean;
    }
}
