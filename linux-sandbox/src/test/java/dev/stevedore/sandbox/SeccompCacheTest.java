package dev.stevedore.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SeccompCacheTest {
    @Test
    void compilesOncePerCapabilitySetAndServesCopies() {
        // given
        Seccomp seccomp = Seccomp.profile(SeccompCustomProfileTest.resource("tiny.json"), "tiny.json");

        // when
        byte[] first = seccomp.compile(Capability.DOCKER_DEFAULTS).orElseThrow();
        first[0] = 0x7f;
        byte[] second = seccomp.compile(EnumSet.copyOf(Capability.DOCKER_DEFAULTS)).orElseThrow();
        byte[] third = seccomp.compile(Set.copyOf(Capability.DOCKER_DEFAULTS)).orElseThrow();

        // then
        assertThat(seccomp.compilations()).isEqualTo(1);
        assertThat(second).isEqualTo(third).isNotSameAs(third);
        assertThat(second[0]).isEqualTo((byte) SockFilter.LD_W_ABS);
    }

    @Test
    void compilesAgainForAnotherCapabilitySet() {
        // given
        Seccomp seccomp = Seccomp.profile(SeccompCustomProfileTest.resource("tiny.json"), "tiny.json");
        Set<Capability> more = EnumSet.of(Capability.CAP_SYS_ADMIN);

        // when
        seccomp.compile(Capability.DOCKER_DEFAULTS);
        seccomp.compile(more);
        seccomp.compile(more);

        // then
        assertThat(seccomp.compilations()).isEqualTo(2);
    }

    @Test
    void givesTheSameBytesForTheSameInputsAcrossInstances() {
        // given
        Seccomp one = Seccomp.profile(SeccompCustomProfileTest.resource("conditions.json"), "a");
        Seccomp two = Seccomp.profile(SeccompCustomProfileTest.resource("conditions.json"), "b");

        // when
        byte[] fromOne = one.compile(Capability.DOCKER_DEFAULTS).orElseThrow();
        byte[] fromTwo = two.compile(Capability.DOCKER_DEFAULTS).orElseThrow();

        // then
        assertThat(fromOne).isEqualTo(fromTwo);
    }

    @Test
    void neverCompilesWhenUnconfined() {
        // given
        Seccomp seccomp = Seccomp.profile("{}", "empty");

        // when
        seccomp.compile(Capability.DOCKER_DEFAULTS);

        // then
        assertThat(seccomp.compilations()).isZero();
    }
}
