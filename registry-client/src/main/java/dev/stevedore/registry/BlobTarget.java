package dev.stevedore.registry;

import java.io.OutputStream;

/**
 * One blob being written into a {@link BlobSink}; shaped after the layer store's
 * {@code BlobWriter}. The client writes bytes to {@link #stream()} in order (after a dropped
 * connection it resumes from {@link #written()}), then calls exactly one of
 * {@link #commit()} or {@link #abort()}, then {@link #close()}.
 *
 * <pre>{@code
 * try (BlobTarget target = sink.open(layer)) {
 *     in.transferTo(target.stream());
 *     target.commit();
 * }
 * }</pre>
 */
public interface BlobTarget extends AutoCloseable {
    /**
     * The stream to write the content to; the client never closes it.
     *
     * @return the stream
     */
    OutputStream stream();

    /**
     * How many bytes were written so far.
     *
     * @return the byte count
     */
    long written();

    /** Makes the content visible: called only after the whole blob matched its digest and size. */
    void commit();

    /** Throws away what was written: called when the download or the verification failed. */
    void abort();

    /** Releases the target; aborts it if neither commit nor abort was called. Safe to call twice. */
    @Override
    void close();
}
