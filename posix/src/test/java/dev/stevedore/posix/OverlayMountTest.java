package dev.stevedore.posix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stevedore.testing.Preconditions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An overlay of two lower directories through fsconfig {@code lowerdir+} (Linux 6.8+), as a rootfs is mounted. */
class OverlayMountTest {
    private final Syscalls sys = Syscalls.linux();

    @TempDir
    Path tmp;

    private Path lower1;
    private Path lower2;
    private Path upper;
    private Path work;
    private Path merged;

    @BeforeEach
    void layers() throws IOException {
        Preconditions.requiresRoot();
        Assumptions.assumeTrue(kernelAtLeast(6, 8), "fsconfig lowerdir+ needs Linux 6.8, this is "
                + System.getProperty("os.version"));
        lower1 = Files.createDirectory(tmp.resolve("l1"));
        lower2 = Files.createDirectory(tmp.resolve("l2"));
        upper = Files.createDirectory(tmp.resolve("u"));
        work = Files.createDirectory(tmp.resolve("w"));
        merged = Files.createDirectory(tmp.resolve("m"));
        Files.writeString(lower1.resolve("a"), "a from l1");
        Files.writeString(lower1.resolve("both"), "both from l1");
        Files.writeString(lower2.resolve("b"), "b from l2");
        Files.writeString(lower2.resolve("both"), "both from l2");
    }

    @AfterEach
    void leavesNoMountBehind() {
        MountTable.unmountAllUnder(tmp);
        assertThat(MountTable.under(tmp)).isEmpty();
    }

    @Test
    void mergesTwoLowerDirectoriesTopmostFirst() {
        // when
        mountOverlay();

        // then
        assertThat(MountTable.under(tmp)).singleElement().satisfies(e -> {
            assertThat(e.fsType()).isEqualTo("overlay");
            assertThat(e.superOptions()).contains("lowerdir+=" + lower1, "lowerdir+=" + lower2, "upperdir=" + upper);
        });
        assertThat(sys.statfs(merged).type()).isEqualTo(FsMagic.OVERLAYFS_SUPER_MAGIC);
        assertThat(merged.resolve("a")).hasContent("a from l1");
        assertThat(merged.resolve("b")).hasContent("b from l2");
        assertThat(merged.resolve("both")).hasContent("both from l1");
    }

    @Test
    void writesChangesAndWhiteoutsToTheUpperDirectory() throws IOException {
        // given
        mountOverlay();

        // when
        Files.writeString(merged.resolve("c"), "new");
        Files.delete(merged.resolve("b"));

        // then
        assertThat(upper.resolve("c")).hasContent("new");
        FileStat whiteout = sys.fstatat(Fd.cwd(), upper.resolve("b"), AtFlags.AT_SYMLINK_NOFOLLOW);
        assertThat(whiteout.type()).isEqualTo(ModeBits.S_IFCHR);
        assertThat(whiteout.rdev()).isEqualTo(Devices.makedev(0, 0));
        assertThat(lower2.resolve("b")).hasContent("b from l2");
    }

    private void mountOverlay() {
        try (Fd fs = sys.fsopen("overlay", MountApi.FSOPEN_CLOEXEC)) {
            sys.fsconfigString(fs, "lowerdir+", lower1.toString());
            sys.fsconfigString(fs, "lowerdir+", lower2.toString());
            sys.fsconfigString(fs, "upperdir", upper.toString());
            sys.fsconfigString(fs, "workdir", work.toString());
            sys.fsconfigString(fs, "redirect_dir", "off");
            sys.fsconfigString(fs, "index", "off");
            sys.fsconfigString(fs, "metacopy", "off");
            sys.fsconfigCommand(fs, MountApi.FSCONFIG_CMD_CREATE);
            try (Fd mnt = sys.fsmount(fs, MountApi.FSMOUNT_CLOEXEC, 0)) {
                sys.moveMount(mnt, merged);
            }
        }
    }

    private static boolean kernelAtLeast(int major, int minor) {
        String[] parts = System.getProperty("os.version").split("[.-]");
        int ma = Integer.parseInt(parts[0]);
        int mi = Integer.parseInt(parts[1]);
        return ma > major || ma == major && mi >= minor;
    }
}
