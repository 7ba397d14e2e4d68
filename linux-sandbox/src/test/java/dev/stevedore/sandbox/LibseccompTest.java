package dev.stevedore.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class LibseccompTest {
    @Test
    void laysOutStructScmpArgCmpAsSeccompHDoes() {
        // given
        Libseccomp.ScmpArgCmp cmp = new Libseccomp.ScmpArgCmp();

        // when / then
        assertThat(cmp.size()).isEqualTo(Libseccomp.ScmpArgCmp.SIZE);
        assertThat(cmp.offsetOf("arg")).isZero();
        assertThat(cmp.offsetOf("op")).isEqualTo(4);
        assertThat(cmp.offsetOf("datum_a")).isEqualTo(8);
        assertThat(cmp.offsetOf("datum_b")).isEqualTo(16);
    }

    @ParameterizedTest(name = "{0} on {1} = {2}")
    @CsvSource(delimiter = '|', textBlock = """
            read         | X86_64 | 0
            read         | X86    | 3
            read         | X32    | 0x40000000
            mount        | X86_64 | 165
            mount        | X86    | 21
            clone3       | X86_64 | 435
            clone3       | X32    | 0x400001b3
            arch_prctl   | X86    | 384
            socketcall   | X86    | 102
            no_such_call | X86_64 | -1
            no_such_call | X86    | -1
            """)
    void resolvesSystemCallNamesPerArchitecture(String name, SeccompArch arch, String number) {
        // when
        int nr = Libseccomp.resolve(arch.token(), name);

        // then
        assertThat(nr).isEqualTo(Integer.decode(number));
    }

    @Test
    void givesNegativePseudoNumbersForCallsAnArchitectureLacks() {
        // when
        int socketcall = Libseccomp.resolve(SeccompArch.X86_64.token(), "socketcall");

        // then
        assertThat(socketcall).isLessThan(Libseccomp.NR_SCMP_ERROR);
    }
}
