package dev.stevedore.registry;

/**
 * Credentials could not be read: a broken {@code config.json}, or a credential helper that
 * failed (other than answering "credentials not found"). Never holds a secret.
 *
 * <pre>{@code catch (CredentialsException e) { System.err.println(e.getMessage()); }}</pre>
 */
public final class CredentialsException extends RegistryException {
    private static final long serialVersionUID = 1L;

    CredentialsException(String action, String registry, String reason, Throwable cause) {
        super(action, registry, reason, cause);
    }
}
