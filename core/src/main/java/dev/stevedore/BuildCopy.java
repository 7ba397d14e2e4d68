package dev.stevedore;

import dev.stevedore.dockerfile.Chmod;
import dev.stevedore.dockerfile.Heredoc;
import dev.stevedore.dockerfile.Instruction;
import dev.stevedore.dockerfile.PatternMatcher;
import dev.stevedore.oci.ContainerConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * COPY and ADD with Docker's rules: a directory source copies its contents; the destination is
 * a directory when it ends with {@code /}, when there are several sources, or when the image
 * already has a directory there; missing directories are created; relative destinations start
 * at WORKDIR. Files get owner 0:0 unless {@code --chown}, keep their mode unless
 * {@code --chmod}. ADD extracts local tar archives (plain, gzip, bzip2). The new files are
 * written as a tree into a temporary directory, which becomes the layer and its snapshot.
 */
final class BuildCopy {
    private final BuilderRun build;
    private final BuildStep step;
    private final BuildScope scope;
    private final int stageIndex;

    BuildCopy(BuilderRun build, BuildStep step, BuildScope scope, int stageIndex) {
        this.build = build;
        this.step = step;
        this.scope = scope;
        this.stageIndex = stageIndex;
    }

    /** What one COPY or ADD asks for, expanded. */
    private record Request(String keyword, List<String> sources, List<Heredoc> heredocs, String destination,
            Optional<String> from, Optional<String> chown, Optional<String> chmod, List<String> excludes,
            boolean extract, String shown) {
    }

    BuildState copy(Instruction.Copy c, BuildState s) {
        if (c.parents()) {
            return new BuildCopyParents(build, step, scope, stageIndex).copy(c, s);
        }
        return run(request("COPY", c.sourcePaths(), c.heredocSources(), c.destination(), c.from(), c.chown(),
                c.chmod(), c.excludes(), false, s.config()), s);
    }

    BuildState add(Instruction.Add a, BuildState s) {
        Optional<BuildState> url = new BuildAddUrl(build, step, scope).tryAdd(a, s);
        if (url.isPresent()) {
            return url.get();
        }
        return run(request("ADD", a.sourcePaths(), a.heredocSources(), a.destination(), Optional.empty(), a.chown(),
                a.chmod(), a.excludes(), a.unpack().orElse(true), s.config()), s);
    }

    private Request request(String keyword, List<String> sources, List<Heredoc> heredocs, String destination,
            Optional<String> from, Optional<String> chown, Optional<String> chmod, List<String> excludes,
            boolean extract, ContainerConfig c) {
        List<String> env = c.env();
        List<String> src = sources.stream().map(x -> scope.expand(x, env)).toList();
        String dest = scope.expand(destination, env);
        Optional<String> f = from.map(x -> scope.expand(x, env));
        Optional<String> o = chown.map(x -> scope.expand(x, env));
        Optional<String> m = chmod.map(x -> scope.expand(x, env));
        List<String> shown = new ArrayList<>();
        shown.add(keyword);
        o.ifPresent(x -> shown.add("--chown=" + x));
        m.ifPresent(x -> shown.add("--chmod=" + x));
        shown.addAll(src);
        heredocs.forEach(h -> shown.add("<<" + h.name()));
        shown.add(dest);
        return new Request(keyword, src, heredocs, dest, f, o, m,
                excludes.stream().map(x -> scope.expand(x, env)).toList(), extract,
                String.join(" ", shown) + " # buildkit");
    }

    private BuildState run(Request r, BuildState s) {
        ContainerConfig c = s.config();
        for (String src : r.sources()) {
            if (src.startsWith("http://") || src.startsWith("https://") || src.startsWith("git@")) {
                // ADD takes URLs before it gets here (BuildAddUrl); COPY never does, as in Docker
                throw BuildStageRunner.fail(step, "source can't be a URL for " + r.keyword() + ": " + src, null);
            }
        }
        try {
            List<String> heredocs = new ArrayList<>();
            for (Heredoc h : r.heredocs()) {
                String content = h.strippedContent();
                if (h.expand()) {
                    content = build.lexer().withRawQuotes(true).withRawEscapes(true)
                            .processWord(content, scope.shellEnv(c.env())).result();
                }
                heredocs.add(content);
            }
            String what = String.join("\0", r.shown(), "extract=" + r.extract(), String.join("\0", r.excludes()),
                    String.join("\0", heredocs));
            Source source = source(r);
            String key = "";
            if (source.identity().isPresent()) {
                // the source's chain and the patterns say it all: no snapshot is looked at on a hit
                List<String> patterns = r.sources().stream().map(BuildCopySource::clean).toList();
                key = BuildCache.key(s.cacheKey(), what, source.identity().get(), String.join("\0", patterns));
                Optional<BuildState> cached = BuildLayers.cached(build, step, s, key, r.shown());
                if (cached.isPresent()) {
                    return cached.get();
                }
            }
            BuildCopySource files = source.files().get();
            List<String> matches = new ArrayList<>();
            for (String raw : r.sources()) {
                String rel = BuildCopySource.clean(raw);
                if (BuildCopySource.hasGlob(rel)) {
                    matches.addAll(files.glob(rel)); // no match is no error, as in BuildKit
                } else {
                    if (files.find(rel).isEmpty()) {
                        throw notFound(rel);
                    }
                    matches.add(rel);
                }
            }
            String contentKey;
            if (source.identity().isPresent()) {
                // another chain may have given the same files (BuildKit keys --from by content)
                contentKey = BuildCache.key(s.cacheKey(), what, "content",
                        BuildCopyKey.of(files, build.snapshotHashes(), matches));
            } else {
                contentKey = BuildCache.key(s.cacheKey(), what, BuildCopyKey.of(files, build.contextHashes(), matches));
                key = contentKey;
            }
            Optional<BuildState> cached = BuildLayers.cached(build, step, s, contentKey, r.shown());
            if (cached.isPresent()) {
                if (!key.equals(contentKey)) {
                    BuildLayers.alias(build, cached.get(), key, contentKey);
                }
                return cached.get();
            }
            Path tree = copy(r, s, files, matches, heredocs);
            return BuildLayers.commit(build, s, tree, key, contentKey, r.shown());
        } catch (IOException e) {
            throw BuildStageRunner.fail(step, e.toString(), e);
        }
    }

