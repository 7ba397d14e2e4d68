package dev.stevedore.layerstore;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * How {@link LayerWriter#write} reads the directory it is given.
 *
 * <ul>
 *   <li>{@link #tree()}: the directory is the whole layer; every file below it becomes an
 *       entry (a base layer, a {@code COPY} from a build context).
 *   <li>{@link #overlayUpper()}: the directory is an overlayfs upper dir, mounted with
 *       {@code redirect_dir=off,metacopy=off} (or a snapshot, which keeps the same format):
 *       a character device 0/0 becomes an OCI whiteout
 *       {@code .wh.<name>}, a directory with {@code trusted.overlay.opaque=y} or
 *       {@code user.overlay.opaque=y} gets an opaque marker {@code .wh..wh..opq}. A
 *       {@code redirect} or {@code metacopy} xattr is an error.
 *   <li>{@link #changesFrom(Path)}: the directory is a new tree and the argument the tree it was
 *       copied from; only the differences become entries (for the copying snapshotter).
 * </ul>
 *
 * <pre>{@code
 * writer.write(upperDir, LayerSource.overlayUpper(), out);
 * writer.write(containerRoot, LayerSource.changesFrom(parentSnapshot), out);
 * }</pre>
 */
public final class LayerSource {
    enum Kind { TREE, OVERLAY_UPPER, CHANGES }

    private static final LayerSource TREE = new LayerSource(Kind.TREE, null);
    private static final LayerSource OVERLAY_UPPER = new LayerSource(Kind.OVERLAY_UPPER, null);

    private final Kind kind;
    private final Path lower;

    private LayerSource(Kind kind, Path lower) {
        this.kind = kind;
        this.lower = lower;
    }

    /**
     * The directory is the complete content of the layer.
     *
     * @return the source kind
     */
    public static LayerSource tree() {
        return TREE;
    }

    /**
     * The directory is an overlayfs upper dir whose whiteouts and opaque directories become
     * OCI whiteouts.
     *
     * @return the source kind
     */
    public static LayerSource overlayUpper() {
        return OVERLAY_UPPER;
    }

    /**
     * The directory is a changed copy of {@code lower}; the layer holds what was added,
     * changed or removed (see {@link LayerWriter} for how changes are detected).
     *
     * @param lower the tree before the changes
     * @return the source kind
     */
    public static LayerSource changesFrom(Path lower) {
        return new LayerSource(Kind.CHANGES, Objects.requireNonNull(lower, "lower"));
    }

    Kind kind() {
        return kind;
    }

    Optional<Path> lower() {
        return Optional.ofNullable(lower);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LayerSource other && kind == other.kind && Objects.equals(lower, other.lower);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, lower);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case TREE -> "tree";
            case OVERLAY_UPPER -> "overlay upper";
            case CHANGES -> "changes from " + lower;
        };
    }
}
