/**
 * JUnit 5 fixtures that give tests real parts instead of mocks. Depends on the OCI module,
 * Jackson and Commons Compress only, never on the modules it serves.
 *
 * <ul>
 *   <li>{@link dev.stevedore.testing.LocalRegistry}: the real {@code docker-registry} on a
 *       loopback port (anonymous, htpasswd basic auth, or TLS with a test CA), with
 *       {@link dev.stevedore.testing.Skopeo} to seed and read it;</li>
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
