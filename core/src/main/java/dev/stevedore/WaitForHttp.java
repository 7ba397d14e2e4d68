package dev.stevedore;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** Waits until an HTTP GET through the published port answers the expected status. */
record WaitForHttp(int containerPort, String path, int status, Duration timeout) implements WaitStrategy {
    private static final int REQUEST_TIMEOUT_MILLIS = 2000;

    WaitForHttp {
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("HTTP path must start with /, got \"" + path + "\"");
        }
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("HTTP status must be between 100 and 599, got " + status);
        }
        Wait.checkTimeout(timeout);
    }

    @Override
    public WaitStrategy withTimeout(Duration value) {
        return new WaitForHttp(containerPort, path, status, value);
    }

    @Override
    public String description() {
        return "HTTP " + status + " from GET " + path + " on port " + containerPort;
    }

    @Override
    public Optional<String> check(WaitTarget target) {
        int hostPort = target.mappedPort(containerPort);
        URI uri = URI.create("http://127.0.0.1:" + hostPort + path);
        HttpURLConnection c = null;
        try {
            c = (HttpURLConnection) uri.toURL().openConnection(Proxy.NO_PROXY);
            c.setConnectTimeout(REQUEST_TIMEOUT_MILLIS);
            c.setReadTimeout(REQUEST_TIMEOUT_MILLIS);
            c.setInstanceFollowRedirects(false);
            int got = c.getResponseCode();
            drain(got >= 400 ? c.getErrorStream() : c.getInputStream());
            return got == status ? Optional.empty() : Optional.of("got HTTP " + got + " from " + uri);
        } catch (IOException e) {
            return Optional.of(uri + ": " + e.getMessage());
        } finally {
            if (c != null) {
                c.disconnect();
            }
        }
    }

    private static void drain(InputStream in) throws IOException {
        if (in != null) {
            try (in) {
                in.transferTo(java.io.OutputStream.nullOutputStream());
            }
        }
    }
}
