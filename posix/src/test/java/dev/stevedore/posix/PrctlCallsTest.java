package dev.stevedore.posix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Each test restores what it changes: these attributes belong to the whole test JVM (or its thread). */
class PrctlCallsTest {
    private final Syscalls sys = Syscalls.linux();

    @Test
    void turnsDumpableOffAndBackOn() {
        // given
        boolean before = sys.isDumpable();
        try {
            // when
            sys.setDumpable(false);

            // then
            assertThat(sys.isDumpable()).isFalse();
            assertThat(sys.prctl(PrctlOptions.PR_GET_DUMPABLE, 0, 0, 0, 0)).isZero();
        } finally {
            sys.setDumpable(before);
        }
        assertThat(sys.isDumpable()).isEqualTo(before);
    }

    @Test
    void becomesAChildSubreaperAndStopsBeingOne() {
        // given
        boolean before = sys.isChildSubreaper();
        try {
            // when
            sys.setChildSubreaper(!before);

            // then
            assertThat(sys.isChildSubreaper()).isEqualTo(!before);
        } finally {
            sys.setChildSubreaper(before);
        }
        assertThat(sys.isChildSubreaper()).isEqualTo(before);
    }

    @Test
    void setsAndClearsTheParentDeathSignalOfTheCallingThread() {
        // given
        int before = sys.parentDeathSignal();
        try {
            // when: SIGWINCH is ignored by default, harmless if the parent did die meanwhile
            sys.setParentDeathSignal(Signals.SIGWINCH);

            // then
            assertThat(sys.parentDeathSignal()).isEqualTo(Signals.SIGWINCH);
        } finally {
            sys.setParentDeathSignal(before);
        }
        assertThat(sys.parentDeathSignal()).isEqualTo(before);
    }

    @Test
    void readsNoNewPrivilegesAsProcfsShowsIt() throws IOException {
        // given: setting it is irreversible, so only read it
        String status = ProcessCallsTest.statusField("NoNewPrivs:").get(0);

        // when
        boolean set = sys.hasNoNewPrivileges();

        // then
        assertThat(set).isEqualTo(status.equals("1"));
    }

    @Test
    void reportsAnUnknownOption() {
        // when
        PosixException e = catchThrowableOfType(PosixException.class, () -> sys.prctl(0x7ead, 0, 0, 0, 0));

        // then
        assertThat(e.errno()).isEqualTo(Errno.EINVAL);
        assertThat(e).hasMessage("prctl(32429, 0, 0, 0, 0) failed: EINVAL (22): Invalid argument");
    }
}
