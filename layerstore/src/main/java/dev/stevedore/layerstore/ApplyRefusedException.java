package dev.stevedore.layerstore;

import java.nio.file.Path;

/**
 * A layer entry was refused as unsafe or not allowed: nothing of it was written. Hostile
 * layers end here, with the {@link Reason} saying which rule the entry broke.
 *
 * <pre>{@code
 * catch (ApplyRefusedException e) {
 *     if (e.reason() == ApplyRefusedException.Reason.PATH_ESCAPE) ...
 * }
 * }</pre>
 */
public final class ApplyRefusedException extends ApplyException {
    private static final long serialVersionUID = 1L;

    /** Which rule an entry broke. */
    public enum Reason {
        /** Its name (or a hard link's target) has a {@code ..} component or is otherwise not a path in the tree. */
        PATH_ESCAPE,
        /** Resolving it would leave the tree or cross a mount point. */
        RESOLVES_OUTSIDE,
        /** A whiteout naming {@code .}, {@code ..} or the directory that holds it. */
        BAD_WHITEOUT,
        /** A character device 0/0: overlay's whiteout, which only {@code .wh.} entries may make. */
        WHITEOUT_DEVICE,
        /** A device node, while the options refuse them. */
        DEVICE_NOT_ALLOWED,
        /** A hard link to something this layer whited out. */
        LINK_TO_WHITEOUT
    }

    /** The rule, as its name. */
    private final String reason;

    /**
     * Creates the exception.
     *
     * @param target the directory the layer was applied to
     * @param entry the refused entry's name as the tar has it
     * @param reason the rule it broke
     * @param problem the details
     */
    public ApplyRefusedException(Path target, String entry, Reason reason, String problem) {
        super(target, entry, "refused as unsafe (" + reason + "): " + problem);
        this.reason = reason.name();
    }

    /** @return the rule the entry broke */
    public Reason reason() {
        return Reason.valueOf(reason);
    }
}
