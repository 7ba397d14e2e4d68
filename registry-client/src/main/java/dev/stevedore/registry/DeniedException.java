package dev.stevedore.registry;

import java.util.List;

/**
 * The registry knows who is asking and refuses the action (403, or {@code DENIED}).
 *
 * <pre>{@code catch (DeniedException e) { System.err.println(e.getMessage()); }}</pre>
 */
public final class DeniedException extends RegistryResponseException {
    private static final long serialVersionUID = 1L;

    DeniedException(String action, String reference, int status, List<RegistryError> errors, String more) {
        super(action, reference, status, errors, more);
    }
}
