package dev.stevedore.registry;

import dev.stevedore.oci.Digest;
import dev.stevedore.oci.ImageReference;
import java.util.List;
import java.util.Set;

/**
 * {@code DELETE /v2/<name>/manifests/<digest>} (a tag is first resolved to its digest with a
 * {@code HEAD}) and {@code DELETE /v2/<name>/blobs/<digest>}.
 */
final class Deleter {
    private Deleter() {
    }

    static Digest deleteManifest(Caller caller, Site site, ImageReference reference, Action action) {
        List<String> scopes = scopes(reference);
        Digest digest = reference.digest().orElseGet(() -> {
            Call head = Call.of("HEAD", "v2/" + reference.repository() + "/manifests/" + reference.tag().orElseThrow(),
                    Call.pull(reference.repository())).header("Accept", ManifestPuller.ACCEPT);
            try (Response response = caller.expect(site, head, action, Set.of(200))) {
                return ManifestPuller.declaredDigest(response, action).orElseThrow(() -> new RegistryProtocolException(
                        action.description(), action.target(), "the registry did not say the tag's digest", null));
            }
        });
        caller.expect(site, Call.of("DELETE", "v2/" + reference.repository() + "/manifests/" + digest, scopes), action,
                Set.of(200, 202, 204)).close();
        return digest;
    }

    static void deleteBlob(Caller caller, Site site, ImageReference repository, Digest digest, Action action) {
        caller.expect(site, Call.of("DELETE", "v2/" + repository.repository() + "/blobs/" + digest, scopes(repository)),
                action, Set.of(200, 202, 204)).close();
    }

    private static List<String> scopes(ImageReference reference) {
        return List.of("repository:" + reference.repository() + ":delete");
    }
}
