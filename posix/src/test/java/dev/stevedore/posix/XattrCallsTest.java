package dev.stevedore.posix;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.stevedore.testing.Preconditions;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Extended attributes on the disk the temp directory is on (ext4 here and in CI). */
class XattrCallsTest {
    private final Syscalls sys = Syscalls.linux();

    @TempDir
    Path tmp;

    private Path file;

    @BeforeEach
    void file() throws IOException {
        file = Files.writeString(tmp.resolve("file"), "content");
    }

    @Test
    void setsReadsListsAndRemovesAUserAttribute() {
        // when
        sys.lsetxattr(file, "user.stevedore.note", "hello".getBytes(US_ASCII), 0);

        // then
        assertThat(sys.lgetxattr(file, "user.stevedore.note")).hasValueSatisfying(
                v -> assertThat(new String(v, US_ASCII)).isEqualTo("hello"));
        assertThat(sys.llistxattr(file)).contains("user.stevedore.note");

        // when
        sys.lremovexattr(file, "user.stevedore.note");

        // then
        assertThat(sys.lgetxattr(file, "user.stevedore.note")).isEmpty();
        assertThat(sys.llistxattr(file)).doesNotContain("user.stevedore.note");
    }

    @Test
    void readsAnEmptyAndALargeValue() {
        // given
        byte[] large = new byte[3000];
        large[2999] = 42;

        // when
        sys.lsetxattr(file, "user.empty", new byte[0], 0);
        sys.lsetxattr(file, "user.large", large, 0);

        // then
        assertThat(sys.lgetxattr(file, "user.empty")).hasValueSatisfying(v -> assertThat(v).isEmpty());
        assertThat(sys.lgetxattr(file, "user.large")).hasValueSatisfying(v -> assertThat(v).isEqualTo(large));
    }

    @Test
    void refusesToCreateAnAttributeThatExists() {
        // given
        sys.lsetxattr(file, "user.once", new byte[] {1}, XattrFlags.XATTR_CREATE);

        // when
        PosixException e = catchThrowableOfType(PosixException.class,
                () -> sys.lsetxattr(file, "user.once", new byte[] {2}, XattrFlags.XATTR_CREATE));

        // then
        assertThat(e.errno()).isEqualTo(Errno.EEXIST);
        assertThat(e).hasMessage(
                "lsetxattr(\"" + file + "\", \"user.once\", <1 bytes>, 1, 0x1) failed: EEXIST (17): File exists");
    }

    @Test
    void refusesUserAttributesOnASymbolicLinkEvenToRoot() throws IOException {
        // given
        Path link = Files.createSymbolicLink(tmp.resolve("link"), Path.of("file"));

        // when
        PosixException e = catchThrowableOfType(PosixException.class,
                () -> sys.lsetxattr(link, "user.x", new byte[] {1}, 0));

        // then
        assertThat(e.errno()).isEqualTo(Errno.EPERM);
        assertThat(sys.llistxattr(file)).doesNotContain("user.x");
    }

    @Test
    void setsTrustedAttributesOnALinkItselfAndListsEveryNamespaceAsRoot() throws IOException {
        // given
        Preconditions.requiresRoot();
        Path dir = Files.createDirectory(tmp.resolve("dir"));
        Path link = Files.createSymbolicLink(tmp.resolve("link"), Path.of("dir"));

        // when
        sys.lsetxattr(dir, "trusted.overlay.opaque", "y".getBytes(US_ASCII), 0);
        sys.lsetxattr(dir, "user.u", new byte[] {1}, 0);
        sys.lsetxattr(dir, "security.stevedore", new byte[] {2}, 0);
        sys.lsetxattr(dir, "system.posix_acl_access", accessAclGrantingUser(1000), 0);
        sys.lsetxattr(link, "trusted.on-link", new byte[] {3}, 0);

        // then
        assertThat(sys.lgetxattr(dir, "trusted.overlay.opaque")).hasValueSatisfying(
                v -> assertThat(v).isEqualTo("y".getBytes(US_ASCII)));
        assertThat(sys.llistxattr(dir)).contains("trusted.overlay.opaque", "user.u", "security.stevedore",
                "system.posix_acl_access").doesNotContain("trusted.on-link");
        assertThat(sys.llistxattr(link)).containsExactly("trusted.on-link");
    }

    @Test
    void usesTheDescriptorVariants() {
        // given
        try (Fd fd = sys.openat(Fd.cwd(), file, OpenFlags.O_RDONLY | OpenFlags.O_CLOEXEC, 0)) {
            // when
            sys.fsetxattr(fd, "user.fd", "v".getBytes(US_ASCII), 0);

            // then
            assertThat(sys.fgetxattr(fd, "user.fd")).hasValueSatisfying(v -> assertThat(v).containsExactly('v'));
            assertThat(sys.flistxattr(fd)).contains("user.fd");
            assertThat(sys.lgetxattr(file, "user.fd")).isPresent();

            // when
            sys.fremovexattr(fd, "user.fd");

            // then
            assertThat(sys.fgetxattr(fd, "user.fd")).isEmpty();
            assertThat(catchThrowableOfType(PosixException.class, () -> sys.fremovexattr(fd, "user.fd")).errno())
                    .isEqualTo(Errno.ENODATA);
        }
    }

    /** {@code user::rwx, user:<uid>:r--, group::r--, mask::r--, other::---} in the kernel's xattr format. */
    private static byte[] accessAclGrantingUser(int uid) {
        ByteBuffer acl = ByteBuffer.allocate(4 + 5 * 8).order(ByteOrder.LITTLE_ENDIAN);
        acl.putInt(2); // POSIX_ACL_XATTR_VERSION
        entry(acl, 0x01, 07, -1); // ACL_USER_OBJ
        entry(acl, 0x02, 04, uid); // ACL_USER
        entry(acl, 0x04, 04, -1); // ACL_GROUP_OBJ
        entry(acl, 0x10, 04, -1); // ACL_MASK
        entry(acl, 0x20, 00, -1); // ACL_OTHER
        return acl.array();
    }

    private static void entry(ByteBuffer acl, int tag, int perm, int id) {
        acl.putShort((short) tag).putShort((short) perm).putInt(id);
    }
}
