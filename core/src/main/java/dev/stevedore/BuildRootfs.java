package dev.stevedore;

import dev.stevedore.posix.Syscalls;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Reads a layered root file system without mounting it: the layers' directories in overlay
 * format, top-most first. A path is found in the top-most layer that has it; a whiteout (a
 * character device 0/0), a file in place of a parent directory, or an opaque parent directory
 * ({@code trusted.overlay.opaque=y}) hides what lower layers have. Symbolic links are resolved
 * inside the root, as in a container.
 *
 * <pre>{@code BuildRootfs.of(lowers).find("/etc/passwd")}</pre>
 */
final class BuildRootfs {
    private static final int S_IFMT = 0170000;
    private static final int S_IFCHR = 0020000;

    private final List<Path> layers;

    private BuildRootfs(List<Path> layers) {
        this.layers = List.copyOf(layers);
    }

    static BuildRootfs of(List<Path> layersTopMostFirst) {
        return new BuildRootfs(layersTopMostFirst);
    }

    /**
     * The host path of an absolute path's top-most entry, if present and not whited out;
     * symbolic links on the way are followed inside this root, the last component is not.
     */
    Optional<Path> find(String absPath) {
        return findExact(resolve(absPath, false));
    }

    /** As {@link #find}, following a symbolic link in the last component too. */
    Optional<Path> findFollowing(String absPath) {
        return findExact(resolve(absPath, true));
    }

    /**
     * Resolves symbolic links in a path as the kernel would inside this root ({@code ..} never
     * leaves it; at most 40 links).
     *
     * @return the clean absolute path
     */
    String resolve(String absPath, boolean followLast) {
        Deque<String> todo = new ArrayDeque<>(List.of(absPath.split("/")));
        List<String> done = new ArrayList<>();
        int links = 0;
        while (!todo.isEmpty()) {
            String c = todo.removeFirst();
            if (c.isEmpty() || c.equals(".")) {
                continue;
            }
            if (c.equals("..")) {
                if (!done.isEmpty()) {
                    done.remove(done.size() - 1);
                }
                continue;
            }
            done.add(c);
            if (!followLast && todo.stream().allMatch(x -> x.isEmpty() || x.equals("."))) {
                break;
            }
            Optional<Path> p = findExact("/" + String.join("/", done));
            if (p.isPresent() && Files.isSymbolicLink(p.get()) && links++ < 40) {
                String target;
                try {
                    target = Files.readSymbolicLink(p.get()).toString();
                } catch (IOException e) {
                    continue;
                }
                done.remove(done.size() - 1);
                if (target.startsWith("/")) {
                    done.clear();
                }
                List<String> parts = List.of(target.split("/"));
                for (int i = parts.size() - 1; i >= 0; i--) {
                    todo.addFirst(parts.get(i));
                }
            }
        }
        return "/" + String.join("/", done);
    }

    private Optional<Path> findExact(String absPath) {
        String rel = relative(absPath);
        for (Path layer : layers) {
            Path p = rel.isEmpty() ? layer : layer.resolve(rel);
            if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                return isWhiteout(p) ? Optional.empty() : Optional.of(p);
            }
            if (hidesBelow(layer, rel)) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** Whether a parent of {@code rel} in this layer hides lower layers: a whiteout, a non-directory or an opaque directory. */
    private static boolean hidesBelow(Path layer, String rel) {
        int slash = rel.indexOf('/');
        while (slash > 0) {
            Path parent = layer.resolve(rel.substring(0, slash));
            if (Files.exists(parent, LinkOption.NOFOLLOW_LINKS)) {
                if (!Files.isDirectory(parent, LinkOption.NOFOLLOW_LINKS) || isOpaque(parent)) {
                    return true;
                }
            } else {
                return false;
            }
            slash = rel.indexOf('/', slash + 1);
        }
        return false;
    }

    static boolean isOpaque(Path dir) {
        try {
            for (String name : new String[] {"trusted.overlay.opaque", "user.overlay.opaque"}) {
                Optional<byte[]> v = Syscalls.linux().lgetxattr(dir, name);
                if (v.isPresent() && v.get().length == 1 && v.get()[0] == 'y') {
                    return true;
                }
            }
        } catch (RuntimeException e) {
            // no such attribute support: not opaque
        }
        return false;
    }

    boolean isDirectory(String absPath) {
        return findFollowing(absPath).map(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).orElse(false);
    }

    Optional<String> readText(String absPath) {
        Optional<Path> p = findFollowing(absPath);
        if (p.isEmpty() || !Files.isRegularFile(p.get(), LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(p.get(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** A directory's children merged over the layers: name to the host path of the top-most entry. */
    Map<String, Path> children(String absDir) throws IOException {
        String rel = relative(resolve(absDir, true));
        Map<String, Path> seen = new TreeMap<>();
        Map<String, Boolean> hidden = new LinkedHashMap<>();
        for (Path layer : layers) {
            Path dir = rel.isEmpty() ? layer : layer.resolve(rel);
            if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
                if (hidesBelow(layer, rel)) {
                    break;
                }
                continue;
            }
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                break; // a file hides the directories of lower layers
            }
            List<Path> entries = new ArrayList<>();
            try (Stream<Path> s = Files.list(dir)) {
                s.forEach(entries::add);
            }
            for (Path e : entries) {
                String name = e.getFileName().toString();
                if (seen.containsKey(name) || hidden.containsKey(name)) {
                    continue;
                }
                if (isWhiteout(e)) {
                    hidden.put(name, true);
                } else {
                    seen.put(name, e);
                }
            }
            if (isOpaque(dir)) {
                break;
            }
        }
        return seen;
    }

    static boolean isWhiteout(Path p) {
        try {
            int mode = (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            if ((mode & S_IFMT) != S_IFCHR) {
                return false;
            }
            long rdev = ((Number) Files.getAttribute(p, "unix:rdev", LinkOption.NOFOLLOW_LINKS)).longValue();
            return rdev == 0;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    static String relative(String absPath) {
        String p = absPath;
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }
}
