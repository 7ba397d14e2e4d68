package dev.stevedore.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** A bare HTTP/1.1 client over a socket, for responses java.net.http refuses to show as they are. */
final class RawHttp {
    private RawHttp() {}

    /** A response read to the end of the connection: head fields (lower-case names) and every byte after the head. */
    record Response(String statusLine, Map<String, String> headers, byte[] body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** GETs {@code path} with {@code Connection: close} and reads until the server closes. */
    static Response get(URI base, String path) throws IOException {
        try (Stream stream = open(base, path)) {
            return new Response(stream.statusLine, stream.headers, stream.in.readAllBytes());
        }
    }

    /** Sends a GET with {@code Connection: close} and reads the response head; the body is left to read. */
    static Stream open(URI base, String path) throws IOException {
        return open(base, path, "Connection: close\r\n");
    }

    /** Sends a GET that keeps the connection open and reads the response head; the body is left to read. */
    static Stream openKeepAlive(URI base, String path) throws IOException {
        return open(base, path, "");
    }

    private static Stream open(URI base, String path, String extraHeaders) throws IOException {
        Socket socket = new Socket(Proxy.NO_PROXY);
        socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5000);
        socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + base.getAuthority()
                + "\r\n" + extraHeaders + "\r\n").getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        return new Stream(socket);
    }

    /** An open response whose body is read bit by bit. */
    static final class Stream implements AutoCloseable {
        private final Socket socket;
        private final InputStream in;
        private final String statusLine;
        private final Map<String, String> headers = new LinkedHashMap<>();

        private Stream(Socket socket) throws IOException {
            this.socket = socket;
            this.in = socket.getInputStream();
            this.statusLine = line();
            for (String line = line(); !line.isEmpty(); line = line()) {
                int colon = line.indexOf(':');
                headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
        }

        private String line() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b < 0) {
                    throw new IOException("closed inside the head");
                }
                if (b != '\r') {
                    line.write(b);
                }
            }
            return line.toString(StandardCharsets.ISO_8859_1);
        }

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        byte[] readBody(int n) throws IOException {
            return in.readNBytes(n);
        }

        /** True if no byte and no end of stream arrives within {@code wait}. */
        boolean nothingArrivesWithin(Duration wait) throws IOException {
            socket.setSoTimeout((int) wait.toMillis());
            try {
                in.read();
                return false;
            } catch (SocketTimeoutException e) {
                return true;
            }
        }

        /** True if the connection ends (end of stream or reset) within {@code wait}. */
        boolean endsWithin(Duration wait) throws IOException {
            socket.setSoTimeout((int) wait.toMillis());
            try {
                while (in.read() >= 0) {
                    // skip anything still buffered
                }
                return true;
            } catch (SocketTimeoutException e) {
                return false;
            } catch (IOException e) {
                return true;
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
