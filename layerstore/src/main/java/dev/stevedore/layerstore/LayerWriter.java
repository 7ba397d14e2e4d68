package dev.stevedore.layerstore;

import dev.stevedore.oci.Compression;
import dev.stevedore.oci.Digest;
import dev.stevedore.oci.MediaType;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a directory tree as a reproducible OCI layer in one pass: tar, compression, the diff
 * ID (SHA-256 of the tar) and the digest and size of the compressed bytes, straight into the
 * caller's stream. Immutable and thread-safe; one writer can serve many writes at once.
 *
 * <pre>{@code
 * LayerWriter writer = LayerWriter.builder()
 *         .compression(Compression.GZIP)
 *         .sourceDateEpoch(Instant.ofEpochSecond(1700000000))
 *         .ownership(TarOwnership.root())
 *         .build();
 * try (OutputStream blob = Files.newOutputStream(temp)) {
 *     WrittenLayer layer = writer.write(upperDir, LayerSource.overlayUpper(), blob);
 * }
 * }</pre>
 *
 * <h2>The tar</h2>
 * Entries are sorted: depth first, each directory's children in byte order of their UTF-8
 * names, so every parent precedes its children and paths are in byte order with {@code /}
 * sorting before any other byte (with whiteouts first in their directory, see
 * {@link LayerSource}). Paths are relative without {@code ./}; directories end in {@code /};
 * the root directory has no entry. Regular files, directories, symbolic links (target
 * verbatim), FIFOs and character and block devices are kept; sockets are skipped. A second
 * path of an inode with several links becomes a hard link to the first path written. Owner and
 * group are numeric, mapped by the {@link TarOwnership} (default: as on disk), user and group
 * names empty. Permissions are kept with set-user-id, set-group-id and sticky. Times are whole
 * seconds, mtime only. All xattrs (every namespace the caller can read: {@code trusted.*} only
 * as root) go into {@code SCHILY.xattr.*} pax records, except overlayfs's own
 * ({@code trusted.overlay.*}, {@code user.overlay.*}). Headers are ustar, with a pax header
 * only where needed (long or non-ASCII paths, files of 8 GiB and more, large ids, xattrs);
 * see {@code TarHeaders}. The archive ends with two zero blocks, no padding to a record size.
 * Nothing is read through a symbolic link, and nothing outside the directory is ever reached.
 *
 * <h2>SOURCE_DATE_EPOCH</h2>
 * With {@link Builder#sourceDateEpoch(Instant)}, an mtime later than the epoch is clamped to
 * it and earlier ones are kept (BuildKit's rule), so files a build created get the fixed time
 * while files from a base keep theirs. Without it mtimes are kept (in whole seconds).
 * Whiteouts always carry mtime 0.
 *
 * <h2>Compression</h2>
 * <b>gzip</b> (default, level 6): fixed 128 KiB blocks compressed in parallel, each with the
 * previous 32 KiB as dictionary and ending in a sync flush (pigz's scheme), one gzip member
 * with a fixed header (mtime 0, no name, OS 255) and the CRC-32 and size of the whole tar.
 * Blocks that are incompressible by a cheap, deterministic test are stored instead of
 * deflated (see {@code GzipIncompressible}). Output bytes depend only on the tree, the
 * options and the deflate implementation, never on the number of threads or the machine;
 * like pigz's they assume the same zlib (the JDK uses the system's zlib on Linux; a zlib-ng
 * or otherwise patched zlib may deflate differently, which changes digests, not content).
 * <b>zstd</b> (level 3): zstd-jni's multi-threaded mode (one worker at least, never the
 * single-threaded mode, whose frames differ), whose output is the same for any number of
 * workers. <b>none</b>: the tar itself.
 *
 * <h2>Files that change</h2>
 * The tree should not change while it is written. A file that grows is cut to the size it
 * had when its entry was made; one that shrinks, or a directory replaced by a link, is an
 * error.
 *
 * <h2>Threads</h2>
 * The calling thread walks the tree, reads files into the tar blocks, hashes the tar and the
 * output and writes it. gzip blocks are compressed on {@link Builder#executor(ExecutorService)}
 * if given (the writer never shuts it down), else on a pool of {@link Builder#threads(int)}
 * threads the write creates and shuts down before it returns; with one thread nothing else is
 * started. zstd uses its own native workers for the duration of the write.
 */
public final class LayerWriter {
    private static final Logger log = LoggerFactory.getLogger(LayerWriter.class);

    private final Compression compression;
    private final int gzipLevel;
    private final int zstdLevel;
    private final Instant sourceDateEpoch;
    private final TarOwnership ownership;
    private final ExecutorService executor;
    private final int threads;

    private LayerWriter(Builder b) {
        this.compression = b.compression;
        this.gzipLevel = b.gzipLevel;
        this.zstdLevel = b.zstdLevel;
        this.sourceDateEpoch = b.sourceDateEpoch;
        this.ownership = b.ownership;
        this.executor = b.executor;
        this.threads = b.threads;
    }

    /**
     * Starts configuring a writer: gzip level 6, mtimes kept, owners kept, one thread per core.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The media type of the layers this writer produces.
     *
     * @return {@link MediaType#OCI_LAYER_TAR}, {@link MediaType#OCI_LAYER_TAR_GZIP} or {@link MediaType#OCI_LAYER_TAR_ZSTD}
     */
    public String mediaType() {
        return switch (compression) {
            case NONE -> MediaType.OCI_LAYER_TAR;
            case GZIP -> MediaType.OCI_LAYER_TAR_GZIP;
            case ZSTD -> MediaType.OCI_LAYER_TAR_ZSTD;
        };
    }

    /**
     * Writes the layer for {@code dir} to {@code out}, which is flushed but not closed. If this
     * throws, what was written to {@code out} is incomplete and must be discarded.
     *
     * <pre>{@code
     * WrittenLayer layer = writer.write(contextDir, LayerSource.tree(), out);
     * }</pre>
     *
     * @param dir the tree, overlay upper dir or new tree
     * @param source how to read {@code dir}
     * @param out where the (compressed) layer goes
     * @return diff ID, digest, sizes and media type
     * @throws LayerWriterException if a file cannot be read or carried in a layer, or the output fails
     */
    public WrittenLayer write(Path dir, LayerSource source, OutputStream out) {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(out, "out");
        long started = System.nanoTime();
        ExecutorService owned = null;
        try (TarDirectory root = TarDirectory.openRoot(dir)) {
            if (compression == Compression.GZIP && executor == null && threads > 1 && gzipLevel > 0) {
                owned = Executors.newFixedThreadPool(threads, new Workers());
            }
            WrittenLayer layer = write(root, source, out, executor != null ? executor : owned);
            log.debug("wrote layer {} ({} bytes, tar {} bytes) from {} in {} ms", layer.digest(), layer.size(),
                    layer.uncompressedSize(), dir, (System.nanoTime() - started) / 1_000_000);
            return layer;
        } finally {
            if (owned != null) {
                owned.shutdownNow();
            }
        }
    }

    private WrittenLayer write(TarDirectory root, LayerSource source, OutputStream out, ExecutorService pool) {
        try (TarBlockSink sink = sink(out, pool)) {
            TarStream tar = new TarStream(sink);
            long epoch = sourceDateEpoch == null ? Long.MAX_VALUE : sourceDateEpoch.getEpochSecond();
            TarEmitter emitter = new TarEmitter(tar, ownership, epoch);
            switch (source.kind()) {
                case TREE -> TarTreeWalk.walk(root, emitter);
                case OVERLAY_UPPER -> OverlayUpperDiff.walk(root, emitter);
                case CHANGES -> {
                    try (TarDirectory lower = TarDirectory.openRoot(source.lower().orElseThrow())) {
                        TreeDiff.walk(lower, root, emitter);
                    }
                }
            }
            Digest diffId = tar.finish();
            TarBlockSink.Written written = sink.finish(diffId);
            return new WrittenLayer(diffId, written.digest(), written.size(), tar.size(), mediaType());
        } catch (IOException e) {
            throw new LayerWriterException(root.path(), "writing the layer failed: " + e, e);
        }
    }

    private TarBlockSink sink(OutputStream out, ExecutorService pool) throws IOException {
        return switch (compression) {
            case NONE -> new TarPlainSink(out);
            case GZIP -> new ParallelGzipSink(out, gzipLevel, threads > 1 ? pool : null, threads);
            case ZSTD -> new ZstdSink(out, zstdLevel, threads);
        };
    }

    /** Daemon threads named {@code stevedore-gzip-N}, so that a forgotten pool never holds the JVM. */
    private static final class Workers implements ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "stevedore-gzip-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        }
    }

    /** Configures a {@link LayerWriter}; not thread-safe. */
    public static final class Builder {
        private Compression compression = Compression.GZIP;
        private int gzipLevel = 6;
        private int zstdLevel = 3;
        private Instant sourceDateEpoch;
        private TarOwnership ownership = TarOwnership.keep();
        private ExecutorService executor;
        private int threads = Runtime.getRuntime().availableProcessors();

        private Builder() {}

        /**
         * How the tar is compressed (default gzip).
         *
         * @param value {@link Compression#GZIP}, {@link Compression#ZSTD} or {@link Compression#NONE}
         * @return this builder
         */
        public Builder compression(Compression value) {
            this.compression = Objects.requireNonNull(value, "compression");
            return this;
        }

        /**
         * The deflate level for gzip (default 6, as {@code gzip} and {@code pigz}); 0 stores.
         *
         * @param level 0 to 9
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder gzipLevel(int level) {
            if (level < 0 || level > 9) {
                throw new IllegalArgumentException("gzip level must be 0..9: " + level);
            }
            this.gzipLevel = level;
            return this;
        }

        /**
         * The zstd level (default 3, as {@code zstd}).
         *
         * @param level 1 to 19
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder zstdLevel(int level) {
            if (level < 1 || level > 19) {
                throw new IllegalArgumentException("zstd level must be 1..19: " + level);
            }
            this.zstdLevel = level;
            return this;
        }

        /**
         * Clamps every mtime later than {@code epoch} to it ({@code SOURCE_DATE_EPOCH}); whole
         * seconds count.
         *
         * @param epoch the latest time an entry may carry
         * @return this builder
         */
        public Builder sourceDateEpoch(Instant epoch) {
            this.sourceDateEpoch = Objects.requireNonNull(epoch, "epoch");
            return this;
        }

        /**
         * Like {@link #sourceDateEpoch(Instant)}, optional.
         *
         * @param epoch the epoch, or empty to keep mtimes
         * @return this builder
         */
        public Builder sourceDateEpoch(Optional<Instant> epoch) {
            this.sourceDateEpoch = epoch.orElse(null);
            return this;
        }

        /**
         * How owners and groups map into the layer (default: kept as on disk).
         *
         * @param value the mapping
         * @return this builder
         */
        public Builder ownership(TarOwnership value) {
            this.ownership = Objects.requireNonNull(value, "ownership");
            return this;
        }

        /**
         * Where gzip blocks are compressed. The writer keeps at most {@code 2 * threads + 2}
         * blocks (about 0.6 MB each) queued or running at a time, waits for them, and never
         * shuts the executor down. The calling thread waits for these tasks, so it must not be
         * the executor's only thread.
         *
         * @param value the executor
         * @return this builder
         */
        public Builder executor(ExecutorService value) {
            this.executor = Objects.requireNonNull(value, "executor");
            return this;
        }

        /**
         * How many blocks are compressed at once (default: the number of processors). Changes
         * speed only, never the bytes written.
         *
         * @param count at least 1
         * @return this builder
         * @throws IllegalArgumentException if less than 1
         */
        public Builder threads(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("threads must be at least 1: " + count);
            }
            this.threads = count;
            return this;
        }

        /**
         * Builds the writer.
         *
         * @return an immutable writer
         */
        public LayerWriter build() {
            return new LayerWriter(this);
        }
    }
}
