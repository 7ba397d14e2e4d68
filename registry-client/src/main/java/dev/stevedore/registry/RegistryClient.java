package dev.stevedore.registry;

import dev.stevedore.oci.Descriptor;
import dev.stevedore.oci.Digest;
import dev.stevedore.oci.ImageReference;
import dev.stevedore.oci.ManifestBytes;
import dev.stevedore.oci.Platform;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A client for OCI registries (the distribution spec, Docker Hub included): pull and push
 * images and artifacts, list tags and repositories, delete, find referrers. One client holds
 * one HTTP connection pool, token cache and executor: share it, and close it when done.
 * Thread-safe.
 *
 * <pre>{@code
 * try (RegistryClient client = RegistryClient.builder()
 *         .credentials(Credentials.fromDockerConfig())
 *         .build()) {
 *     PullResult pulled = client.pull(ImageReference.parse("busybox"), Platform.host(), sink);
 *     client.push(ImageReference.parse("127.0.0.1:5000/busybox:1"), PushRequest.of(manifest, source));
 * }
 * }</pre>
 *
 * <p>Every failure is a {@link RegistryException} whose message reads "Tried to &lt;action&gt;
 * but failed because: ...", never holding a secret.
 */
public final class RegistryClient implements AutoCloseable {
    private static final AtomicInteger IDS = new AtomicInteger();

    private final Transport transport;
    private final Caller caller;
    private final Routes routes;
    private final ExecutorService executor;
    private final boolean ownsExecutor;
    private final Queue<Thread> ownThreads = new ConcurrentLinkedQueue<>();
    private final int parallelism;
    private final long chunkSize;
    private volatile boolean closed;

    RegistryClient(RegistryClientBuilder builder) {
        this.transport = new Transport(TrustMaterial.verifying(builder.trust),
                ProxyChoice.fromEnvironment(builder.environment), builder.connectTimeout, builder.idleTimeout);
        RetryPolicy defaults = RetryPolicy.defaults();
        RetryPolicy retry = new RetryPolicy(builder.maxAttempts, defaults.initialBackoff(), defaults.maxBackoff(),
                defaults.maxWait());
        Authenticator authenticator = new Authenticator(builder.credentials, new TokenFetcher(transport, builder.clock),
                builder.clock);
        this.caller = new Caller(transport, authenticator, retry, builder.sleeper, builder.clock,
                new Events(builder.listener));
        this.routes = new Routes(builder.mirrors, builder.insecure);
        this.parallelism = builder.parallelism;
        this.chunkSize = builder.chunkSize;
        this.ownsExecutor = builder.executor.isEmpty();
        this.executor = builder.executor.orElseGet(() -> Executors.newFixedThreadPool(builder.parallelism,
                threads("stevedore-registry-" + IDS.incrementAndGet() + "-transfer-", ownThreads)));
    }

    /**
     * Starts configuring a client.
     *
     * <pre>{@code RegistryClient client = RegistryClient.builder().insecure("registry.lan:5000").build();}</pre>
     *
     * @return a builder with the defaults
     */
    public static RegistryClientBuilder builder() {
        return new RegistryClientBuilder();
    }

    /**
     * Fetches a manifest or index by tag or digest, exactly as the registry stores it (mirrors first).
     *
     * <pre>{@code ManifestBytes m = client.manifest(ImageReference.parse("127.0.0.1:5000/app:1"));}</pre>
     *
     * @param reference the image; its digest, if any, is checked against the bytes
     * @return the bytes, their media type and digest, and the parsed document
     * @throws NotFoundException if there is no such manifest
     * @throws ContentMismatchException if the bytes do not match the reference's digest or Docker-Content-Digest
     * @throws UnsupportedContentException if the media type is not an OCI or Docker v2 manifest or index
     */
    public ManifestBytes manifest(ImageReference reference) {
        Objects.requireNonNull(reference, "reference");
        Action action = Action.on("pull manifest", reference);
        return pulling(reference, action, site -> ManifestPuller.pull(caller, site, reference, action));
    }

