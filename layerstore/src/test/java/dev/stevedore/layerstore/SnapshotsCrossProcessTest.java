package dev.stevedore.layerstore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stevedore.oci.Digest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Snapshots shared with another JVM ({@link SnapshotChild}): a child killed mid-unpack leaves a
 * partial snapshot that the next open removes and the next prepare redoes; a child unpacking a
 * layer makes this JVM wait and share it instead of unpacking it again.
 */
class SnapshotsCrossProcessTest {
    @TempDir
    Path tmp;
    Path dir;
    Path blobDir;
    Path lockFile;
    LayerRef layer;
    byte[] gzip;
    private Process child;

    @BeforeEach
    void aLayerOfManyFiles() {
        dir = tmp.resolve("snapshots");
        blobDir = tmp.resolve("blobs");
        lockFile = tmp.resolve("lock");
        ApplyTarBuilder tar = new ApplyTarBuilder();
        java.util.Random random = new java.util.Random(1);
        for (int i = 0; i < 3000; i++) {
            byte[] content = new byte[2048];
            random.nextBytes(content);
            tar.file("d" + (i % 30) + "/f" + i, content, 0644, e -> { });
        }
        byte[] bytes = tar.tar();
        gzip = ApplyTarBuilder.gzip(bytes);
        layer = new LayerRef(new SnapshotTestBlobReader(blobDir).add(gzip), Digest.of(bytes));
    }

    @AfterEach
    void killTheChild() throws InterruptedException {
        if (child != null && child.isAlive()) {
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private BufferedReader startChild(String mode) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-XX:TieredStopAtLevel=1", "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                SnapshotChild.class.getName(), dir.toString(), blobDir.toString(), lockFile.toString(),
                Long.toString(gzip.length / 2), mode, layer.blob().digest() + "=" + layer.diffId()));
        child = new ProcessBuilder(command).redirectError(tmp.resolve("child.err").toFile()).start();
        return new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    }

    private String await(BufferedReader out, String prefix) throws IOException {
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.startsWith(prefix)) {
                return line;
            }
        }
        throw new AssertionError("the child ended before printing " + prefix + ": "
                + Files.readString(tmp.resolve("child.err")));
    }

    @Test
    void aChildKilledMidUnpackLeavesAPartialSnapshotThatTheNextOpenRemovesAndPrepareRedoes() throws Exception {
        BufferedReader out = startChild("hang");
        await(out, "stalled");
        Path partial = dir.resolve("1");
        assertThat(partial.resolve("unpacking")).exists();
        // the child has decoded a third of the layer (whole chunks) before stalling: wait for its files
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (regularFiles(partial.resolve("fs")) == 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(regularFiles(partial.resolve("fs"))).as("some files were written").isBetween(1L, 2999L);

        child.destroyForcibly();
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();

        SnapshotTestBlobReader blobs = new SnapshotTestBlobReader(blobDir);
        Snapshots snapshots = new Snapshots(dir, blobs, SnapshotTestStoreLock.acrossJvms(lockFile));
        assertThat(snapshots.snapshots()).isEmpty();
        assertThat(partial).doesNotExist();

        Path fs = snapshots.prepare(List.of(layer)).get(0);
        try (Stream<Path> files = Files.walk(fs)) {
            assertThat(files.filter(Files::isRegularFile).count()).isEqualTo(3000);
        }
        assertThat(fs.getParent().resolve("unpacking")).doesNotExist();
        assertThat(blobs.opens()).isEqualTo(1);
    }

    private static long regularFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    @Test
    void twoJvmsPreparingTheSameLayerUnpackItOnce() throws Exception {
        BufferedReader out = startChild("stdin");
        await(out, "stalled");
        SnapshotTestBlobReader blobs = new SnapshotTestBlobReader(blobDir);
        Snapshots snapshots = new Snapshots(dir, blobs, SnapshotTestStoreLock.acrossJvms(lockFile));
        assertThat(dir.resolve("1/unpacking")).as("opening left the live child's snapshot alone").exists();

        CompletableFuture<List<Path>> here = CompletableFuture.supplyAsync(() -> snapshots.prepare(List.of(layer)));
        Thread.sleep(300);
        assertThat(here).as("waits for the child").isNotDone();
        child.getOutputStream().write('\n');
        child.getOutputStream().flush();

        String prepared = await(out, "prepared");
        assertThat(await(out, "opens")).isEqualTo("opens 1");
        List<Path> lowers = here.get(60, TimeUnit.SECONDS);
        assertThat(prepared).isEqualTo("prepared " + lowers);
        assertThat(blobs.opens()).as("this JVM opened no blob").isZero();
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).isZero();
    }
}
