package dev.stevedore.registry;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A response body as an {@link InputStream} whose reads fail when no byte arrives for the
 * idle timeout. The JDK's request timeout stops counting once headers arrive; this one
 * counts between every two pieces of the body. Closing cancels the exchange.
 */
final class TimedBodyStream extends InputStream implements HttpResponse.BodySubscriber<InputStream> {
    private static final Object END = new Object();
    /** Pieces asked for ahead of the reader, so the socket keeps flowing while it hashes and writes. */
    private static final int PREFETCH = 16;

    private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final CompletableFuture<InputStream> body = CompletableFuture.completedFuture(this);
    private final long idleNanos;
    private volatile Flow.Subscription subscription;
    private Iterator<ByteBuffer> batch;
    private ByteBuffer current;
    private boolean ended;
    private volatile boolean closed;

    TimedBodyStream(long idleNanos) {
        this.idleNanos = idleNanos;
    }

    @Override
    public CompletionStage<InputStream> getBody() {
        return body;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (closed) {
            s.cancel();
        } else {
            s.request(PREFETCH);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> item) {
        queue.add(item);
    }

    @Override
    public void onError(Throwable throwable) {
        queue.add(throwable);
    }

    @Override
    public void onComplete() {
        queue.add(END);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        if (length == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(length, current.remaining());
        current.get(buffer, offset, n);
        return n;
    }

    @Override
    public int available() {
        return current == null ? 0 : current.remaining();
    }

    /** Makes {@code current} hold bytes; false at the end of the body. */
    @SuppressWarnings("unchecked")
    private boolean fill() throws IOException {
        while (current == null || !current.hasRemaining()) {
            if (closed) {
                throw new IOException("the response body was closed");
            }
            if (batch != null && batch.hasNext()) {
                current = batch.next();
                continue;
            }
            if (ended) {
                return false;
            }
            Object item;
            try {
                item = queue.poll(idleNanos, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                throw new InterruptedIOException("interrupted while reading a response body");
            }
            if (item == null) {
                close();
                throw new IdleTimeoutException("no data arrived for " + TimeUnit.NANOSECONDS.toMillis(idleNanos)
                        + " ms while reading the response body");
            }
            if (item == END) {
                ended = true;
                return false;
            }
            if (item instanceof Throwable failure) {
                ended = true;
                throw failure instanceof IOException io ? io : new IOException(failure.getMessage(), failure);
            }
            batch = ((List<ByteBuffer>) item).iterator();
            current = null;
            Flow.Subscription s = subscription;
            if (s != null) {
                s.request(1);
            }
        }
        return true;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        Flow.Subscription s = subscription;
        if (s != null && !ended) {
            s.cancel();
        }
        queue.clear();
    }

    /** No data arrived within the idle timeout. */
    static final class IdleTimeoutException extends IOException {
        private static final long serialVersionUID = 1L;

        IdleTimeoutException(String message) {
            super(message);
        }
    }
}
