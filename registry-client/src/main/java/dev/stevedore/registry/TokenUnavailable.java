package dev.stevedore.registry;

/**
 * The token server could not be reached or answered 5xx or 429: worth a retry, which the
 * {@link Caller} makes like any other transient failure before reporting a
 * {@link RegistryUnavailableException}.
 */
final class TokenUnavailable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TokenUnavailable(String reason, Throwable cause) {
        super(reason, cause);
    }
}
