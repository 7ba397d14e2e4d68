package dev.stevedore;

import dev.stevedore.dockerfile.Chmod;
import dev.stevedore.dockerfile.Instruction;
import dev.stevedore.oci.ContainerConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code ADD <http(s) URL>... <dest>} with BuildKit's rules: each URL is downloaded (JDK
 * HttpClient); the file is named after the URL's last path segment unless the destination is
 * a file path (not ending in {@code /} and not a directory of the image); mode 0600 unless
 * {@code --chmod}, owner 0:0 unless {@code --chown}; mtime from {@code Last-Modified} when the
 * server sends it, else the build's time; never extracted. {@code --checksum=<alg>:<hex>} is
 * verified, and then is the cache key by itself (a hit downloads nothing); without it, the key
 * is the downloaded tree's digest (the content is re-checked each build, as BuildKit does).
 * Git sources fail with "not supported in 0.1".
 */
final class BuildAddUrl {
    private static final Pattern CHECKSUM = Pattern.compile("(sha256:[0-9a-f]{64}|sha384:[0-9a-f]{96}|sha512:[0-9a-f]{128})");

    private final BuilderRun build;
    private final BuildStep step;
    private final BuildScope scope;

    BuildAddUrl(BuilderRun build, BuildStep step, BuildScope scope) {
        this.build = build;
        this.step = step;
        this.scope = scope;
    }

    /** Whether a source is an HTTP(S) URL. */
    static boolean isUrl(String source) {
        String s = source.toLowerCase(Locale.ROOT);
        return s.startsWith("http://") || s.startsWith("https://");
    }

    /** Whether a source names a git repository, as BuildKit recognises one. */
    static boolean isGit(String source) {
        String s = source.toLowerCase(Locale.ROOT);
        if (s.startsWith("git@") || s.startsWith("git://") || s.startsWith("ssh://") || s.startsWith("github.com/")) {
            return true;
        }
        if (!isUrl(s)) {
            return false;
        }
        int hash = s.indexOf('#');
        String path = hash < 0 ? s : s.substring(0, hash);
        return path.endsWith(".git") || path.endsWith(".git/");
    }

    /**
     * Handles the ADD if it reads URLs (or git, which fails), else empty: the caller copies
     * from the context as usual.
     */
    Optional<BuildState> tryAdd(Instruction.Add a, BuildState s) {
        ContainerConfig c = s.config();
        List<String> env = c.env();
        List<String> sources = a.sourcePaths().stream().map(x -> scope.expand(x, env)).toList();
        for (String src : sources) {
            if (isGit(src)) {
                throw BuildStageRunner.fail(step, "ADD of a git repository (" + src + ") is not supported in 0.1", null);
            }
        }
        long urls = sources.stream().filter(BuildAddUrl::isUrl).count();
        Optional<String> checksum = a.checksum().map(x -> scope.expand(x, env));
        if (urls == 0) {
            if (checksum.isPresent()) {
                throw BuildStageRunner.fail(step, "--checksum can only be used with HTTP(S) sources", null);
            }
            if (a.keepGitDir().isPresent()) {
                throw BuildStageRunner.fail(step, "--keep-git-dir can only be used with git sources", null);
            }
            return Optional.empty();
        }
        if (urls != sources.size() || !a.heredocSources().isEmpty()) {
            throw BuildStageRunner.fail(step, "ADD mixing URLs with other sources is not supported in 0.1", null);
        }
        if (checksum.isPresent() && sources.size() != 1) {
            throw BuildStageRunner.fail(step, "--checksum needs exactly one source", null);
        }
        if (checksum.isPresent() && !CHECKSUM.matcher(checksum.get()).matches()) {
            throw BuildStageRunner.fail(step, "invalid --checksum \"" + checksum.get()
                    + "\": expected sha256:<64 hex digits> (or sha384, sha512)", null);
        }
        String dest = scope.expand(a.destination(), env);
        Optional<String> chown = a.chown().map(x -> scope.expand(x, env));
        Optional<String> chmod = a.chmod().map(x -> scope.expand(x, env));
        List<String> shown = new ArrayList<>();
        shown.add("ADD");
        chown.ifPresent(x -> shown.add("--chown=" + x));
        chmod.ifPresent(x -> shown.add("--chmod=" + x));
        shown.addAll(sources);
        shown.add(dest);
        String createdBy = String.join(" ", shown) + " # buildkit";
        try {
            return Optional.of(add(s, sources, dest, chown, chmod.map(Chmod::parse), checksum, createdBy));
        } catch (IOException e) {
            throw BuildStageRunner.fail(step, e.toString(), e);
        }
    }

