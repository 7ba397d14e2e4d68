package dev.stevedore.testing;

import java.net.http.HttpHeaders;
import java.time.Instant;
import java.util.Objects;

/**
 * One request as it reached a {@link FaultProxy}, logged on arrival, before any fault.
 *
 * <pre>{@code
 * ProxiedRequest redirected = proxy.requests(FaultProxy.Listener.SECOND_HOST).get(0);
 * assertThat(redirected.headers().firstValue("Authorization")).isEmpty();
 * }</pre>
 *
 * @param listener the address it arrived at
 * @param method the request method
 * @param target the request target as sent: path and query
 * @param headers the header fields as sent (case-insensitive names)
 * @param time when it arrived
 */
public record ProxiedRequest(FaultProxy.Listener listener, String method, String target, HttpHeaders headers,
        Instant time) {
    /**
     * Checks for nulls.
     *
     * @param listener the listener
     * @param method the method
     * @param target the target
     * @param headers the headers
     * @param time the time
     */
    public ProxiedRequest {
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(time, "time");
    }

    /**
     * The path of the target, without the query.
     *
     * @return e.g. {@code /v2/busybox/blobs/sha256:...}
     */
    public String path() {
        int query = target.indexOf('?');
        return query < 0 ? target : target.substring(0, query);
    }

    /** Method, listener and target, without headers (they may hold credentials). */
    @Override
    public String toString() {
        return method + " " + target + " (" + listener + ")";
    }
}