    /** Writes the new files into a fresh tree: what the layer will hold. */
    private Path copy(Request r, BuildState s, BuildCopySource source, List<String> matches, List<String> heredocs)
            throws IOException {
        ContainerConfig c = s.config();
        BuildRootfs rootfs = BuildLayers.rootfs(build, s);
        int[] owner;
        try {
            owner = r.chown().isPresent() ? BuildUsers.resolve(r.chown().get(), rootfs) : null;
        } catch (IllegalArgumentException e) {
            throw BuildStageRunner.fail(step, e.getMessage(), e);
        }
        Optional<Chmod> chmod = r.chmod().map(Chmod::parse);
        boolean slash = namesDirectory(step, r.keyword(), r.destination(), matches.size() + r.heredocs().size());
        String dest = rootfs.resolve(BuildWorkdir.absolute(r.destination(), c.workingDir().orElse("/")), true);
        boolean destIsDir = slash || rootfs.isDirectory(dest);
        FileTime now = FileTime.from(build.created);
        Path tree = BuildLayers.newTree(build, r.keyword().toLowerCase(Locale.ROOT), rootfs);
        BuildCopyWriter writer = new BuildCopyWriter(source, owner, chmod);
        for (String rel : matches) {
            Path host = source.find(rel).orElseThrow();
            String name = rel.isEmpty() ? "" : rel.substring(rel.lastIndexOf('/') + 1);
            if (Files.isDirectory(host)) {
                BuildLayers.mkdirs(tree, dest, rootfs, owner, now);
                writer.copyContents(rel, host, tree.resolve(BuildRootfs.relative(dest)));
            } else if (r.extract() && BuildCopyArchive.isArchive(host)) {
                BuildLayers.mkdirs(tree, dest, rootfs, owner, now);
                BuildCopyArchive.extract(host, tree.resolve(BuildRootfs.relative(dest)), owner);
            } else {
                String target = destIsDir ? dest + "/" + name : dest;
                BuildLayers.mkdirs(tree, parent(target), rootfs, owner, now);
                writer.copyEntry(rel, host, tree.resolve(BuildRootfs.relative(target)));
            }
        }
        for (int i = 0; i < r.heredocs().size(); i++) {
            String target = destIsDir ? dest + "/" + r.heredocs().get(i).name() : dest;
            BuildLayers.mkdirs(tree, parent(target), rootfs, owner, now);
            Path file = tree.resolve(BuildRootfs.relative(target));
            Files.writeString(file, heredocs.get(i), StandardCharsets.UTF_8);
            writer.finish(file, 0644, false);
            BuildFiles.mtime(file, now);
        }
        return tree;
    }

    /**
     * Where a COPY reads (made on first use: another stage's or image's root needs its
     * snapshots), and what identifies its content when that is known without reading it:
     * another stage's or image's layers (their chain ID); empty for the context, whose files are
     * digested.
     */
    private record Source(Supplier<BuildCopySource> files, Optional<String> identity) {
    }

    private Source source(Request r) {
        PatternMatcher exclude = PatternMatcher.compile(r.excludes());
        if (r.from().isEmpty()) {
            BuildCopySource context = BuildCopySource.context(build.settings.contextDir(), build.ignore().matcher(),
                    exclude);
            return new Source(() -> context, Optional.empty());
        }
        Optional<Integer> stage = build.stageIndex(r.from().get(), stageIndex);
        BuildState other;
        if (stage.isPresent()) {
            other = build.stage(stage.get());
        } else {
            Image image = build.baseImage(r.from().get());
            other = new BuildState(image.layers(), image.config(), "", false);
        }
        String identity = "from " + other.chainId().map(Object::toString).orElse("empty");
        return new Source(() -> BuildCopySource.layers(BuildLayers.rootfs(build, other), exclude),
                Optional.of(identity));
    }

    private BuildException notFound(String rel) {
        return BuildStageRunner.fail(step, "\"/" + rel + "\": not found", null);
    }