    private BuildState add(BuildState s, List<String> urls, String destination, Optional<String> chown,
            Optional<Chmod> chmod, Optional<String> checksum, String createdBy) throws IOException {
        BuildRootfs rootfs = BuildLayers.rootfs(build, s);
        int[] owner;
        try {
            owner = chown.isPresent() ? BuildUsers.resolve(chown.get(), rootfs) : new int[] {0, 0};
        } catch (IllegalArgumentException e) {
            throw BuildStageRunner.fail(step, e.getMessage(), e);
        }
        int mode = chmod.map(m -> m.apply(0600, false)).orElse(0600);
        String ownerKey = owner[0] + ":" + owner[1] + ":" + Integer.toOctalString(mode);
        Optional<String> checksumKey = checksum.map(x -> BuildCache.key(s.cacheKey(), createdBy, "checksum", x, ownerKey));
        if (checksumKey.isPresent()) {
            Optional<BuildState> hit = BuildLayers.cached(build, step, s, checksumKey.get(), createdBy);
            if (hit.isPresent()) {
                return hit.get();
            }
        }
        boolean slash = BuildCopy.namesDirectory(step, "ADD", destination, urls.size());
        String dest = rootfs.resolve(BuildWorkdir.absolute(destination, s.config().workingDir().orElse("/")), true);
        boolean destIsDir = slash || rootfs.isDirectory(dest);
        FileTime now = FileTime.from(build.created);
        Path dir = build.stepDir("add-url");
        Path tree = BuildLayers.newTree(build, "add-url", rootfs);
        for (int i = 0; i < urls.size(); i++) {
            String url = urls.get(i);
            String algorithm = checksum.map(x -> x.substring(0, x.indexOf(':'))).orElse("sha256");
            BuildUrlDownload got;
            try {
                got = BuildUrlDownload.fetch(url, dir.resolve("download-" + i), algorithm);
            } catch (BuildUrlDownload.Failure e) {
                throw BuildStageRunner.fail(step, e.getMessage(), e);
            }
            if (checksum.isPresent() && !checksum.get().equals(got.digest())) {
                throw BuildStageRunner.fail(step, "checksum mismatch for " + url + ": expected " + checksum.get()
                        + ", got " + got.digest(), null);
            }
            String target = destIsDir ? dest + "/" + fileName(url) : dest;
            BuildLayers.mkdirs(tree, BuildCopy.parent(target), rootfs, owner, now);
            Path file = tree.resolve(BuildRootfs.relative(target));
            Files.move(got.file(), file, StandardCopyOption.REPLACE_EXISTING);
            BuildFiles.chown(file, owner[0], owner[1]);
            BuildFiles.chmod(file, mode);
            BuildFiles.mtime(file, got.lastModified().map(FileTime::from).orElse(now));
        }
        String key = checksumKey.orElseGet(() -> {
            try {
                return BuildCache.key(s.cacheKey(), createdBy, "url", BuildFiles.treeDigest(tree));
            } catch (IOException e) {
                throw BuildStageRunner.fail(step, e.toString(), e);
            }
        });
        if (checksumKey.isEmpty()) {
            Optional<BuildState> hit = BuildLayers.cached(build, step, s, key, createdBy);
            if (hit.isPresent()) {
                return hit.get();
            }
        }
        return BuildLayers.commit(build, s, tree, key, createdBy);
    }

    /** The last segment of the URL's path; {@code index} when it has none, as BuildKit names it. */
    static String fileName(String url) {
        String path;
        try {
            path = Optional.ofNullable(URI.create(url).getPath()).orElse("");
        } catch (IllegalArgumentException e) {
            path = "";
        }
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        String name = path.substring(path.lastIndexOf('/') + 1);
        return name.isEmpty() || name.equals(".") || name.equals("..") ? "index" : name;
    }
}
