package dev.stevedore.layerstore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stevedore.posix.AtFlags;
import dev.stevedore.posix.Fd;
import dev.stevedore.posix.FileStat;
import dev.stevedore.posix.ModeBits;
import dev.stevedore.posix.Syscalls;
import dev.stevedore.testing.Preconditions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The OCI whiteout rules in both modes, whiteouts before and after the layer's own entries. */
class WhiteoutsTest {
    private final Syscalls sys = Syscalls.linux();

    @TempDir
    Path tmp;
    Path root;

    @BeforeEach
    void lowerLayer() throws IOException {
        root = Files.createDirectory(tmp.resolve("root"));
        // what lower layers left, for applying in place
        for (String file : List.of("a/keep", "a/gone", "b/old", "b/olddir/x", "c/x", "d/old", "e/sub/lower",
                "f", "g/old")) {
            Files.createDirectories(root.resolve(file).getParent());
            Files.writeString(root.resolve(file), "lower " + file);
        }
    }

    private void apply(ApplyMode mode, ApplyTarBuilder layer, Path target) {
        LayerApplier.of(ApplyOptions.of(mode)).apply(new ByteArrayInputStream(layer.tar()), target);
    }

    private List<String> list(String dir) throws IOException {
        try (Stream<Path> s = Files.list(root.resolve(dir))) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    // ---- in place ----------------------------------------------------------------------------

    @Test
    void inPlaceWhiteoutsDeleteFilesAndDirectoriesOfLowerLayers() throws IOException {
        apply(ApplyMode.IN_PLACE, new ApplyTarBuilder().whiteout("a/gone").whiteout("b").whiteout("nothing/here")
                .whiteout("a/absent").file(".wh..wh.plnk", ""), root);
        assertThat(list("a")).containsExactly("keep");
        assertThat(root.resolve("b")).doesNotExist();
        assertThat(root.resolve(".wh..wh.plnk")).doesNotExist();
    }

    @Test
    void inPlaceOpaqueClearsLowerEntriesButKeepsThisLayersWhereverTheMarkerIs() throws IOException {
        apply(ApplyMode.IN_PLACE, new ApplyTarBuilder()
                .dir("b").file("b/before", "1").opaque("b").file("b/after", "2")   // marker in the middle
                .opaque("d").dir("d").file("d/new", "n")                          // marker first, as the spec advises
                .dir("e").dir("e/sub").file("e/sub/mine", "m").opaque("e"), root); // marker last
        assertThat(list("b")).containsExactly("after", "before");
        assertThat(list("d")).containsExactly("new");
        assertThat(list("e")).containsExactly("sub");
        assertThat(list("e/sub")).as("lower content under a kept directory goes too").containsExactly("mine");
        assertThat(list("a")).containsExactly("gone", "keep");
    }

    @Test
    void inPlaceWhiteoutsOnlyActOnLowerLayers() throws IOException {
        apply(ApplyMode.IN_PLACE, new ApplyTarBuilder()
                .file("f", "mine").whiteout("f")               // the layer's own file stays
                .whiteout("c").dir("c").file("c/y", "y")      // deleted below, then added by this layer
                .dir("g").file("g/new", "n").whiteout("g"), root); // own directory: lower content goes, own stays
        assertThat(root.resolve("f")).hasContent("mine");
        assertThat(list("c")).containsExactly("y");
        assertThat(list("g")).containsExactly("new");
    }

    // ---- overlay format ----------------------------------------------------------------------

    @Test
    void overlayWhiteoutsAreCharacterDevicesAndOpaqueIsAnXattr() throws IOException {
        Preconditions.requiresRoot();
        Path layer = Files.createDirectory(tmp.resolve("layer"));
        apply(ApplyMode.OVERLAY, new ApplyTarBuilder().dir("a").whiteout("a/gone").whiteout("x/y/z").opaque("b")
                .file("b/new", "n").opaque(""), layer);
        assertWhiteout(layer.resolve("a/gone"));
        assertWhiteout(layer.resolve("x/y/z"));
        assertOpaque(layer.resolve("b"));
        assertOpaque(layer);
        assertThat(layer.resolve("b/new")).hasContent("n");
        assertThat(layer.resolve("a/.wh.gone")).doesNotExist();
        assertThat(layer.resolve("b/.wh..wh..opq")).doesNotExist();
    }

    @Test
    void overlayEntriesOfTheSameLayerWinOverItsWhiteouts() throws IOException {
        Preconditions.requiresRoot();
        Path layer = Files.createDirectory(tmp.resolve("layer"));
        apply(ApplyMode.OVERLAY, new ApplyTarBuilder()
                .whiteout("f").file("f", "after")          // the file replaces the whiteout
                .file("g", "before").whiteout("g")         // the whiteout is ignored
                .whiteout("d").dir("d").file("d/x", "x")   // a directory replacing a whiteout hides the lower one
                .dir("e").file("e/x", "x").whiteout("e"), layer); // whiteout of an own directory: opaque
        assertThat(layer.resolve("f")).hasContent("after");
        assertThat(layer.resolve("g")).hasContent("before");
        assertOpaque(layer.resolve("d"));
        assertOpaque(layer.resolve("e"));
        assertThat(layer.resolve("e/x")).hasContent("x");
        assertThat(sys.llistxattr(layer.resolve("f"))).isEmpty();
    }

    @Test
    void overlayOfTwoAppliedSnapshotsHidesWhatTheWhiteoutsSay() throws IOException {
        Preconditions.requiresRoot();
        Path base = Files.createDirectory(tmp.resolve("base"));
        Path top = Files.createDirectory(tmp.resolve("top"));
        Path merged = Files.createDirectory(tmp.resolve("merged"));
        apply(ApplyMode.OVERLAY, new ApplyTarBuilder().file("a/keep", "k").file("a/gone", "g").file("b/old", "o")
                .file("b/olddir/x", "x").file("c/x", "x").file("d/old", "o"), base);
        apply(ApplyMode.OVERLAY, new ApplyTarBuilder().whiteout("a/gone").opaque("b").file("b/new", "n")
                .whiteout("c").dir("d").file("d/new", "n"), top);
        sys.mount("overlay", merged, "overlay", 0, "lowerdir=" + top + ":" + base);
        try {
            assertThat(merged.resolve("a/keep")).hasContent("k");
            assertThat(Files.exists(merged.resolve("a/gone"), LinkOption.NOFOLLOW_LINKS)).isFalse();
            try (Stream<Path> b = Files.list(merged.resolve("b"))) {
                assertThat(b.map(p -> p.getFileName().toString()).toList()).containsExactly("new");
            }
            assertThat(Files.exists(merged.resolve("c"), LinkOption.NOFOLLOW_LINKS)).isFalse();
            try (Stream<Path> d = Files.list(merged.resolve("d"))) {
                assertThat(d.map(p -> p.getFileName().toString()).sorted().toList()).containsExactly("new", "old");
            }
        } finally {
            sys.umount2(merged, 0);
        }
        assertThat(Files.readAllLines(Path.of("/proc/self/mountinfo"))).noneMatch(l -> l.contains(merged.toString()));
    }

    private void assertWhiteout(Path p) {
        FileStat st = sys.fstatat(Fd.cwd(), p, AtFlags.AT_SYMLINK_NOFOLLOW);
        assertThat(st.type()).as(p + " is a character device").isEqualTo(ModeBits.S_IFCHR);
        assertThat(st.rdev()).as(p + " is 0/0").isZero();
    }

    private void assertOpaque(Path dir) {
        assertThat(sys.lgetxattr(dir, "trusted.overlay.opaque")).as(dir + " is opaque")
                .hasValueSatisfying(v -> assertThat(v).containsExactly('y'));
    }
}
