package dev.stevedore.layerstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.stevedore.posix.AtFlags;
import dev.stevedore.posix.Fd;
import dev.stevedore.posix.ModeBits;
import dev.stevedore.posix.Syscalls;
import dev.stevedore.testing.Preconditions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One crafted layer per attack. After every test, nothing outside the target may have changed:
 * a sibling directory {@code outside} (with a file, a directory and a symbolic link) and the
 * temp directory holding both are compared, every path's type, mode, owner, size, link count,
 * times, content and attributes, with their state before.
 */
class LayerApplierAttackTest {
    private final Syscalls sys = Syscalls.linux();

    @TempDir
    Path tmp;
    Path target;
    Path outside;
    Path secret;
    private Map<String, String> before;

    @BeforeEach
    void makeTargetAndOutside() throws IOException {
        target = Files.createDirectory(tmp.resolve("target"));
        outside = Files.createDirectory(tmp.resolve("outside"));
        secret = Files.writeString(outside.resolve("secret.txt"), "secret");
        Files.createDirectory(outside.resolve("sub"));
        Files.writeString(outside.resolve("sub/file"), "sub file");
        Files.createSymbolicLink(outside.resolve("link"), Path.of("secret.txt"));
        before = outsideState();
    }

    @AfterEach
    void nothingOutsideChanged() {
        assertThat(outsideState()).isEqualTo(before);
    }

    private Map<String, String> outsideState() {
        Map<String, String> state = new TreeMap<>(ApplyDirectoryState.of(tmp));
        state.keySet().removeIf(p -> p.equals("target") || p.startsWith("target/"));
        return state;
    }

    private ApplyResult apply(ApplyMode mode, byte[] layer) {
        return apply(ApplyOptions.of(mode), layer);
    }

    private ApplyResult apply(ApplyOptions options, byte[] layer) {
        return LayerApplier.of(options).apply(new ByteArrayInputStream(layer), target);
    }

    private static ApplyRefusedException.Reason reason(Throwable t) {
        assertThat(t).isInstanceOf(ApplyRefusedException.class);
        return ((ApplyRefusedException) t).reason();
    }

