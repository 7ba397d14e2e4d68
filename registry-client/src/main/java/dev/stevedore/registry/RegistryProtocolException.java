package dev.stevedore.registry;

/**
 * The registry (or something between) broke the protocol: a malformed challenge, header or
 * body, an oversized answer, a refused redirect.
 *
 * <pre>{@code catch (RegistryProtocolException e) { System.err.println(e.getMessage()); }}</pre>
 */
public final class RegistryProtocolException extends RegistryException {
    private static final long serialVersionUID = 1L;

    RegistryProtocolException(String action, String reference, String reason, Throwable cause) {
        super(action, reference, reason, cause);
    }
}