    /**
     * Resolves a reference to the manifest for one platform, choosing from an index if the
     * reference names one.
     *
     * <pre>{@code ResolvedImage image = client.resolve(ref, Platform.parse("linux/arm64"));}</pre>
     *
     * @param reference the image
     * @param platform the platform of the machine that will run it
     * @return the index (if any) and the chosen manifest
     * @throws PlatformNotFoundException if the index has nothing that platform can run
     */
    public ResolvedImage resolve(ImageReference reference, Platform platform) {
        Objects.requireNonNull(platform, "platform");
        return ImageResolver.resolve(this::manifest, reference, platform);
    }

    /**
     * Resolves a reference to every image manifest it names: one for a manifest, one per
     * image entry of an index.
     *
     * @param reference the image
     * @return the resolved images, in index order
     */
    public List<ResolvedImage> resolveAll(ImageReference reference) {
        return ImageResolver.resolveAll(this::manifest, reference);
    }

    /**
     * Downloads one blob into the sink, verified (mirrors first); skips nothing.
     *
     * <pre>{@code client.pullBlob(ImageReference.parse("127.0.0.1:5000/app"), layer, sink);}</pre>
     *
     * @param repository the repository holding the blob (tag and digest ignored)
     * @param blob the blob's descriptor: digest and exact size
     * @param sink where to write it; committed only if it matched
     * @throws ContentMismatchException if the content does not match the descriptor
     */
    public void pullBlob(ImageReference repository, Descriptor blob, BlobSink sink) {
        Objects.requireNonNull(blob, "blob");
        Objects.requireNonNull(sink, "sink");
        Action action = Action.on("pull blob " + blob.digest() + " of", repository.withoutTagOrDigest());
        pulling(repository, action, site -> {
            BlobPuller.pull(caller, site, repository, blob, sink, action);
            return null;
        });
    }

    /**
     * Pulls an image for one platform: resolves it, then downloads its config and layers that
     * the sink does not have, several at once.
     *
     * <pre>{@code PullResult result = client.pull(ImageReference.parse("busybox"), Platform.host(), sink);}</pre>
     *
     * @param reference the image
     * @param platform the platform to choose from an index
     * @param sink where blobs go
     * @return what was resolved, downloaded and skipped
     */
    public PullResult pull(ImageReference reference, Platform platform, BlobSink sink) {
        Objects.requireNonNull(sink, "sink");
        checkOpen();
        ResolvedImage image = resolve(reference, platform);
        List<Descriptor> blobs = new ArrayList<>();
        blobs.add(image.image().config());
        blobs.addAll(image.image().layers());
        long total = blobs.stream().mapToLong(Descriptor::size).sum();
        caller.events().emit(new RegistryEvent.Resolved(reference, image.manifest().descriptor(), total));
        List<Descriptor> downloaded = new ArrayList<>();
        List<Descriptor> skipped = new ArrayList<>();
        List<Runnable> tasks = new ArrayList<>();
        for (Descriptor blob : distinct(blobs)) {
            if (sink.contains(blob.digest())) {
                skipped.add(blob);
                caller.events().emit(new RegistryEvent.BlobSkipped(reference, blob.digest(), blob.size()));
            } else {
                downloaded.add(blob);
                tasks.add(() -> pullBlob(reference, blob, sink));
            }
        }
        Parallel.run(executor, parallelism, tasks);
        return new PullResult(image, image.image().config(), image.image().layers(), downloaded, skipped);
    }

