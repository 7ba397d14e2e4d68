package dev.stevedore.layerstore;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * An overlayfs upper dir as a layer. Overlay keeps a plain diff there when mounted with
 * {@code redirect_dir=off,metacopy=off,index=off}: every file in it was added or changed, a
 * character device 0/0 is a deletion, a directory with {@code trusted.overlay.opaque=y} (or
 * {@code user.overlay.opaque=y} with {@code userxattr}) replaced the lower one.
 *
 * <p>Within each directory the entries come as: the opaque marker {@code .wh..wh..opq} if the
 * directory is opaque, then the whiteouts {@code .wh.<name>} in byte order of the names, then
 * the other children in byte order (the OCI image spec asks for whiteouts before their
 * siblings). Whiteouts and markers are empty regular files, mode 0, owner 0:0, mtime 0.
 * Overlay's own xattrs never go into the layer. A {@code redirect} xattr (a renamed directory)
 * or a {@code metacopy} xattr (a file whose data is still below) cannot be expressed as a diff
 * of this tree alone and is an error naming the file; so is an xwhiteout.
 */
final class OverlayUpperDiff {
    private OverlayUpperDiff() {}

    static void walk(TarDirectory root, TarEmitter out) throws IOException {
        walk(root, "", out);
    }

    private static void walk(TarDirectory dir, String prefix, TarEmitter out) throws IOException {
        List<String> whiteouts = new ArrayList<>();
        List<TarSourceFile> children = new ArrayList<>();
        for (String name : dir.names()) {
            TarSourceFile file = dir.read(name);
            refuseUnsupported(dir, file);
            if (file.isOverlayWhiteout()) {
                whiteouts.add(name);
            } else {
                TarWalks.checkName(dir, file);
                children.add(file);
            }
        }
        for (String name : whiteouts) {
            out.whiteout(prefix, name);
        }
        for (TarSourceFile file : children) {
            String path = prefix + file.name();
            if (file.isDirectory()) {
                out.directory(path, file, dir.path(file.name()));
                try (TarDirectory child = dir.openDirectory(file.name())) {
                    if (file.isOverlayOpaque()) {
                        out.opaque(path + "/");
                    }
                    walk(child, path + "/", out);
                }
            } else {
                out.file(dir, path, file);
            }
        }
    }

    private static void refuseUnsupported(TarDirectory dir, TarSourceFile file) {
        if (file.overlayXattr("redirect") != null) {
            throw new LayerWriterException(dir.path(file.name()), "it carries an overlayfs redirect xattr (a"
                    + " directory renamed with redirect_dir=on); mount the overlay with redirect_dir=off");
        }
        if (file.overlayXattr("metacopy") != null) {
            throw new LayerWriterException(dir.path(file.name()), "it carries an overlayfs metacopy xattr (its"
                    + " data is still in a lower layer); mount the overlay with metacopy=off");
        }
        if (file.overlayXattr("whiteout") != null) {
            throw new LayerWriterException(dir.path(file.name()), "it carries an overlayfs xwhiteout xattr,"
                    + " which only lower layers may hold");
        }
    }
}
