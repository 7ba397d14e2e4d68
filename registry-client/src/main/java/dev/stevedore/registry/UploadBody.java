package dev.stevedore.registry;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.util.concurrent.atomic.AtomicLong;

/** Request bodies streamed from a {@link Call.Body}, counting what was sent. */
final class UploadBody {
    private UploadBody() {
    }

    static HttpRequest.BodyPublisher publisher(Call.Body body, AtomicLong sent) {
        HttpRequest.BodyPublisher stream = HttpRequest.BodyPublishers.ofInputStream(() -> {
            try {
                return new Counting(body.open(), sent);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return body.length() >= 0 ? HttpRequest.BodyPublishers.fromPublisher(stream, body.length()) : stream;
    }

    /** Counts bytes read, so the transport can tell a slow upload from a stalled one. */
    private static final class Counting extends FilterInputStream {
        private final AtomicLong sent;

        Counting(InputStream in, AtomicLong sent) {
            super(in);
            this.sent = sent;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                sent.incrementAndGet();
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                sent.addAndGet(n);
            }
            return n;
        }
    }
}
