package dev.stevedore.registry;

/**
 * The registry served a manifest of a media type this client does not read (Docker schema 1,
 * or anything unknown); it is reported, never guessed.
 *
 * <pre>{@code catch (UnsupportedContentException e) { e.mediaType(); }}</pre>
 */
public final class UnsupportedContentException extends RegistryException {
    private static final long serialVersionUID = 1L;

    /** The media type received. */
    private final String mediaType;

    UnsupportedContentException(String action, String reference, String mediaType, String reason, Throwable cause) {
        super(action, reference, reason, cause);
        this.mediaType = mediaType;
    }

    /**
     * Returns the media type the registry declared.
     *
     * @return the media type, or empty if none was declared
     */
    public String mediaType() {
        return mediaType;
    }
}
