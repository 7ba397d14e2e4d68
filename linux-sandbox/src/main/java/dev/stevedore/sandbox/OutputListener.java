package dev.stevedore.sandbox;

/**
 * Receives what an attached sandbox (or exec) writes, as it arrives, on the runtime's I/O
 * thread. Implementations must be quick and thread-safe; a slow listener slows the sandbox.
 *
 * <pre>{@code
 * runtime.start(spec, (stream, bytes) -> System.out.write(bytes, 0, bytes.length));
 * }</pre>
 */
@FunctionalInterface
public interface OutputListener {
    /** Which stream a chunk came from. */
    enum Stream {
        /** Standard output (and everything, with a terminal). */
        STDOUT,
        /** Standard error. */
        STDERR
    }

    /** A listener that ignores everything. */
    OutputListener NONE = (stream, bytes) -> { };

    /**
     * Called for each chunk.
     *
     * @param stream where it came from
     * @param bytes the chunk; the listener may keep it
     */
    void onOutput(Stream stream, byte[] bytes);
}
