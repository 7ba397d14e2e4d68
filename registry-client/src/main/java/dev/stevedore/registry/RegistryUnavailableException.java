package dev.stevedore.registry;

/**
 * The registry could not be reached or kept failing (connection errors, timeouts, 5xx) after
 * every retry.
 *
 * <pre>{@code catch (RegistryUnavailableException e) { System.err.println(e.getMessage()); }}</pre>
 */
public final class RegistryUnavailableException extends RegistryException {
    private static final long serialVersionUID = 1L;

    RegistryUnavailableException(String action, String reference, String reason, Throwable cause) {
        super(action, reference, reason, cause);
    }
}
