package dev.stevedore;

import dev.stevedore.dockerfile.PatternMatcher;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Where COPY reads: the build context (filtered by {@code .dockerignore} and {@code --exclude})
 * or another stage's or image's layers. Paths are relative, {@code /}-separated, cleaned.
 */
abstract class BuildCopySource {
    /** The host path of a source path, if present and not excluded. */
    abstract Optional<Path> find(String rel) throws IOException;

    /** A directory's children: name to host path. */
    abstract Map<String, Path> children(String rel, Path host) throws IOException;

    /** Whether the path is left out of the context. */
    abstract boolean excluded(String rel);

    /** Whether an excluded directory may be skipped whole (no exception pattern may re-include below it). */
    abstract boolean skipExcludedDirectory(String rel);

    /** Whether copies keep the source's owners (stages and images) rather than becoming 0:0 (the context). */
    abstract boolean keepsOwners();

    /** The context directory. */
    static BuildCopySource context(Path root, PatternMatcher ignore, PatternMatcher exclude) {
        return new BuildCopySource() {
            @Override
            Optional<Path> find(String rel) throws IOException {
                Path p = rel.isEmpty() ? root : root.resolve(rel);
                if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS) || (!rel.isEmpty() && excluded(rel))) {
                    return Optional.empty();
                }
                if (Files.isSymbolicLink(p)) {
                    Path real = p.toRealPath();
                    if (!real.startsWith(root.toRealPath())) {
                        return Optional.empty();
                    }
                    return Optional.of(real);
                }
                return Optional.of(p);
            }

            @Override
            Map<String, Path> children(String rel, Path host) throws IOException {
                Map<String, Path> out = new TreeMap<>();
                try (Stream<Path> s = Files.list(host)) {
                    s.forEach(p -> out.put(p.getFileName().toString(), p));
                }
                return out;
            }

            @Override
            boolean excluded(String rel) {
                return ignore.matches(rel) || exclude.matches(rel);
            }

            @Override
            boolean skipExcludedDirectory(String rel) {
                return !ignore.hasExceptions() && !exclude.hasExceptions();
            }

            @Override
            boolean keepsOwners() {
                return false;
            }
        };
    }

    /** Another stage's or image's root file system. */
    static BuildCopySource layers(BuildRootfs rootfs, PatternMatcher exclude) {
        return new BuildCopySource() {
            @Override
            Optional<Path> find(String rel) {
                return excluded(rel) && !rel.isEmpty() ? Optional.empty() : rootfs.findFollowing("/" + rel);
            }

            @Override
            Map<String, Path> children(String rel, Path host) throws IOException {
                return rootfs.children("/" + rel);
            }

            @Override
            boolean excluded(String rel) {
                return exclude.matches(rel);
            }

            @Override
            boolean skipExcludedDirectory(String rel) {
                return !exclude.hasExceptions();
            }

            @Override
            boolean keepsOwners() {
                return true;
            }
        };
    }

    static boolean hasGlob(String rel) {
        return rel.indexOf('*') >= 0 || rel.indexOf('?') >= 0 || rel.indexOf('[') >= 0;
    }

    /** The paths matching a glob (filepath.Match per component), sorted. */
    List<String> glob(String pattern) throws IOException {
        List<String> out = new ArrayList<>();
        glob("", pattern.split("/"), 0, out);
        return out;
    }

    private void glob(String base, String[] parts, int i, List<String> out) throws IOException {
        if (i == parts.length) {
            if (!base.isEmpty() && find(base).isPresent()) {
                out.add(base);
            }
            return;
        }
        String part = parts[i];
        if (!hasGlob(part)) {
            glob(join(base, part), parts, i + 1, out);
            return;
        }
        Optional<Path> dir = find(base);
        if (dir.isEmpty() || !Files.isDirectory(dir.get())) {
            return;
        }
        PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + part.replace("{", "\\{").replace("}", "\\}"));
        for (String name : children(base, dir.get()).keySet()) {
            if (m.matches(Path.of(name))) {
                glob(join(base, name), parts, i + 1, out);
            }
        }
    }

    static String join(String base, String name) {
        return base.isEmpty() ? name : base + "/" + name;
    }

    /** A source path cleaned and made relative, {@code ..} never leaving the root. */
    static String clean(String path) {
        String clean = Path.of("/").resolve(path.isEmpty() ? "." : path).normalize().toString();
        return BuildRootfs.relative(clean);
    }
}
