package dev.stevedore.testing;

import java.io.EOFException;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Reads and writes HTTP/1.1 message bodies: fixed length, chunked, or up to the end of the connection. */
final class HttpBodies {
    /** How a message body is delimited. */
    enum Framing { NONE, LENGTH, CHUNKED, UNTIL_CLOSE }

    private HttpBodies() {}

    static Framing requestFraming(HttpHead head) throws IOException {
        if (head.hasToken("Transfer-Encoding", "chunked")) {
            return Framing.CHUNKED;
        }
        return length(head) >= 0 ? Framing.LENGTH : Framing.NONE;
    }

    static Framing responseFraming(HttpHead head, String requestMethod) throws IOException {
        int status = head.status();
        if (requestMethod.equals("HEAD") || status / 100 == 1 || status == 204 || status == 304) {
            return Framing.NONE;
        }
        if (head.hasToken("Transfer-Encoding", "chunked")) {
            return Framing.CHUNKED;
        }
        return length(head) >= 0 ? Framing.LENGTH : Framing.UNTIL_CLOSE;
    }

    /** The Content-Length, or -1 if absent. */
    static long length(HttpHead head) throws IOException {
        String value = head.get("Content-Length").orElse(null);
        if (value == null) {
            return -1;
        }
        try {
            long length = Long.parseLong(value.trim());
            if (length < 0) {
                throw new IOException("negative Content-Length: " + value);
            }
            return length;
        } catch (NumberFormatException e) {
            throw new IOException("malformed Content-Length: " + value);
        }
    }

    /** The decoded body that follows {@code head} on {@code in}. */
    static InputStream open(Framing framing, HttpHead head, InputStream in) throws IOException {
        switch (framing) {
            case NONE:
                return InputStream.nullInputStream();
            case LENGTH:
                return new Bounded(in, length(head));
            case CHUNKED:
                return new ChunkedInput(in);
            default:
                return in;
        }
    }

    /** Exactly {@code remaining} bytes of the stream; an early end is an error, not a short body. */
    static final class Bounded extends InputStream {
        private final InputStream in;
        private long remaining;

        Bounded(InputStream in, long length) {
            this.in = in;
            this.remaining = length;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (remaining == 0) {
                return -1;
            }
            int n = in.read(buffer, offset, (int) Math.min(length, remaining));
            if (n < 0) {
                throw new EOFException("connection closed with " + remaining + " body bytes still to come");
            }
            remaining -= n;
            return n;
        }
    }

    /** Decodes {@code Transfer-Encoding: chunked}, discarding extensions and trailers. */
    static final class ChunkedInput extends InputStream {
        private final InputStream in;
        private long chunkLeft;
        private boolean done;

        ChunkedInput(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (done) {
                return -1;
            }
            if (chunkLeft == 0) {
                String size = line();
                int semicolon = size.indexOf(';');
                try {
                    chunkLeft = Long.parseLong((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
                } catch (NumberFormatException e) {
                    throw new IOException("malformed chunk size: " + size);
                }
                if (chunkLeft == 0) {
                    while (!line().isEmpty()) {
                        // trailer fields are dropped
                    }
                    done = true;
                    return -1;
                }
            }
            int n = in.read(buffer, offset, (int) Math.min(length, chunkLeft));
            if (n < 0) {
                throw new EOFException("connection closed inside a chunk");
            }
            chunkLeft -= n;
            if (chunkLeft == 0 && !line().isEmpty()) {
                throw new IOException("chunk not followed by CRLF");
            }
            return n;
        }

        private String line() throws IOException {
            StringBuilder line = new StringBuilder();
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b < 0) {
                    throw new EOFException("connection closed inside chunked framing");
                }
                if (b != '\r') {
                    line.append((char) b);
                }
                if (line.length() > 8192) {
                    throw new IOException("chunk line too long");
                }
            }
            return line.toString();
        }
    }

    /** Encodes writes as chunks; {@link #finish()} writes the last chunk, and closing does not close the stream below. */
    static final class ChunkedOutput extends FilterOutputStream {
        ChunkedOutput(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] buffer, int offset, int length) throws IOException {
            if (length == 0) {
                return;
            }
            out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(buffer, offset, length);
            out.write(CRLF);
        }

        void finish() throws IOException {
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        @Override
        public void close() throws IOException {
            flush();
        }

        private static final byte[] CRLF = {'\r', '\n'};
    }
}
