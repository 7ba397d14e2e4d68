package dev.stevedore;

import dev.stevedore.dockerfile.Chmod;
import dev.stevedore.dockerfile.Instruction;
import dev.stevedore.dockerfile.PatternMatcher;
import dev.stevedore.oci.ContainerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code COPY --parents} as BuildKit does it: each source keeps its parent directories,
 * relative to the root of the context (or of the {@code --from} stage or image), under the
 * destination — or relative to a {@code /./} pivot in the source path
 * ({@code COPY --parents ./src/./app/*.go /out/} makes {@code /out/app/x.go}). Globs work; a
 * glob matching nothing copies nothing. The destination is always a directory. Parent
 * directories taken from the source keep their mode and time, and get the {@code --chown}
 * owner (else root).
 */
final class BuildCopyParents {
    private final BuilderRun build;
    private final BuildStep step;
    private final BuildScope scope;
    private final int stageIndex;

    BuildCopyParents(BuilderRun build, BuildStep step, BuildScope scope, int stageIndex) {
        this.build = build;
        this.step = step;
        this.scope = scope;
        this.stageIndex = stageIndex;
    }

    /** One source path split at its pivot: the part dropped and the pattern kept under the destination. */
    record Pivot(String base, String kept) {
        /** Splits at the first {@code /./}; without one the base is the root. */
        static Pivot of(String raw) {
            int at = raw.indexOf("/./");
            if (at < 0) {
                return new Pivot("", BuildCopySource.clean(raw));
            }
            String base = BuildCopySource.clean(raw.substring(0, at));
            String rest = BuildCopySource.clean(raw.substring(at + 3));
            return new Pivot(base, rest);
        }

        String full() {
            return BuildCopySource.join(base, kept);
        }
    }

    BuildState copy(Instruction.Copy c, BuildState s) {
        if (!c.heredocSources().isEmpty()) {
            throw BuildStageRunner.fail(step, "COPY --parents does not take heredoc sources", null);
        }
        ContainerConfig config = s.config();
        List<String> env = config.env();
        List<String> sources = c.sourcePaths().stream().map(x -> scope.expand(x, env)).toList();
        String destination = scope.expand(c.destination(), env);
        Optional<String> from = c.from().map(x -> scope.expand(x, env));
        Optional<String> chown = c.chown().map(x -> scope.expand(x, env));
        Optional<String> chmod = c.chmod().map(x -> scope.expand(x, env));
        List<String> excludes = c.excludes().stream().map(x -> scope.expand(x, env)).toList();
        List<String> shown = new ArrayList<>(List.of("COPY", "--parents"));
        chown.ifPresent(x -> shown.add("--chown=" + x));
        chmod.ifPresent(x -> shown.add("--chmod=" + x));
        shown.addAll(sources);
        shown.add(destination);
        String createdBy = String.join(" ", shown) + " # buildkit";
        BuildRootfs rootfs = BuildLayers.rootfs(build, s);
        int[] owner;
        try {
            owner = chown.isPresent() ? BuildUsers.resolve(chown.get(), rootfs) : null;
        } catch (IllegalArgumentException e) {
            throw BuildStageRunner.fail(step, e.getMessage(), e);
        }
        try {
            BuildCopySource source = source(from, PatternMatcher.compile(excludes));
            BuildCopy.BuildCopyWriter writer = new BuildCopy.BuildCopyWriter(source, owner, chmod.map(Chmod::parse));
            String dest = rootfs.resolve(BuildWorkdir.absolute(destination, config.workingDir().orElse("/")), true);
            FileTime now = FileTime.from(build.created);
            Path tree = BuildLayers.newTree(build, "copy-parents", rootfs);
            BuildLayers.mkdirs(tree, dest, rootfs, owner, now);
            Path destDir = tree.resolve(BuildRootfs.relative(dest));
            for (String raw : sources) {
                Pivot pivot = Pivot.of(raw);
                List<String> matches = new ArrayList<>();
                if (BuildCopySource.hasGlob(pivot.full())) {
                    matches.addAll(source.glob(pivot.full()));
                } else if (source.find(pivot.full()).isPresent()) {
                    matches.add(pivot.full());
                } else {
                    throw BuildStageRunner.fail(step, "\"/" + pivot.full() + "\": not found", null);
                }
                for (String match : matches) {
                    String kept = pivot.base().isEmpty() ? match : match.substring(pivot.base().length() + 1);
                    Path host = source.find(match).orElseThrow();
                    if (kept.isEmpty()) {
                        writer.copyContents(match, host, destDir); // the root itself: its contents
                        continue;
                    }
                    parents(source, pivot.base(), kept, destDir, owner);
                    writer.copyEntry(match, host, destDir.resolve(kept));
                }
            }
            String key = BuildCache.key(s.cacheKey(), createdBy, from.orElse(""), BuildFiles.treeDigest(tree));
            Optional<BuildState> hit = BuildLayers.cached(build, step, s, key, createdBy);
            return hit.isPresent() ? hit.get() : BuildLayers.commit(build, s, tree, key, createdBy);
        } catch (IOException e) {
            throw BuildStageRunner.fail(step, e.toString(), e);
        }
    }

    /** Creates the parent directories of {@code kept} under {@code destDir}, as the source has them. */
    private static void parents(BuildCopySource source, String base, String kept, Path destDir, int[] owner)
            throws IOException {
        int slash = kept.lastIndexOf('/');
        if (slash < 0) {
            return;
        }
        String rel = "";
        for (String part : kept.substring(0, slash).split("/")) {
            rel = BuildCopySource.join(rel, part);
            Path target = destDir.resolve(rel);
            if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            Files.createDirectory(target);
            Optional<Path> src = source.find(BuildCopySource.join(base, rel));
            BuildFiles.chmod(target, src.isPresent() ? BuildFiles.mode(src.get()) : 0755);
            BuildFiles.chown(target, owner == null ? 0 : owner[0], owner == null ? 0 : owner[1]);
            if (src.isPresent()) {
                BuildFiles.mtime(target, Files.getLastModifiedTime(src.get(), LinkOption.NOFOLLOW_LINKS));
            }
        }
    }

    private BuildCopySource source(Optional<String> from, PatternMatcher exclude) {
        if (from.isEmpty()) {
            return BuildCopySource.context(build.settings.contextDir(), build.ignore().matcher(), exclude);
        }
        Optional<Integer> stage = build.stageIndex(from.get(), stageIndex);
        BuildState other;
        if (stage.isPresent()) {
            other = build.stage(stage.get());
        } else {
            Image image = build.baseImage(from.get());
            other = new BuildState(image.layers(), image.config(), "", false);
        }
        return BuildCopySource.layers(BuildLayers.rootfs(build, other), exclude);
    }
}
