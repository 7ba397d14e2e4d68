package dev.stevedore.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The test interpreter itself: it must read seccomp_data as the kernel lays it out, and fail loudly. */
class BpfInterpreterTest {
    private static final int ALLOW = 0x7fff0000;
    private static final int KILL = 0;

    @ParameterizedTest(name = "arg0 = {0} -> {1}")
    @CsvSource({"0x100000002, ALLOW", "0x2, KILL_THREAD", "0x100000003, KILL_THREAD"})
    void readsArgumentsAsLittleEndianLowThenHighWords(String arg0, String expected) {
        // given: allow when the high word of args[0] is 1 and its low word is 2
        BpfInterpreter program = BpfInterpreter.of(List.of(
                new SockFilter(SockFilter.LD_W_ABS, 0, 0, 20),
                new SockFilter(SockFilter.JEQ_K, 0, 3, 1),
                new SockFilter(SockFilter.LD_W_ABS, 0, 0, 16),
                new SockFilter(SockFilter.JEQ_K, 0, 1, 2),
                new SockFilter(SockFilter.RET_K, 0, 0, ALLOW),
                new SockFilter(SockFilter.RET_K, 0, 0, KILL)));

        // when
        int ret = program.call(0, Long.decode(arg0));

        // then
        assertThat(BpfInterpreter.describe(ret)).isEqualTo(expected);
    }

    @Test
    void readsTheArchitectureAndMasksWithAnd() {
        // given: allow i386 calls whose number has bit 0 clear
        BpfInterpreter program = BpfInterpreter.of(List.of(
                new SockFilter(SockFilter.LD_W_ABS, 0, 0, SockFilter.ARCH_OFFSET),
                new SockFilter(SockFilter.JEQ_K, 0, 4, BpfInterpreter.AUDIT_ARCH_I386),
                new SockFilter(SockFilter.LD_W_ABS, 0, 0, SockFilter.NR_OFFSET),
                new SockFilter(0x54, 0, 0, 1),
                new SockFilter(SockFilter.JEQ_K, 0, 1, 0),
                new SockFilter(SockFilter.RET_K, 0, 0, ALLOW),
                new SockFilter(SockFilter.RET_K, 0, 0, KILL)));

        // when / then
        assertThat(BpfInterpreter.describe(program.callOn(BpfInterpreter.AUDIT_ARCH_I386, 4))).isEqualTo("ALLOW");
        assertThat(BpfInterpreter.describe(program.callOn(BpfInterpreter.AUDIT_ARCH_I386, 5))).isEqualTo("KILL_THREAD");
        assertThat(BpfInterpreter.describe(program.call(4))).isEqualTo("KILL_THREAD");
    }

    @Test
    void failsOnInstructionsItDoesNotKnow() {
        // given: BPF_LDX | BPF_IMM
        BpfInterpreter program = BpfInterpreter.of(List.of(new SockFilter(0x01, 0, 0, 0)));

        // when / then
        assertThatThrownBy(() -> program.call(0))
                .isInstanceOf(AssertionError.class)
                .hasMessage("unsupported BPF instruction at 0: {0x01, 0, 0, 0x00000000}");
    }

    @Test
    void failsWhenTheProgramRunsOffItsEnd() {
        // given
        BpfInterpreter program = BpfInterpreter.of(List.of(new SockFilter(SockFilter.LD_W_ABS, 0, 0, 0)));

        // when / then
        assertThatThrownBy(() -> program.call(0))
                .isInstanceOf(AssertionError.class)
                .hasMessage("BPF program ran off its end at instruction 1");
    }

    @Test
    void failsOnLoadsOutsideSeccompData() {
        // given
        BpfInterpreter program = BpfInterpreter.of(List.of(new SockFilter(SockFilter.LD_W_ABS, 0, 0, 64),
                new SockFilter(SockFilter.RET_K, 0, 0, ALLOW)));

        // when / then
        assertThatThrownBy(() -> program.call(0))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("load outside seccomp_data at 0");
    }

    @Test
    void failsOnJumpsPastTheEnd() {
        // given
        BpfInterpreter program = BpfInterpreter.of(List.of(new SockFilter(SockFilter.JA, 0, 0, 5),
                new SockFilter(SockFilter.RET_K, 0, 0, ALLOW)));

        // when / then
        assertThatThrownBy(() -> program.call(0))
                .isInstanceOf(AssertionError.class)
                .hasMessage("jump from 0 past the end of the program: 5");
    }

    @ParameterizedTest(name = "0x{0} -> {1}")
    @CsvSource({"80000000, KILL_PROCESS", "00000000, KILL_THREAD", "00030000, TRAP", "00050001, ERRNO(EPERM)",
            "00050026, ERRNO(ENOSYS)", "7fc00000, USER_NOTIF", "7ff00007, TRACE(7)", "7ffc0000, LOG",
            "7fff0000, ALLOW"})
    void describesReturnValues(String hex, String expected) {
        // when
        String text = BpfInterpreter.describe(Integer.parseUnsignedInt(hex, 16));

        // then
        assertThat(text).isEqualTo(expected);
    }
}