    // ---- names -------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"../outside/pwned", "a/../../outside/pwned", "./../outside/pwned", "a/b/../../../x",
            "..", "../..", "a/.."})
    void refusesNamesWithDotDot(String name) {
        byte[] layer = new ApplyTarBuilder().file(name, "pwned").tar();
        Throwable t = catchThrowable(() -> apply(ApplyMode.IN_PLACE, layer));
        assertThat(reason(t)).isEqualTo(ApplyRefusedException.Reason.PATH_ESCAPE);
        assertThat(((ApplyException) t).entry()).isEqualTo(name);
        assertThat(t).hasMessageContaining("\"" + name + "\"");
    }

    @ParameterizedTest
    @EnumSource(ApplyMode.class)
    void takesAbsoluteNamesRelativeToTheTarget(ApplyMode mode) {
        String name = outside.resolve("pwned").toString();
        apply(mode, new ApplyTarBuilder().file(name, "pwned").file("/etc/passwd", "root").tar());
        assertThat(target.resolve(name.substring(1))).hasContent("pwned");
        assertThat(target.resolve("etc/passwd")).hasContent("root");
    }

    // ---- symbolic links on the way -----------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"ABSOLUTE_OUTSIDE", "../outside", "../../../../../../../../outside", "/..",
            "../../../../../../../.."})
    void neverWritesThroughASymlinkOfTheSameLayer(String link) throws IOException {
        String linkTarget = link.equals("ABSOLUTE_OUTSIDE") ? outside.toString() : link;
        byte[] layer = new ApplyTarBuilder().symlink("evil", linkTarget).file("evil/pwned", "pwned")
                .file("evil/sub/file", "pwned").tar();
        for (ApplyMode mode : ApplyMode.values()) {
            Throwable t = catchThrowable(() -> apply(mode, layer));
            if (t == null) {
                // the link resolved inside the target, as it would in a container
                assertThat(Files.readString(resolveInTarget(linkTarget).resolve("pwned"))).isEqualTo("pwned");
            } else {
                assertThat(t).isInstanceOf(ApplyException.class).hasMessageContaining("evil/pwned");
            }
        }
    }

    private Path resolveInTarget(String linkTarget) {
        Path p = target;
        for (String part : linkTarget.split("/")) {
            if (part.equals("..")) {
                p = p.equals(target) ? target : p.getParent();
            } else if (!part.isEmpty() && !part.equals(".")) {
                p = p.resolve(part);
            }
        }
        return p;
    }

    @ParameterizedTest
    @EnumSource(ApplyMode.class)
    void neverWritesThroughASymlinkAlreadyInTheTree(ApplyMode mode) throws IOException {
        Files.createSymbolicLink(target.resolve("evil"), outside);
        Files.createSymbolicLink(target.resolve("rel"), Path.of("../outside"));
        byte[] layer = new ApplyTarBuilder().file("evil/pwned", "pwned").file("evil/secret.txt", "pwned")
                .tar();
        assertThatThrownBy(() -> apply(mode, layer)).isInstanceOf(ApplyException.class);
        byte[] relative = new ApplyTarBuilder().file("rel/secret.txt", "pwned").tar();
        assertThatThrownBy(() -> apply(mode, relative)).isInstanceOf(ApplyException.class)
                .hasMessageContaining("rel/secret.txt");
    }

    @ParameterizedTest
    @EnumSource(ApplyMode.class)
    void resolvesSymlinksOnTheWayInsideTheTree(ApplyMode mode) throws IOException {
        // merged /usr: lib -> usr/lib from a lower layer; writing lib/x lands in usr/lib/x
        Files.createDirectories(target.resolve("usr/lib"));
        Files.createSymbolicLink(target.resolve("lib"), Path.of("/usr/lib"));
        apply(mode, new ApplyTarBuilder().file("lib/libx.so", "x").tar());
        assertThat(target.resolve("usr/lib/libx.so")).hasContent("x");
    }

    @ParameterizedTest
    @EnumSource(ApplyMode.class)
    void replacesASymlinkOfTheSameLayerInsteadOfWritingThroughIt(ApplyMode mode) throws IOException {
        apply(mode, new ApplyTarBuilder().symlink("victim", secret.toString()).file("victim", "pwned")
                .symlink("dir", outside.toString()).dir("dir").file("dir/x", "inside").tar());
        assertThat(Files.isSymbolicLink(target.resolve("victim"))).isFalse();
        assertThat(target.resolve("victim")).hasContent("pwned");
        assertThat(Files.isDirectory(target.resolve("dir"), LinkOption.NOFOLLOW_LINKS)).isTrue();
        assertThat(target.resolve("dir/x")).hasContent("inside");
    }

    @Test
    void replacesALowerLayersSymlinkInsteadOfWritingThroughIt() throws IOException {
        Files.createDirectory(target.resolve("etc"));
        Files.createSymbolicLink(target.resolve("etc/passwd"), secret);
        Files.createSymbolicLink(target.resolve("etc/dir"), outside.resolve("sub"));
        apply(ApplyMode.IN_PLACE, new ApplyTarBuilder().file("etc/passwd", "root:x:0:0").dir("etc/dir", 0777, e -> {
        }).tar());
        assertThat(Files.isSymbolicLink(target.resolve("etc/passwd"))).isFalse();
        assertThat(target.resolve("etc/passwd")).hasContent("root:x:0:0");
        assertThat(Files.isDirectory(target.resolve("etc/dir"), LinkOption.NOFOLLOW_LINKS)).isTrue();
    }

    @Test
    void neverWritesIntoAnInodeHardLinkedFromOutside() throws IOException {
        Files.createLink(target.resolve("shared"), secret); // a lower layer's hard link to an outside file
        String secretBefore = ApplyDirectoryState.describe(sys, secret);
        apply(ApplyMode.IN_PLACE, new ApplyTarBuilder().file("shared", "pwned").tar());
        assertThat(target.resolve("shared")).hasContent("pwned");
        // the outside inode keeps content and mtime; only its link count and ctime moved (the unlink)
        String secretAfter = ApplyDirectoryState.describe(sys, secret);
        assertThat(secretAfter.replaceAll(" links=\\d+| ctime=\\S+", ""))
                .isEqualTo(secretBefore.replaceAll(" links=\\d+| ctime=\\S+", ""));
        before = outsideState();
    }

    @ParameterizedTest
    @EnumSource(ApplyMode.class)
    void neverChangesModeOwnerOrTimesThroughASymlink(ApplyMode mode) {
        // CVE-2021-32760: metadata of a symlink entry applied to what it points at
        byte[] layer = new ApplyTarBuilder()
                .symlink("link", secret.toString(), e -> {
                    e.setMode(0120777);
                    e.setUserId(4242);
                    e.setGroupId(4242);
                })
                .symlink("dirlink", outside.toString(), e -> e.setUserId(4242))
                .symlink("rel", "../outside/secret.txt")
                .tar();
        apply(mode, layer);
        assertThat(sys.fstatat(Fd.cwd(), target.resolve("link"), AtFlags.AT_SYMLINK_NOFOLLOW).uid()).isEqualTo(4242);
        assertThat(sys.fstatat(Fd.cwd(), target.resolve("link"), AtFlags.AT_SYMLINK_NOFOLLOW).mtime())
                .isEqualTo(ApplyTarBuilder.MTIME);
    }

    @Test
    void neverChmodsThroughALowerSymlinkForADirectoryEntry() throws IOException {
        Files.createSymbolicLink(target.resolve("d"), outside);
        apply(ApplyMode.IN_PLACE, new ApplyTarBuilder().dir("d", 0777, e -> e.setUserId(4242)).tar());
        assertThat(Files.isDirectory(target.resolve("d"), LinkOption.NOFOLLOW_LINKS)).isTrue();
    }

    @ParameterizedTest
    @EnumSource(ApplyMode.class)
    void symlinkLoopsFailCleanly(ApplyMode mode) {
        byte[] layer = new ApplyTarBuilder().symlink("a", "b").symlink("b", "a").file("a/x", "x").tar();
        assertThatThrownBy(() -> apply(mode, layer)).isInstanceOf(ApplyException.class).hasMessageContaining("a/x");
    }

    @ParameterizedTest
    @EnumSource(ApplyMode.class)
    void aDirectoryReplacedByASymlinkIsNotWrittenThrough(ApplyMode mode) {
        byte[] layer = new ApplyTarBuilder().dir("d").file("d/keep", "k").symlink("d", outside.toString())
                .file("d/pwned", "pwned").tar();
        assertThatThrownBy(() -> apply(mode, layer)).isInstanceOf(ApplyException.class)
                .hasMessageContaining("d/pwned");
    }

    // ---- hard links --------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"../outside/secret.txt", "a/../../outside/secret.txt", "..", ""})
    void refusesHardLinksOutOfTheTree(String link) {
        byte[] layer = new ApplyTarBuilder().hardlink("h", link).tar();
        for (ApplyMode mode : ApplyMode.values()) {
            assertThat(reason(catchThrowable(() -> apply(mode, layer))))
                    .isEqualTo(ApplyRefusedException.Reason.PATH_ESCAPE);
        }
    }

    @ParameterizedTest
    @EnumSource(ApplyMode.class)
    void resolvesAbsoluteHardLinkTargetsInsideTheTree(ApplyMode mode) {
        byte[] layer = new ApplyTarBuilder().hardlink("h", secret.toString()).tar();
        assertThatThrownBy(() -> apply(mode, layer)).isInstanceOf(ApplyException.class)
                .hasMessageContaining("does not exist");
        byte[] inside = new ApplyTarBuilder().file("etc/passwd", "root").hardlink("h", "/etc/passwd").tar();
        apply(mode, inside);
        assertThat(target.resolve("h")).hasContent("root");
    }

    @ParameterizedTest
    @EnumSource(ApplyMode.class)
    void neverHardLinksThroughASymlink(ApplyMode mode) {
        byte[] layer = new ApplyTarBuilder().symlink("s", outside.toString()).hardlink("h", "s/secret.txt").tar();
        assertThatThrownBy(() -> apply(mode, layer)).isInstanceOf(ApplyException.class);
    }

    @ParameterizedTest
    @EnumSource(ApplyMode.class)
    void aHardLinkToASymlinkLinksTheSymlinkAndIsReplacedNotFollowed(ApplyMode mode) {
        apply(mode, new ApplyTarBuilder().symlink("s", secret.toString()).hardlink("h", "s").file("h", "pwned")
                .tar());
        assertThat(target.resolve("h")).hasContent("pwned");
        assertThat(Files.isSymbolicLink(target.resolve("s"))).isTrue();
    }

    @Test
    void refusesHardLinksToAnOverlayWhiteout() {
        Preconditions.requiresRoot();
        byte[] layer = new ApplyTarBuilder().whiteout("gone").hardlink("copy", "gone").tar();
        assertThat(reason(catchThrowable(() -> apply(ApplyMode.OVERLAY, layer))))
                .isEqualTo(ApplyRefusedException.Reason.LINK_TO_WHITEOUT);
    }

    // ---- whiteouts ---------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {".wh..", ".wh...", ".wh.", "sub/.wh..", "sub/.wh...", "sub/.wh."})
    void refusesWhiteoutsOfDotDotDotOrTheirOwnDirectory(String name) throws IOException {
        Files.createDirectories(target.resolve("sub/keep"));
        byte[] layer = new ApplyTarBuilder().file(name, "").tar();
        for (ApplyMode mode : ApplyMode.values()) {
            assertThat(reason(catchThrowable(() -> apply(mode, layer))))
                    .isEqualTo(ApplyRefusedException.Reason.BAD_WHITEOUT);
        }
        assertThat(target.resolve("sub/keep")).isDirectory();
    }

    @Test
    void refusesWhiteoutsAboveTheRoot() {
        byte[] layer = new ApplyTarBuilder().file("../.wh.outside", "").file("/../.wh.outside", "").tar();
        assertThat(reason(catchThrowable(() -> apply(ApplyMode.IN_PLACE, layer))))
                .isEqualTo(ApplyRefusedException.Reason.PATH_ESCAPE);
    }

    @Test
    void whiteoutsThroughASymlinkStayInside() throws IOException {
        Files.createSymbolicLink(target.resolve("evil"), outside);
        Files.createSymbolicLink(target.resolve("rel"), Path.of("../outside"));
        apply(ApplyMode.IN_PLACE, new ApplyTarBuilder().whiteout("evil/secret.txt").whiteout("rel/sub")
                .opaque("evil").opaque("rel").whiteout(outside.resolve("secret.txt").toString()).tar());
        assertThat(Files.isSymbolicLink(target.resolve("evil"))).isTrue();
    }

    @Test
    void whiteoutOfASymlinkRemovesTheLinkNotItsTarget() throws IOException {
        Files.createSymbolicLink(target.resolve("link"), secret);
        Files.createSymbolicLink(target.resolve("dirlink"), outside);
        apply(ApplyMode.IN_PLACE, new ApplyTarBuilder().whiteout("link").whiteout("dirlink").tar());
        assertThat(target.resolve("link")).doesNotExist();
        assertThat(Files.exists(target.resolve("dirlink"), LinkOption.NOFOLLOW_LINKS)).isFalse();
    }

    @ParameterizedTest
    @EnumSource(ApplyMode.class)
    void refusesAWhiteoutDeviceFromTheTar(ApplyMode mode) {
        byte[] layer = new ApplyTarBuilder().charDevice("gone", 0, 0).tar();
        assertThat(reason(catchThrowable(() -> apply(ApplyOptions.of(mode).withDevices(ApplyDevices.CREATE),
                layer)))).isEqualTo(ApplyRefusedException.Reason.WHITEOUT_DEVICE);
        assertThat(target.resolve("gone")).doesNotExist();
    }

    // ---- attributes, devices, modes ----------------------------------------------------------

    @ParameterizedTest
    @EnumSource(ApplyMode.class)
    void dropsTrustedXattrsButKeepsOthers(ApplyMode mode) {
        Preconditions.requiresRoot();
        byte[] capability = {1, 0, 0, 2, 0, 0x20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        Map<String, byte[]> records = ApplyTarBuilder.records("SCHILY.xattr.trusted.overlay.opaque", "y",
                "SCHILY.xattr.trusted.overlay.redirect", "/etc", "SCHILY.xattr.user.note", "kept");
        records.put("SCHILY.xattr.security.capability", capability);
        byte[] layer = new ApplyTarBuilder()
                .pax(ApplyTarBuilder.records("SCHILY.xattr.trusted.overlay.opaque", "y")).dir("opaque")
                .file("opaque/x", "x")
                .pax(records).file("bin/ping", "ELF".getBytes(StandardCharsets.US_ASCII), 0755, e -> { })
                .tar();
        ApplyResult result = apply(mode, layer);
        Path ping = target.resolve("bin/ping");
        assertThat(sys.llistxattr(ping)).noneMatch(n -> n.startsWith("trusted."));
        assertThat(sys.lgetxattr(ping, "user.note")).hasValueSatisfying(v ->
                assertThat(new String(v, StandardCharsets.UTF_8)).isEqualTo("kept"));
        assertThat(sys.lgetxattr(ping, "security.capability")).hasValueSatisfying(v ->
                assertThat(v).isEqualTo(capability));
        assertThat(sys.llistxattr(target.resolve("opaque"))).noneMatch(n -> n.startsWith("trusted."));
        assertThat(result.droppedXattrs()).isEqualTo(3);
    }

    @ParameterizedTest
    @EnumSource(ApplyMode.class)
    void devicesFollowThePolicy(ApplyMode mode) {
        byte[] layer = new ApplyTarBuilder().charDevice("dev/null", 1, 3).blockDevice("dev/loop9", 7, 9).tar();
        ApplyOptions options = ApplyOptions.of(mode);
        assertThat(reason(catchThrowable(() -> apply(options.withDevices(ApplyDevices.REFUSE), layer))))
                .isEqualTo(ApplyRefusedException.Reason.DEVICE_NOT_ALLOWED);
        assertThat(target.resolve("dev/null")).doesNotExist();

        apply(options.withDevices(ApplyDevices.SKIP), layer);
        assertThat(Files.exists(target.resolve("dev/null"), LinkOption.NOFOLLOW_LINKS)).isFalse();

        Preconditions.requiresRoot();
        apply(options.withDevices(ApplyDevices.CREATE), layer);
        assertThat(sys.fstatat(Fd.cwd(), target.resolve("dev/null"), AtFlags.AT_SYMLINK_NOFOLLOW).type())
                .isEqualTo(ModeBits.S_IFCHR);
        assertThat(sys.fstatat(Fd.cwd(), target.resolve("dev/loop9"), AtFlags.AT_SYMLINK_NOFOLLOW).type())
                .isEqualTo(ModeBits.S_IFBLK);
    }

    @ParameterizedTest
    @EnumSource(ApplyMode.class)
    void devicesThroughASymlinkStayInside(ApplyMode mode) {
        byte[] layer = new ApplyTarBuilder().symlink("d", outside.toString()).charDevice("d/null", 1, 3)
                .fifo("d/fifo").tar();
        assertThatThrownBy(() -> apply(ApplyOptions.of(mode).withDevices(ApplyDevices.CREATE), layer))
                .isInstanceOf(ApplyException.class);
    }

    @ParameterizedTest
    @EnumSource(ApplyMode.class)
    void keepsSetuidOnlyAsConfigured(ApplyMode mode) throws IOException {
        byte[] layer = new ApplyTarBuilder().file("su", "x".getBytes(StandardCharsets.UTF_8), 04755, e -> { })
                .file("wall", "y".getBytes(StandardCharsets.UTF_8), 02755, e -> e.setGroupId(5))
                .dir("shared", 02775, e -> { }).tar();
        apply(mode, layer);
        assertThat(permissions("su")).isEqualTo(04755);
        assertThat(permissions("wall")).isEqualTo(02755);

        Path second = Files.createDirectory(tmp.resolve("target/stripped"));
        LayerApplier.of(ApplyOptions.of(mode).withKeepSetuid(false)).apply(new ByteArrayInputStream(layer), second);
        assertThat(permissions("stripped/su")).isEqualTo(0755);
        assertThat(permissions("stripped/wall")).isEqualTo(0755);
        assertThat(permissions("stripped/shared")).isEqualTo(02775);
    }

    private int permissions(String path) {
        return sys.fstatat(Fd.cwd(), target.resolve(path), AtFlags.AT_SYMLINK_NOFOLLOW).permissions();
    }

    // ---- malformed and oversized -------------------------------------------------------------

    @Test
    void capsExtendedHeaders() {
        byte[] pax = new ApplyTarBuilder().pax(ApplyTarBuilder.records("comment", "x".repeat(2 << 20)))
                .file("f", "f").tar();
        assertThatThrownBy(() -> apply(ApplyMode.IN_PLACE, pax)).isInstanceOf(ApplyLimitException.class)
                .hasMessageContaining("maxHeaderSize");
        byte[] longName = new ApplyTarBuilder(TarArchiveOutputStream.LONGFILE_GNU).file("n".repeat(5000), "f")
                .tar();
        ApplyOptions small = ApplyOptions.of(ApplyMode.IN_PLACE)
                .withLimits(ApplyLimits.defaults().withMaxHeaderSize(4096));
        assertThatThrownBy(() -> apply(small, longName)).isInstanceOf(ApplyLimitException.class)
                .hasMessageContaining("maxHeaderSize");
    }

    @Test
    void capsNameLength() {
        String name = "d/".repeat(2100) + "f";
        byte[] layer = new ApplyTarBuilder().file(name, "f").tar();
        assertThatThrownBy(() -> apply(ApplyMode.IN_PLACE, layer)).isInstanceOf(ApplyLimitException.class)
                .hasMessageContaining("maxPathLength").hasMessageContaining(name.substring(0, 40));
    }

    @Test
    void capsEntryCountNamingTheEntry() {
        ApplyTarBuilder b = new ApplyTarBuilder();
        for (int i = 0; i < 11; i++) {
            b.file("f" + i, "x");
        }
        ApplyOptions options = ApplyOptions.of(ApplyMode.IN_PLACE).withLimits(ApplyLimits.defaults().withMaxEntries(10));
        assertThatThrownBy(() -> apply(options, b.tar())).isInstanceOf(ApplyLimitException.class)
                .hasMessageContaining("\"f10\"").hasMessageContaining("maxEntries = 10");
        assertThat(target.resolve("f10")).doesNotExist();
    }

    @Test
    void capsEntrySizeBeforeWritingIt() {
        byte[] layer = new ApplyTarBuilder().file("big", new byte[3 << 20], 0644, e -> { }).tar();
        ApplyOptions options = ApplyOptions.of(ApplyMode.IN_PLACE)
                .withLimits(ApplyLimits.defaults().withMaxEntrySize(1 << 20));
        assertThatThrownBy(() -> apply(options, layer)).isInstanceOf(ApplyLimitException.class)
                .hasMessageContaining("\"big\"").hasMessageContaining("maxEntrySize");
        assertThat(target.resolve("big")).doesNotExist();
    }

    @Test
    void capsTheUncompressedSize() {
        // a small gzip that inflates far: a zip bomb in miniature
        byte[] layer = ApplyTarBuilder.gzip(new ApplyTarBuilder().file("zeros", new byte[8 << 20], 0644, e -> { })
                .tar());
        assertThat(layer.length).isLessThan(64 << 10);
        ApplyOptions options = ApplyOptions.of(ApplyMode.IN_PLACE)
                .withLimits(ApplyLimits.defaults().withMaxTotalSize(2 << 20));
        assertThatThrownBy(() -> apply(options, layer)).isInstanceOf(ApplyLimitException.class)
                .hasMessageContaining("maxTotalSize");
    }

    @Test
    void refusesHeadersWithABadChecksum() {
        byte[] layer = new ApplyTarBuilder().file("a", "a").file("b", "b").tar();
        layer[512 * 2 + 10] ^= 1; // the second header's name
        assertThatThrownBy(() -> apply(ApplyMode.IN_PLACE, layer)).isInstanceOf(ApplyFormatException.class)
                .hasMessageContaining("checksum").hasMessageContaining("after a");
    }

    @ParameterizedTest
    @ValueSource(strings = {"12345678xyz", "-0000000001", "\u00ff\u00ff\u00ff\u00ff\u00ff\u00ff\u00ff\u00ff\u00ff\u00ff\u00ff\u00ff"})
    void refusesMalformedSizeFields(String size) {
        byte[] layer = new ApplyTarBuilder().file("a", "a").tar();
        byte[] field = size.getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(field, 0, layer, 124, Math.min(12, field.length));
        fixChecksum(layer, 0);
        assertThatThrownBy(() -> apply(ApplyMode.IN_PLACE, layer)).isInstanceOf(ApplyFormatException.class)
                .hasMessageContaining("size");
    }

    @Test
    void refusesUnknownEntryTypesAndSparseFiles() {
        for (char type : new char[] {'S', 'M', 'V', 'N', 'Z'}) {
            byte[] layer = new ApplyTarBuilder().file("odd", "x").tar();
            layer[156] = (byte) type;
            fixChecksum(layer, 0);
            assertThatThrownBy(() -> apply(ApplyMode.IN_PLACE, layer)).isInstanceOf(ApplyFormatException.class)
                    .hasMessageContaining("odd");
        }
    }

    @Test
    void refusesNamesThatAreNotUtf8() {
        byte[] layer = new ApplyTarBuilder().file("abc", "x").tar();
        layer[1] = (byte) 0xff;
        fixChecksum(layer, 0);
        assertThatThrownBy(() -> apply(ApplyMode.IN_PLACE, layer)).isInstanceOf(ApplyFormatException.class)
                .hasMessageContaining("UTF-8");
    }

    @ParameterizedTest
    @ValueSource(strings = {"99 path=x\n", "5 pa", "abc path=x\n", "8 pathx\n", "11 mtime=x\n", "10 uid=-1\n",
            "3 \n", "20 GNU.sparse.map=0\n"})
    void refusesMalformedPaxRecords(String record) {
        byte[] layer = new ApplyTarBuilder().paxRaw(record.getBytes(StandardCharsets.US_ASCII)).file("f", "f").tar();
        assertThatThrownBy(() -> apply(ApplyMode.IN_PLACE, layer)).isInstanceOf(ApplyFormatException.class)
                .hasMessageContaining("PAX");
    }

    @ParameterizedTest
    @ValueSource(ints = {100, 600, 1000, 1500})
    void refusesTruncatedTars(int cut) {
        byte[] layer = new ApplyTarBuilder().file("a", "x".repeat(1000)).file("b", "y").tar();
        byte[] truncated = Arrays.copyOf(layer, cut);
        assertThatThrownBy(() -> apply(ApplyMode.IN_PLACE, truncated)).isInstanceOf(ApplyFormatException.class)
                .hasMessageContaining("ends inside");
    }

    @Test
    void refusesTruncatedCompressedStreams() {
        byte[] tar = new ApplyTarBuilder().file("a", new byte[100_000], 0644, e -> { }).tar();
        for (byte[] compressed : new byte[][] {ApplyTarBuilder.gzip(tar), ApplyTarBuilder.zstd(tar)}) {
            byte[] truncated = Arrays.copyOf(compressed, compressed.length - 10);
            assertThatThrownBy(() -> apply(ApplyMode.IN_PLACE, truncated)).isInstanceOf(ApplyFormatException.class);
        }
    }

    @Test
    void refusesGarbageAndOtherCompressions() {
        byte[] garbage = "this is not a tar archive at all".repeat(40).getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> apply(ApplyMode.IN_PLACE, garbage)).isInstanceOf(ApplyFormatException.class)
                .hasMessageContaining("checksum");
        byte[] xz = {(byte) 0xfd, '7', 'z', 'X', 'Z', 0, 0, 0};
        assertThatThrownBy(() -> apply(ApplyMode.IN_PLACE, xz)).isInstanceOf(ApplyFormatException.class)
                .hasMessageContaining("xz");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", ".", "./", "//./"})
    void refusesARootEntryThatIsNotADirectory(String name) {
        byte[] layer = new ApplyTarBuilder().symlink(name, outside.toString()).tar();
        assertThat(reason(catchThrowable(() -> apply(ApplyMode.IN_PLACE, layer))))
                .isEqualTo(ApplyRefusedException.Reason.PATH_ESCAPE);
    }

    static void fixChecksum(byte[] tar, int offset) {
        Arrays.fill(tar, offset + 148, offset + 156, (byte) ' ');
        long sum = 0;
        for (int i = 0; i < 512; i++) {
            sum += tar[offset + i] & 0xff;
        }
        byte[] text = String.format("%06o\0 ", sum).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(text, 0, tar, offset + 148, 8);
    }
}
