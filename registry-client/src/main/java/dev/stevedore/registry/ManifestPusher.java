package dev.stevedore.registry;

import dev.stevedore.oci.Descriptor;
import dev.stevedore.oci.Digest;
import dev.stevedore.oci.ImageIndex;
import dev.stevedore.oci.ImageManifest;
import dev.stevedore.oci.ImageReference;
import dev.stevedore.oci.ManifestBytes;
import dev.stevedore.oci.ManifestDocument;
import dev.stevedore.oci.MediaType;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code PUT /v2/<name>/manifests/<tag|digest>} with the exact bytes and their media type.
 * When the manifest has a {@code subject} and the registry's answer lacks {@code OCI-Subject}
 * (it has no referrers API), the referrers tag schema is kept up to date: the index tagged
 * {@code <alg>-<hex>} of the subject gets this manifest's descriptor.
 */
final class ManifestPusher {
    private static final Logger LOG = LoggerFactory.getLogger(ManifestPusher.class);

    private ManifestPusher() {
    }

    static void push(Caller caller, Site site, ImageReference target, ManifestBytes manifest, Action action) {
        String path = "v2/" + target.repository() + "/manifests/" + ManifestPuller.pathReference(target);
        byte[] bytes = manifest.bytes();
        Call put = Call.of("PUT", path, Call.push(target.repository()))
                .header("Content-Type", manifest.mediaType())
                .body(new Call.Body() {
                    @Override
                    public long length() {
                        return bytes.length;
                    }

                    @Override
                    public InputStream open() {
                        return new ByteArrayInputStream(bytes);
                    }
                });
        boolean subjectHandled;
        try (Response response = caller.expect(site, put, action, Set.of(200, 201, 202, 204))) {
            Optional<Digest> stored = ManifestPuller.declaredDigest(response, action);
            if (stored.isPresent() && !stored.get().equals(manifest.digest())) {
                throw new ContentMismatchException(action.description(), action.target(), manifest.digest(), "the"
                        + " registry stored the manifest as " + stored.get() + ", not " + manifest.digest(), null);
            }
            subjectHandled = response.header("OCI-Subject").isPresent();
        }
        Optional<Descriptor> subject = manifest.document().subject();
        if (subject.isPresent() && !subjectHandled) {
            LOG.debug("{} has no referrers API; updating the referrers tag of {}", site.host(), subject.get().digest());
            updateReferrersTag(caller, site, target, manifest, subject.get().digest(), action);
        }
    }

    /** The tag the referrers tag schema uses for a subject: {@code <alg>-<hex>}. */
    static String referrersTag(Digest subject) {
        return subject.algorithm().id() + "-" + subject.encoded();
    }

    /** The descriptor a referrers list holds for a manifest: artifact type and annotations included. */
    static Descriptor referrerDescriptor(ManifestBytes manifest) {
        ManifestDocument document = manifest.document();
        Optional<String> artifactType = document.artifactType().or(() -> document instanceof ImageManifest image
                ? Optional.of(image.config().mediaType()) : Optional.empty());
        Descriptor descriptor = manifest.descriptor().withAnnotations(document.annotations());
        return artifactType.map(descriptor::withArtifactType).orElse(descriptor);
    }

    private static void updateReferrersTag(Caller caller, Site site, ImageReference target, ManifestBytes manifest,
            Digest subject, Action action) {
        ImageReference tagRef = target.withoutTagOrDigest().withTag(referrersTag(subject));
        List<Descriptor> entries = new ArrayList<>();
        try {
            ManifestBytes existing = ManifestPuller.pull(caller, site, tagRef, action);
            if (existing.document() instanceof ImageIndex index) {
                entries.addAll(index.manifests());
            }
        } catch (NotFoundException e) {
            // no referrers yet
        }
        if (entries.stream().anyMatch(d -> d.digest().equals(manifest.digest()))) {
            return;
        }
        entries.add(referrerDescriptor(manifest));
        ImageIndex index = new ImageIndex(2, MediaType.OCI_INDEX, Optional.empty(), entries, Optional.empty(), Map.of());
        push(caller, site, tagRef, ManifestBytes.of(index), action);
    }
}
