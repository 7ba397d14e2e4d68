package dev.stevedore.oci;

import java.io.IOException;

/**
 * The {@link IOException} a {@link VerifyingInputStream} throws when its content fails
 * verification. Its cause is always the typed {@link ContentVerificationException}.
 *
 * <pre>{@code
 * try (InputStream in = VerifyingInputStream.of(body, digest, size)) {
 *     in.transferTo(out);
 * } catch (ContentVerificationIOException e) {
 *     throw e.failure(); // DigestMismatchException, SizeMismatchException or SizeExceededException
 * }
 * }</pre>
 */
public final class ContentVerificationIOException extends IOException {
    private static final long serialVersionUID = 1L;

    ContentVerificationIOException(ContentVerificationException failure) {
        super(failure.getMessage(), failure);
    }

    /**
     * Returns the typed verification failure, which is also this exception's cause.
     *
     * @return the verification failure
     */
    public ContentVerificationException failure() {
        return (ContentVerificationException) getCause();
    }
}
