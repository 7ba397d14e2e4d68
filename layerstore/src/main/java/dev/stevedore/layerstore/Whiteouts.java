package dev.stevedore.layerstore;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OCI whiteout rules for one layer, in both {@link ApplyMode}s.
 *
 * <ul>
 *   <li>{@code .wh.<name>} hides {@code <name>} of lower layers; {@code .wh..wh..opq} hides
 *       everything lower layers put in its directory. Other {@code .wh..wh.} names are aufs
 *       bookkeeping and are skipped; {@code .wh.}, {@code .wh..} and {@code .wh...} (naming the
 *       directory itself or its parent) are refused.</li>
 *   <li>Whiteouts act on lower layers only: whatever this layer adds, before or after the
 *       whiteout, stays. So the layer's own paths are remembered (with their ancestors); a
 *       whiteout of one of them is ignored for a file and, for a directory, hides what lower
 *       layers had under it (overlay: the directory is made opaque; in place: their entries are
 *       deleted), which is what the tar means whichever order its entries come in.</li>
 *   <li>Overlay format: a whiteout becomes a character device 0/0; a later entry of the same
 *       name replaces it, and if that entry is a directory it is made opaque, since the lower one
 *       was deleted.</li>
 * </ul>
 */
final class Whiteouts {
    private static final Logger log = LoggerFactory.getLogger(Whiteouts.class);
    static final String PREFIX = ".wh.";
    static final String OPAQUE = ".wh..wh..opq";
    private static final String META = ".wh..wh.";

    private final ApplyMode mode;
    private final ApplyTree tree;
    private final Path target;
    private final Set<String> added = new HashSet<>();
    private final Set<String> whitedOut = new HashSet<>();

    Whiteouts(ApplyMode mode, ApplyTree tree, Path target) {
        this.mode = mode;
        this.tree = tree;
        this.target = target;
    }

    /** @param base a path's last component @return whether it is a whiteout marker, not a file */
    static boolean isWhiteout(String base) {
        return base.startsWith(PREFIX);
    }

    /**
     * Applies a whiteout entry.
     *
     * @param path the marker's normalized path
     * @param entry its name in the archive, for messages
     * @throws ApplyRefusedException for a whiteout of {@code .}, {@code ..} or its own directory
     */
    void apply(String path, String entry) {
        String parent = ApplyPaths.parent(path);
        String base = ApplyPaths.base(path);
        if (base.equals(OPAQUE)) {
            opaque(parent);
            return;
        }
        if (base.startsWith(META)) {
            log.debug("skipped aufs metadata {} in {}", entry, target);
            return;
        }
        String victim = base.substring(PREFIX.length());
        if (victim.isEmpty() || victim.equals(".") || victim.equals("..")) {
            throw new ApplyRefusedException(target, entry, ApplyRefusedException.Reason.BAD_WHITEOUT,
                    "a whiteout must name an entry of its directory, not \"" + victim + "\"");
        }
        String victimPath = ApplyPaths.child(parent, victim);
        if (added.contains(victimPath)) {
            // this layer's own entry stays; as a directory, what lower layers had in it goes
            if (tree.isDirectory(victimPath)) {
                opaque(victimPath);
            }
            return;
        }
        if (mode == ApplyMode.OVERLAY) {
            tree.whiteout(victimPath);
            whitedOut.add(victimPath);
            addAncestors(victimPath);
        } else {
            tree.remove(victimPath);
        }
    }

    private void opaque(String dir) {
        if (mode == ApplyMode.OVERLAY) {
            tree.opaque(dir);
        } else {
            tree.prune(dir, added::contains);
        }
        add(dir);
    }

    /**
     * Records an entry this layer wrote; an overlay directory that replaced a whiteout becomes opaque.
     *
     * @param path its normalized path
     * @param directory whether it is a directory
     */
    void added(String path, boolean directory) {
        if (whitedOut.remove(path) && directory) {
            tree.opaque(path);
        }
        add(path);
    }

    /** @param path a normalized path @return whether this layer made a whiteout there (and nothing since) */
    boolean whitedOut(String path) {
        return whitedOut.contains(path);
    }

    private void add(String path) {
        if (added.add(path)) {
            addAncestors(path);
        }
    }

    private void addAncestors(String path) {
        for (int slash = path.lastIndexOf('/'); slash > 0; slash = path.lastIndexOf('/', slash - 1)) {
            if (!added.add(path.substring(0, slash))) {
                return;
            }
        }
    }
}
