package dev.stevedore.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BusyboxRootfsTest {
    @TempDir
    Path tmp;

    @Test
    void linksEveryAppletToBusybox() throws IOException {
        // when
        BusyboxRootfs rootfs = BusyboxRootfs.createIn(tmp.resolve("rootfs"));

        // then
        assertThat(rootfs.busybox()).isRegularFile().isExecutable();
        for (String applet : BusyboxRootfs.applets()) {
            Path link = rootfs.resolve("/bin/" + applet);
            assertThat(Files.isSymbolicLink(link)).as(applet).isTrue();
            assertThat(Files.readSymbolicLink(link)).as(applet).isEqualTo(Path.of("busybox"));
        }
    }

    @Test
    void everyAppletIsKnownToTheHostBusybox() {
        // given
        Preconditions.requiresCommand("busybox", "busybox-static");

        // when
        String list = Exec.check("list busybox applets", List.of(BusyboxTree.HOST_BUSYBOX.toString(), "--list"),
                Map.of(), Duration.ofSeconds(30));

        // then
        assertThat(Arrays.asList(list.split("\n"))).containsAll(BusyboxRootfs.applets());
    }

    @Test
    void appletRunsThroughItsSymlink() {
        // given
        BusyboxRootfs rootfs = BusyboxRootfs.createIn(tmp.resolve("rootfs"));

        // when
        Exec.Result result = Exec.run(List.of(rootfs.resolve("bin/echo").toString(), "hello from busybox"), Map.of(),
                Duration.ofSeconds(30));

        // then
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stdout()).isEqualTo("hello from busybox\n");
    }

    @Test
    void setsModesIncludingTheStickyBit() throws IOException {
        // when
        BusyboxRootfs rootfs = BusyboxRootfs.createIn(tmp.resolve("rootfs"));

        // then
        assertThat(mode(rootfs.resolve("/tmp"))).isEqualTo(01777);
        assertThat(mode(rootfs.resolve("/root"))).isEqualTo(0700);
        assertThat(mode(rootfs.busybox())).isEqualTo(0755);
        assertThat(mode(rootfs.resolve("/etc/passwd"))).isEqualTo(0644);
        for (String mountPoint : List.of("/proc", "/sys", "/dev")) {
            assertThat(rootfs.resolve(mountPoint)).isDirectory().isEmptyDirectory();
        }
        assertThat(rootfs.resolve("/etc/hostname")).isEmptyFile();
        assertThat(rootfs.resolve("/etc/resolv.conf")).isEmptyFile();
    }

    @Test
    void givesHomeAppToUid1000WhenRoot() throws IOException {
        // given
        Preconditions.requiresRoot();

        // when
        BusyboxRootfs rootfs = BusyboxRootfs.createIn(tmp.resolve("rootfs"));

        // then
        assertThat(Files.getAttribute(rootfs.resolve("/home/app"), "unix:uid")).isEqualTo(1000);
        assertThat(Files.getAttribute(rootfs.resolve("/home/app"), "unix:gid")).isEqualTo(1000);
        assertThat(Files.getAttribute(rootfs.resolve("/tmp"), "unix:uid")).isEqualTo(0);
    }

    @Test
    void usersAndGroupsResolveInsideTheRootfs() {
        // given
        Preconditions.requiresRoot();
        String chroot = Preconditions.requiresCommand("chroot", "coreutils").toString();
        BusyboxRootfs rootfs = BusyboxRootfs.createIn(tmp.resolve("rootfs"));

        // when
        Exec.Result app = Exec.run(List.of(chroot, rootfs.root().toString(), "/bin/id", "app"), Map.of(),
                Duration.ofSeconds(30));
        Exec.Result nobody = Exec.run(List.of(chroot, rootfs.root().toString(), "/bin/id", "-u", "nobody"), Map.of(),
                Duration.ofSeconds(30));

        // then
        assertThat(app.exitCode()).as(app.stderr()).isZero();
        assertThat(app.stdout().strip()).isEqualTo("uid=1000(app) gid=1000(app) groups=1000(app),50(staff)");
        assertThat(nobody.stdout().strip()).isEqualTo("65534");
    }

    @Test
    void refusesANonEmptyTarget() throws IOException {
        // given
        Files.createDirectories(tmp.resolve("rootfs"));
        Files.writeString(tmp.resolve("rootfs/keep"), "x");

        // when / then
        assertThatIllegalArgumentException().isThrownBy(() -> BusyboxRootfs.createIn(tmp.resolve("rootfs")))
                .withMessageContaining("not empty");
        assertThat(tmp.resolve("rootfs/bin")).doesNotExist();
    }

    @Test
    void resolveMapsAbsolutePathsIntoTheTree() {
        // given
        BusyboxRootfs rootfs = new BusyboxRootfs(tmp);

        // then
        assertThat(rootfs.resolve("/etc/passwd")).isEqualTo(tmp.resolve("etc/passwd"));
        assertThat(rootfs.resolve("etc/passwd")).isEqualTo(tmp.resolve("etc/passwd"));
        assertThat(rootfs.resolve("/")).isEqualTo(tmp);
    }

    private static int mode(Path path) throws IOException {
        return (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777;
    }
}
