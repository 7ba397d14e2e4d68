package dev.stevedore.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CapabilityTest {
    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({"CAP_CHOWN, 0", "CAP_KILL, 5", "CAP_SETPCAP, 8", "CAP_NET_ADMIN, 12", "CAP_SYS_ADMIN, 21",
            "CAP_MKNOD, 27", "CAP_SETFCAP, 31", "CAP_SYSLOG, 34", "CAP_PERFMON, 38", "CAP_BPF, 39",
            "CAP_CHECKPOINT_RESTORE, 40"})
    void carriesTheKernelsNumber(Capability capability, int number) {
        // when
        int actual = capability.number();

        // then
        assertThat(actual).isEqualTo(number);
    }

    @Test
    void numbersAllFortyOneCapabilitiesInOrder() {
        // when
        List<Integer> numbers = Arrays.stream(Capability.values()).map(Capability::number).toList();

        // then
        assertThat(numbers).hasSize(41);
        for (int i = 0; i < numbers.size(); i++) {
            assertThat(numbers.get(i)).isEqualTo(i);
        }
    }

    @Test
    void knowsDockersFourteenDefaults() {
        // when
        Set<String> names = Capability.DOCKER_DEFAULTS.stream().map(Enum::name).collect(Collectors.toSet());

        // then
        assertThat(names).containsExactlyInAnyOrder("CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FSETID", "CAP_FOWNER",
                "CAP_MKNOD", "CAP_NET_RAW", "CAP_SETGID", "CAP_SETUID", "CAP_SETFCAP", "CAP_SETPCAP",
                "CAP_NET_BIND_SERVICE", "CAP_SYS_CHROOT", "CAP_KILL", "CAP_AUDIT_WRITE");
        assertThatThrownBy(() -> Capability.DOCKER_DEFAULTS.add(Capability.CAP_SYS_ADMIN))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"CAP_NET_ADMIN", "NET_ADMIN", "net_admin", "cap_net_admin", "Net_Admin", " NET_ADMIN "})
    void parsesNamesAsDockerDoes(String name) {
        // when
        Capability parsed = Capability.parse(name);

        // then
        assertThat(parsed).isEqualTo(Capability.CAP_NET_ADMIN);
    }

    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            CAP_FOO  | unknown capability: "CAP_FOO"
            NET      | unknown capability: "NET"
            ''       | unknown capability: ""
            ALL      | "ALL" names every capability, not one; use adjust()
            all      | "all" names every capability, not one; use adjust()
            """)
    void rejectsWhatIsNotOneCapability(String name, String message) {
        // when / then
        assertThatThrownBy(() -> Capability.parse(name))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @ParameterizedTest(name = "add {0}, drop {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            ''                 | ''               | CHOWN KILL
            NET_ADMIN          | ''               | CHOWN KILL NET_ADMIN
            ''                 | chown            | KILL
            net_admin          | CAP_KILL         | CHOWN NET_ADMIN
            KILL               | KILL             | CHOWN KILL
            ''                 | ALL              | ''
            SYS_ADMIN          | all              | SYS_ADMIN
            ALL                | ''               | *
            ALL                | SYS_ADMIN        | * -SYS_ADMIN
            ALL                | ALL              | *
            """)
    void adjustsASetWithAddAndDropListsAsDockerDoes(String add, String drop, String expected) {
        // given
        Set<Capability> base = EnumSet.of(Capability.CAP_CHOWN, Capability.CAP_KILL);

        // when
        Set<Capability> result = Capability.adjust(base, words(add), words(drop));

        // then
        assertThat(result).isEqualTo(expectedSet(expected));
    }

    @Test
    void rejectsUnknownNamesInAdjustLists() {
        // when / then
        assertThatThrownBy(() -> Capability.adjust(Capability.DOCKER_DEFAULTS, List.of("CAP_WIZARD"), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown capability: \"CAP_WIZARD\"");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            ''                                | 0x0
            CHOWN                             | 0x1
            CHOWN KILL                        | 0x21
            SYS_ADMIN                         | 0x200000
            CHECKPOINT_RESTORE                | 0x10000000000
            """)
    void masksEachCapabilityAtItsBit(String names, String mask) {
        // when
        long actual = Capability.mask(expectedSet(names));

        // then
        assertThat(actual).isEqualTo(Long.decode(mask));
    }

    @Test
    void masksDockersDefaultsAsDockerContainersShowCapEff() {
        // when
        long mask = Capability.mask(Capability.DOCKER_DEFAULTS);

        // then
        assertThat(mask).isEqualTo(0xa80425fbL);
        assertThat(Capability.mask(Capability.all())).isEqualTo((1L << 41) - 1);
    }

    private static List<String> words(String text) {
        return text.isBlank() ? List.of() : List.of(text.trim().split("\\s+"));
    }

    /** "*" is every capability; "-X" removes X; other words are names without CAP_. */
    private static Set<Capability> expectedSet(String text) {
        EnumSet<Capability> set = EnumSet.noneOf(Capability.class);
        for (String word : words(text)) {
            if (word.equals("*")) {
                set.addAll(EnumSet.allOf(Capability.class));
            } else if (word.startsWith("-")) {
                set.remove(Capability.valueOf("CAP_" + word.substring(1)));
            } else {
                set.add(Capability.valueOf("CAP_" + word));
            }
        }
        return set;
    }
}
