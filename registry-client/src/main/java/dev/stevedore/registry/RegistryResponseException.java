package dev.stevedore.registry;

import java.util.List;

/**
 * The registry answered with an error status; carries the status and the parsed
 * distribution error body. Subtypes name the common cases.
 *
 * <pre>{@code
 * catch (RegistryResponseException e) { log.info("{} {}", e.status(), e.errors()); }
 * }</pre>
 */
public class RegistryResponseException extends RegistryException {
    private static final long serialVersionUID = 1L;

    /** The HTTP status. */
    private final int status;
    /** The parsed error body. */
    private final List<RegistryError> errors;

    RegistryResponseException(String action, String reference, int status, List<RegistryError> errors) {
        this(action, reference, status, errors, "");
    }

    RegistryResponseException(String action, String reference, int status, List<RegistryError> errors, String more) {
        super(action, reference, describe(status, errors) + more, null);
        this.status = status;
        this.errors = List.copyOf(errors);
    }

    private static String describe(int status, List<RegistryError> errors) {
        return "the registry answered " + status + (errors.isEmpty() ? "" : " " + errors);
    }

    /**
     * Returns the HTTP status.
     *
     * @return the status, such as 404
     */
    public int status() {
        return status;
    }

    /**
     * Returns the registry's errors, from the response body.
     *
     * @return the errors, possibly empty
     */
    public List<RegistryError> errors() {
        return errors;
    }

    /**
     * Returns the first error code, or the status when the body had none.
     *
     * @return a code such as {@code MANIFEST_UNKNOWN}, or {@code "HTTP 404"}
     */
    public String code() {
        return errors.isEmpty() ? "HTTP " + status : errors.get(0).code();
    }
}
