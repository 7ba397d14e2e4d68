package dev.stevedore.registry;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.util.Optional;

/**
 * A response whose head arrived: status, headers, the URI that answered (after redirects) and
 * the body, which the receiver must close.
 */
record Response(int status, HttpHeaders headers, URI uri, InputStream body) implements AutoCloseable {
    Optional<String> header(String name) {
        return headers.firstValue(name);
    }

    /** Closes the body, which also cancels the rest of the exchange. */
    @Override
    public void close() {
        try {
            body.close();
        } catch (IOException e) {
            // nothing left to release
        }
    }
}
