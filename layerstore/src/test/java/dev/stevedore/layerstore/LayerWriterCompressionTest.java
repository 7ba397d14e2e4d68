package dev.stevedore.layerstore;

import static dev.stevedore.layerstore.TarTestFiles.file;
import static dev.stevedore.layerstore.TarTestFiles.mtime;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.luben.zstd.ZstdInputStream;
import dev.stevedore.oci.Compression;
import dev.stevedore.oci.Digest;
import dev.stevedore.oci.MediaType;
import dev.stevedore.testing.Preconditions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayerWriterCompressionTest {
    private static final Instant TIME = Instant.parse("2024-05-06T07:08:09Z");

    @TempDir
    Path tmp;

    private Path tree;

    /** About 3 MiB: random (stored) and text (deflated) blocks, small files, several directories. */
    @BeforeEach
    void createTree() {
        tree = tmp.resolve("tree");
        createTree(tree, new Random(1));
    }

    private static void createTree(Path root, Random creationOrder) {
        List<Runnable> steps = new ArrayList<>();
        steps.add(() -> file(root.resolve("data/random.bin"), random(1 << 20, 42)));
        steps.add(() -> file(root.resolve("data/text.txt"), text(2 << 20, 7)));
        for (int i = 0; i < 40; i++) {
            int n = i;
            steps.add(() -> file(root.resolve("src/d" + n % 5 + "/f" + n + ".txt"), text(100 + 97 * n, n)));
        }
        Collections.shuffle(steps, creationOrder);
        steps.forEach(Runnable::run);
        try (var paths = Files.walk(root)) {
            paths.forEach(p -> mtime(p, TIME));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] write(LayerWriter writer, Path root) {
        return TarListing.bytes(writer, root, LayerSource.tree());
    }

    @Test
    void gzipIsOneStandardStreamThatGzipTarAndTheJdkRead() throws IOException {
        // given
        LayerWriter writer = LayerWriter.builder().ownership(TarOwnership.root()).build();
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        // when
        WrittenLayer layer = writer.write(tree, LayerSource.tree(), out);
        byte[] gzip = out.toByteArray();
        Path file = Files.write(tmp.resolve("layer.tar.gz"), gzip);

        // then: descriptor facts
        assertThat(layer.mediaType()).isEqualTo(MediaType.OCI_LAYER_TAR_GZIP);
        assertThat(layer.digest()).isEqualTo(Digest.of(gzip));
        assertThat(layer.size()).isEqualTo(gzip.length);
        // fixed header: deflate, no flags, mtime 0, XFL 0, OS 255
        assertThat(Arrays.copyOf(gzip, 10)).containsExactly(0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff);
        // the JDK reads it, and its content is the diff ID
        byte[] tar;
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
            tar = in.readAllBytes();
        }
        assertThat(Digest.of(tar)).isEqualTo(layer.diffId());
        assertThat((long) tar.length).isEqualTo(layer.uncompressedSize());
        // gzip and GNU tar read it
        Preconditions.requiresCommand("gzip", "gzip");
        TarTestFiles.run(List.of("gzip", "-t", file.toString()), null);
        assertThat(TarTestFiles.run(List.of("sh", "-c", "gzip -dc < " + file + " | sha256sum"), null))
                .startsWith(layer.diffId().encoded());
        String listing = TarTestFiles.run(List.of("env", "TZ=UTC", "tar", "-tvzf", file.toString()), null);
        assertThat(listing.lines()).hasSize(49);
        assertThat(listing.lines().toList().get(0)).matches("drwx.* 0/0 +0 2024-05-06 07:08 data/")
                .contains(" 0/0 ").doesNotContain("root");
        assertThat(listing).contains(" 1048576 2024-05-06 07:08 data/random.bin\n");
        assertThat(listing.lines().toList().get(3)).endsWith(" src/");
    }

    @Test
    void gzipBytesDoNotDependOnTheNumberOfThreads() {
        // when
        byte[] one = write(LayerWriter.builder().threads(1).build(), tree);
        byte[] two = write(LayerWriter.builder().threads(2).build(), tree);
        byte[] seven = write(LayerWriter.builder().threads(7).build(), tree);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        byte[] callers;
        try {
            callers = write(LayerWriter.builder().executor(pool).threads(3).build(), tree);
        } finally {
            pool.shutdownNow();
        }

        // then
        assertThat(two).isEqualTo(one);
        assertThat(seven).isEqualTo(one);
        assertThat(callers).isEqualTo(one);
        assertThat(pool.isShutdown()).isTrue();
    }

    @Test
    void theSameTreeCreatedInAnotherOrderGivesTheSameBytes() {
        // given: the same files created in another order (other inodes, other directory order)
        Path other = tmp.resolve("other");
        createTree(other, new Random(99));

        // then
        for (Compression compression : Compression.values()) {
            LayerWriter writer = LayerWriter.builder().compression(compression).threads(2).build();
            assertThat(write(writer, other)).as(compression.name()).isEqualTo(write(writer, tree));
        }
    }

    @Test
    void zstdIsOneFrameThatZstdReadsWhateverTheNumberOfWorkers() throws IOException {
        // given: more than one zstd job (8 MiB each at level 3)
        file(tree.resolve("data/big.txt"), text(20 << 20, 3));
        LayerWriter writer = LayerWriter.builder().compression(Compression.ZSTD).threads(1).build();
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        // when
        WrittenLayer layer = writer.write(tree, LayerSource.tree(), out);
        byte[] zstd = out.toByteArray();

        // then
        assertThat(layer.mediaType()).isEqualTo(MediaType.OCI_LAYER_TAR_ZSTD);
        assertThat(layer.digest()).isEqualTo(Digest.of(zstd));
        try (InputStream in = new ZstdInputStream(new ByteArrayInputStream(zstd))) {
            assertThat(Digest.of(in.readAllBytes())).isEqualTo(layer.diffId());
        }
        assertThat(write(LayerWriter.builder().compression(Compression.ZSTD).threads(3).build(), tree))
                .isEqualTo(zstd);
        Preconditions.requiresCommand("zstd", "zstd");
        Path file = Files.write(tmp.resolve("layer.tar.zst"), zstd);
        TarTestFiles.run(List.of("zstd", "-q", "-t", file.toString()), null);
    }

    @Test
    void noneWritesTheTarItself() {
        // given
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        // when
        WrittenLayer layer = LayerWriter.builder().compression(Compression.NONE).build()
                .write(tree, LayerSource.tree(), out);

        // then
        assertThat(layer.digest()).isEqualTo(layer.diffId()).isEqualTo(Digest.of(out.toByteArray()));
        assertThat(layer.size()).isEqualTo(layer.uncompressedSize()).isEqualTo(out.size());
        assertThat(TarListing.parse(out.toByteArray())).hasSize(49);
    }

    @Test
    void gzipLevelsChangeSizeAndHeaderButNotContent() throws IOException {
        // when
        byte[] stored = write(LayerWriter.builder().gzipLevel(0).build(), tree);
        byte[] fast = write(LayerWriter.builder().gzipLevel(1).build(), tree);
        byte[] best = write(LayerWriter.builder().gzipLevel(9).build(), tree);

        // then
        assertThat(fast[8]).isEqualTo((byte) 4);
        assertThat(best[8]).isEqualTo((byte) 2);
        byte[] tar = gunzip(stored);
        assertThat(gunzip(fast)).isEqualTo(tar);
        assertThat(gunzip(best)).isEqualTo(tar);
        assertThat(stored.length).isGreaterThan(tar.length);
        assertThat(best.length).isLessThan(fast.length);
    }

    private static byte[] gunzip(byte[] gzip) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
            return in.readAllBytes();
        }
    }

    static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /** Text that compresses like source code: words from a small vocabulary, lines of varying length. */
    static byte[] text(int size, long seed) {
        String[] words = {"the", "layer", "writer", "public", "static", "final", "class", "return", "if", "else",
            "for", "int", "long", "byte", "String", "new", "import", "java", "util", "List", "Map", "void", "=", "{",
            "}", "(", ")", ";", "0", "1", "42", "digest", "tar", "gzip", "block", "thread"};
        Random random = new Random(seed);
        StringBuilder out = new StringBuilder(size + 64);
        while (out.length() < size) {
            int n = 3 + random.nextInt(10);
            for (int i = 0; i < n; i++) {
                out.append(words[random.nextInt(words.length)]).append(' ');
            }
            out.append(random.nextInt(100000)).append('\n');
        }
        return out.substring(0, size).getBytes(StandardCharsets.US_ASCII);
    }
}