    /**
     * Docker's rule for a destination as written: it names a directory when it ends with
     * {@code /} or {@code /.}, or is {@code .}; several sources need one that does.
     *
     * @throws BuildException naming the step when there are several sources and it does not
     */
    static boolean namesDirectory(BuildStep step, String keyword, String destination, int sources) {
        boolean slash = destination.endsWith("/") || destination.endsWith("/.") || destination.equals(".");
        if (sources > 1 && !slash) {
            throw BuildStageRunner.fail(step, "When using " + keyword + " with more than one source file, "
                    + "the destination must be a directory and end with a /", null);
        }
        return slash;
    }

    static String parent(String abs) {
        int slash = abs.lastIndexOf('/');
        return slash <= 0 ? "/" : abs.substring(0, slash);
    }

    /** Copies entries into the tree with the request's owner and mode. */
    static final class BuildCopyWriter {
        private final BuildCopySource source;
        private final int[] owner;
        private final Optional<Chmod> chmod;

        BuildCopyWriter(BuildCopySource source, int[] owner, Optional<Chmod> chmod) {
            this.source = source;
            this.owner = owner;
            this.chmod = chmod;
        }

        void copyContents(String rel, Path host, Path target) throws IOException {
            Map<String, Path> children = source.children(rel, host);
            for (Map.Entry<String, Path> e : children.entrySet()) {
                String childRel = BuildCopySource.join(rel, e.getKey());
                Path child = target.resolve(e.getKey());
                if (source.excluded(childRel)) {
                    if (!Files.isDirectory(e.getValue(), LinkOption.NOFOLLOW_LINKS)
                            || source.skipExcludedDirectory(childRel)) {
                        continue;
                    }
                    // walked only for the exceptions below it: kept if one of them matched, as BuildKit
                    boolean existed = Files.exists(child, LinkOption.NOFOLLOW_LINKS);
                    copyEntry(childRel, e.getValue(), child);
                    if (!existed && isEmptyDirectory(child)) {
                        Files.delete(child);
                    }
                    continue;
                }
                copyEntry(childRel, e.getValue(), child);
            }
        }

        private static boolean isEmptyDirectory(Path dir) throws IOException {
            try (Stream<Path> s = Files.list(dir)) {
                return s.findAny().isEmpty();
            }
        }

        void copyEntry(String rel, Path host, Path target) throws IOException {
            if (Files.isSymbolicLink(host)) {
                Files.deleteIfExists(target);
                Files.createSymbolicLink(target, Files.readSymbolicLink(host));
                int[] o = ownerOf(host);
                BuildFiles.chown(target, o[0], o[1]);
                BuildFiles.mtime(target, Files.getLastModifiedTime(host, LinkOption.NOFOLLOW_LINKS));
            } else if (Files.isDirectory(host, LinkOption.NOFOLLOW_LINKS)) {
                if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                    Files.deleteIfExists(target);
                    Files.createDirectory(target);
                }
                copyContents(rel, host, target);
                finish(target, ownerOf(host), BuildFiles.mode(host), true);
                BuildFiles.mtime(target, Files.getLastModifiedTime(host, LinkOption.NOFOLLOW_LINKS));
            } else if (Files.isRegularFile(host, LinkOption.NOFOLLOW_LINKS)) {
                if (link(host, target)) {
                    return;
                }
                Files.copy(host, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES,
                        LinkOption.NOFOLLOW_LINKS);
                finish(target, ownerOf(host), BuildFiles.mode(host), false);
            }
            // sockets, FIFOs and devices are not copied
        }

        /**
         * Hard-links a file from a committed snapshot instead of copying it, when the copy would
         * be the same inode in all but name: a stage's or image's file (snapshots never change
         * once committed; overlay copies a lower file up before any write), its owner and mode
         * kept (no {@code --chown}, no {@code --chmod}). Nothing is ever changed through the
         * link. False when it cannot be (another file system, too many links): then it is copied.
         */
        private boolean link(Path host, Path target) {
            if (!source.keepsOwners() || owner != null || chmod.isPresent()) {
                return false;
            }
            try {
                Files.deleteIfExists(target);
                Files.createLink(target, host);
                return true;
            } catch (IOException | UnsupportedOperationException e) {
                return false;
            }
        }

        void finish(Path target, int mode, boolean directory) throws IOException {
            finish(target, owner == null ? new int[] {0, 0} : owner, mode, directory);
        }

        private void finish(Path target, int[] o, int mode, boolean directory) throws IOException {
            BuildFiles.chown(target, o[0], o[1]);
            BuildFiles.chmod(target, chmod.map(c -> c.apply(mode, directory)).orElse(mode));
        }

        /**
         * Who owns a copy: {@code --chown}'s owner, else the source's for files from a stage or an
         * image (as BuildKit keeps them), else root (context files always arrive as 0:0).
         */
        private int[] ownerOf(Path host) throws IOException {
            if (owner != null) {
                return owner;
            }
            return source.keepsOwners() ? new int[] {BuildFiles.uid(host), BuildFiles.gid(host)} : new int[] {0, 0};
        }
    }
}
