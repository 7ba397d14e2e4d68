package dev.stevedore.layerstore;

import dev.stevedore.oci.Digest;
import dev.stevedore.posix.ModeBits;
import dev.stevedore.posix.PosixException;
import dev.stevedore.posix.Syscalls;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Unpacks a layer blob (gzip, zstd or plain tar, told apart by magic bytes) into a directory,
 * in overlay format or in place ({@link ApplyMode}), and returns its diff ID.
 *
 * <pre>{@code
 * LayerApplier applier = LayerApplier.of(ApplyOptions.of(ApplyMode.OVERLAY));
 * try (InputStream blob = blobs.open(layer.digest())) {
 *     ApplyResult r = applier.apply(blob, snapshotDir);
 *     if (!r.diffId().equals(diffIdFromConfig)) { ... }   // the caller verifies
 * }
 * }</pre>
 *
 * <h2>Safety</h2>
 * Layers are treated as hostile. Every path is confined to the target: parents are opened with
 * {@code openat2(RESOLVE_IN_ROOT)} (a symbolic link, from this layer or already in the tree,
 * resolves as inside a container), the last component is created or changed only with
 * no-follow {@code *at} calls or through the new file's own descriptor, and an existing entry is
 * removed before it is replaced, never written through. Names with a {@code ..} component are
 * refused, absolute names are taken relative to the target. {@code trusted.*} attributes are
 * dropped, a character device 0/0 is refused, devices follow {@link ApplyOptions#devices()},
 * set-user-ID bits {@link ApplyOptions#keepSetuid()}, and {@link ApplyLimits} caps sizes and counts.
 *
 * <h2>Cost</h2>
 * One helper thread per call decompresses and hashes while the calling thread writes; it is
 * started and joined within the call. Nothing is fsynced: durability is the caller's
 * ({@link Snapshots} calls {@code syncfs} once per snapshot). Directory times are set last,
 * after their children.
 *
 * <p>Thread-safe: one applier may apply many layers at once, each to its own directory.
 */
public final class LayerApplier {
    private static final Logger log = LoggerFactory.getLogger(LayerApplier.class);

    private final ApplyOptions options;
    private final Syscalls sys;
    private final Supplier<ApplyIdentity> identity;
    private final AtomicBoolean warnedOwners = new AtomicBoolean();

    private LayerApplier(ApplyOptions options, Syscalls sys, Supplier<ApplyIdentity> identity) {
        this.options = options;
        this.sys = sys;
        this.identity = identity;
    }

    /**
     * An applier with these options.
     *
     * @param options mode, policies and limits
     * @return the applier
     */
    public static LayerApplier of(ApplyOptions options) {
        return new LayerApplier(Objects.requireNonNull(options, "options"), Syscalls.linux(), ApplyIdentity::current);
    }

    /** An applier that takes itself for someone else: tests of the non-root behaviour, run as root. */
    static LayerApplier of(ApplyOptions options, Supplier<ApplyIdentity> identity) {
        return new LayerApplier(options, Syscalls.linux(), identity);
    }

    /** @return the options this applier was made with */
    public ApplyOptions options() {
        return options;
    }

    /**
     * Applies a layer to a directory. The stream is read to its end (all of it counts for the
     * diff ID) but not closed. On failure the directory may be partly written.
     *
     * @param layer the layer blob, compressed with gzip or zstd, or not
     * @param target an existing directory; in overlay format normally empty
     * @return the diff ID and counts
     * @throws ApplyRefusedException if an entry is unsafe or not allowed
     * @throws ApplyLimitException if the layer crosses a limit
     * @throws ApplyFormatException if the stream is not a well-formed (compressed) tar
     * @throws ApplyException if writing fails
     */
    public ApplyResult apply(InputStream layer, Path target) {
        Objects.requireNonNull(layer, "layer");
        Objects.requireNonNull(target, "target");
        long started = System.nanoTime();
        ApplyIdentity who = identity.get();
        if (!who.root() && warnedOwners.compareAndSet(false, true)) {
            log.warn("not running as root: applied files belong to uid {} gid {}, not to the owners in the layers",
                    who.uid(), who.gid());
        }
        ApplyLimits limits = options.limits();
        try (ApplyDecoder decoder = ApplyDecoder.start(layer, limits.maxTotalSize(), "stevedore-apply " + target);
                ApplyTree tree = ApplyTree.open(sys, target, who)) {
            ApplyTarReader tar = new ApplyTarReader(decoder, target, limits);
            Whiteouts whiteouts = new Whiteouts(options.mode(), tree, target);
            long entries = 0;
            long dropped = 0;
            for (ApplyEntry entry = tar.next(); entry != null; entry = tar.next()) {
                if (++entries > limits.maxEntries()) {
                    throw new ApplyLimitException(target, entry.name(), "maxEntries", limits.maxEntries(),
                            "entry number " + entries);
                }
                tree.begin(entry.name());
                dropped += apply(entry, tar, tree, whiteouts, target);
            }
            tree.finish();
            Digest diffId;
            try {
                diffId = decoder.finish();
            } catch (IOException e) {
                throw new ApplyFormatException(target, "", "the layer stream cannot be read after the end of the "
                        + "archive: " + e.getMessage(), e);
            }
            log.debug("applied {} ({} entries, {} bytes) to {} in {} ms", diffId, entries, decoder.consumed(), target,
                    (System.nanoTime() - started) / 1_000_000);
            return new ApplyResult(diffId, entries, decoder.consumed(), tree.owners(), dropped + tree.droppedXattrs());
        } catch (PosixException e) {
            throw new ApplyException(target, "", e.getMessage(), e);
        }
    }

    /** @return how many extended attributes were dropped */
    private int apply(ApplyEntry entry, ApplyTarReader tar, ApplyTree tree, Whiteouts whiteouts, Path target) {
        String path = ApplyPaths.normalize(entry.name());
        if (path == null) {
            throw new ApplyRefusedException(target, entry.name(), ApplyRefusedException.Reason.PATH_ESCAPE,
                    "its name has a \"..\" component");
        }
        if (path.isEmpty()) {
            if (entry.type() != ApplyEntry.Type.DIRECTORY) {
                throw new ApplyRefusedException(target, entry.name(), ApplyRefusedException.Reason.PATH_ESCAPE,
                        "it names the root of the tree but is a " + entry.type());
            }
            tree.directory("", metadata(entry, Map.of()));
            return 0;
        }
        if (Whiteouts.isWhiteout(ApplyPaths.base(path))) {
            whiteouts.apply(path, entry.name());
            return 0;
        }
        Map<String, byte[]> xattrs = new LinkedHashMap<>();
        int dropped = 0;
        for (Map.Entry<String, byte[]> x : entry.xattrs().entrySet()) {
            if (x.getKey().startsWith("trusted.")) {
                dropped++;
                log.debug("dropped {} of {}: trusted.* attributes from a layer are never applied", x.getKey(),
                        entry.name());
            } else {
                xattrs.put(x.getKey(), x.getValue());
            }
        }
        ApplyMetadata meta = metadata(entry, xattrs);
        switch (entry.type()) {
            case FILE -> tree.file(path, meta, entry.size(), tar::copyData);
            case DIRECTORY -> tree.directory(path, meta);
            case SYMLINK -> tree.symlink(path, entry.linkName(), meta);
            case HARDLINK -> {
                String linkTarget = ApplyPaths.normalize(entry.linkName());
                if (linkTarget == null || linkTarget.isEmpty()) {
                    throw new ApplyRefusedException(target, entry.name(), ApplyRefusedException.Reason.PATH_ESCAPE,
                            "its hard link target \"" + entry.linkName() + "\" is not a path in the tree");
                }
                if (linkTarget.equals(path)) {
                    return dropped; // a link to itself: nothing to do
                }
                if (whiteouts.whitedOut(linkTarget)) {
                    throw new ApplyRefusedException(target, entry.name(),
                            ApplyRefusedException.Reason.LINK_TO_WHITEOUT, "its hard link target \"" + linkTarget
                            + "\" is a whiteout of this layer");
                }
                tree.hardlink(path, linkTarget);
            }
            case CHAR_DEVICE, BLOCK_DEVICE -> {
                if (!device(entry, target)) {
                    return dropped;
                }
                int type = entry.type() == ApplyEntry.Type.CHAR_DEVICE ? ModeBits.S_IFCHR : ModeBits.S_IFBLK;
                tree.node(path, type, entry.devMajor(), entry.devMinor(), meta);
            }
            case FIFO -> tree.node(path, ModeBits.S_IFIFO, 0, 0, meta);
            default -> throw new IllegalStateException("unknown entry type " + entry.type());
        }
        whiteouts.added(path, entry.type() == ApplyEntry.Type.DIRECTORY);
        return dropped;
    }

    /** @return whether to create the device node */
    private boolean device(ApplyEntry entry, Path target) {
        if (entry.type() == ApplyEntry.Type.CHAR_DEVICE && entry.devMajor() == 0 && entry.devMinor() == 0) {
            throw new ApplyRefusedException(target, entry.name(), ApplyRefusedException.Reason.WHITEOUT_DEVICE,
                    "a character device 0/0 is an overlay whiteout; layers express whiteouts as .wh. entries");
        }
        return switch (options.devices()) {
            case CREATE -> true;
            case SKIP -> {
                log.debug("skipped device node {} ({},{}) in {}", entry.name(), entry.devMajor(), entry.devMinor(),
                        target);
                yield false;
            }
            case REFUSE -> throw new ApplyRefusedException(target, entry.name(),
                    ApplyRefusedException.Reason.DEVICE_NOT_ALLOWED, "device nodes are refused by the options");
        };
    }

    private ApplyMetadata metadata(ApplyEntry entry, Map<String, byte[]> xattrs) {
        int mode = entry.mode();
        if (!options.keepSetuid() && entry.type() != ApplyEntry.Type.DIRECTORY) {
            mode &= ~(ModeBits.S_ISUID | ModeBits.S_ISGID);
        }
        return new ApplyMetadata(mode, entry.uid(), entry.gid(), entry.atime(), entry.mtime(), xattrs);
    }
}
