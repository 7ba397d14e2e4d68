package dev.stevedore.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Docker's default profile compiled for real with libseccomp and run in {@link BpfInterpreter}.
 * Expectations follow the profile: {@code keyctl} and friends are in no rule (default
 * {@code EPERM}); {@code unshare}, {@code mount} and unrestricted {@code clone} need
 * {@code CAP_SYS_ADMIN}; {@code clone3} returns {@code ENOSYS} so libc falls back to
 * {@code clone}; numbers past the highest call the profile names return {@code ENOSYS}.
 */
class SeccompDockerDefaultTest {
    private static final int X32 = SeccompArch.X32_SYSCALL_BIT;

    @ParameterizedTest(name = "{0}({3}) on {1} -> {4}")
    @CsvSource(delimiter = '|', textBlock = """
            read                  | x86_64 | 0    | 0          | ALLOW
            write                 | x86_64 | 1    | 0          | ALLOW
            execve                | x86_64 | 59   | 0          | ALLOW
            clone, plain fork     | x86_64 | 56   | 17         | ALLOW
            clone, threads        | x86_64 | 56   | 0x3d0f00   | ALLOW
            clone, CLONE_NEWUSER  | x86_64 | 56   | 0x10000011 | ERRNO(EPERM)
            clone, CLONE_NEWNS    | x86_64 | 56   | 0x20011    | ERRNO(EPERM)
            clone3                | x86_64 | 435  | 0          | ERRNO(ENOSYS)
            unshare(0)            | x86_64 | 272  | 0          | ERRNO(EPERM)
            unshare(CLONE_NEWUSER)| x86_64 | 272  | 0x10000000 | ERRNO(EPERM)
            setns                 | x86_64 | 308  | 0          | ERRNO(EPERM)
            mount                 | x86_64 | 165  | 0          | ERRNO(EPERM)
            umount2               | x86_64 | 166  | 0          | ERRNO(EPERM)
            keyctl                | x86_64 | 250  | 0          | ERRNO(EPERM)
            add_key               | x86_64 | 248  | 0          | ERRNO(EPERM)
            request_key           | x86_64 | 249  | 0          | ERRNO(EPERM)
            personality(0)        | x86_64 | 135  | 0          | ALLOW
            personality(0x8)      | x86_64 | 135  | 0x8        | ALLOW
            personality(query)    | x86_64 | 135  | 0xffffffff | ALLOW
            personality(0x1234)   | x86_64 | 135  | 0x1234     | ERRNO(EPERM)
            socket(AF_INET)       | x86_64 | 41   | 2          | ALLOW
            socket(AF_ALG)        | x86_64 | 41   | 38         | ERRNO(EPERM)
            socket(AF_KCM)        | x86_64 | 41   | 41         | ALLOW
            socket(AF_VSOCK)      | x86_64 | 41   | 40         | ERRNO(EPERM)
            ptrace, kernel >= 4.8 | x86_64 | 101  | 0          | ALLOW
            chroot, CAP_SYS_CHROOT| x86_64 | 161  | 0          | ALLOW
            arch_prctl, amd64 only| x86_64 | 158  | 0          | ALLOW
            reboot                | x86_64 | 169  | 0          | ERRNO(EPERM)
            bpf                   | x86_64 | 321  | 0          | ERRNO(EPERM)
            iopl                  | x86_64 | 172  | 0          | ERRNO(EPERM)
            unknown number 1000   | x86_64 | 1000 | 0          | ERRNO(ENOSYS)
            negative number       | x86_64 | -1   | 0          | ERRNO(ENOSYS)
            read                  | i386   | 3    | 0          | ALLOW
            socketcall            | i386   | 102  | 1          | ALLOW
            _llseek               | i386   | 140  | 0          | ALLOW
            mount                 | i386   | 21   | 0          | ERRNO(EPERM)
            unshare               | i386   | 310  | 0          | ERRNO(EPERM)
            keyctl                | i386   | 288  | 0          | ERRNO(EPERM)
            personality(0)        | i386   | 136  | 0          | ALLOW
            clone3                | i386   | 435  | 0          | ERRNO(ENOSYS)
            unknown number 1000   | i386   | 1000 | 0          | ERRNO(ENOSYS)
            read                  | x32    | 0    | 0          | ALLOW
            mount                 | x32    | 165  | 0          | ERRNO(EPERM)
            unknown number 1000   | x32    | 1000 | 0          | ERRNO(ENOSYS)
            """)
    void decidesAsTheProfileSaysWithDockersDefaultCapabilities(String call, String arch, int nr, String arg0,
            String expected) {
        // given
        BpfInterpreter filter = program(Capability.DOCKER_DEFAULTS);

        // when
        int ret = run(filter, arch, nr, Long.decode(arg0));

        // then
        assertThat(BpfInterpreter.describe(ret)).as(call).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}({2}) -> {3}")
    @CsvSource(delimiter = '|', textBlock = """
            mount                 | 165 | 0          | ALLOW
            unshare(CLONE_NEWUSER)| 272 | 0x10000000 | ALLOW
            setns                 | 308 | 0          | ALLOW
            clone, CLONE_NEWUSER  | 56  | 0x10000011 | ALLOW
            clone3                | 435 | 0          | ALLOW
            keyctl                | 250 | 0          | ERRNO(EPERM)
            """)
    void letsCapSysAdminDoWhatTheProfileGrantsIt(String call, int nr, String arg0, String expected) {
        // given
        Set<Capability> caps = EnumSet.copyOf(Capability.DOCKER_DEFAULTS);
        caps.add(Capability.CAP_SYS_ADMIN);

        // when
        int ret = program(caps).call(nr, Long.decode(arg0));

        // then
        assertThat(BpfInterpreter.describe(ret)).as(call).isEqualTo(expected);
    }

