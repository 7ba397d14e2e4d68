package dev.stevedore.layerstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stevedore.oci.Digest;
import dev.stevedore.posix.AtFlags;
import dev.stevedore.posix.Devices;
import dev.stevedore.posix.Fd;
import dev.stevedore.posix.ModeBits;
import dev.stevedore.posix.Syscalls;
import dev.stevedore.testing.BusyboxImage;
import dev.stevedore.testing.Preconditions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotsTest {
    private final Syscalls sys = Syscalls.linux();

    @TempDir
    Path tmp;
    Path dir;
    SnapshotTestBlobReader blobs;
    SnapshotTestStoreLock lock;

    @BeforeEach
    void store() {
        dir = tmp.resolve("store/.stevedore/snapshots");
        blobs = new SnapshotTestBlobReader(tmp.resolve("blobs"));
        lock = SnapshotTestStoreLock.inJvm();
    }

    private Snapshots open() {
        return new Snapshots(dir, blobs, lock);
    }

    private LayerRef layer(ApplyTarBuilder tar) {
        byte[] bytes = tar.tar();
        return new LayerRef(blobs.add(ApplyTarBuilder.gzip(bytes)), Digest.of(bytes));
    }

    private LayerRef busybox() throws IOException {
        BusyboxImage image = BusyboxImage.writeTo(tmp.resolve("busybox"));
        return new LayerRef(blobs.add(Files.readAllBytes(image.blob(image.layerDigest()))), image.diffId());
    }

    @Test
    void preparesEachLayerOnceAndReturnsTheTopMostFirst() throws IOException {
        Snapshots snapshots = open();
        LayerRef base = busybox();
        LayerRef top = layer(new ApplyTarBuilder().file("etc/motd", "hello"));

        List<Path> lowers = snapshots.prepare(List.of(base, top));

        assertThat(lowers).hasSize(2);
        assertThat(lowers.get(0).resolve("etc/motd")).as("top-most first").hasContent("hello");
        assertThat(lowers.get(0).resolve("bin/busybox")).doesNotExist();
        assertThat(lowers.get(1).resolve("bin/busybox")).isRegularFile();
        assertThat(lowers).allSatisfy(p -> {
            assertThat(p.getFileName()).hasToString("fs");
            assertThat(p.getParent().getFileName().toString()).matches("[0-9]{1,3}");
            assertThat(p.getParent().getParent()).isEqualTo(dir.toRealPath());
        });
        assertThat(snapshots.prepare(List.of(base, top))).isEqualTo(lowers);
        assertThat(blobs.opens()).as("unpacked once").isEqualTo(2);
        List<ChainId> chain = ChainId.chain(List.of(base.diffId(), top.diffId()));
        assertThat(snapshots.snapshots()).containsExactlyInAnyOrderElementsOf(chain);
        Snapshot topSnapshot = snapshots.get(chain.get(1)).orElseThrow();
        assertThat(topSnapshot.parent()).contains(chain.get(0));
        assertThat(topSnapshot.diffId()).isEqualTo(top.diffId());
        assertThat(topSnapshot.fs()).isEqualTo(lowers.get(0));
        assertThat(Files.readString(dir.resolve("index.json"))).contains(chain.get(1).toString())
                .contains("\"diffId\":\"" + top.diffId() + "\"");
        assertThat(snapshots.prepare(List.of())).isEmpty();
    }

    @Test
    void preparedSnapshotsMountAsOverlayLowersInTheOrderReturned() throws IOException {
        Preconditions.requiresRoot();
        LayerRef base = layer(new ApplyTarBuilder().file("etc/os", "base").file("etc/gone", "g").file("opt/old", "o")
                .file("keep/x", "x"));
        LayerRef top = layer(new ApplyTarBuilder().file("etc/os", "top").whiteout("etc/gone").opaque("opt")
                .file("opt/new", "n"));
        List<Path> lowers = open().prepare(List.of(base, top));
        Path merged = Files.createDirectory(tmp.resolve("merged"));
        sys.mount("overlay", merged, "overlay", 0, "lowerdir=" + String.join(":", lowers.stream().map(Path::toString)
                .toList()));
        try {
            assertThat(merged.resolve("etc/os")).hasContent("top");
            assertThat(Files.exists(merged.resolve("etc/gone"), LinkOption.NOFOLLOW_LINKS)).isFalse();
            try (var opt = Files.list(merged.resolve("opt"))) {
                assertThat(opt.map(p -> p.getFileName().toString()).toList()).containsExactly("new");
            }
            assertThat(merged.resolve("keep/x")).hasContent("x");
        } finally {
            sys.umount2(merged, 0);
        }
        assertThat(Files.readAllLines(Path.of("/proc/self/mountinfo"))).noneMatch(l -> l.contains(merged.toString()));
    }

    @Test
    void sharesTheSnapshotsOfACommonBase() throws IOException {
        Snapshots snapshots = open();
        LayerRef base = busybox();
        List<Path> a = snapshots.prepare(List.of(base, layer(new ApplyTarBuilder().file("a", "a"))));
        List<Path> b = open().prepare(List.of(base, layer(new ApplyTarBuilder().file("b", "b"))));
        assertThat(a.get(1)).isEqualTo(b.get(1));
        assertThat(a.get(0)).isNotEqualTo(b.get(0));
        assertThat(blobs.opens()).isEqualTo(3);
    }

    @Test
    void refusesALayerWhoseDiffIdDiffersAndRemovesItsSnapshot() throws IOException {
        Snapshots snapshots = open();
        LayerRef real = layer(new ApplyTarBuilder().file("f", "f"));
        LayerRef wrong = new LayerRef(real.blob(), Digest.of("something else".getBytes(StandardCharsets.UTF_8)));

        assertThatThrownBy(() -> snapshots.prepare(List.of(wrong))).isInstanceOf(SnapshotDiffIdException.class)
                .hasMessageContaining(real.blob().digest().toString())
                .hasMessageContaining(real.diffId().toString())
                .satisfies(e -> assertThat(((SnapshotDiffIdException) e).actual()).isEqualTo(real.diffId()));

        assertThat(snapshots.snapshots()).isEmpty();
        assertThat(numberedDirs()).isEmpty();
        assertThat(snapshots.prepare(List.of(real)).get(0).resolve("f")).hasContent("f");
    }

    @Test
    void removesTheSnapshotOfALayerThatCannotBeApplied() throws IOException {
        Snapshots snapshots = open();
        LayerRef hostile = layer(new ApplyTarBuilder().file("ok", "ok").file("../escape", "x"));
        assertThatThrownBy(() -> snapshots.prepare(List.of(hostile))).isInstanceOf(ApplyRefusedException.class);
        assertThat(snapshots.snapshots()).isEmpty();
        assertThat(numberedDirs()).isEmpty();
    }

    @Test
    void concurrentPreparesUnpackOnce() throws Exception {
        LayerRef base = busybox();
        LayerRef top = layer(new ApplyTarBuilder().file("big", new byte[4 << 20], 0644, e -> { }));
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<Path>>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                Snapshots snapshots = open(); // an instance per thread: they share the JVM's view of the store
                results.add(pool.submit(() -> {
                    start.await();
                    return snapshots.prepare(List.of(base, top));
                }));
            }
            start.countDown();
            List<Path> first = results.get(0).get(60, TimeUnit.SECONDS);
            for (Future<List<Path>> r : results) {
                assertThat(r.get(60, TimeUnit.SECONDS)).isEqualTo(first);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(blobs.opens()).as("each layer unpacked once").isEqualTo(2);
        assertThat(numberedDirs()).hasSize(2);
    }

    @Test
    void commitsAnUpperDirectoryByRenamingIt() throws IOException {
        Snapshots snapshots = open();
        Path upper = Files.createDirectories(tmp.resolve("store/containers/c1/upper"));
        Files.writeString(upper.resolve("made-by-run"), "output");
        long inode = sys.fstatat(Fd.cwd(), upper.resolve("made-by-run"), 0).ino();
        LayerRef base = layer(new ApplyTarBuilder().file("base", "b"));
        ChainId parent = ChainId.chain(List.of(base.diffId())).get(0);
        snapshots.prepare(List.of(base));
        Digest diffId = Digest.of("the layer tar the writer made from upper".getBytes(StandardCharsets.UTF_8));

        Snapshot snapshot = snapshots.commitUpper(upper, Optional.of(parent), diffId);

        assertThat(snapshot.chainId()).isEqualTo(ChainId.of(Optional.of(parent), diffId));
        assertThat(snapshot.fs().resolve("made-by-run")).hasContent("output");
        assertThat(sys.fstatat(Fd.cwd(), snapshot.fs().resolve("made-by-run"), 0).ino()).as("moved, not copied")
                .isEqualTo(inode);
        assertThat(upper).doesNotExist();
        assertThat(snapshots.get(snapshot.chainId())).contains(snapshot);
        // the next build step stacks on it without unpacking anything
        LayerRef same = new LayerRef(blobs.add(new byte[] {1}), diffId);
        List<Path> lowers = snapshots.prepare(List.of(base, same));
        assertThat(lowers.get(0)).isEqualTo(snapshot.fs());
        assertThat(blobs.opens()).isEqualTo(1);

        Path again = Files.createDirectories(tmp.resolve("store/containers/c2/upper"));
        assertThat(snapshots.commitUpper(again, Optional.of(parent), diffId)).isEqualTo(snapshot);
        assertThat(again).as("an existing snapshot leaves the upper directory alone").isDirectory();
    }

    @Test
    void commitsAnUpperDirectoryOnAnotherFileSystemByCopyingEverything() throws IOException {
        Preconditions.requiresRoot();
        Path shm = Path.of("/dev/shm");
        if (sys.fstatat(Fd.cwd(), shm, 0).dev() == sys.fstatat(Fd.cwd(), tmp, 0).dev()) {
            org.junit.jupiter.api.Assumptions.abort("/dev/shm and " + tmp + " are one file system");
        }
        Path upper = Files.createTempDirectory(shm, "stevedore-upper-");
        try {
            fillUpper(upper);
            Map<String, String> expected = withoutCtimes(ApplyDirectoryState.of(upper));
            Snapshot snapshot = open().commitUpper(upper, Optional.empty(), Digest.of(new byte[] {42}));
            assertThat(withoutCtimes(ApplyDirectoryState.of(snapshot.fs()))).isEqualTo(expected);
            assertThat(sys.fstatat(Fd.cwd(), snapshot.fs().resolve("dir/hard1"), 0).ino())
                    .isEqualTo(sys.fstatat(Fd.cwd(), snapshot.fs().resolve("dir/hard2"), 0).ino());
            assertThat(upper).as("the copied upper directory is deleted").doesNotExist();
        } finally {
            if (Files.exists(upper)) {
                new ProcessBuilder("rm", "-rf", upper.toString()).start();
            }
        }
    }

    private void fillUpper(Path upper) throws IOException {
        Files.createDirectories(upper.resolve("dir/sub"));
        Files.writeString(upper.resolve("dir/hard1"), "linked");
        Files.createLink(upper.resolve("dir/hard2"), upper.resolve("dir/hard1"));
        Files.writeString(upper.resolve("dir/sub/setuid"), "su");
        sys.fchmodat(Fd.cwd(), upper.resolve("dir/sub/setuid"), 04750, 0);
        sys.fchownat(Fd.cwd(), upper.resolve("dir/sub/setuid"), 0, 42, 0);
        Files.createSymbolicLink(upper.resolve("dir/link"), Path.of("/etc/passwd"));
        sys.mknodat(Fd.cwd(), upper.resolve("dir/fifo"), ModeBits.S_IFIFO | 0600, 0);
        sys.mknodat(Fd.cwd(), upper.resolve("deleted"), ModeBits.S_IFCHR, Devices.makedev(0, 0));
        sys.lsetxattr(upper.resolve("dir/sub"), "trusted.overlay.opaque", new byte[] {'y'}, 0);
        sys.lsetxattr(upper.resolve("dir/hard1"), "user.note", "n".getBytes(StandardCharsets.UTF_8), 0);
        sys.fchownat(Fd.cwd(), upper.resolve("dir"), 1000, 1000, 0);
        sys.fchmodat(Fd.cwd(), upper.resolve("dir"), 0710, 0);
        Instant time = Instant.parse("2022-02-22T22:22:22.222Z");
        for (String p : List.of("dir/sub/setuid", "dir/hard1", "dir/sub", "dir", "")) {
            Files.setLastModifiedTime(upper.resolve(p), FileTime.from(time));
        }
        sys.utimensat(Fd.cwd(), upper.resolve("dir/link"), time, time, AtFlags.AT_SYMLINK_NOFOLLOW);
    }

    private static Map<String, String> withoutCtimes(Map<String, String> state) {
        Map<String, String> out = new TreeMap<>();
        // directory sizes are the file system's own
        state.forEach((k, v) -> out.put(k, v.replaceAll(" ctime=\\S+", "").replaceAll("^(40\\d+ \\S+) size=\\d+", "$1")));
        return out;
    }

    @Test
    void sweepsSnapshotsForTheGarbageCollector() throws IOException {
        Snapshots snapshots = open();
        LayerRef a = layer(new ApplyTarBuilder().file("a", "a"));
        LayerRef b = layer(new ApplyTarBuilder().file("b", "b"));
        snapshots.prepare(List.of(a));
        snapshots.prepare(List.of(b));
        ChainId chainA = ChainId.chain(List.of(a.diffId())).get(0);
        assertThat(snapshots.snapshots()).hasSize(2);

        lock.locked(() -> snapshots.removeSnapshot(chainA));

        assertThat(snapshots.snapshots()).containsExactly(ChainId.chain(List.of(b.diffId())).get(0));
        assertThat(numberedDirs()).hasSize(1);
        snapshots.removeSnapshot(chainA); // gone already: nothing to do
        assertThat(snapshots.prepare(List.of(a)).get(0).resolve("a")).hasContent("a");
        assertThat(numberedDirs()).as("ids are not reused").containsExactlyInAnyOrder("2", "3");
    }

    @Test
    void openingRemovesWhatACrashLeft() throws Exception {
        Snapshots snapshots = open();
        LayerRef a = layer(new ApplyTarBuilder().file("a", "a"));
        LayerRef b = layer(new ApplyTarBuilder().file("b", "b"));
        Path fsA = snapshots.prepare(List.of(a)).get(0);
        Path fsB = snapshots.prepare(List.of(b)).get(0);
        // a's unpacker died mid-way: its marker names a process that is gone
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Files.writeString(fsA.getParent().resolve("unpacking"), "pid " + gone.pid() + " start 1\n");
        Files.createDirectories(dir.resolve("77/fs/half"));          // made, but the index never written
        Files.createDirectories(dir.resolve("5.removing/fs/x"));     // a removal cut short
        Files.writeString(dir.resolve("index.json.tmp"), "{");

        Snapshots reopened = open();

        assertThat(reopened.snapshots()).containsExactly(ChainId.chain(List.of(b.diffId())).get(0));
        assertThat(fsA.getParent()).doesNotExist();
        assertThat(numberedDirs()).containsExactly(fsB.getParent().getFileName().toString());
        assertThat(dir.resolve("5.removing")).doesNotExist();
        assertThat(dir.resolve("index.json.tmp")).doesNotExist();
        assertThat(reopened.prepare(List.of(a)).get(0).resolve("a")).hasContent("a");
        assertThat(blobs.opens()).isEqualTo(3);
    }

    @Test
    void leavesASnapshotAloneWhileALiveProcessFillsIt() throws Exception {
        Snapshots snapshots = open();
        LayerRef a = layer(new ApplyTarBuilder().file("a", "a"));
        Path fsA = snapshots.prepare(List.of(a)).get(0);
        ProcessHandle self = ProcessHandle.current();
        ProcessHandle other = ProcessHandle.of(1).orElseThrow(); // init: alive for sure
        long start = other.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
        Files.writeString(fsA.getParent().resolve("unpacking"), "pid " + other.pid() + " start " + start + "\n");

        Snapshots reopened = open();
        assertThat(reopened.snapshots()).hasSize(1);
        assertThat(reopened.get(ChainId.chain(List.of(a.diffId())).get(0))).isEmpty();
        reopened.removeSnapshot(ChainId.chain(List.of(a.diffId())).get(0));
        assertThat(fsA).isDirectory();
        assertThat(self.pid()).isNotEqualTo(1);
    }

    private List<String> numberedDirs() throws IOException {
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.matches("[0-9]+")).sorted().toList();
        }
    }

    @Test
    void snapshotsAreNotFollowedWhenRemoved() throws IOException {
        Snapshots snapshots = open();
        Path outside = Files.createDirectory(tmp.resolve("outside"));
        Files.writeString(outside.resolve("keep"), "keep");
        LayerRef a = layer(new ApplyTarBuilder().symlink("link", outside.toString()).dir("d")
                .symlink("d/up", "../../../../outside"));
        snapshots.prepare(List.of(a));
        snapshots.removeSnapshot(ChainId.chain(List.of(a.diffId())).get(0));
        assertThat(outside.resolve("keep")).hasContent("keep");
        assertThat(Files.exists(outside, LinkOption.NOFOLLOW_LINKS)).isTrue();
    }
}
