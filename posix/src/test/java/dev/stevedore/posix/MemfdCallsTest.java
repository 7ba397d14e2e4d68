package dev.stevedore.posix;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MemfdCallsTest {
    private static final int SEALABLE = MemfdFlags.MFD_CLOEXEC | MemfdFlags.MFD_ALLOW_SEALING;

    private final Syscalls sys = Syscalls.linux();

    @Test
    void refusesWritesOnceSealedAgainstThem() throws Exception {
        // given
        try (Fd memfd = sys.memfdCreate("stevedore-test", SEALABLE)) {
            sys.writeFully(memfd, "sealed".getBytes(US_ASCII));
            assertThat(sys.seals(memfd)).isZero();

            // when
            sys.addSeals(memfd, Seals.F_SEAL_WRITE);

            // then
            assertThat(sys.seals(memfd)).isEqualTo(Seals.F_SEAL_WRITE);
            PosixException e = catchThrowableOfType(PosixException.class,
                    () -> sys.write(memfd, new byte[] {'x'}, 0, 1));
            assertThat(e.errno()).isEqualTo(Errno.EPERM);
            assertThat(Files.readString(memfd.procPath())).isEqualTo("sealed");
            assertThat(Files.readSymbolicLink(memfd.procPath()).toString()).startsWith("/memfd:stevedore-test");
        }
    }

    @Test
    void refusesToShrinkOnceSealedButMayStillGrow() {
        // given
        try (Fd memfd = sys.memfdCreate("shrink", SEALABLE)) {
            sys.ftruncate(memfd, 100);
            sys.addSeals(memfd, Seals.F_SEAL_SHRINK);

            // when
            PosixException e = catchThrowableOfType(PosixException.class, () -> sys.ftruncate(memfd, 10));
            sys.ftruncate(memfd, 200);

            // then
            assertThat(e.errno()).isEqualTo(Errno.EPERM);
            assertThat(sys.fstat(memfd).size()).isEqualTo(200);
        }
    }

    @Test
    void takesNoSealsWithoutAllowSealingNorAfterSealSeal() {
        // given
        try (Fd unsealable = sys.memfdCreate("plain", MemfdFlags.MFD_CLOEXEC);
                Fd sealed = sys.memfdCreate("sealed", SEALABLE)) {
            sys.addSeals(sealed, Seals.F_SEAL_SEAL);

            // when
            PosixException plain = catchThrowableOfType(PosixException.class,
                    () -> sys.addSeals(unsealable, Seals.F_SEAL_GROW));
            PosixException again = catchThrowableOfType(PosixException.class,
                    () -> sys.addSeals(sealed, Seals.F_SEAL_GROW));

            // then
            assertThat(sys.seals(unsealable)).isEqualTo(Seals.F_SEAL_SEAL);
            assertThat(plain.errno()).isEqualTo(Errno.EPERM);
            assertThat(again.errno()).isEqualTo(Errno.EPERM);
            assertThat(again).hasMessage(
                    "fcntl(" + sealed + ", F_ADD_SEALS, 0x4) failed: EPERM (1): Operation not permitted");
        }
    }

    @ParameterizedTest(name = "{0} exits {1}")
    @CsvSource({"/bin/true, 0", "/bin/false, 1"})
    void runsASealedCopyOfAProgramThroughProcfs(String program, int exitCode) throws Exception {
        // given
        try (Fd exe = sys.memfdCreate("exe", SEALABLE)) {
            sys.writeFully(exe, Files.readAllBytes(Path.of(program)));
            sys.addSeals(exe, Seals.F_SEAL_SEAL | Seals.F_SEAL_SHRINK | Seals.F_SEAL_GROW | Seals.F_SEAL_WRITE);

            // when
            Process p = new ProcessBuilder(exe.procPath().toString()).start();

            // then
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isEqualTo(exitCode);
        }
    }
}