    @Test
    void deniesPtraceOnKernelsOlderThanTheProfilesMinimum() {
        // given
        byte[] old = Seccomp.dockerDefault().compile(Capability.DOCKER_DEFAULTS, new KernelVersion(4, 4)).orElseThrow();
        byte[] current = Seccomp.dockerDefault().compile(Capability.DOCKER_DEFAULTS, new KernelVersion(4, 8)).orElseThrow();

        // when
        int onOld = BpfInterpreter.of(old).call(101);
        int onCurrent = BpfInterpreter.of(current).call(101);

        // then
        assertThat(BpfInterpreter.describe(onOld)).isEqualTo("ERRNO(EPERM)");
        assertThat(BpfInterpreter.describe(onCurrent)).isEqualTo("ALLOW");
    }

    @Test
    void killsCallsOfArchitecturesTheProfileDoesNotCover() {
        // given
        BpfInterpreter filter = program(Capability.DOCKER_DEFAULTS);

        // when
        int ret = filter.callOn(BpfInterpreter.AUDIT_ARCH_AARCH64, 63);

        // then
        assertThat(BpfInterpreter.describe(ret)).isEqualTo("KILL_THREAD");
    }

    @Test
    void startsWithTheEnosysStub() {
        // given
        byte[] program = Seccomp.dockerDefault().compile(Capability.DOCKER_DEFAULTS).orElseThrow();

        // when
        SockFilter first = SockFilter.decode(program).get(0);
        SockFilter second = SockFilter.decode(program).get(1);

        // then
        assertThat(first).isEqualTo(new SockFilter(SockFilter.LD_W_ABS, 0, 0, SockFilter.ARCH_OFFSET));
        assertThat(second.code()).isEqualTo(SockFilter.JEQ_K);
        assertThat(second.k()).isEqualTo(BpfInterpreter.AUDIT_ARCH_X86_64);
        assertThat(program.length / SockFilter.SIZE).isLessThanOrEqualTo(SockFilter.MAX_INSTRUCTIONS);
    }

    @Test
    void isOneSharedInstance() {
        // when
        Seccomp first = Seccomp.dockerDefault();
        Seccomp second = Seccomp.dockerDefault();

        // then
        assertThat(second).isSameAs(first);
        assertThat(first.confined()).isTrue();
        assertThat(first.source()).isEqualTo("docker-default");
    }

    @Test
    void unconfinedHasNoProgram() {
        // when
        var program = Seccomp.unconfined().compile(Capability.DOCKER_DEFAULTS);

        // then
        assertThat(program).isEmpty();
        assertThat(Seccomp.unconfined().confined()).isFalse();
    }

    private static BpfInterpreter program(Set<Capability> caps) {
        return BpfInterpreter.of(Seccomp.dockerDefault().compile(caps).orElseThrow());
    }

    private static int run(BpfInterpreter filter, String arch, int nr, long arg0) {
        return switch (arch) {
            case "x86_64" -> filter.callOn(BpfInterpreter.AUDIT_ARCH_X86_64, nr, arg0);
            case "i386" -> filter.callOn(BpfInterpreter.AUDIT_ARCH_I386, nr, arg0);
            case "x32" -> filter.callOn(BpfInterpreter.AUDIT_ARCH_X86_64, nr | X32, arg0);
            default -> throw new IllegalArgumentException(arch);
        };
    }
}