    /**
     * Pushes an image, index or artifact: blobs first (only those missing, mounted when
     * possible, several at once), then child manifests by digest, then the manifest under the
     * target's tag (or digest).
     *
     * <pre>{@code client.push(ImageReference.parse("127.0.0.1:5000/app:1"), PushRequest.of(manifest, source));}</pre>
     *
     * @param target where to push: registry, repository and tag or digest
     * @param request the manifest bytes, blobs and their source
     */
    public void push(ImageReference target, PushRequest request) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(request, "request");
        checkOpen();
        Site site = origin(target.registry());
        long total = request.blobs().stream().mapToLong(Descriptor::size).sum();
        caller.events().emit(new RegistryEvent.Resolved(target, request.manifest().descriptor(), total));
        List<Runnable> tasks = new ArrayList<>();
        for (Descriptor blob : distinct(request.blobs())) {
            Action action = Action.on("push blob " + blob.digest() + " to", target.withoutTagOrDigest());
            tasks.add(() -> BlobPusher.push(caller, site, target, blob, request.source(), request.mountFrom(), chunkSize,
                    action));
        }
        Parallel.run(executor, parallelism, tasks);
        for (ManifestBytes child : request.children()) {
            pushManifest(target.withoutTagOrDigest().withDigest(child.digest()), child);
        }
        pushManifest(target, request.manifest());
    }

    /**
     * Puts a manifest or index whose blobs are already there, under the reference's tag or
     * digest: to tag an image, or push an artifact manifest. A manifest with a subject also
     * updates the referrers tag when the registry has no referrers API.
     *
     * @param target where to put it
     * @param manifest the exact bytes
     */
    public void pushManifest(ImageReference target, ManifestBytes manifest) {
        checkOpen();
        ManifestPusher.push(caller, origin(target.registry()), target, manifest, Action.on("push manifest", target));
    }

    /**
     * Whether a blob is in a repository ({@code HEAD}).
     *
     * @param repository the repository
     * @param digest the blob
     * @return true if the registry has it there
     */
    public boolean blobExists(ImageReference repository, Digest digest) {
        checkOpen();
        Action action = Action.on("check blob " + digest + " in", repository.withoutTagOrDigest());
        try (Response r = caller.expect(origin(repository.registry()), Call.of("HEAD", "v2/" + repository.repository()
                + "/blobs/" + digest, Call.pull(repository.repository())), action, Set.of(200, 404))) {
            return r.status() == 200;
        }
    }

    /**
     * Lists every tag of a repository, following pages.
     *
     * @param repository the repository (tag and digest ignored)
     * @return the tags in the registry's order
     */
    public List<String> tags(ImageReference repository) {
        return tags(repository, 0);
    }

    /**
     * Lists every tag of a repository, asking for pages of {@code pageSize} ({@code n}) and
     * following {@code Link} headers.
     *
     * @param repository the repository
     * @param pageSize tags per page, or 0 for the registry's default
     * @return the tags in the registry's order
     */
    public List<String> tags(ImageReference repository, int pageSize) {
        checkOpen();
        Action action = Action.on("list the tags of", repository.withoutTagOrDigest());
        return TagLister.list(caller, origin(repository.registry()), repository, pageSize, action);
    }

    /**
     * Lists the repositories of a registry ({@code /v2/_catalog}), following pages.
     *
     * @param registry such as {@code 127.0.0.1:5000}
     * @param pageSize repositories per page, or 0 for the registry's default
     * @return the repository names
     */
    public List<String> catalog(String registry, int pageSize) {
        checkOpen();
        Action action = Action.onRegistry("list the catalog of", registry);
        return CatalogLister.list(caller, origin(registry), pageSize, action);
    }

    /**
     * Checks the client's credentials for a registry, as {@code docker login} does: an
     * authenticated {@code GET /v2/} that answers the registry's challenge (Basic with the
     * credential, or Bearer with a scope-less token from its realm, validated as for any other
     * request). An open registry passes without credentials.
     *
     * <pre>{@code
     * try (RegistryClient client = RegistryClient.builder()
     *         .credentials(Credentials.basic("127.0.0.1:5000", "alice", "pw")).build()) {
     *     URI checked = client.checkLogin("127.0.0.1:5000"); // http://127.0.0.1:5000/v2/
     * } catch (UnauthorizedException e) {
     *     e.status();    // 401
     *     e.reference(); // "http://127.0.0.1:5000/v2/", the URL the login was tried at
     * }
     * }</pre>
     *
     * @param registry such as {@code 127.0.0.1:5000} or {@code docker.io}
     * @return the {@code /v2/} URL that accepted the credentials
     * @throws UnauthorizedException if the registry or its token server refused them; its
     *     {@link RegistryException#reference() reference} is the {@code /v2/} URL tried
     * @throws RegistryUnavailableException if the registry cannot be reached
     */
    public URI checkLogin(String registry) {
        Objects.requireNonNull(registry, "registry");
        checkOpen();
        Site site = origin(registry);
        caller.ping(site, Action.onRegistry("log in to", registry));
        URI endpoint = site.base().resolve("v2/");
        Action action = Action.onRegistry("log in to", endpoint.toString());
        caller.expect(site, Call.get("v2/", List.of()), action, Set.of(200)).close();
        return endpoint;
    }

    /**
     * Deletes a manifest; a tag is resolved to its digest first (registries delete by digest).
     *
     * @param reference the manifest, by tag or digest
     * @return the digest deleted
     */
    public Digest deleteManifest(ImageReference reference) {
        checkOpen();
        return Deleter.deleteManifest(caller, origin(reference.registry()), reference,
                Action.on("delete manifest", reference));
    }

    /**
     * Deletes a blob from a repository.
     *
     * @param repository the repository
     * @param digest the blob
     */
    public void deleteBlob(ImageReference repository, Digest digest) {
        checkOpen();
        Deleter.deleteBlob(caller, origin(repository.registry()), repository, digest,
                Action.on("delete blob " + digest + " from", repository.withoutTagOrDigest()));
    }

    /**
     * Lists the manifests that refer to a subject (signatures, SBOMs, ...): the OCI 1.1
     * referrers API, or the referrers tag when the registry lacks it.
     *
     * @param subject the subject, with its digest
     * @return descriptors with artifact type and annotations
     */
    public List<Descriptor> referrers(ImageReference subject) {
        return referrers(subject, Optional.empty());
    }

    /**
     * Lists the referrers of a subject that have the given artifact type.
     *
     * @param subject the subject, with its digest
     * @param artifactType only referrers of this artifact type
     * @return descriptors with artifact type and annotations
     */
    public List<Descriptor> referrers(ImageReference subject, String artifactType) {
        return referrers(subject, Optional.of(artifactType));
    }

    private List<Descriptor> referrers(ImageReference subject, Optional<String> artifactType) {
        checkOpen();
        if (subject.digest().isEmpty()) {
            throw new IllegalArgumentException("referrers are listed by digest: " + subject);
        }
        return ReferrersLister.list(caller, origin(subject.registry()), subject, artifactType,
                Action.on("list the referrers of", subject));
    }

    private <T> T pulling(ImageReference reference, Action action, Function<Site, T> request) {
        checkOpen();
        return routes.pulling(reference, action, request);
    }

    private Site origin(String registry) {
        return routes.origin(registry);
    }

    private static List<Descriptor> distinct(List<Descriptor> blobs) {
        List<Descriptor> unique = new ArrayList<>();
        for (Descriptor blob : blobs) {
            if (unique.stream().noneMatch(d -> d.digest().equals(blob.digest()))) {
                unique.add(blob);
            }
        }
        return unique;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the registry client is closed");
        }
    }

    /**
     * Stops the client's own threads (its executor, unless the caller gave one, and the HTTP
     * threads); transfers under way fail. Safe to call twice.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (ownsExecutor) {
            executor.shutdownNow();
            try {
                executor.awaitTermination(Duration.ofSeconds(10).toMillis(), TimeUnit.MILLISECONDS);
                // awaitTermination returns once the workers stop taking tasks, a moment before
                // their threads end: join them so "closed" means no thread of ours is left.
                for (Thread thread : ownThreads) {
                    thread.join(Duration.ofSeconds(10).toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        transport.close();
    }

    private static ThreadFactory threads(String prefix, Queue<Thread> created) {
        AtomicInteger count = new AtomicInteger();
        return r -> {
            Thread thread = new Thread(r, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            created.add(thread);
            return thread;
        };
    }

    @Override
    public String toString() {
        return "RegistryClient[" + routes + (closed ? ", closed" : "") + "]";
    }
}
