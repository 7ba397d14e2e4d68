package dev.stevedore.testing;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * A fault installed in a {@link FaultProxy} by a {@link FaultTrigger}: it applies to the next
 * matching requests until its uses run out. Faults are tried in the order they were
 * installed; a request gets at most one.
 *
 * <pre>{@code
 * InjectedFault unavailable = proxy.on("GET", "/v2/.*").times(2).respond(503);
 * ... // the client retries
 * assertThat(unavailable.hits()).isEqualTo(2);
 * }</pre>
 */
public final class InjectedFault {
    /** Uses left meaning "no limit". */
    static final int UNLIMITED = -1;

    private final FaultProxy.Listener listener;
    private final String method;
    private final Pattern path;
    private final FaultAction action;
    private final AtomicInteger usesLeft;
    private final AtomicInteger hits = new AtomicInteger();

    InjectedFault(FaultProxy.Listener listener, String method, Pattern path, int uses, FaultAction action) {
        this.listener = listener;
        this.method = method;
        this.path = path;
        this.action = action;
        this.usesLeft = new AtomicInteger(uses);
    }

    /**
     * How many requests this fault has been applied to.
     *
     * @return the count so far
     */
    public int hits() {
        return hits.get();
    }

    /**
     * Whether the fault has no uses left (never true for {@link FaultTrigger#always()}).
     *
     * @return true when used up
     */
    public boolean usedUp() {
        return usesLeft.get() == 0;
    }

    /** Claims one use if the request matches and uses are left. */
    boolean claim(FaultProxy.Listener at, String requestMethod, String requestPath) {
        if (at != listener || !(method.equals("*") || method.equals(requestMethod)) || !path.matcher(requestPath).matches()) {
            return false;
        }
        int left = usesLeft.getAndUpdate(n -> n > 0 ? n - 1 : n);
        if (left == 0) {
            return false;
        }
        hits.incrementAndGet();
        return true;
    }

    FaultAction action() {
        return action;
    }

    /** Names the match and the action. */
    @Override
    public String toString() {
        int left = usesLeft.get();
        return "InjectedFault[" + method + " " + path + " at " + listener + " -> " + action + ", hits " + hits()
                + ", uses left " + (left == UNLIMITED ? "unlimited" : left) + "]";
    }
}
