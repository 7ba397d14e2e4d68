package dev.stevedore.registry;

import dev.stevedore.oci.Descriptor;
import dev.stevedore.oci.ImageIndex;
import dev.stevedore.oci.ImageReference;
import dev.stevedore.oci.ManifestBytes;
import dev.stevedore.oci.MediaType;
import dev.stevedore.oci.OciException;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The manifests that refer to a subject: {@code GET /v2/<name>/referrers/<digest>} (OCI 1.1),
 * and when the registry lacks that API (404), the referrers tag schema: the index tagged
 * {@code <alg>-<hex>}. An artifact type filter the registry did not apply
 * ({@code OCI-Filters-Applied}) is applied here.
 */
final class ReferrersLister {
    private ReferrersLister() {
    }

    static List<Descriptor> list(Caller caller, Site site, ImageReference subject, Optional<String> artifactType,
            Action action) {
        String digest = subject.digest().orElseThrow().toString();
        String path = "v2/" + subject.repository() + "/referrers/" + digest
                + artifactType.map(t -> "?artifactType=" + URLEncoder.encode(t, StandardCharsets.UTF_8)).orElse("");
        Call call = Call.get(path, Call.pull(subject.repository())).header("Accept", MediaType.OCI_INDEX);
        List<Descriptor> found;
        boolean filtered;
        try (Response response = caller.expect(site, call, action, Set.of(200, 404))) {
            if (response.status() == 200) {
                found = parse(response, action);
                filtered = response.header("OCI-Filters-Applied").filter(v -> v.contains("artifactType")).isPresent();
            } else {
                found = null;
                filtered = false;
            }
        }
        if (found == null) {
            found = fromTag(caller, site, subject, action);
        }
        if (artifactType.isPresent() && !filtered) {
            found = found.stream().filter(d -> d.artifactType().equals(artifactType)).toList();
        }
        return found;
    }

    private static List<Descriptor> fromTag(Caller caller, Site site, ImageReference subject, Action action) {
        ImageReference tag = subject.withoutTagOrDigest().withTag(ManifestPusher.referrersTag(subject.digest().orElseThrow()));
        try {
            ManifestBytes index = ManifestPuller.pull(caller, site, tag, action);
            return index.document() instanceof ImageIndex i ? i.manifests() : List.of();
        } catch (NotFoundException e) {
            return List.of();
        }
    }

    private static List<Descriptor> parse(Response response, Action action) {
        try {
            byte[] body = response.body().readNBytes(ManifestBytes.MAX_SIZE + 1);
            if (body.length > ManifestBytes.MAX_SIZE) {
                throw new RegistryProtocolException(action.description(), action.target(), "the referrers list is"
                        + " larger than " + ManifestBytes.MAX_SIZE + " bytes", null);
            }
            ManifestBytes index = ManifestBytes.parse(body, Optional.of(MediaType.OCI_INDEX));
            return ((ImageIndex) index.document()).manifests();
        } catch (IOException e) {
            throw new RegistryUnavailableException(action.description(), action.target(), "reading the referrers"
                    + " list failed: " + Caller.describe(e), e);
        } catch (OciException e) {
            throw new RegistryProtocolException(action.description(), action.target(), "the referrers list is not an"
                    + " OCI index: " + e.getMessage(), e);
        }
    }
}
