package dev.stevedore.registry;

import dev.stevedore.oci.ImageReference;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where requests for a registry go: its origin {@link Site} (one per registry, remembering its
 * ping), and for pulls its mirrors first, in the order configured, falling back to the next
 * on any registry failure (not found, unavailable, refused, wrong content).
 */
final class Routes {
    private static final Logger LOG = LoggerFactory.getLogger(Routes.class);

    private final Map<String, List<URI>> mirrors;
    private final Set<String> insecure;
    private final Map<String, Site> sites = new ConcurrentHashMap<>();

    Routes(Map<String, List<URI>> mirrors, Set<String> insecure) {
        this.mirrors = Map.copyOf(mirrors);
        this.insecure = Set.copyOf(insecure);
    }

    /** The registry's own site; pushes, lists and deletes go only there. */
    Site origin(String registry) {
        return sites.computeIfAbsent(registry, r -> Site.origin(r, insecure.contains(r)
                || insecure.contains(RegistryHosts.apiHost(r))));
    }

    /** Tries the registry's mirrors in order, then the registry itself. */
    <T> T pulling(ImageReference reference, Action action, Function<Site, T> request) {
        List<URI> mirrorUris = mirrors.getOrDefault(RegistryHosts.credentialName(reference.registry()), List.of());
        for (URI mirror : mirrorUris) {
            Site site = sites.computeIfAbsent("mirror " + mirror,
                    k -> Site.mirror(mirror, insecure.contains(mirror.getRawAuthority())));
            try {
                return request.apply(site);
            } catch (RegistryResponseException | RegistryUnavailableException | ContentMismatchException
                    | RegistryProtocolException | UnsupportedContentException e) {
                LOG.warn("mirror {} failed to {}; trying the next source: {}", mirror, action.description(),
                        e.getMessage());
            }
        }
        return request.apply(origin(reference.registry()));
    }

    @Override
    public String toString() {
        return "mirrors=" + mirrors.keySet() + ", insecure=" + insecure;
    }
}
