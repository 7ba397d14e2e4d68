package dev.stevedore;

/**
 * Thrown when a string is not a valid image reference (nor an image id where one is allowed).
 *
 * <pre>{@code
 * Images.pull("Not A Ref"); // ImageReferenceException: not a valid image reference: "Not A Ref" (...)
 * }</pre>
 */
public final class ImageReferenceException extends StevedoreException {
    private static final long serialVersionUID = 1L;

    private final String reference;

    ImageReferenceException(String reference, String why, Throwable cause) {
        super("not a valid image reference: \"" + reference + "\" (" + why + ")", cause);
        this.reference = reference;
    }

    ImageReferenceException(String reference, String why) {
        super("not a valid image reference: \"" + reference + "\" (" + why + ")");
        this.reference = reference;
    }

    /**
     * The text that was given.
     *
     * @return the reference as given
     */
    public String reference() {
        return reference;
    }
}
