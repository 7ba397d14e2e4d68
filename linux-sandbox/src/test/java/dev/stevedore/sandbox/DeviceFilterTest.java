package dev.stevedore.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Runs the compiled programs through {@link EbpfInterpreter}. */
class DeviceFilterTest {
    private static final List<EbpfInstruction> DOCKER = DeviceFilter.compile(DeviceRule.DOCKER_DEFAULTS);

    @ParameterizedTest(name = "{0} {1}:{2} {3} -> {4}")
    @CsvSource({
            "c, 1, 3, rw, true",      // /dev/null
            "c, 1, 3, rwm, true",
            "c, 1, 5, r, true",       // /dev/zero
            "c, 136, 7, rw, true",    // /dev/pts/7
            "c, 10, 200, rw, true",   // /dev/net/tun
            "b, 8, 0, m, true",       // mknod of /dev/sda
            "c, 4, 1, m, true",       // mknod of any char device
            "b, 8, 0, r, false",      // but not reading /dev/sda
            "b, 8, 0, rm, false",
            "c, 1, 1, r, false",      // /dev/mem
            "c, 4, 1, w, false",      // /dev/tty1
            "c, 10, 201, r, false",
            "c, 137, 0, rw, false"})
    void allowsWhatDockersDefaultListAllowsAndNothingElse(char type, int major, int minor, String access,
            boolean allowed) {
        // given the program for Docker's default list

        // when
        boolean result = EbpfInterpreter.allows(DOCKER, type, major, minor, access);

        // then
        assertThat(result).isEqualTo(allowed);
    }

    @Test
    void deniesEveryDeviceWhenTheListIsEmpty() {
        // given
        List<EbpfInstruction> program = DeviceFilter.compile(List.of());

        // when
        boolean nullDevice = EbpfInterpreter.allows(program, 'c', 1, 3, "r");

        // then
        assertThat(nullDevice).isFalse();
        assertThat(DeviceFilter.allowsEverything(List.of())).isFalse();
    }

    @Test
    void letsTheLastMatchingRuleDecide() {
        // given everything allowed, then writes to /dev/null denied, then reads of /dev/zero denied and re-allowed
        List<DeviceRule> rules = List.of(
                DeviceRule.allow('a', DeviceRule.ANY, DeviceRule.ANY, "rwm"),
                new DeviceRule('c', 1, 3, "w", false),
                new DeviceRule('c', 1, 5, "r", false),
                DeviceRule.allow('c', 1, 5, "r"));

        // when
        List<EbpfInstruction> program = DeviceFilter.compile(rules);

        // then a deny matches when any access it names is asked for
        assertThat(EbpfInterpreter.allows(program, 'c', 1, 3, "r")).isTrue();
        assertThat(EbpfInterpreter.allows(program, 'c', 1, 3, "w")).isFalse();
        assertThat(EbpfInterpreter.allows(program, 'c', 1, 3, "rw")).isFalse();
        assertThat(EbpfInterpreter.allows(program, 'c', 1, 5, "r")).isTrue();
        assertThat(EbpfInterpreter.allows(program, 'b', 8, 0, "rwm")).isTrue();
        assertThat(DeviceFilter.allowsEverything(rules)).isFalse();
    }

    @Test
    void stopsAtAnUnconditionalRuleSoThatNoInstructionIsUnreachable() {
        // given rules before an allow-all can never decide anything
        List<DeviceRule> rules = List.of(
                new DeviceRule('c', 1, 3, "rwm", false),
                DeviceRule.allow('a', DeviceRule.ANY, DeviceRule.ANY, "rwm"));

        // when
        List<EbpfInstruction> program = DeviceFilter.compile(rules);

        // then: six context loads, then r0 = 1; exit
        assertThat(program).hasSize(8);
        assertThat(program.subList(6, 8)).containsExactly(EbpfInstruction.movImm(0, 1), EbpfInstruction.exit());
        assertThat(EbpfInterpreter.allows(program, 'c', 1, 3, "rw")).isTrue();
        assertThat(DeviceFilter.allowsEverything(rules)).isTrue();
    }

    @Test
    void jumpsToTheNextRuleOnEachMismatch() {
        // given
        List<DeviceRule> rules = List.of(DeviceRule.allow('c', 1, 3, "rw"));

        // when
        List<EbpfInstruction> program = DeviceFilter.compile(rules);

        // then: type, access, major and minor tests skip the verdict of the rule
        assertThat(program.subList(6, program.size())).containsExactly(
                EbpfInstruction.jumpIfNotEqual(2, DeviceFilter.DEV_CHAR, 5),
                EbpfInstruction.jumpIfAnyBit(3, ~(DeviceFilter.ACC_READ | DeviceFilter.ACC_WRITE), 4),
                EbpfInstruction.jumpIfNotEqual(4, 1, 3),
                EbpfInstruction.jumpIfNotEqual(5, 3, 2),
                EbpfInstruction.movImm(0, 1),
                EbpfInstruction.exit(),
                EbpfInstruction.movImm(0, 0),
                EbpfInstruction.exit());
    }
}
