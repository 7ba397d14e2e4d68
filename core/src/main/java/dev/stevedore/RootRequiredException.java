package dev.stevedore;

/**
 * Thrown when a non-root caller asks for something that needs root in Stevedore 0.1:
 * running containers. Pulling, listing and managing images work without root when the
 * engine's home is writable.
 *
 * <pre>{@code
 * try {
 *     engine.containers().run("busybox", "true");
 * } catch (RootRequiredException e) {
 *     // "running containers requires root in Stevedore 0.1 (uid 1000) ..."
 * }
 * }</pre>
 */
public final class RootRequiredException extends StevedoreException {
    private static final long serialVersionUID = 1L;

    private final int uid;

    /**
     * Creates the exception.
     *
     * @param uid the caller's effective uid
     */
    public RootRequiredException(int uid) {
        super("running containers requires root in Stevedore 0.1 (this process runs as uid " + uid
                + "); rootless containers come in a later version. Images can still be pulled, listed and"
                + " managed without root when the engine's home is writable");
        this.uid = uid;
    }

    /**
     * The effective uid the caller ran as.
     *
     * @return the uid
     */
    public int uid() {
        return uid;
    }
}
