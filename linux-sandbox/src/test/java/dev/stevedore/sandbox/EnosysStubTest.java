package dev.stevedore.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The stub in front of a stand-in filter that tells its verdicts apart: {@code TRACE(1)} for
 * x86-64, {@code TRACE(2)} for i386, {@code TRACE(3)} for anything else, reached through jumps
 * of its own, so a stub that disturbs it shows.
 */
class EnosysStubTest {
    private static final int X32 = SeccompArch.X32_SYSCALL_BIT;
    private static final int TRACE = 0x7ff00000;

    @ParameterizedTest(name = "{0} nr {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            x86_64  | 0          | TRACE(1)
            x86_64  | 300        | TRACE(1)
            x86_64  | 301        | ERRNO(ENOSYS)
            x86_64  | -1         | ERRNO(ENOSYS)
            x32     | 0          | TRACE(1)
            x32     | 520        | TRACE(1)
            x32     | 521        | ERRNO(ENOSYS)
            i386    | 400        | TRACE(2)
            i386    | 401        | ERRNO(ENOSYS)
            aarch64 | 5000       | TRACE(3)
            """)
    void returnsEnosysAboveEachArchitecturesMaximumAndLeavesTheRestToTheFilter(String arch, String nr,
            String expected) {
        // given
        List<SockFilter> stub = EnosysStub.build(Map.of(SeccompArch.X86_64, 300, SeccompArch.X32, X32 | 520,
                SeccompArch.X86, 400));
        BpfInterpreter program = BpfInterpreter.of(append(stub, standInFilter()));

        // when
        int ret = run(program, arch, Integer.decode(nr));

        // then
        assertThat(BpfInterpreter.describe(ret)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} nr {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            x86_64  | 300  | TRACE(1)
            x86_64  | 301  | ERRNO(ENOSYS)
            x32     | 9999 | TRACE(1)
            i386    | 9999 | TRACE(2)
            """)
    void leavesArchitecturesWithoutAMaximumToTheFilter(String arch, String nr, String expected) {
        // given
        List<SockFilter> stub = EnosysStub.build(Map.of(SeccompArch.X86_64, 300));
        BpfInterpreter program = BpfInterpreter.of(append(stub, standInFilter()));

        // when
        int ret = run(program, arch, Integer.decode(nr));

        // then
        assertThat(BpfInterpreter.describe(ret)).isEqualTo(expected);
    }

    @Test
    void handlesX32AloneOnTheX8664AuditArchitecture() {
        // given
        List<SockFilter> stub = EnosysStub.build(Map.of(SeccompArch.X32, X32 | 10));
        BpfInterpreter program = BpfInterpreter.of(append(stub, standInFilter()));

        // when
        int small = program.call(X32 | 10);
        int large = program.call(X32 | 11);
        int native64 = program.call(5000);

        // then
        assertThat(BpfInterpreter.describe(small)).isEqualTo("TRACE(1)");
        assertThat(BpfInterpreter.describe(large)).isEqualTo("ERRNO(ENOSYS)");
        assertThat(BpfInterpreter.describe(native64)).isEqualTo("TRACE(1)");
    }

    @Test
    void isEmptyWithoutMaxima() {
        // when
        List<SockFilter> stub = EnosysStub.build(Map.of());

        // then
        assertThat(stub).isEmpty();
    }

    @Test
    void endsWithTheEnosysReturnSoTheFilterFollowsDirectly() {
        // when
        List<SockFilter> stub = EnosysStub.build(Map.of(SeccompArch.X86_64, 1, SeccompArch.X86, 2));

        // then
        assertThat(stub.get(stub.size() - 1)).isEqualTo(new SockFilter(SockFilter.RET_K, 0, 0, EnosysStub.RET_ENOSYS));
        assertThat(stub).hasSizeLessThan(16);
    }

    /** ld arch; jeq x86_64 -> TRACE(1); jeq i386 -> TRACE(2); ja -> TRACE(3). */
    private static List<SockFilter> standInFilter() {
        return List.of(
                new SockFilter(SockFilter.LD_W_ABS, 0, 0, SockFilter.ARCH_OFFSET),
                new SockFilter(SockFilter.JEQ_K, 3, 0, BpfInterpreter.AUDIT_ARCH_X86_64),
                new SockFilter(SockFilter.JEQ_K, 3, 0, BpfInterpreter.AUDIT_ARCH_I386),
                new SockFilter(SockFilter.JA, 0, 0, 3),
                new SockFilter(SockFilter.RET_K, 0, 0, 0xdead),
                new SockFilter(SockFilter.RET_K, 0, 0, TRACE | 1),
                new SockFilter(SockFilter.RET_K, 0, 0, TRACE | 2),
                new SockFilter(SockFilter.RET_K, 0, 0, TRACE | 3));
    }

    private static List<SockFilter> append(List<SockFilter> stub, List<SockFilter> filter) {
        List<SockFilter> all = new ArrayList<>(stub);
        all.addAll(filter);
        return all;
    }

    private static int run(BpfInterpreter program, String arch, int nr) {
        return switch (arch) {
            case "x86_64" -> program.callOn(BpfInterpreter.AUDIT_ARCH_X86_64, nr);
            case "x32" -> program.callOn(BpfInterpreter.AUDIT_ARCH_X86_64, X32 | nr);
            case "i386" -> program.callOn(BpfInterpreter.AUDIT_ARCH_I386, nr);
            case "aarch64" -> program.callOn(BpfInterpreter.AUDIT_ARCH_AARCH64, nr);
            default -> throw new IllegalArgumentException(arch);
        };
    }
}
