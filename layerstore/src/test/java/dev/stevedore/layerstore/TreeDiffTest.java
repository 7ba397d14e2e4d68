package dev.stevedore.layerstore;

import static dev.stevedore.layerstore.TarTestFiles.dir;
import static dev.stevedore.layerstore.TarTestFiles.file;
import static dev.stevedore.layerstore.TarTestFiles.mtime;
import static dev.stevedore.layerstore.TarTestFiles.symlink;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stevedore.oci.Compression;
import dev.stevedore.posix.Syscalls;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TreeDiffTest {
    private static final LayerWriter PLAIN = LayerWriter.builder().compression(Compression.NONE).build();
    private static final Instant WHOLE_SECOND = Instant.parse("2022-02-02T02:02:02Z");
    private static final Instant WITH_NANOS = Instant.parse("2022-02-02T02:02:02.123456789Z");

    @TempDir
    Path tmp;

    private Path lower;
    private Path upper;

    /** Makes the new tree a copy of the lower one that keeps modes, owners, times, links and xattrs. */
    private void copyLowerToUpper() {
        upper = tmp.resolve("upper");
        TarTestFiles.run(List.of("cp", "-a", lower.toString(), upper.toString()), null);
    }

    private List<TarListing.Entry> diff() {
        return TarListing.parse(TarListing.bytes(PLAIN, upper, LayerSource.changesFrom(lower)));
    }

    @Test
    void writesAdditionsChangesAndWhiteoutsWithTheParentsTheyNeed() throws IOException {
        // given
        lower = tmp.resolve("lower");
        file(lower.resolve("etc/hosts"), "127.0.0.1 localhost\n");
        file(lower.resolve("etc/motd"), "welcome\n");
        file(lower.resolve("etc/ssl/certs/ca.pem"), "PEM");
        file(lower.resolve("usr/bin/tool"), "#!/bin/sh\n");
        file(lower.resolve("usr/lib/libfoo.so"), "ELF");
        file(lower.resolve("var/cache/apt/a.bin"), "a");
        file(lower.resolve("var/cache/apt/b.bin"), "b");
        file(lower.resolve("var/log/x.log"), "x");
        file(lower.resolve("home/u/.profile"), "PATH=/bin");
        file(lower.resolve("opt/thing"), "a file, later a directory");
        file(lower.resolve("srv/data/file"), "a directory, later a link");
        copyLowerToUpper();

        // when
        Files.delete(upper.resolve("etc/motd"));
        Files.writeString(upper.resolve("etc/hosts"), "127.0.0.1 localhost\n::1 localhost\n");
        Files.setPosixFilePermissions(upper.resolve("usr/bin/tool"), PosixFilePermissions.fromString("rwx------"));
        Files.delete(upper.resolve("var/cache/apt/a.bin"));
        Files.delete(upper.resolve("var/cache/apt/b.bin"));
        file(upper.resolve("var/cache/apt/new.bin"), "new");
        delete(upper.resolve("var/log"));
        file(upper.resolve("home/u/new.txt"), "hello");
        Files.delete(upper.resolve("opt/thing"));
        file(upper.resolve("opt/thing/inner"), "inside");
        delete(upper.resolve("srv/data"));
        symlink(upper.resolve("srv/data"), "/mnt/data");
        List<TarListing.Entry> entries = diff();

        // then
        assertThat(TarListing.names(entries)).containsExactly(
                "etc/", "etc/.wh.motd", "etc/hosts",
                "home/", "home/u/", "home/u/new.txt",
                "opt/", "opt/thing/", "opt/thing/inner",
                "srv/", "srv/data",
                "usr/", "usr/bin/", "usr/bin/tool",
                "var/", "var/.wh.log", "var/cache/", "var/cache/apt/", "var/cache/apt/.wh..wh..opq",
                "var/cache/apt/new.bin");
        assertThat(TarListing.entry(entries, "srv/data").line()).endsWith("srv/data -> /mnt/data");
        assertThat(TarListing.entry(entries, "usr/bin/tool").mode()).isEqualTo(0700);
        assertThat(TarListing.entry(entries, "etc/.wh.motd").line()).isEqualTo("0 0 0:0 etc/.wh.motd");
    }

    @Test
    void writesNothingForAnUnchangedCopy() {
        // given
        lower = tmp.resolve("lower");
        file(lower.resolve("a/b/c"), "c");
        symlink(dir(lower.resolve("d")).resolve("link"), "../a");
        copyLowerToUpper();

        // when
        byte[] tar = TarListing.bytes(PLAIN, upper, LayerSource.changesFrom(lower));

        // then
        assertThat(tar).hasSize(1024).containsOnly(0);
    }

    @Test
    void comparesContentsOnlyWhenSizeAndWholeSecondMtimeCannotTell() throws IOException {
        // given: files of equal size and equal mtime
        lower = tmp.resolve("lower");
        Path dir = dir(lower.resolve("d"));
        file(dir.resolve("same-whole"), "aaaa");
        file(dir.resolve("changed-whole"), "aaaa");
        file(dir.resolve("changed-nanos"), "aaaa");
        file(dir.resolve("touched"), "aaaa");
        copyLowerToUpper();
        Path up = upper.resolve("d");
        Files.writeString(up.resolve("changed-whole"), "bbbb");
        Files.writeString(up.resolve("changed-nanos"), "bbbb");
        for (Path root : List.of(dir, up)) {
            mtime(root.resolve("same-whole"), WHOLE_SECOND);
            mtime(root.resolve("changed-whole"), WHOLE_SECOND);
            mtime(root.resolve("changed-nanos"), WITH_NANOS);
            mtime(root.resolve("touched"), WHOLE_SECOND);
            mtime(root, WHOLE_SECOND);
        }
        mtime(up.resolve("touched"), WHOLE_SECOND.plusSeconds(1));

        // when
        List<TarListing.Entry> entries = diff();

        // then: a nanosecond mtime is trusted; a whole-second one is checked against the content
        assertThat(TarListing.names(entries)).containsExactly("d/", "d/changed-whole", "d/touched");
    }

    @Test
    void seesChangedXattrs() {
        // given
        lower = tmp.resolve("lower");
        Path file = file(lower.resolve("f"), "x");
        Syscalls.linux().lsetxattr(file, "user.tag", "one".getBytes(StandardCharsets.UTF_8), 0);
        Syscalls.linux().lsetxattr(file, "user.overlay.origin", new byte[] {1}, 0);
        file(lower.resolve("g"), "y");
        copyLowerToUpper();

        // when: one xattr changes, overlay's own is not compared
        Syscalls.linux().lsetxattr(upper.resolve("f"), "user.tag", "two".getBytes(StandardCharsets.UTF_8), 0);
        Syscalls.linux().lsetxattr(upper.resolve("g"), "user.overlay.origin", new byte[] {2}, 0);
        List<TarListing.Entry> entries = diff();

        // then
        assertThat(TarListing.names(entries)).containsExactly("f");
        assertThat(entries.get(0).xattr("user.tag")).isEqualTo("two");
        assertThat(entries.get(0).pax()).doesNotContainKey("SCHILY.xattr.user.overlay.origin");
    }

    @Test
    void writesANewLinkToAnUnchangedFileAsAFile() throws IOException {
        // given
        lower = tmp.resolve("lower");
        file(lower.resolve("z/original"), "content");
        copyLowerToUpper();

        // when
        Files.createLink(upper.resolve("link"), upper.resolve("z/original"));
        List<TarListing.Entry> entries = diff();

        // then: the first path is not in the layer, so the link carries the content
        assertThat(TarListing.names(entries)).containsExactly("link");
        assertThat(entries.get(0).type()).isEqualTo('0');
        assertThat(new String(entries.get(0).content(), StandardCharsets.UTF_8)).isEqualTo("content");
    }

    @Test
    void whitesOutEachChildOfADirectoryThatKeptSome() throws IOException {
        // given
        lower = tmp.resolve("lower");
        file(lower.resolve("d/keep"), "k");
        file(lower.resolve("d/gone1"), "1");
        file(lower.resolve("d/gone2"), "2");
        copyLowerToUpper();

        // when
        Files.delete(upper.resolve("d/gone1"));
        Files.delete(upper.resolve("d/gone2"));
        List<TarListing.Entry> entries = diff();

        // then
        assertThat(TarListing.names(entries)).containsExactly("d/", "d/.wh.gone1", "d/.wh.gone2");
    }

    private static void delete(Path path) throws IOException {
        try (var paths = Files.walk(path)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
