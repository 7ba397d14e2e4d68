package dev.stevedore.oci;

import java.util.Objects;
import java.util.Optional;

/**
 * A normalized image reference: registry, repository, and a tag, a digest or both.
 *
 * <p>{@link #parse(String)} follows Docker: {@code busybox} means
 * {@code docker.io/library/busybox:latest}, {@code index.docker.io} means {@code docker.io}, and
 * the first path component is a registry only if it contains {@code '.'} or {@code ':'}, is
 * {@code localhost}, or has an uppercase letter. Every instance is normalized and valid,
 * whichever way it was made.
 *
 * <pre>{@code
 * ImageReference ref = ImageReference.parse("busybox");
 * ref.toString();   // "docker.io/library/busybox:latest"
 * ref.registry();   // "docker.io"
 * ref.repository(); // "library/busybox"
 * ref.familiar();   // "busybox"
 * }</pre>
 *
 * @param registry the registry host, with its port if any, such as {@code "localhost:5000"}
 * @param repository the repository path without the registry, such as {@code "library/busybox"}
 * @param tag the tag, if any
 * @param digest the digest, if any
 */
public record ImageReference(String registry, String repository, Optional<String> tag,
        Optional<Digest> digest) {

    /**
     * Creates a reference, normalizing registry and repository as {@link #parse(String)} does.
     *
     * @param registry the registry host, with its port if any, such as {@code "localhost:5000"}
     * @param repository the repository path without the registry, such as {@code "library/busybox"}
     * @param tag the tag, if any
     * @param digest the digest, if any
     * @throws InvalidReferenceException if a part does not follow the reference grammar
     */
    public ImageReference {
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(digest, "digest");
        registry = ReferenceGrammar.normalizeRegistry(registry);
        repository = ReferenceGrammar.normalizeRepository(registry, repository);
        ReferenceGrammar.check(format(registry, repository, tag, digest), registry, repository, tag);
    }

    /**
     * Parses and normalizes a reference the way {@code docker pull} does, adding the tag
     * {@code latest} when neither a tag nor a digest is given. A reference with both keeps both.
     *
     * <pre>{@code
     * ImageReference.parse("localhost:5000/app:1.0@sha256:...") // registry "localhost:5000"
     * ImageReference.parse("Foo/bar")  // registry "Foo" (uppercase means a registry, as in Docker)
     * ImageReference.parse("foo/Bar")  // throws: repository name must be lowercase
     * }</pre>
     *
     * @param text the reference, such as {@code "busybox"} or {@code "ghcr.io/a/b:1"}
     * @return the normalized reference
     * @throws InvalidReferenceException naming the bad part if the text is not a valid reference
     */
    public static ImageReference parse(String text) {
        Objects.requireNonNull(text, "text");
        if (text.isEmpty()) {
            throw ReferenceGrammar.invalid(text, "repository name must have at least one component");
        }
        if (ReferenceGrammar.isIdentifier(text)) {
            throw ReferenceGrammar.invalid(text, "cannot specify 64-byte hexadecimal strings");
        }
        int at = text.indexOf('@');
        String nameAndTag = at < 0 ? text : text.substring(0, at);
        int colon = nameAndTag.indexOf(':', nameAndTag.lastIndexOf('/') + 1);
        String name = colon < 0 ? nameAndTag : nameAndTag.substring(0, colon);
        Optional<String> tag = colon < 0 ? Optional.empty() : Optional.of(nameAndTag.substring(colon + 1));

        String registry = ReferenceGrammar.DOCKER_HUB;
        String repository = name;
        int slash = name.indexOf('/');
        if (slash >= 0 && ReferenceGrammar.looksLikeRegistry(name.substring(0, slash))) {
            registry = ReferenceGrammar.normalizeRegistry(name.substring(0, slash));
            repository = name.substring(slash + 1);
        }
        repository = ReferenceGrammar.normalizeRepository(registry, repository);
        ReferenceGrammar.check(text, registry, repository, tag);

        Optional<Digest> digest = at < 0 ? Optional.empty() : Optional.of(parseDigest(text, text.substring(at + 1)));
        if (tag.isEmpty() && digest.isEmpty()) {
            tag = Optional.of(ReferenceGrammar.DEFAULT_TAG);
        }
        return new ImageReference(registry, repository, tag, digest);
    }

    private static Digest parseDigest(String text, String digest) {
        try {
            return Digest.parse(digest);
        } catch (InvalidDigestException e) {
            throw new InvalidReferenceException(text, "invalid digest \"" + digest + "\" in reference \""
                    + text + "\": " + e.reason(), e);
        }
    }

    /**
     * Returns the same repository with this tag, keeping any digest.
     *
     * @param newTag the tag, such as {@code "1.36"}
     * @return the re-tagged reference
     * @throws InvalidReferenceException if the tag is malformed
     */
    public ImageReference withTag(String newTag) {
        Objects.requireNonNull(newTag, "newTag");
        ReferenceGrammar.checkTag(format(registry, repository, Optional.of(newTag), digest), newTag);
        return new ImageReference(registry, repository, Optional.of(newTag), digest);
    }

    /**
     * Returns the same repository pinned to this digest, keeping any tag.
     *
     * @param newDigest the manifest digest
     * @return the pinned reference
     */
    public ImageReference withDigest(Digest newDigest) {
        return new ImageReference(registry, repository, tag, Optional.of(newDigest));
    }

    /**
     * Returns the same repository with neither tag nor digest.
     *
     * @return the bare repository reference
     */
    public ImageReference withoutTagOrDigest() {
        return new ImageReference(registry, repository, Optional.empty(), Optional.empty());
    }

    /**
     * Returns the registry and repository, such as {@code "docker.io/library/busybox"}.
     *
     * @return the full name without tag or digest
     */
    public String name() {
        return registry + "/" + repository;
    }

    /**
     * Whether this reference points to Docker Hub.
     *
     * @return true if the registry is {@code docker.io}
     */
    public boolean isDockerHub() {
        return registry.equals(ReferenceGrammar.DOCKER_HUB);
    }

    /**
     * Returns the host (and port) to contact for this registry: {@code registry-1.docker.io}
     * for Docker Hub, the registry itself otherwise.
     *
     * @return the host to send requests to
     */
    public String registryHost() {
        return isDockerHub() ? "registry-1.docker.io" : registry;
    }

    /**
     * Returns the short name Docker shows: without {@code docker.io/}, and without
     * {@code library/} for official images. {@code docker.io} is kept when dropping it would make
     * the first component look like a registry.
     *
     * <pre>{@code ImageReference.parse("docker.io/foo/bar:1").familiarName() // "foo/bar"}</pre>
     *
     * @return the familiar name, without tag or digest
     */
    public String familiarName() {
        if (!isDockerHub()) {
            return name();
        }
        String path = repository;
        if (path.startsWith(ReferenceGrammar.OFFICIAL_PREFIX)) {
            String rest = path.substring(ReferenceGrammar.OFFICIAL_PREFIX.length());
            if (rest.indexOf('/') < 0) {
                return ReferenceGrammar.isIdentifier(rest) ? path : rest;
            }
        }
        int slash = path.indexOf('/');
        if (ReferenceGrammar.looksLikeRegistry(path.substring(0, slash))) {
            return name();
        }
        return path;
    }

    /**
     * Returns the short form for display, which {@link #parse(String)} turns back into this
     * reference: the {@link #familiarName()}, then the tag (left out when it is {@code latest}
     * and there is no digest), then the digest.
     *
     * <pre>{@code
     * ImageReference.parse("docker.io/library/busybox:latest").familiar() // "busybox"
     * ImageReference.parse("ghcr.io/a/b:1").familiar()                    // "ghcr.io/a/b:1"
     * }</pre>
     *
     * @return the familiar form
     */
    public String familiar() {
        Optional<String> shownTag = tag.filter(t -> digest.isPresent() || !t.equals(ReferenceGrammar.DEFAULT_TAG));
        return format(familiarName(), shownTag, digest);
    }

    /**
     * Returns the canonical full form, such as {@code "docker.io/library/busybox:latest"}.
     *
     * @return {@code registry/repository[:tag][@digest]}
     */
    @Override
    public String toString() {
        return format(registry, repository, tag, digest);
    }

    private static String format(String registry, String repository, Optional<String> tag, Optional<Digest> digest) {
        return format(registry + "/" + repository, tag, digest);
    }

    private static String format(String name, Optional<String> tag, Optional<Digest> digest) {
        StringBuilder text = new StringBuilder(name);
        tag.ifPresent(t -> text.append(':').append(t));
        digest.ifPresent(d -> text.append('@').append(d));
        return text.toString();
    }
}
