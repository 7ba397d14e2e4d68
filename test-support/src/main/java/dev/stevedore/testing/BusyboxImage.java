package dev.stevedore.testing;

import dev.stevedore.oci.Digest;
import dev.stevedore.oci.DigestAlgorithm;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The busybox base image as an OCI image layout directory: one gzip layer holding the
 * {@link BusyboxRootfs} tree, a config ({@code Env PATH=...}, {@code Cmd ["sh"]}, the host's
 * architecture, os linux) and a manifest, named {@code tag} in {@code index.json}.
 *
 * <p>The image is reproducible: sorted tar entries, one fixed mtime ({@link #CREATED}),
 * numeric owners only (root, except {@code /home/app}), fixed modes, a gzip header without
 * name or time, and JSON written field by field. Two builds on one machine give the same
 * bytes and digests; on another machine only the busybox binary may differ. It is built once
 * per JVM; writing it to a directory just copies the bytes.
 *
 * <pre>{@code
 * @RegisterExtension
 * static LocalRegistry registry = LocalRegistry.anonymous();
 *
 * @Test
 * void pullsBusybox() {
 *     String ref = BusyboxImage.shared().pushTo(registry, "busybox:latest");
 *     ...
 * }
 * }</pre>
 *
 * @param layoutDir the OCI image layout directory
 * @param tag the image's {@code org.opencontainers.image.ref.name} in {@code index.json}
 * @param manifestDigest the manifest's digest ({@code sha256:<hex>}, like every digest here)
 * @param configDigest the config's digest
 * @param layerDigest the digest of the gzip layer blob
 * @param diffId the digest of the uncompressed layer tar (the config's {@code rootfs.diff_ids[0]})
 */
public record BusyboxImage(Path layoutDir, String tag, Digest manifestDigest, Digest configDigest, Digest layerDigest,
        Digest diffId) {
    /** The tag used when none is given. */
    public static final String DEFAULT_TAG = "latest";
    /** The mtime of every layer entry and the image's {@code created} time. */
    public static final Instant CREATED = Instant.parse("2024-01-01T00:00:00Z");
    /** The image's environment. */
    public static final List<String> ENV = List.of("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
    /** The image's default command. */
    public static final List<String> CMD = List.of("sh");

    private static final String CREATED_BY = "stevedore-test-support: Debian busybox-static with applet symlinks";
    private static OciImage built;
    private static BusyboxImage shared;

    /**
     * Checks the fields.
     *
     * @param layoutDir the OCI image layout directory
     * @param tag the image's name in {@code index.json}
     * @param manifestDigest the manifest's digest
     * @param configDigest the config's digest
     * @param layerDigest the gzip layer's digest
     * @param diffId the uncompressed layer's digest
     * @throws IllegalArgumentException if the tag is not a valid OCI tag or a digest is not SHA-256
     * @throws NullPointerException if any field is null
     */
    public BusyboxImage {
        Objects.requireNonNull(layoutDir, "layoutDir");
        if (!tag.matches("[A-Za-z0-9_][A-Za-z0-9._-]{0,127}")) {
            throw new IllegalArgumentException("not a valid tag: " + tag);
        }
        for (Digest digest : List.of(manifestDigest, configDigest, layerDigest, diffId)) {
            if (digest.algorithm() != DigestAlgorithm.SHA256) {
                throw new IllegalArgumentException("not a sha256 digest: " + digest);
            }
        }
    }

    /**
     * Writes the image into {@code layoutDir} (created if absent) tagged {@value #DEFAULT_TAG}.
     *
     * <pre>{@code BusyboxImage image = BusyboxImage.writeTo(tmp.resolve("busybox"));}</pre>
     *
     * @param layoutDir the layout directory; an existing {@code index.json} is replaced
     * @return the written image
     * @throws FixtureException if it cannot be written
     */
    public static BusyboxImage writeTo(Path layoutDir) {
        return writeTo(layoutDir, DEFAULT_TAG);
    }

    /**
     * Writes the image into {@code layoutDir} (created if absent) under {@code tag}.
     *
     * <pre>{@code BusyboxImage image = BusyboxImage.writeTo(tmp.resolve("busybox"), "1.36");}</pre>
     *
     * @param layoutDir the layout directory; an existing {@code index.json} is replaced
     * @param tag the image's name in the layout
     * @return the written image
     * @throws IllegalArgumentException if {@code tag} is not a valid tag
     * @throws FixtureException if it cannot be written
     */
    public static BusyboxImage writeTo(Path layoutDir, String tag) {
        return write(build(), layoutDir, tag);
    }

    static BusyboxImage write(OciImage image, Path layoutDir, String tag) {
        BusyboxImage result = new BusyboxImage(layoutDir, tag, image.manifestDigest(), image.configDigest(),
                image.layerDigest(), image.diffId());
        image.writeLayout(layoutDir, tag);
        return result;
    }

    /**
     * One layout per JVM, tagged {@value #DEFAULT_TAG}, in a temp directory deleted when the
     * JVM exits. Tests must not change it.
     *
     * <pre>{@code String ref = BusyboxImage.shared().pushTo(registry, "busybox:latest");}</pre>
     *
     * @return the shared image
     */
    public static synchronized BusyboxImage shared() {
        if (shared == null) {
            Path dir = TempDirs.create("stevedore-busybox-layout-");
            BusyboxImage image = writeTo(dir);
            dir.toFile().deleteOnExit();
            dir.resolve("blobs").toFile().deleteOnExit();
            dir.resolve("blobs/sha256").toFile().deleteOnExit();
            for (String file : List.of("oci-layout", "index.json")) {
                dir.resolve(file).toFile().deleteOnExit();
            }
            for (Digest digest : List.of(image.manifestDigest(), image.configDigest(), image.layerDigest())) {
                image.blob(digest).toFile().deleteOnExit();
            }
            shared = image;
        }
        return shared;
    }

    private static synchronized OciImage build() {
        if (built == null) {
            built = buildUncached();
        }
        return built;
    }

    /** Builds the image from scratch, bypassing the per-JVM cache (for the reproducibility test). */
    static OciImage buildUncached() {
        byte[] tar = LayerArchive.tar(BusyboxTree.entries(), CREATED);
        return OciImage.of(tar, CREATED, ENV, CMD, CREATED_BY);
    }

    /**
     * The file holding a blob of this layout.
     *
     * <pre>{@code byte[] layer = Files.readAllBytes(image.blob(image.layerDigest()));}</pre>
     *
     * @param digest the blob's digest
     * @return {@code layoutDir/blobs/<algorithm>/<hex>} (see {@link Digest#blobPath()}), so
     *         {@code layoutDir/blobs/sha256/<hex>} for this image's digests
     */
    public Path blob(Digest digest) {
        return layoutDir.resolve("blobs").resolve(digest.blobPath());
    }

    /**
     * Pushes this image to {@code registry} with skopeo, keeping its manifest digest.
     *
     * <pre>{@code String ref = image.pushTo(registry, "busybox:latest"); // 127.0.0.1:PORT/busybox:latest}</pre>
     *
     * @param registry a running registry
     * @param repositoryAndTag where to push, relative to the registry
     * @return the full reference pushed
     * @throws CommandFailedException if skopeo fails
     */
    public String pushTo(LocalRegistry registry, String repositoryAndTag) {
        return registry.push(layoutDir, tag, repositoryAndTag);
    }
}
