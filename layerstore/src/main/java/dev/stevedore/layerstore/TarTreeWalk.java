package dev.stevedore.layerstore;

import java.io.IOException;

/**
 * A whole tree as a layer: every file below the root, depth first, each directory's children
 * in byte order of their names (so every path comes after its parent and the order is the
 * byte order of the paths with {@code /} sorting first). The root itself has no entry.
 */
final class TarTreeWalk {
    private TarTreeWalk() {}

    static void walk(TarDirectory root, TarEmitter out) throws IOException {
        walk(root, "", out);
    }

    /** Writes everything below {@code dir}, whose entries' paths start with {@code prefix}. */
    static void walk(TarDirectory dir, String prefix, TarEmitter out) throws IOException {
        for (String name : dir.names()) {
            TarSourceFile file = dir.read(name);
            TarWalks.checkName(dir, file);
            String path = prefix + name;
            if (file.isDirectory()) {
                out.directory(path, file, dir.path(name));
                try (TarDirectory child = dir.openDirectory(name)) {
                    walk(child, path + "/", out);
                }
            } else {
                out.file(dir, path, file);
            }
        }
    }
}
