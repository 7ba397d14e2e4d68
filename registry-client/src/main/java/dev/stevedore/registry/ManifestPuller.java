package dev.stevedore.registry;

import dev.stevedore.oci.Digest;
import dev.stevedore.oci.ImageReference;
import dev.stevedore.oci.InvalidDigestException;
import dev.stevedore.oci.MalformedDocumentException;
import dev.stevedore.oci.ManifestBytes;
import dev.stevedore.oci.MediaType;
import dev.stevedore.oci.UnsupportedMediaTypeException;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;

/**
 * {@code GET /v2/<name>/manifests/<tag|digest>} with Accept for OCI and Docker manifests and
 * indexes. The body is read whole up to 4 MiB (anything larger is refused), checked against
 * the reference's digest and the server's {@code Docker-Content-Digest} (parsed strictly
 * first), then parsed without ever being re-serialized.
 */
final class ManifestPuller {
    static final String ACCEPT = String.join(", ", MediaType.OCI_MANIFEST, MediaType.OCI_INDEX,
            MediaType.DOCKER_MANIFEST, MediaType.DOCKER_MANIFEST_LIST);
    private static final Set<String> GENERIC_TYPES = Set.of("application/json", "text/plain",
            "application/octet-stream", "binary/octet-stream");

    private ManifestPuller() {
    }

    static ManifestBytes pull(Caller caller, Site site, ImageReference reference, Action action) {
        String path = "v2/" + reference.repository() + "/manifests/" + pathReference(reference);
        Call call = Call.get(path, Call.pull(reference.repository())).header("Accept", ACCEPT);
        for (int attempt = 1;; attempt++) {
            Response response = caller.expect(site, call, action, Set.of(200));
            byte[] bytes;
            try (response) {
                long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
                if (declared > ManifestBytes.MAX_SIZE) {
                    throw tooLarge(action, declared + " bytes declared");
                }
                bytes = response.body().readNBytes(ManifestBytes.MAX_SIZE + 1);
                if (bytes.length > ManifestBytes.MAX_SIZE) {
                    throw tooLarge(action, "more than " + ManifestBytes.MAX_SIZE + " bytes sent");
                }
            } catch (IOException e) {
                if (attempt >= caller.retry().maxAttempts()) {
                    throw new RegistryUnavailableException(action.description(), action.target(), "reading the"
                            + " manifest failed: " + Caller.describe(e), e);
                }
                caller.pause(action, attempt, caller.retry().backoff(attempt), Caller.describe(e));
                continue;
            }
            return verifyAndParse(bytes, response, reference, action);
        }
    }

    /** The tag or digest part of the URL: the digest if the reference has one. */
    static String pathReference(ImageReference reference) {
        return reference.digest().map(Digest::toString).orElseGet(() -> reference.tag().orElseThrow());
    }

    private static ManifestBytes verifyAndParse(byte[] bytes, Response response, ImageReference reference,
            Action action) {
        Optional<Digest> declared = declaredDigest(response, action);
        Optional<Digest> wanted = reference.digest();
        if (wanted.isPresent() && !Digest.of(wanted.get().algorithm(), bytes).equals(wanted.get())) {
            throw new ContentMismatchException(action.description(), action.target(), wanted.get(), "the manifest"
                    + " received has digest " + Digest.of(wanted.get().algorithm(), bytes) + ", not " + wanted.get(), null);
        }
        if (declared.isPresent() && !Digest.of(declared.get().algorithm(), bytes).equals(declared.get())) {
            throw new ContentMismatchException(action.description(), action.target(), declared.get(), "the manifest"
                    + " received does not match its Docker-Content-Digest " + declared.get(), null);
        }
        Optional<String> contentType = response.header("Content-Type").map(MediaType::fromContentType)
                .filter(t -> !t.isEmpty() && !GENERIC_TYPES.contains(t));
        try {
            return ManifestBytes.parse(bytes, contentType);
        } catch (UnsupportedMediaTypeException e) {
            throw new UnsupportedContentException(action.description(), action.target(), e.mediaType(),
                    e.getMessage(), e);
        } catch (MalformedDocumentException e) {
            throw new RegistryProtocolException(action.description(), action.target(), "the manifest is malformed: "
                    + e.getMessage(), e);
        }
    }

    /** {@code Docker-Content-Digest}, validated before it is used anywhere. */
    static Optional<Digest> declaredDigest(Response response, Action action) {
        Optional<String> header = response.header("Docker-Content-Digest");
        if (header.isEmpty() || header.get().isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Digest.parse(header.get().trim()));
        } catch (InvalidDigestException e) {
            throw new RegistryProtocolException(action.description(), action.target(), "the registry sent an invalid"
                    + " Docker-Content-Digest: " + e.getMessage(), e);
        }
    }

    private static RegistryProtocolException tooLarge(Action action, String what) {
        return new RegistryProtocolException(action.description(), action.target(), "the manifest is larger than"
                + " the limit of " + ManifestBytes.MAX_SIZE + " bytes (" + what + ")", null);
    }
}
