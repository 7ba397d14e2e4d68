package dev.stevedore.testing;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which requests a fault applies to: a method, a regex over the whole request path (no
 * query), a listener and a number of uses; made by {@link FaultProxy#on(String, String)}. Each
 * terminal method installs a fault and returns it. Unless told otherwise a fault applies once,
 * to the next matching request on the {@link FaultProxy.Listener#PRIMARY} address.
 *
 * <pre>{@code
 * proxy.on("GET", "/v2/.+/blobs/.+").times(2).respond(503, Duration.ofSeconds(1)); // then pass through
 * proxy.on("GET", "/v2/.+/blobs/.+").dropAfter(1024);                             // Range resume
 * proxy.on("GET", "/v2/.+/blobs/.+").always().redirectToSecondHost();
 * proxy.on("GET", "/v2/.+/blobs/.+").at(FaultProxy.Listener.SECOND_HOST).flipByte(0);
 * }</pre>
 *
 * <p>Body offsets count bytes of this response's body (after any chunked decoding), not of
 * the blob: a ranged response starts at 0.
 */
public final class FaultTrigger {
    private final FaultProxy proxy;
    private final String method;
    private final Pattern path;
    private final FaultProxy.Listener listener;
    private final Optional<Integer> uses;

    FaultTrigger(FaultProxy proxy, String method, Pattern path, FaultProxy.Listener listener, Optional<Integer> uses) {
        this.proxy = proxy;
        this.method = method;
        this.path = path;
        this.listener = listener;
        this.uses = uses;
    }

    /**
     * Applies the fault to the next {@code n} matching requests, then lets them pass.
     *
     * @param n one or more
     * @return a new trigger
     */
    public FaultTrigger times(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("a fault applies at least once: " + n);
        }
        return new FaultTrigger(proxy, method, path, listener, Optional.of(n));
    }

    /**
     * Applies the fault to every matching request until {@link FaultProxy#clearFaults()}.
     *
     * @return a new trigger
     */
    public FaultTrigger always() {
        return new FaultTrigger(proxy, method, path, listener, Optional.of(InjectedFault.UNLIMITED));
    }

    /**
     * Matches requests arriving at {@code at} instead of the primary address.
     *
     * @param at the listener
     * @return a new trigger
     */
    public FaultTrigger at(FaultProxy.Listener at) {
        return new FaultTrigger(proxy, method, path, Objects.requireNonNull(at, "at"), uses);
    }

    /**
     * Answers {@code status} with an empty body instead of forwarding.
     *
     * @param status e.g. 500
     * @return the installed fault
     */
    public InjectedFault respond(int status) {
        return respond(CannedResponse.status(status));
    }

    /**
     * Answers {@code status} with {@code Retry-After} (whole seconds) instead of forwarding.
     *
     * <pre>{@code proxy.on("GET", "/v2/.*").times(3).respond(429, Duration.ofSeconds(1));}</pre>
     *
     * @param status e.g. 503 or 429
     * @param retryAfter the delay to announce
     * @return the installed fault
     */
    public InjectedFault respond(int status, Duration retryAfter) {
        return respond(CannedResponse.status(status).retryAfter(retryAfter));
    }

    /**
     * Serves a canned response instead of forwarding, e.g. an API the registry lacks.
     *
     * @param response the response
     * @return the installed fault
     */
    public InjectedFault respond(CannedResponse response) {
        return install(new FaultAction.Respond(Objects.requireNonNull(response, "response")), 1);
    }

    /**
     * Answers 307 with the same path and query on the proxy's second loopback address
     * ({@code 127.0.0.2}), which serves the same registry and logs what arrives there.
     *
     * @return the installed fault
     */
    public InjectedFault redirectToSecondHost() {
        return install(new FaultAction.Redirect(FaultAction.Redirect.Target.SECOND_HOST), 1);
    }

    /**
     * Answers 307 with the same path and query on the proxy's plain-HTTP address: an
     * https-to-http downgrade. Only for a proxy started {@link FaultProxy#withTls()}.
     *
     * @return the installed fault
     * @throws IllegalStateException if the proxy has no TLS
     */
    public InjectedFault redirectToPlainHttp() {
        if (!proxy.tls()) {
            throw new IllegalStateException("a downgrade redirect needs a proxy made withTls()");
        }
        return install(new FaultAction.Redirect(FaultAction.Redirect.Target.PLAIN_HTTP), 1);
    }

    /**
     * Answers every matching request with 307 to the same path on the same address with a
     * {@code stevedore-hop=N} query parameter one higher, forever (unless {@link #times(int)}
     * was given): {@link InjectedFault#hits()} counts the hops a client made.
     *
     * @return the installed fault
     */
    public InjectedFault redirectLoop() {
        return install(new FaultAction.Redirect(FaultAction.Redirect.Target.LOOP), InjectedFault.UNLIMITED);
    }

    /**
     * Forwards, sends the response head and {@code bodyBytes} bytes of the body, then closes
     * the connection 200 ms later (the client sees the body end early, having taken the bytes).
     *
     * @param bodyBytes how many body bytes get through
     * @return the installed fault
     */
    public InjectedFault dropAfter(long bodyBytes) {
        return install(new FaultAction.DropAfter(nonNegative(bodyBytes)), 1);
    }

    /**
     * Forwards, sends the response head and {@code bodyBytes} bytes of the body, then sends
     * nothing more, keeping the connection open until the client or the proxy closes it.
     *
     * @param bodyBytes how many body bytes get through
     * @return the installed fault
     */
    public InjectedFault stallAfter(long bodyBytes) {
        return install(new FaultAction.StallAfter(nonNegative(bodyBytes)), 1);
    }

    /**
     * Forwards, inverting every bit of the body byte at {@code offset} (nothing if the body is shorter).
     *
     * @param offset the byte's offset in this response's body
     * @return the installed fault
     */
    public InjectedFault flipByte(long offset) {
        return install(new FaultAction.FlipByte(nonNegative(offset)), 1);
    }

    /**
     * Forwards the whole body but declares {@code delta} more (positive) or fewer (negative)
     * bytes in {@code Content-Length}, then closes the connection. With fewer declared, the
     * client is sent more than declared.
     *
     * @param delta declared minus sent; not zero
     * @return the installed fault
     */
    public InjectedFault contentLengthOffBy(long delta) {
        if (delta == 0) {
            throw new IllegalArgumentException("a Content-Length lie needs a non-zero delta");
        }
        return install(new FaultAction.LengthOffBy(delta), 1);
    }

    /**
     * Forwards, with the response header {@code name} set to {@code value}, e.g. a wrong
     * {@code Docker-Content-Digest}.
     *
     * @param name the header name
     * @param value its value
     * @return the installed fault
     */
    public InjectedFault responseHeader(String name, String value) {
        CannedResponse.status(200).header(name, value); // validates
        return install(new FaultAction.SetHeader(name, value), 1);
    }

    private InjectedFault install(FaultAction action, int defaultUses) {
        InjectedFault fault = new InjectedFault(listener, method, path, uses.orElse(defaultUses), action);
        proxy.install(fault);
        return fault;
    }

    private static long nonNegative(long value) {
        if (value < 0) {
            throw new IllegalArgumentException("expected zero or more bytes: " + value);
        }
        return value;
    }
}
