package dev.stevedore.registry;

import java.util.List;

/**
 * The registry has no such manifest, blob, repository or upload (404;
 * {@link #code()} tells {@code MANIFEST_UNKNOWN}, {@code BLOB_UNKNOWN}, {@code NAME_UNKNOWN}, ...).
 *
 * <pre>{@code catch (NotFoundException e) { if (e.code().equals("MANIFEST_UNKNOWN")) { ... } }}</pre>
 */
public final class NotFoundException extends RegistryResponseException {
    private static final long serialVersionUID = 1L;

    NotFoundException(String action, String reference, int status, List<RegistryError> errors, String more) {
        super(action, reference, status, errors, more);
    }
}
