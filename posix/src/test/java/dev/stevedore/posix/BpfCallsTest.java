package dev.stevedore.posix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.stevedore.testing.Preconditions;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BpfCallsTest {
    private static final int DIRECTORY = OpenFlags.O_RDONLY | OpenFlags.O_DIRECTORY | OpenFlags.O_CLOEXEC;

    private final Syscalls sys = Syscalls.linux();

    private Path cgroup;

    @AfterEach
    void removeTheCgroup() throws IOException {
        if (cgroup != null) {
            Files.deleteIfExists(cgroup);
        }
    }

    @Test
    void attachesADeviceProgramToACgroupAndDetachesItAgain() {
        // given
        Preconditions.requiresRoot();
        cgroup = newCgroup();
        try (Fd dir = sys.openat(Fd.cwd(), cgroup, DIRECTORY, 0);
                Fd program = sys.bpfProgLoad(Bpf.BPF_PROG_TYPE_CGROUP_DEVICE, allowEverything(), "Apache-2.0",
                        "stevedore_test")) {
            assertThat(sys.bpfProgQuery(dir, Bpf.BPF_CGROUP_DEVICE, 0)).isEmpty();

            // when
            sys.bpfProgAttach(dir, program, Bpf.BPF_CGROUP_DEVICE, Bpf.BPF_F_ALLOW_MULTI);

            // then
            assertThat(sys.bpfProgQuery(dir, Bpf.BPF_CGROUP_DEVICE, 0)).hasSize(1).allMatch(id -> id > 0);
            sys.bpfProgDetach(dir, program, Bpf.BPF_CGROUP_DEVICE);
            assertThat(sys.bpfProgQuery(dir, Bpf.BPF_CGROUP_DEVICE, 0)).isEmpty();
        }
    }

    @Test
    void carriesTheVerifierLogWhenTheKernelRejectsAProgram() {
        // given a program that returns R0 without ever setting it
        Preconditions.requiresRoot();
        byte[] exitOnly = instructions(0x95, 0, 0);

        // when
        PosixException e = catchThrowableOfType(PosixException.class,
                () -> sys.bpfProgLoad(Bpf.BPF_PROG_TYPE_CGROUP_DEVICE, exitOnly, "Apache-2.0", "broken"));

        // then
        assertThat(e.errno()).isEqualTo(Errno.EACCES);
        assertThat(e).hasMessageStartingWith("bpf(BPF_PROG_LOAD, {prog_type=15, insn_cnt=1, license=\"Apache-2.0\", "
                        + "prog_name=\"broken\"}, 72) failed: EACCES (13)")
                .hasMessageContaining("verifier: ")
                .hasMessageContaining("R0 !read_ok");
    }

    @Test
    void refusesToAttachToADirectoryThatIsNotACgroup(@TempDir Path notACgroup) {
        // given
        Preconditions.requiresRoot();
        try (Fd dir = sys.openat(Fd.cwd(), notACgroup, DIRECTORY, 0);
                Fd program = sys.bpfProgLoad(Bpf.BPF_PROG_TYPE_CGROUP_DEVICE, allowEverything(), "Apache-2.0", "")) {
            // when
            PosixException e = catchThrowableOfType(PosixException.class,
                    () -> sys.bpfProgAttach(dir, program, Bpf.BPF_CGROUP_DEVICE, Bpf.BPF_F_ALLOW_MULTI));

            // then
            assertThat(e.errno()).isEqualTo(Errno.EBADF);
            assertThat(e).hasMessageStartingWith("bpf(BPF_PROG_ATTACH, {target_fd=" + dir + ", attach_bpf_fd="
                    + program + ", attach_type=6, attach_flags=0x2}, 20) failed: EBADF");
        }
    }

    @Test
    void rejectsPartialInstructionsAndBadNamesBeforeCallingTheKernel() {
        assertThatThrownBy(() -> sys.bpfProgLoad(Bpf.BPF_PROG_TYPE_CGROUP_DEVICE, new byte[12], "GPL", ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got 12 bytes");
        assertThatThrownBy(() -> sys.bpfProgLoad(Bpf.BPF_PROG_TYPE_CGROUP_DEVICE, allowEverything(), "GPL",
                "a-name-far-too-long"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a-name-far-too-long");
    }

    /** {@code r0 = 1; exit}. */
    private static byte[] allowEverything() {
        ByteBuffer both = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        both.put(instructions(0xb7, 0, 1)).put(instructions(0x95, 0, 0));
        return both.array();
    }

    private static byte[] instructions(int opcode, int dst, int imm) {
        return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN)
                .put((byte) opcode).put((byte) dst).putShort((short) 0).putInt(imm).array();
    }

    private static Path newCgroup() {
        Path mount = MountTable.entries().stream().filter(e -> e.fsType().equals("cgroup2")).findFirst()
                .orElseThrow(() -> new AssertionError("no cgroup2 filesystem is mounted")).mountPoint();
        Path dir = mount.resolve("stevedore-posix-test-" + UUID.randomUUID());
        try (Fd root = sys().openat(Fd.cwd(), mount, DIRECTORY, 0)) {
            sys().mkdirat(root, dir.getFileName(), 0755);
        }
        return dir;
    }

    private static Syscalls sys() {
        return Syscalls.linux();
    }
}
