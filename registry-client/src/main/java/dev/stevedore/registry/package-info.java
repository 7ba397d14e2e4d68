/**
 * The OCI distribution protocol over {@code java.net.http}: authentication, pull, push, tags,
 * catalog, deletes and referrers. Knows nothing of the disk store: pulled blobs stream into a
 * {@link dev.stevedore.registry.BlobSink} the caller provides, pushed blobs come from a
 * {@link dev.stevedore.registry.BlobSource}.
 *
 * <pre>{@code
 * try (RegistryClient client = RegistryClient.builder()
 *         .credentials(Credentials.fromDockerConfig())
 *         .listener(event -> bar.update(event))
 *         .build()) {
 *     PullResult pulled = client.pull(ImageReference.parse("busybox"), Platform.host(), sink);
 *     client.push(ImageReference.parse("127.0.0.1:5000/busybox:1"),
 *             PushRequest.of(pulled.image().manifest(), source).withMountFrom("library/busybox"));
 * }
 * }</pre>
 *
 * <h2>Public types</h2>
 * {@link dev.stevedore.registry.RegistryClient} (and its builder), {@link dev.stevedore.registry.Credentials}
 * and {@link dev.stevedore.registry.Credential}, the sink and source interfaces, the value records
 * ({@link dev.stevedore.registry.PushRequest}, {@link dev.stevedore.registry.PullResult},
 * {@link dev.stevedore.registry.ResolvedImage}), events ({@link dev.stevedore.registry.RegistryEvent},
 * {@link dev.stevedore.registry.RegistryListener}), the {@link dev.stevedore.registry.Sleeper} tests
 * inject, and the exceptions under {@link dev.stevedore.registry.RegistryException}. Everything else
 * is package-private, one class per registry action ({@code ManifestPuller}, {@code BlobPuller},
 * {@code BlobPusher}, {@code ManifestPusher}, {@code TagLister}, {@code CatalogLister},
 * {@code ReferrersLister}, {@code Deleter}), with {@code Caller} making the requests.
 *
 * <h2>Transport</h2>
 * One {@code HttpClient} per client (HTTP/2 by ALPN over TLS, HTTP/1.1 in clear text), redirects
 * never followed by the JDK, a connect timeout, and an idle timeout on every exchange: no response
 * head, no body byte or no request body byte for that long fails the exchange (the JDK's request
 * timeout stops at the head). Proxies: {@link java.net.ProxySelector#getDefault()} (so the
 * standard {@code http(s).proxyHost} properties) looked up per request, else
 * {@code HTTPS_PROXY}/{@code HTTP_PROXY} with {@code NO_PROXY}. TLS is verified with the JDK's CAs
 * plus any the caller adds. The {@code /v2/} ping tries HTTPS first and plain HTTP only for
 * loopback hosts and registries marked insecure (whose certificates are then not verified,
 * Docker's rule). Docker Hub ({@code docker.io}) is served at {@code registry-1.docker.io}.
 *
 * <h2>Authentication</h2>
 * The ping's {@code WWW-Authenticate} (RFC 7235, several challenges) decides: Basic sends the
 * credential; Bearer gets a token from the realm (HTTPS, or HTTP on loopback or for insecure
 * registries) for the scopes a request needs, with the OAuth2 POST ({@code refresh_token} for
 * identity tokens, else {@code password}) when there is a credential and the GET form otherwise or
 * when the POST is refused (404, 405, 401). Tokens are cached per host and scope set until
 * {@code expires_in} (at least 60 s) by the client's clock; a 401 fetches a new one once, adding
 * the challenge's scope. Credentials never go to another host than the registry's (a blob
 * redirected to storage carries no Authorization), https-to-http redirects are refused, and at
 * most 10 redirects are followed.
 *
 * <h2>Integrity and limits</h2>
 * Manifests are bytes: their digest is over exactly what was received, checked against the
 * reference's digest and {@code Docker-Content-Digest} (validated with {@code Digest.parse} before
 * any use); manifests over 4 MiB and token or error bodies over 64 KiB are refused; unknown media
 * types are reported. Blobs go through digest and size verification (at most size + 1 bytes are
 * read) and are committed to the sink only when they match; otherwise the target is aborted.
 *
 * <h2>Failures</h2>
 * 5xx (but 501 and 505), 429 and connection failures are retried up to 5 attempts, waiting
 * {@code Retry-After} (seconds or HTTP date) or 0.5 s doubling to 10 s, through the injectable
 * {@link dev.stevedore.registry.Sleeper}; a broken blob download resumes with
 * {@code Range: bytes=<written>-}; a broken chunked upload resumes from the registry's
 * {@code Range}. Distribution error bodies become typed exceptions naming the action and reference.
 *
 * <h2>Threads</h2>
 * Blobs move several at a time ({@code parallelism}, default 4) on the caller's executor or one
 * the client owns and shuts down in {@code close()}. Listeners are called from those threads.
 */
package dev.stevedore.registry;
