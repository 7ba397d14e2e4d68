package dev.stevedore.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RuleFilterTest {
    private static final KernelVersion KERNEL = new KernelVersion(6, 18);

    @ParameterizedTest(name = "caps [{0}] arches [{1}] minKernel {2}: includes {3}, excludes {4}")
    @CsvSource(delimiter = '|', textBlock = """
            ''                       | ''          | ''   | true  | false
            CAP_CHOWN                | ''          | ''   | true  | true
            CAP_CHOWN CAP_SYS_ADMIN  | ''          | ''   | false | true
            CAP_SYS_ADMIN            | ''          | ''   | false | false
            CAP_UNHEARD_OF           | ''          | ''   | false | false
            ''                       | amd64       | ''   | true  | true
            ''                       | x86_64      | ''   | true  | true
            ''                       | x86 x32     | ''   | false | false
            ''                       | arm64 amd64 | ''   | true  | true
            ''                       | ''          | 6.18 | true  | true
            ''                       | ''          | 6.19 | false | false
            CAP_CHOWN                | arm64       | 4.8  | false | true
            """)
    void matchesLikeDockersIncludesAndExcludes(String caps, String arches, String minKernel, boolean includes,
            boolean excludes) {
        // given
        Set<Capability> held = EnumSet.of(Capability.CAP_CHOWN, Capability.CAP_KILL);
        RuleFilter filter = new RuleFilter(words(caps), words(arches),
                minKernel.isEmpty() ? Optional.empty() : Optional.of(KernelVersion.parse(minKernel)));

        // when
        boolean included = filter.includes(held, KERNEL);
        boolean excluded = filter.excludes(held, KERNEL);

        // then
        assertThat(included).as("includes").isEqualTo(includes);
        assertThat(excluded).as("excludes").isEqualTo(excludes);
    }

    private static List<String> words(String text) {
        return text.isBlank() ? List.of() : List.of(text.trim().split("\\s+"));
    }
}
