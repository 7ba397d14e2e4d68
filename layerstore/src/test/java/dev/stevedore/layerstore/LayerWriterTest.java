package dev.stevedore.layerstore;

import static dev.stevedore.layerstore.TarTestFiles.dir;
import static dev.stevedore.layerstore.TarTestFiles.file;
import static dev.stevedore.layerstore.TarTestFiles.mode;
import static dev.stevedore.layerstore.TarTestFiles.mtime;
import static dev.stevedore.layerstore.TarTestFiles.owner;
import static dev.stevedore.layerstore.TarTestFiles.symlink;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stevedore.oci.Compression;
import dev.stevedore.oci.Digest;
import dev.stevedore.oci.MediaType;
import dev.stevedore.posix.Devices;
import dev.stevedore.posix.Fd;
import dev.stevedore.posix.ModeBits;
import dev.stevedore.posix.OpenFlags;
import dev.stevedore.posix.Syscalls;
import dev.stevedore.testing.Preconditions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayerWriterTest {
    private static final Syscalls SYS = Syscalls.linux();
    private static final LayerWriter PLAIN = LayerWriter.builder().compression(Compression.NONE).build();

    @TempDir
    Path tmp;

    private List<TarListing.Entry> layer(LayerWriter writer, Path dir) {
        return TarListing.parse(TarListing.bytes(writer, dir, LayerSource.tree()));
    }

    @Test
    void sortsEntriesByPathBytesWithParentsFirst() {
        // given: created in an order unrelated to the expected one
        Path root = tmp.resolve("root");
        file(root.resolve("b"), "b");
        file(root.resolve("a/z"), "z");
        file(root.resolve("a-b"), "a-b");
        file(root.resolve("\u00e9"), "e acute");
        file(root.resolve("a/b/c"), "c");
        file(root.resolve(".hidden"), "h");
        file(root.resolve("A"), "A");

        // when
        List<TarListing.Entry> entries = layer(PLAIN, root);

        // then: depth first, byte order per directory ('/' before any other byte)
        assertThat(TarListing.names(entries)).containsExactly(
                ".hidden", "A", "a/", "a/b/", "a/b/c", "a/z", "a-b", "b", "\u00e9");
        assertThat(TarListing.entry(entries, "\u00e9").pax()).containsKey("path");
        assertThat(TarListing.entry(entries, "a/b/c").pax()).isEmpty();
    }

    @Test
    void writesLongNamesAsPaxPathRecordsThatOtherReadersUnderstand() throws IOException {
        // given: a 150-character name
        Path root = tmp.resolve("root");
        String longName = "n".repeat(140) + "-123456789";
        file(root.resolve(longName), "long");

        // when
        byte[] tar = TarListing.bytes(PLAIN, root, LayerSource.tree());

        // then
        TarListing.Entry entry = TarListing.parse(tar).get(0);
        assertThat(entry.name()).isEqualTo(longName);
        assertThat(new String(entry.pax().get("path"), StandardCharsets.UTF_8)).isEqualTo(longName);
        assertThat(entry.ustarName()).isEqualTo(longName.substring(0, 100));
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
            TarArchiveEntry read = in.getNextEntry();
            assertThat(read.getName()).isEqualTo(longName);
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("long");
        }
        Path file = Files.write(tmp.resolve("layer.tar"), tar);
        assertThat(TarTestFiles.run(List.of("tar", "-tf", file.toString()), null)).isEqualTo(longName + "\n");
    }

    @Test
    void keepsSymlinkTargetsVerbatimAndNeverFollowsThem() {
        // given: links that go nowhere, out of the tree, or to a directory with content elsewhere
        Path outside = dir(tmp.resolve("outside"));
        file(outside.resolve("secret"), "not in the layer");
        Path root = tmp.resolve("root");
        dir(root);
        symlink(root.resolve("dangling"), "no/such//file/");
        symlink(root.resolve("escape"), outside.toString());
        symlink(root.resolve("up"), "../outside");
        String longTarget = "t".repeat(120);
        symlink(root.resolve("long"), longTarget);

        // when
        List<TarListing.Entry> entries = layer(PLAIN, root);

        // then
        String me = ownerOf(root);
        assertThat(entries).extracting(TarListing.Entry::line).containsExactly(
                "2 777 " + me + " dangling -> no/such//file/",
                "2 777 " + me + " escape -> " + outside,
                "2 777 " + me + " long -> " + longTarget,
                "2 777 " + me + " up -> ../outside");
        assertThat(TarListing.entry(entries, "long").pax()).containsKey("linkpath");
    }

    @Test
    void writesLaterLinksOfAnInodeAsHardLinksToTheFirstPath() throws IOException {
        // given: one inode under three names; "a/first" sorts before the others
        Path root = tmp.resolve("root");
        Path original = file(root.resolve("z/original"), "shared content");
        dir(root.resolve("a"));
        Files.createLink(root.resolve("a/first"), original);
        Files.createLink(root.resolve("m"), original);

        // when
        List<TarListing.Entry> entries = layer(PLAIN, root);

        // then
        TarListing.Entry first = TarListing.entry(entries, "a/first");
        assertThat(first.type()).isEqualTo('0');
        assertThat(new String(first.content(), StandardCharsets.UTF_8)).isEqualTo("shared content");
        for (String name : List.of("m", "z/original")) {
            TarListing.Entry link = TarListing.entry(entries, name);
            assertThat(link.type()).isEqualTo('1');
            assertThat(link.link()).isEqualTo("a/first");
            assertThat(link.size()).isZero();
        }
    }

    @Test
    void writesFifos() {
        // given
        Path root = dir(tmp.resolve("root"));
        try (Fd dir = SYS.openat(Fd.cwd(), root, OpenFlags.O_PATH, 0)) {
            SYS.mknodat(dir, Path.of("pipe"), ModeBits.S_IFIFO | 0640, 0);
        }

        // when
        TarListing.Entry pipe = layer(PLAIN, root).get(0);

        // then
        assertThat(pipe.type()).isEqualTo('6');
        assertThat(pipe.mode()).isEqualTo(0640);
        assertThat(pipe.size()).isZero();
    }

    @Test
    void writesDeviceNodes() {
        Preconditions.requiresRoot();
        // given
        Path root = dir(tmp.resolve("root"));
        try (Fd dir = SYS.openat(Fd.cwd(), root, OpenFlags.O_PATH, 0)) {
            SYS.mknodat(dir, Path.of("null"), ModeBits.S_IFCHR | 0666, Devices.makedev(1, 3));
            SYS.mknodat(dir, Path.of("loop"), ModeBits.S_IFBLK | 0660, Devices.makedev(7, 300));
        }
        mode(root.resolve("null"), 0666); // past the umask
        mode(root.resolve("loop"), 0660);

        // when
        List<TarListing.Entry> entries = layer(PLAIN, root);

        // then
        TarListing.Entry loop = TarListing.entry(entries, "loop");
        assertThat(loop.type()).isEqualTo('4');
        assertThat(List.of(loop.devMajor(), loop.devMinor(), loop.mode())).containsExactly(7, 300, 0660);
        TarListing.Entry devNull = TarListing.entry(entries, "null");
        assertThat(devNull.type()).isEqualTo('3');
        assertThat(List.of(devNull.devMajor(), devNull.devMinor(), devNull.mode())).containsExactly(1, 3, 0666);
    }

    @Test
    void keepsOwnersAndModesOrMapsThem() {
        Preconditions.requiresRoot();
        // given
        Path root = tmp.resolve("root");
        Path tool = file(root.resolve("bin/tool"), "#!/bin/sh\n");
        owner(tool, 1000, 1001); // before the mode: chown clears set-user-id
        mode(tool, 04755);
        Path shared = dir(root.resolve("shared"));
        owner(shared, 70000, 3000000);
        mode(shared, 01777);

        // when
        List<TarListing.Entry> kept = layer(PLAIN, root);
        List<TarListing.Entry> remapped = layer(LayerWriter.builder().compression(Compression.NONE)
                .ownership(TarOwnership.remap(uid -> uid == 0 ? 0 : uid + 100000, gid -> gid + 7)).build(), root);
        List<TarListing.Entry> rooted = layer(LayerWriter.builder().compression(Compression.NONE)
                .ownership(TarOwnership.root()).build(), root);

        // then
        assertThat(kept).extracting(TarListing.Entry::line)
                .containsExactly("5 755 0:0 bin/", "0 4755 1000:1001 bin/tool", "5 1777 70000:3000000 shared/");
        assertThat(TarListing.entry(kept, "shared/").pax()).containsOnlyKeys("gid");
        assertThat(remapped).extracting(TarListing.Entry::line)
                .containsExactly("5 755 0:7 bin/", "0 4755 101000:1008 bin/tool", "5 1777 170000:3000007 shared/");
        assertThat(rooted).extracting(TarListing.Entry::line)
                .containsExactly("5 755 0:0 bin/", "0 4755 0:0 bin/tool", "5 1777 0:0 shared/");
    }

    @Test
    void clampsMtimesLaterThanTheSourceDateEpoch() {
        // given
        Instant epoch = Instant.parse("2023-11-14T22:13:20Z");
        Path root = tmp.resolve("root");
        mtime(file(root.resolve("old"), "o"), Instant.parse("2001-02-03T04:05:06.789Z"));
        mtime(file(root.resolve("new"), "n"), Instant.parse("2030-01-01T00:00:00Z"));
        mtime(symlink(root.resolve("link"), "new"), Instant.parse("2029-01-01T00:00:00Z"));

        // when
        List<TarListing.Entry> clamped = layer(LayerWriter.builder().compression(Compression.NONE)
                .sourceDateEpoch(epoch).build(), root);
        List<TarListing.Entry> kept = layer(PLAIN, root);

        // then: later times become the epoch, earlier ones stay, always in whole seconds
        assertThat(clamped).extracting(TarListing.Entry::mtime).containsExactly(
                epoch.getEpochSecond(), epoch.getEpochSecond(), Instant.parse("2001-02-03T04:05:06Z").getEpochSecond());
        assertThat(kept).extracting(TarListing.Entry::mtime).containsExactly(
                Instant.parse("2029-01-01T00:00:00Z").getEpochSecond(),
                Instant.parse("2030-01-01T00:00:00Z").getEpochSecond(),
                Instant.parse("2001-02-03T04:05:06Z").getEpochSecond());
    }

    @Test
    void recordsUserXattrsAsPaxRecordsButNotOverlaysOwn() {
        // given: a binary value, and overlay's own attribute
        Path root = tmp.resolve("root");
        Path file = file(root.resolve("f"), "x");
        SYS.lsetxattr(file, "user.b", new byte[] {0, 1, (byte) 0xff, '\n', '='}, 0);
        SYS.lsetxattr(file, "user.a", "text".getBytes(StandardCharsets.UTF_8), 0);
        SYS.lsetxattr(file, "user.overlay.origin", new byte[] {1}, 0);

        // when
        TarListing.Entry entry = layer(PLAIN, root).get(0);

        // then: sorted keys, exact bytes
        assertThat(entry.pax()).containsOnlyKeys("SCHILY.xattr.user.a", "SCHILY.xattr.user.b");
        assertThat(entry.xattr("user.a")).isEqualTo("text");
        assertThat(entry.xattrBytes("user.b")).containsExactly(0, 1, 0xff, '\n', '=');
    }

    @Test
    void recordsSecurityCapabilitiesAndTrustedXattrsAsRoot() {
        Preconditions.requiresRoot();
        // given: cap_net_bind_service+ep (vfs_cap_data revision 2) and a trusted.* attribute
        Path root = tmp.resolve("root");
        Path binary = file(root.resolve("server"), "ELF");
        // magic 0x02000001 (VFS_CAP_REVISION_2 | VFS_CAP_FLAGS_EFFECTIVE), permitted 1 << 10, little-endian
        byte[] capability = {1, 0, 0, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        SYS.lsetxattr(binary, "security.capability", capability, 0);
        SYS.lsetxattr(binary, "trusted.note", "t".getBytes(StandardCharsets.UTF_8), 0);
        SYS.lsetxattr(binary, "trusted.overlay.opaque", "y".getBytes(StandardCharsets.UTF_8), 0);

        // when
        TarListing.Entry entry = layer(PLAIN, root).get(0);

        // then
        assertThat(entry.pax()).containsOnlyKeys("SCHILY.xattr.security.capability", "SCHILY.xattr.trusted.note");
        assertThat(entry.xattrBytes("security.capability")).isEqualTo(capability);
    }

    @Test
    void skipsSockets() throws IOException {
        // given
        Path root = dir(tmp.resolve("root"));
        file(root.resolve("z"), "z");
        try (ServerSocketChannel socket = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            socket.bind(UnixDomainSocketAddress.of(root.resolve("sock")));

            // when
            List<TarListing.Entry> entries = layer(PLAIN, root);

            // then
            assertThat(TarListing.names(entries)).containsExactly("z");
        }
    }

    @Test
    void refusesFilesNamedLikeWhiteouts() {
        // given
        Path root = tmp.resolve("root");
        file(root.resolve("etc/.wh.passwd"), "");

        // when, then
        assertThatThrownBy(() -> TarListing.bytes(PLAIN, root, LayerSource.tree()))
                .isInstanceOf(LayerWriterException.class)
                .hasMessageContaining(root.resolve("etc/.wh.passwd").toString())
                .hasMessageContaining("reserved for OCI whiteouts");
    }

    @Test
    void refusesARootThatIsNotADirectory() {
        // given
        Path notADirectory = file(tmp.resolve("file"), "x");

        // when, then
        assertThatThrownBy(() -> TarListing.bytes(PLAIN, notADirectory, LayerSource.tree()))
                .isInstanceOf(LayerWriterException.class)
                .hasMessageContaining(notADirectory.toString())
                .hasMessageContaining("not a directory");
    }

    @Test
    void writesAnEmptyTreeAsAnEmptyArchive() {
        // given
        Path root = dir(tmp.resolve("empty"));

        // when
        byte[] tar = TarListing.bytes(PLAIN, root, LayerSource.tree());

        // then
        assertThat(tar).hasSize(1024).containsOnly(0);
    }

    @Test
    void reportsDiffIdDigestAndSizes() {
        // given
        Path root = tmp.resolve("root");
        file(root.resolve("f"), "content");
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        // when
        WrittenLayer layer = PLAIN.write(root, LayerSource.tree(), out);

        // then
        assertThat(layer.diffId()).isEqualTo(Digest.of(out.toByteArray()));
        assertThat(layer.digest()).isEqualTo(layer.diffId());
        assertThat(layer.size()).isEqualTo(out.size()).isEqualTo(layer.uncompressedSize()).isEqualTo(2048);
        assertThat(layer.mediaType()).isEqualTo(MediaType.OCI_LAYER_TAR);
        assertThat(layer.descriptor().size()).isEqualTo(2048);
    }

    private static String ownerOf(Path path) {
        try {
            return Files.getAttribute(path, "unix:uid") + ":" + Files.getAttribute(path, "unix:gid");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
