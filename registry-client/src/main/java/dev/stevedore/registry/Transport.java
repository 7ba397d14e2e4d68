package dev.stevedore.registry;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import javax.net.ssl.SSLContext;

/**
 * The HTTP layer: one {@link HttpClient} per registry client (HTTP/2 over TLS by ALPN,
 * HTTP/1.1 in clear text), redirects never followed by the JDK, connections pooled. Every
 * exchange has an idle timeout: while the request body is being sent, while waiting for the
 * response head, and between pieces of the response body. A second client that verifies
 * nothing exists only once a registry marked insecure is reached over TLS.
 */
final class Transport implements AutoCloseable {
    private static final AtomicInteger IDS = new AtomicInteger();

    private final SSLContext sslContext;
    private final ProxySelector proxy;
    private final Duration connectTimeout;
    private final Duration idleTimeout;
    private final ExecutorService executor;
    private final HttpClient verified;
    private HttpClient unverified;

    Transport(SSLContext sslContext, ProxySelector proxy, Duration connectTimeout, Duration idleTimeout) {
        this.sslContext = sslContext;
        this.proxy = proxy;
        this.connectTimeout = connectTimeout;
        this.idleTimeout = idleTimeout;
        String prefix = "stevedore-registry-http-" + IDS.incrementAndGet() + "-";
        AtomicInteger threads = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread thread = new Thread(r, prefix + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        this.executor = Executors.newCachedThreadPool(factory);
        this.verified = newClient(sslContext);
    }

    private HttpClient newClient(SSLContext context) {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_2)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(connectTimeout)
                .proxy(proxy)
                .sslContext(context)
                .executor(executor)
                .build();
    }

    private synchronized HttpClient unverified() {
        if (unverified == null) {
            unverified = newClient(TrustMaterial.trustingEverything());
        }
        return unverified;
    }

    Duration idleTimeout() {
        return idleTimeout;
    }

    SSLContext sslContext() {
        return sslContext;
    }

    /**
     * Sends a request and returns once the response head arrived; the body is a
     * {@link TimedBodyStream} the caller must close.
     *
     * @param request the request (redirects are the caller's business)
     * @param skipTlsVerification true only for registries marked insecure
     * @param sent bytes of the request body sent so far, to tell a slow upload from a stalled one
     */
    HttpResponse<InputStream> send(HttpRequest request, boolean skipTlsVerification, LongSupplier sent)
            throws IOException {
        HttpClient client = skipTlsVerification && "https".equals(request.uri().getScheme()) ? unverified() : verified;
        long idleNanos = idleTimeout.toNanos();
        CompletableFuture<HttpResponse<InputStream>> future =
                client.sendAsync(request, info -> new TimedBodyStream(idleNanos));
        long lastSent = sent.getAsLong();
        while (true) {
            try {
                return future.get(idleNanos, TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                long now = sent.getAsLong();
                if (now == lastSent) {
                    future.cancel(true);
                    throw new TimedBodyStream.IdleTimeoutException("no progress for " + idleTimeout.toMillis()
                            + " ms while " + (now == 0 ? "waiting for the response" : "sending the request body"));
                }
                lastSent = now;
            } catch (InterruptedException e) {
                future.cancel(true);
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for " + request.uri().getHost());
            } catch (CancellationException e) {
                throw new IOException("the exchange was cancelled", e);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof IOException io) {
                    throw io;
                }
                if (cause instanceof RuntimeException runtime && runtime.getCause() instanceof IOException io) {
                    throw io;
                }
                throw new IOException(String.valueOf(cause), cause);
            }
        }
    }

    /** Shuts the HTTP threads down (the JDK 17 client has no close; its selector thread ends once unreachable). */
    @Override
    public void close() {
        executor.shutdownNow();
    }
}
