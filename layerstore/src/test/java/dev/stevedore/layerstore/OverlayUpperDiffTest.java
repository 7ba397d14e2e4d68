package dev.stevedore.layerstore;

import static dev.stevedore.layerstore.TarTestFiles.dir;
import static dev.stevedore.layerstore.TarTestFiles.file;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stevedore.oci.Compression;
import dev.stevedore.posix.Devices;
import dev.stevedore.posix.Fd;
import dev.stevedore.posix.ModeBits;
import dev.stevedore.posix.OpenFlags;
import dev.stevedore.posix.Syscalls;
import dev.stevedore.posix.UnmountFlags;
import dev.stevedore.testing.Preconditions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OverlayUpperDiffTest {
    private static final Syscalls SYS = Syscalls.linux();
    private static final LayerWriter PLAIN = LayerWriter.builder().compression(Compression.NONE).build();

    @TempDir
    Path tmp;

    @AfterEach
    void leavesNoMount() {
        assertThat(TarTestFiles.mountedAtOrBelow(tmp)).isFalse();
    }

    private List<TarListing.Entry> upperLayer(Path upper) {
        return TarListing.parse(TarListing.bytes(PLAIN, upper, LayerSource.overlayUpper()));
    }

    @Test
    void turnsWhatARealOverlayRecordedIntoOciWhiteouts() throws IOException {
        Preconditions.requiresRoot();
        // given: a lower tree
        Path lower = tmp.resolve("lower");
        file(lower.resolve("etc/hosts"), "127.0.0.1 localhost\n");
        file(lower.resolve("etc/motd"), "welcome\n");
        file(lower.resolve("usr/bin/tool"), "#!/bin/sh\n");
        file(lower.resolve("var/cache/apt/a.bin"), "a");
        file(lower.resolve("var/cache/apt/b.bin"), "b");
        file(lower.resolve("var/log/x.log"), "x");
        file(lower.resolve("srv/untouched"), "u");
        Path upper = dir(tmp.resolve("upper"));
        Path work = dir(tmp.resolve("work"));
        Path merged = dir(tmp.resolve("merged"));

        // when: changed through a mounted overlay, then unmounted
        SYS.mount("overlay", merged, "overlay", 0, "lowerdir=" + lower + ",upperdir=" + upper + ",workdir=" + work
                + ",redirect_dir=off,metacopy=off,index=off");
        try {
            Files.delete(merged.resolve("etc/motd"));
            Files.writeString(merged.resolve("etc/hosts"), "::1 localhost\n", StandardOpenOption.APPEND);
            Files.setPosixFilePermissions(merged.resolve("usr/bin/tool"), PosixFilePermissions.fromString("rwx------"));
            delete(merged.resolve("var/cache/apt"));
            file(merged.resolve("var/cache/apt/new.bin"), "new");
            delete(merged.resolve("var/log"));
            file(merged.resolve("opt/app/run.sh"), "run");
        } finally {
            SYS.umount2(merged, UnmountFlags.MNT_DETACH);
        }
        assertThat(TarTestFiles.mountedAtOrBelow(tmp)).isFalse();
        List<TarListing.Entry> entries = upperLayer(upper);

        // then: whiteouts first in their directory, the opaque marker right after its directory
        assertThat(TarListing.names(entries)).containsExactly(
                "etc/", "etc/.wh.motd", "etc/hosts",
                "opt/", "opt/app/", "opt/app/run.sh",
                "usr/", "usr/bin/", "usr/bin/tool",
                "var/", "var/.wh.log", "var/cache/", "var/cache/apt/", "var/cache/apt/.wh..wh..opq",
                "var/cache/apt/new.bin");
        for (String marker : List.of("etc/.wh.motd", "var/.wh.log", "var/cache/apt/.wh..wh..opq")) {
            assertThat(TarListing.entry(entries, marker).line()).isEqualTo("0 0 0:0 " + marker);
            assertThat(TarListing.entry(entries, marker).size()).isZero();
            assertThat(TarListing.entry(entries, marker).mtime()).isZero();
        }
        assertThat(new String(TarListing.entry(entries, "etc/hosts").content(), StandardCharsets.UTF_8))
                .isEqualTo("127.0.0.1 localhost\n::1 localhost\n");
        assertThat(TarListing.entry(entries, "usr/bin/tool").mode()).isEqualTo(0700);
        assertThat(entries).allSatisfy(e -> assertThat(e.pax().keySet()).noneMatch(k -> k.contains("overlay")));
    }

    @Test
    void writesUserNamespaceOpaqueDirectoriesAsOpaqueMarkers() {
        // given: an upper dir as overlay with userxattr leaves it
        Path upper = tmp.resolve("upper");
        Path replaced = dir(upper.resolve("data"));
        file(replaced.resolve("fresh"), "f");
        SYS.lsetxattr(replaced, "user.overlay.opaque", new byte[] {'y'}, 0);
        Path notOpaque = dir(upper.resolve("other"));
        SYS.lsetxattr(notOpaque, "user.overlay.opaque", new byte[] {'x'}, 0);

        // when
        List<TarListing.Entry> entries = upperLayer(upper);

        // then
        assertThat(TarListing.names(entries)).containsExactly("data/", "data/.wh..wh..opq", "data/fresh", "other/");
        assertThat(TarListing.entry(entries, "data/").pax()).isEmpty();
    }

    @Test
    void writesWhiteoutDevicesAsWhiteoutFilesBeforeTheirSiblings() {
        Preconditions.requiresRoot();
        // given: whiteouts for names that sort before and after the other children
        Path upper = dir(tmp.resolve("upper"));
        file(upper.resolve(".config"), "c");
        file(upper.resolve("b"), "b");
        try (Fd dir = SYS.openat(Fd.cwd(), upper, OpenFlags.O_PATH, 0)) {
            SYS.mknodat(dir, Path.of("a"), ModeBits.S_IFCHR, Devices.makedev(0, 0));
            SYS.mknodat(dir, Path.of("z"), ModeBits.S_IFCHR, Devices.makedev(0, 0));
            SYS.mknodat(dir, Path.of("tty"), ModeBits.S_IFCHR | 0620, Devices.makedev(4, 1));
        }

        // when
        List<TarListing.Entry> entries = upperLayer(upper);

        // then: a device other than 0/0 stays a device
        assertThat(TarListing.names(entries)).containsExactly(".wh.a", ".wh.z", ".config", "b", "tty");
        assertThat(TarListing.entry(entries, "tty").type()).isEqualTo('3');
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"user.overlay.redirect", "user.overlay.metacopy", "trusted.overlay.redirect",
        "trusted.overlay.metacopy"})
    void refusesRedirectsAndMetacopies(String xattr) {
        if (xattr.startsWith("trusted.")) {
            Preconditions.requiresRoot();
        }
        // given
        Path upper = tmp.resolve("upper");
        Path moved = dir(upper.resolve("srv/moved"));
        Path target = xattr.endsWith("metacopy") ? file(moved.resolve("big.bin"), "") : moved;
        SYS.lsetxattr(target, xattr, "/srv/original".getBytes(StandardCharsets.UTF_8), 0);

        // when, then
        assertThatThrownBy(() -> upperLayer(upper))
                .isInstanceOf(LayerWriterException.class)
                .hasMessageContaining(target.toString())
                .hasMessageContaining(xattr.endsWith("redirect") ? "redirect_dir=off" : "metacopy=off");
    }

    private static void delete(Path path) throws IOException {
        try (var paths = Files.walk(path)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
