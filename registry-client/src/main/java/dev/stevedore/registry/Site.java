package dev.stevedore.registry;

import java.net.URI;
import java.util.List;

/**
 * One place requests go to: a registry's origin (its scheme found by the {@code /v2/} ping:
 * HTTPS first, plain HTTP only for loopback hosts and registries marked insecure) or a mirror
 * (scheme given). Remembers the ping's challenges.
 */
final class Site {
    private final String name;
    private final String host;
    private final boolean insecure;
    private final URI fixedBase;
    private volatile URI base;
    private volatile List<Challenge> challenges = List.of();

    private Site(String name, String host, boolean insecure, URI fixedBase) {
        this.name = name;
        this.host = host;
        this.insecure = insecure;
        this.fixedBase = fixedBase;
    }

    /** The origin of {@code registry} ({@code docker.io} goes to {@code registry-1.docker.io}). */
    static Site origin(String registry, boolean insecure) {
        return new Site(registry, RegistryHosts.apiHost(registry), insecure, null);
    }

    /** A mirror at a fixed base URI, such as {@code https://mirror.example/} or {@code http://127.0.0.1:5001}. */
    static Site mirror(URI base, boolean insecure) {
        String text = base.toString().endsWith("/") ? base.toString() : base + "/";
        URI normalized = URI.create(text);
        return new Site(normalized.getRawAuthority(), normalized.getRawAuthority(), insecure, normalized);
    }

    /** The name credentials are looked up by: the registry, or the mirror's host and port. */
    String name() {
        return name;
    }

    /** The host and port requests go to. */
    String host() {
        return host;
    }

    /** Marked insecure by the caller: TLS unverified, plain HTTP allowed. */
    boolean insecure() {
        return insecure;
    }

    /** Whether plain HTTP may be tried after HTTPS fails (Docker's rule). */
    boolean httpAllowed() {
        return insecure || RegistryHosts.isLoopback(RegistryHosts.hostOnly(host));
    }

    /** The base URIs to ping, in order. */
    List<URI> candidates() {
        if (fixedBase != null) {
            return List.of(fixedBase);
        }
        URI https = URI.create("https://" + host + "/");
        return httpAllowed() ? List.of(https, URI.create("http://" + host + "/")) : List.of(https);
    }

    boolean pinged() {
        return base != null;
    }

    void pinged(URI newBase, List<Challenge> newChallenges) {
        challenges = List.copyOf(newChallenges);
        base = newBase;
    }

    URI base() {
        URI current = base;
        if (current == null) {
            throw new IllegalStateException("site " + host + " was not pinged");
        }
        return current;
    }

    List<Challenge> challenges() {
        return challenges;
    }

    /** Whether {@code uri} is on this site's scheme, host and port (credentials may go there). */
    boolean owns(URI uri) {
        URI current = base();
        return current.getScheme().equalsIgnoreCase(uri.getScheme())
                && current.getRawAuthority().equalsIgnoreCase(uri.getRawAuthority());
    }

    @Override
    public String toString() {
        URI current = base;
        return current == null ? host : current.toString();
    }
}
