/**
 * JUnit 5 fixtures that give tests real parts instead of mocks. Depends on the OCI module,
 * Jackson and Commons Compress only, never on the modules it serves.
 *
 * <ul>
 *   <li>{@link dev.stevedore.testing.LocalRegistry}: the real {@code docker-registry} on a
 *       loopback port (anonymous, htpasswd basic auth, token auth, or TLS with a test CA),
 *       with {@link dev.stevedore.testing.Skopeo} to seed and read it;</li>
 *   <li>{@link dev.stevedore.testing.TokenServer}: a Docker token server (GET and OAuth2
 *       POST forms) whose signed JWTs that registry verifies, with request counters and
 *       scripted failures;</li>
 *   <li>{@link dev.stevedore.testing.FaultProxy}: an HTTP/1.1 reverse proxy in front of a
 *       registry that injects faults ({@link dev.stevedore.testing.FaultTrigger}: error
 *       statuses, redirects across hosts and schemes, dropped, stalled or corrupted bodies,
 *       lying headers, canned responses) and logs every request;</li>
 *   <li>{@link dev.stevedore.testing.BusyboxImage} and
 *       {@link dev.stevedore.testing.BusyboxRootfs}: a reproducible single-layer OCI image
 *       and an unpacked root file system made from Debian's static busybox;</li>
 *   <li>{@link dev.stevedore.testing.HermeticHome}: temp homes and a guard that fails any
 *       test reaching for a non-loopback host;</li>
 *   <li>{@link dev.stevedore.testing.Preconditions}: root, namespaces and commands, skipped
 *       or (with {@code STEVEDORE_REQUIRE_SANDBOX=1}) failed.</li>
 * </ul>
 *
 * <p>Machine needs (Debian packages): {@code docker-registry}, {@code skopeo},
 * {@code busybox-static}, {@code openssl}, {@code apache2-utils} (htpasswd),
 * {@code util-linux} (setpriv, unshare); the tests also use {@code umoci} and
 * {@code coreutils} (chroot).
 */
package dev.stevedore.testing;
