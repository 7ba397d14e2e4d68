package dev.stevedore.layerstore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stevedore.oci.Digest;
import dev.stevedore.posix.AtFlags;
import dev.stevedore.posix.Devices;
import dev.stevedore.posix.Fd;
import dev.stevedore.posix.FileStat;
import dev.stevedore.posix.ModeBits;
import dev.stevedore.posix.Syscalls;
import dev.stevedore.testing.BusyboxImage;
import dev.stevedore.testing.Preconditions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Random;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class LayerApplierTest {
    private static final Instant BUSYBOX_TIME = BusyboxImage.CREATED;
    private final Syscalls sys = Syscalls.linux();

    @TempDir
    Path tmp;

    private ApplyResult apply(ApplyMode mode, byte[] layer, Path target) {
        return LayerApplier.of(ApplyOptions.of(mode)).apply(new ByteArrayInputStream(layer), target);
    }

    private FileStat stat(Path p) {
        return sys.fstatat(Fd.cwd(), p, AtFlags.AT_SYMLINK_NOFOLLOW);
    }

    @ParameterizedTest
    @EnumSource(ApplyMode.class)
    void appliesTheBusyboxLayer(ApplyMode mode) throws IOException {
        BusyboxImage image = BusyboxImage.writeTo(tmp.resolve("layout"));
        Path root = Files.createDirectory(tmp.resolve("rootfs"));

        ApplyResult result;
        try (InputStream blob = Files.newInputStream(image.blob(image.layerDigest()))) {
            result = LayerApplier.of(ApplyOptions.of(mode)).apply(blob, root);
        }

        assertThat(result.diffId()).isEqualTo(image.diffId());
        byte[] busybox = Files.readAllBytes(Path.of("/bin/busybox"));
        assertThat(Files.readAllBytes(root.resolve("bin/busybox"))).isEqualTo(busybox);
        assertThat(stat(root.resolve("bin/busybox")).permissions()).isEqualTo(0755);
        assertThat(Files.readSymbolicLink(root.resolve("bin/sh"))).isEqualTo(Path.of("busybox"));
        assertThat(stat(root.resolve("bin/sh")).mtime()).isEqualTo(BUSYBOX_TIME);
        assertThat(stat(root.resolve("tmp")).permissions()).isEqualTo(01777);
        assertThat(stat(root.resolve("proc")).permissions()).isEqualTo(0555);
        assertThat(stat(root.resolve("root")).permissions()).isEqualTo(0700);
        assertThat(root.resolve("etc/passwd")).content().startsWith("root:x:0:0:");
        assertThat(stat(root.resolve("etc")).mtime()).as("directory times are set after their children")
                .isEqualTo(BUSYBOX_TIME);
        assertThat(stat(root.resolve("bin")).mtime()).isEqualTo(BUSYBOX_TIME);
        if (Preconditions.isRoot()) {
            assertThat(result.ownersApplied()).isTrue();
            assertThat(stat(root.resolve("home/app")).uid()).isEqualTo(1000);
            assertThat(stat(root.resolve("home/app")).gid()).isEqualTo(1000);
            assertThat(stat(root.resolve("bin/busybox")).uid()).isZero();
        }
        try (InputStream gz = new java.util.zip.GZIPInputStream(Files.newInputStream(image.blob(image.layerDigest())))) {
            assertThat(result.size()).isEqualTo(gz.readAllBytes().length);
        }
    }

    @Test
    void detectsGzipZstdAndPlainByMagicBytesWithTheSameDiffId() {
        byte[] tar = new ApplyTarBuilder().dir("etc").file("etc/hostname", "box\n").tar();
        Digest diffId = Digest.of(tar);
        for (byte[] layer : new byte[][] {tar, ApplyTarBuilder.gzip(tar), ApplyTarBuilder.zstd(tar)}) {
            Path root = tmp.resolve("r" + layer.length);
            root.toFile().mkdir();
            ApplyResult result = apply(ApplyMode.IN_PLACE, layer, root);
            assertThat(result.diffId()).isEqualTo(diffId);
            assertThat(result.size()).isEqualTo(tar.length);
            assertThat(result.entries()).isEqualTo(2);
            assertThat(root.resolve("etc/hostname")).hasContent("box\n");
        }
    }

    @Test
    void theDiffIdCoversBytesAfterTheEndMarker() {
        byte[] tar = new ApplyTarBuilder().file("a", "a").tar();
        byte[] padded = java.util.Arrays.copyOf(tar, tar.length + 10240);
        padded[padded.length - 1] = 7;
        ApplyResult result = apply(ApplyMode.OVERLAY, padded, tmp);
        assertThat(result.diffId()).isEqualTo(Digest.of(padded));
        assertThat(result.size()).isEqualTo(padded.length);
    }

    @ParameterizedTest
    @EnumSource(ApplyMode.class)
    void keepsModesOwnersTimesLinksAndSpecialFiles(ApplyMode mode) throws IOException {
        Instant precise = Instant.parse("2021-02-03T04:05:06.123456789Z");
        byte[] big = new byte[5 << 20];
        new Random(7).nextBytes(big);
        byte[] layer = new ApplyTarBuilder()
                .dir("d", 0750, e -> {
                    e.setUserId(1234);
                    e.setGroupId(5678);
                })
                .file("d/exec", "#!/bin/sh\n".getBytes(StandardCharsets.US_ASCII), 0711, e -> e.setUserId(99))
                .file("d/private", new byte[0], 0600, e -> { })
                .file("d/open", "x".getBytes(StandardCharsets.US_ASCII), 0666, e -> { })
                .pax(ApplyTarBuilder.records("mtime", "1612325106.123456789", "atime", "1000000000.5"))
                .file("d/precise", "p".getBytes(StandardCharsets.US_ASCII), 0644, e -> { })
                .file("big", big, 0644, e -> { })
                .hardlink("d/big-link", "big")
                .symlink("d/abs", "/etc/passwd")
                .symlink("d/dangling", "../nowhere/at/all")
                .fifo("d/pipe")
                .dir("sticky", 01777, e -> { })
                .tar();
        Path root = Files.createDirectory(tmp.resolve("root"));
        apply(mode, layer, root);

        assertThat(stat(root.resolve("d")).permissions()).isEqualTo(0750);
        assertThat(stat(root.resolve("d/exec")).permissions()).isEqualTo(0711);
        assertThat(stat(root.resolve("d/private")).permissions()).isEqualTo(0600);
        assertThat(stat(root.resolve("d/open")).permissions()).as("not masked by the umask").isEqualTo(0666);
        assertThat(stat(root.resolve("sticky")).permissions()).isEqualTo(01777);
        assertThat(stat(root.resolve("d/precise")).mtime()).isEqualTo(precise);
        assertThat(stat(root.resolve("d/precise")).atime()).isEqualTo(Instant.parse("2001-09-09T01:46:40.5Z"));
        assertThat(stat(root.resolve("d")).mtime()).isEqualTo(ApplyTarBuilder.MTIME);
        assertThat(Files.readAllBytes(root.resolve("big"))).isEqualTo(big);
        assertThat(stat(root.resolve("d/big-link")).ino()).isEqualTo(stat(root.resolve("big")).ino());
        assertThat(stat(root.resolve("big")).nlink()).isEqualTo(2);
        assertThat(Files.readSymbolicLink(root.resolve("d/abs"))).isEqualTo(Path.of("/etc/passwd"));
        assertThat(Files.readSymbolicLink(root.resolve("d/dangling"))).isEqualTo(Path.of("../nowhere/at/all"));
        assertThat(stat(root.resolve("d/abs")).mtime()).isEqualTo(ApplyTarBuilder.MTIME);
        assertThat(stat(root.resolve("d/pipe")).type()).isEqualTo(ModeBits.S_IFIFO);
        if (Preconditions.isRoot()) {
            assertThat(stat(root.resolve("d")).uid()).isEqualTo(1234);
            assertThat(stat(root.resolve("d")).gid()).isEqualTo(5678);
            assertThat(stat(root.resolve("d/exec")).uid()).isEqualTo(99);
        }
    }

    @Test
    void laterEntriesWinAsInTar() throws IOException {
        byte[] layer = new ApplyTarBuilder()
                .file("x", "first").file("x", "second")
                .dir("d").file("d/inner", "i").file("d", "now a file")
                .file("f", "file").dir("f").file("f/child", "c")
                .dir("keep", 0700, e -> { }).file("keep/a", "a").dir("keep", 0755, e -> { })
                .tar();
        Path root = Files.createDirectory(tmp.resolve("root"));
        apply(ApplyMode.IN_PLACE, layer, root);
        assertThat(root.resolve("x")).hasContent("second");
        assertThat(root.resolve("d")).isRegularFile().hasContent("now a file");
        assertThat(root.resolve("f/child")).hasContent("c");
        assertThat(root.resolve("keep/a")).as("a directory over a directory merges").hasContent("a");
        assertThat(stat(root.resolve("keep")).permissions()).isEqualTo(0755);
    }

    @Test
    void createsMissingParentsAndKeepsEntriesOrderIndependent() throws IOException {
        Path root = Files.createDirectory(tmp.resolve("root"));
        apply(ApplyMode.OVERLAY, new ApplyTarBuilder().file("a/b/c/d.txt", "deep").dir("a/b").tar(), root);
        assertThat(root.resolve("a/b/c/d.txt")).hasContent("deep");
        assertThat(stat(root.resolve("a/b")).mtime()).isEqualTo(ApplyTarBuilder.MTIME);
    }

    @Test
    void readsGnuAndPaxLongNamesAndLinks() throws IOException {
        String longDir = "l".repeat(120) + "/" + "m".repeat(120);
        for (int mode : new int[] {TarArchiveOutputStream.LONGFILE_GNU, TarArchiveOutputStream.LONGFILE_POSIX}) {
            Path root = Files.createDirectory(tmp.resolve("root" + mode));
            byte[] layer = new ApplyTarBuilder(mode).file(longDir + "/file", "long")
                    .symlink("s", longDir + "/" + "t".repeat(150)).hardlink("h", longDir + "/file")
                    .file("ünïcödé/名前", "utf8").tar();
            apply(ApplyMode.IN_PLACE, layer, root);
            assertThat(root.resolve(longDir + "/file")).hasContent("long");
            assertThat(Files.readSymbolicLink(root.resolve("s")).toString()).endsWith("t".repeat(150));
            assertThat(root.resolve("h")).hasContent("long");
            assertThat(root.resolve("ünïcödé/名前")).hasContent("utf8");
        }
    }

    @Test
    void readsBigNumbersAndLibarchiveXattrs() throws IOException {
        Path root = Files.createDirectory(tmp.resolve("root"));
        byte[] layer = new ApplyTarBuilder()
                .file("big-ids", "x".getBytes(StandardCharsets.US_ASCII), 0644, e -> {
                    e.setUserId(3_000_000);
                    e.setGroupId(2_500_000);
                })
                .pax(ApplyTarBuilder.records("LIBARCHIVE.xattr.user.some%20name", "dmFsdWU=", "comment", "x"))
                .file("xattr", "x")
                .tar();
        apply(ApplyMode.IN_PLACE, layer, root);
        assertThat(sys.lgetxattr(root.resolve("xattr"), "user.some name")).hasValueSatisfying(v ->
                assertThat(new String(v, StandardCharsets.UTF_8)).isEqualTo("value"));
        if (Preconditions.isRoot()) {
            assertThat(stat(root.resolve("big-ids")).uid()).isEqualTo(3_000_000);
            assertThat(stat(root.resolve("big-ids")).gid()).isEqualTo(2_500_000);
        }
    }

    @Test
    void createsDevicesAsRoot() throws IOException {
        Preconditions.requiresRoot();
        Path root = Files.createDirectory(tmp.resolve("root"));
        apply(ApplyMode.IN_PLACE, new ApplyTarBuilder().charDevice("dev/null", 1, 3).tar(), root);
        FileStat st = stat(root.resolve("dev/null"));
        assertThat(st.type()).isEqualTo(ModeBits.S_IFCHR);
        assertThat(st.rdev()).isEqualTo(Devices.makedev(1, 3));
        assertThat(st.permissions()).isEqualTo(0666);
    }

    @Test
    void setsTheRootDirectorysMetadataFromADotEntry() throws IOException {
        Path root = Files.createDirectory(tmp.resolve("root"));
        apply(ApplyMode.OVERLAY, new ApplyTarBuilder().dir("./", 0711, e -> { }).file("./a", "a").tar(), root);
        assertThat(stat(root).permissions()).isEqualTo(0711);
        assertThat(stat(root).mtime()).isEqualTo(ApplyTarBuilder.MTIME);
        assertThat(root.resolve("a")).hasContent("a");
    }

    @Test
    void withoutRootKeepsTheCurrentUserAndSaysSoButStillSetsModes() throws IOException {
        Preconditions.requiresRoot(); // root that the applier is told is nobody
        Path root = Files.createDirectory(tmp.resolve("root"));
        byte[] layer = new ApplyTarBuilder()
                .dir("ro", 0555, e -> e.setUserId(1234))
                .file("ro/f", "f".getBytes(StandardCharsets.US_ASCII), 0444, e -> e.setUserId(1234))
                .dir("ro/sub", 0500, e -> { })
                .file("ro/sub/x", "x")
                .tar();
        ApplyResult result = LayerApplier.of(ApplyOptions.of(ApplyMode.IN_PLACE),
                () -> new ApplyIdentity(65534, 65534, 022)).apply(new ByteArrayInputStream(layer), root);
        assertThat(result.ownersApplied()).isFalse();
        assertThat(stat(root.resolve("ro")).uid()).as("the current user, not the layer's").isZero();
        assertThat(stat(root.resolve("ro/f")).uid()).isZero();
        assertThat(stat(root.resolve("ro")).permissions()).as("read-only, once its children are in").isEqualTo(0555);
        assertThat(stat(root.resolve("ro/sub")).permissions()).isEqualTo(0500);
        assertThat(root.resolve("ro/sub/x")).hasContent("x");
    }

    @Test
    void optionsAndLimitsHaveSafeDefaults() {
        ApplyOptions options = ApplyOptions.of(ApplyMode.OVERLAY);
        assertThat(options.keepSetuid()).isTrue();
        assertThat(options.devices()).isEqualTo(Preconditions.isRoot() ? ApplyDevices.CREATE : ApplyDevices.SKIP);
        assertThat(options.limits()).isEqualTo(new ApplyLimits(1_000_000, 64L << 30, 256L << 30, 1 << 20, 4096));
    }
}
