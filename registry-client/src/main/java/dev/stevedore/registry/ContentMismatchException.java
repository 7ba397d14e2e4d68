package dev.stevedore.registry;

import dev.stevedore.oci.Digest;

/**
 * Content from the registry does not match what was asked for: a wrong digest, or more or
 * fewer bytes than the descriptor says. Nothing was committed to the sink.
 *
 * <pre>{@code catch (ContentMismatchException e) { e.expected(); // the descriptor's digest }}</pre>
 */
public final class ContentMismatchException extends RegistryException {
    private static final long serialVersionUID = 1L;

    /** The digest that was asked for. */
    private final Digest expected;

    ContentMismatchException(String action, String reference, Digest expected, String reason, Throwable cause) {
        super(action, reference, reason, cause);
        this.expected = expected;
    }

    /**
     * Returns the digest that was asked for.
     *
     * @return the expected digest
     */
    public Digest expected() {
        return expected;
    }
}
