/**
 * The OCI model every Stevedore module speaks: image references, digests, media types,
 * descriptors, manifests, indexes, image configurations and platforms.
 *
 * <ul>
 *   <li>{@link dev.stevedore.oci.ImageReference} parses and normalizes references exactly as
 *       Docker does ({@code busybox} is {@code docker.io/library/busybox:latest}).</li>
 *   <li>{@link dev.stevedore.oci.Digest} is always strictly valid ({@code sha256} or
 *       {@code sha512}, lowercase hex of the right length), so it is safe in paths and URLs;
 *       {@link dev.stevedore.oci.VerifyingInputStream} and
 *       {@link dev.stevedore.oci.DigestingOutputStream} check and compute digests while
 *       streaming.</li>
 *   <li>{@link dev.stevedore.oci.ManifestBytes} keeps a manifest or index as the exact bytes it
 *       was read from, with their digest and a parsed {@link dev.stevedore.oci.ManifestDocument};
 *       a manifest that was read is never re-serialized. Documents this program authors are
 *       written with {@code toJson()}.</li>
 *   <li>{@link dev.stevedore.oci.ImageConfig} and its parts keep fields they do not model in
 *       {@link dev.stevedore.oci.UnknownFields}, so a config read, changed and written loses
 *       nothing.</li>
 *   <li>{@link dev.stevedore.oci.Platform} normalizes and matches platforms as containerd does,
 *       and {@link dev.stevedore.oci.ImageIndex#manifestFor} picks the best manifest.</li>
 * </ul>
 *
 * <p>Values here are immutable records validated on construction. Every error is an
 * {@link dev.stevedore.oci.OciException}: bad input names the part that is wrong (a reference
 * part, a digest, or a document's kind, field path and value). A verifying stream reports
 * content that does not match as a {@link dev.stevedore.oci.ContentVerificationIOException}
 * whose cause is the typed {@link dev.stevedore.oci.ContentVerificationException}.
 */
package dev.stevedore.oci;
