package dev.stevedore.registry;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The registry kept answering 429 after every retry; carries the last {@code Retry-After}.
 *
 * <pre>{@code catch (TooManyRequestsException e) { e.retryAfter(); // Optional[PT30S] }}</pre>
 */
public final class TooManyRequestsException extends RegistryResponseException {
    private static final long serialVersionUID = 1L;

    /** The last Retry-After, or null (kept nullable for serialization). */
    private final Duration retryAfter;

    TooManyRequestsException(String action, String reference, int status, List<RegistryError> errors,
            Optional<Duration> retryAfter, String more) {
        super(action, reference, status, errors, retryAfter.map(d -> "; retry after " + d.toSeconds() + " s").orElse("")
                + more);
        this.retryAfter = retryAfter.orElse(null);
    }

    /**
     * Returns how long the registry asked to wait.
     *
     * @return the last {@code Retry-After}, if the registry sent one
     */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
