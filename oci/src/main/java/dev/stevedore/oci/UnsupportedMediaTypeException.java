package dev.stevedore.oci;

/**
 * A document whose media type this module recognizes but refuses (Docker image manifest
 * schema 1), or does not know at all where a manifest or index was expected.
 */
public final class UnsupportedMediaTypeException extends OciException {
    private static final long serialVersionUID = 1L;

    /** The refused media type. */
    private final String mediaType;

    UnsupportedMediaTypeException(String mediaType, String message) {
        super(message);
        this.mediaType = mediaType;
    }

    /**
     * Returns the media type that was refused.
     *
     * @return the media type, as declared by the document or the caller
     */
    public String mediaType() {
        return mediaType;
    }
}
