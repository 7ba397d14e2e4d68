package dev.stevedore.posix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.stevedore.testing.Preconditions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MountCallsTest {
    private final Syscalls sys = Syscalls.linux();

    @TempDir
    Path tmp;

    @BeforeEach
    void needsRoot() {
        Preconditions.requiresRoot();
    }

    @AfterEach
    void leavesNoMountBehind() {
        MountTable.unmountAllUnder(tmp);
        assertThat(MountTable.under(tmp)).isEmpty();
    }

    @Test
    void mountsATmpfsWithOptionsAndUnmountsIt() throws IOException {
        // given
        Path target = Files.createDirectory(tmp.resolve("t"));

        // when
        sys.mount("stevedore-test", target, "tmpfs", MountFlags.MS_NOSUID | MountFlags.MS_NODEV, "size=1m,mode=0711");

        // then
        assertThat(MountTable.under(tmp)).singleElement().satisfies(e -> {
            assertThat(e.mountPoint()).isEqualTo(target.toRealPath());
            assertThat(e.fsType()).isEqualTo("tmpfs");
            assertThat(e.source()).isEqualTo("stevedore-test");
            assertThat(e.superOptions()).contains("size=1024k", "mode=711");
        });
        assertThat(sys.statfs(target).type()).isEqualTo(FsMagic.TMPFS_MAGIC);

        // when
        sys.umount2(target, 0);

        // then
        assertThat(MountTable.under(tmp)).isEmpty();
    }

    @Test
    void bindMountsADirectoryAndDetachesIt() throws IOException {
        // given
        Path source = Files.createDirectory(tmp.resolve("source"));
        Files.writeString(source.resolve("hello"), "hi");
        Path target = Files.createDirectory(tmp.resolve("target"));

        // when
        sys.mount(source.toString(), target, "", MountFlags.MS_BIND, "");

        // then
        assertThat(target.resolve("hello")).hasContent("hi");

        // when
        sys.umount2(target, UnmountFlags.MNT_DETACH);

        // then
        assertThat(target.resolve("hello")).doesNotExist();
    }

    @Test
    void refusesToUnmountWhatIsNotAMountPoint() {
        // when
        PosixException e = catchThrowableOfType(PosixException.class, () -> sys.umount2(tmp, 0));

        // then
        assertThat(e.errno()).isEqualTo(Errno.EINVAL);
        assertThat(e).hasMessageContaining("umount2(\"" + tmp + "\", 0x0)");
    }

    @Test
    void createsAndAttachesATmpfsThroughTheNewMountApi() throws IOException {
        // given
        Path target = Files.createDirectory(tmp.resolve("t"));

        // when
        try (Fd fs = sys.fsopen("tmpfs", MountApi.FSOPEN_CLOEXEC)) {
            sys.fsconfigString(fs, "size", "2m");
            sys.fsconfigString(fs, "source", "stevedore-fsopen");
            sys.fsconfigCommand(fs, MountApi.FSCONFIG_CMD_CREATE);
            try (Fd mnt = sys.fsmount(fs, MountApi.FSMOUNT_CLOEXEC, MountApi.MOUNT_ATTR_NODEV)) {
                sys.moveMount(mnt, target);
            }
        }

        // then
        assertThat(MountTable.under(tmp)).singleElement().satisfies(e -> {
            assertThat(e.fsType()).isEqualTo("tmpfs");
            assertThat(e.source()).isEqualTo("stevedore-fsopen");
            assertThat(e.superOptions()).contains("size=2048k");
        });
        Files.writeString(target.resolve("f"), "on tmpfs");
        assertThat(sys.statfs(target).type()).isEqualTo(FsMagic.TMPFS_MAGIC);
    }

    @Test
    void reportsWhatTheKernelLoggedWhenAFilesystemRejectsAParameter() {
        // given
        try (Fd fs = sys.fsopen("tmpfs", MountApi.FSOPEN_CLOEXEC)) {
            // when
            PosixException e = catchThrowableOfType(PosixException.class,
                    () -> sys.fsconfigString(fs, "no-such-option", "1"));

            // then
            assertThat(e.errno()).isEqualTo(Errno.EINVAL);
            assertThat(e)
                    .hasMessageStartingWith("fsconfig(" + fs + ", 1, \"no-such-option\", \"1\", 0) failed: EINVAL (22)")
                    .hasMessageContaining("kernel: e tmpfs: Unknown parameter 'no-such-option'");
        }
    }

    @Test
    void rejectsAnUnknownFilesystemType() {
        // when
        PosixException e = catchThrowableOfType(PosixException.class, () -> sys.fsopen("no-such-fs", 0));

        // then
        assertThat(e.errno()).isEqualTo(Errno.ENODEV);
        assertThat(e).hasMessageContaining("fsopen(\"no-such-fs\", 0x0)");
    }

    @Test
    void clonesATreeWithOpenTreeAndAttachesIt() throws IOException {
        // given
        Path source = Files.createDirectory(tmp.resolve("source"));
        Files.writeString(source.resolve("hello"), "hi");
        Path target = Files.createDirectory(tmp.resolve("target"));

        // when
        try (Fd tree = sys.openTree(Fd.cwd(), source, MountApi.OPEN_TREE_CLONE | MountApi.OPEN_TREE_CLOEXEC)) {
            sys.moveMount(tree, target);
        }

        // then
        assertThat(target.resolve("hello")).hasContent("hi");
        assertThat(MountTable.under(tmp)).extracting(MountTable.Entry::mountPoint).containsExactly(target.toRealPath());
    }

    @Test
    void makesAMountReadOnlyWithMountSetattr() throws IOException {
        // given
        Path target = Files.createDirectory(tmp.resolve("t"));
        sys.mount("tmpfs", target, "tmpfs", 0, "size=1m");

        // when
        sys.mountSetattr(Fd.cwd(), target, 0, MountAttributes.set(MountApi.MOUNT_ATTR_RDONLY));

        // then
        PosixException e = catchThrowableOfType(PosixException.class,
                () -> sys.mkdirat(Fd.cwd(), target.resolve("d"), 0755));
        assertThat(e.errno()).isEqualTo(Errno.EROFS);

        // when
        sys.mountSetattr(Fd.cwd(), target, 0, MountAttributes.clear(MountApi.MOUNT_ATTR_RDONLY));

        // then
        sys.mkdirat(Fd.cwd(), target.resolve("d"), 0755);
        assertThat(target.resolve("d")).isDirectory();
    }
}
