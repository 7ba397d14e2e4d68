package dev.stevedore.posix;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ErrnoTest {
    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({"1, EPERM", "2, ENOENT", "17, EEXIST", "22, EINVAL", "40, ELOOP", "61, ENODATA", "95, EOPNOTSUPP",
        "133, EHWPOISON"})
    void mapsNumbersToTheirLinuxNames(int number, String name) {
        // when
        Errno errno = Errno.of(number);

        // then
        assertThat(errno.name()).isEqualTo(name);
        assertThat(errno.number()).isEqualTo(number);
    }

    @Test
    void describesAKnownNumberByNameNumberAndDescription() {
        // when
        String description = Errno.describe(2);

        // then
        assertThat(description).isEqualTo("ENOENT (2): No such file or directory");
    }

    @Test
    void mapsAnUnknownNumberToUnknownButStillPrintsTheNumber() {
        // when
        Errno errno = Errno.of(531);

        // then
        assertThat(errno).isEqualTo(Errno.UNKNOWN);
        assertThat(Errno.describe(531)).isEqualTo("errno 531: Unknown error");
        assertThat(Errno.of(0)).isEqualTo(Errno.UNKNOWN);
        assertThat(Errno.of(-1)).isEqualTo(Errno.UNKNOWN);
        assertThat(Errno.of(41)).as("41 is unused on Linux").isEqualTo(Errno.UNKNOWN);
    }

    @Test
    void namesTheLinuxAliasesAfterTheirPrimaryValue() {
        // then
        assertThat(Errno.EWOULDBLOCK).isSameAs(Errno.EAGAIN);
        assertThat(Errno.EDEADLOCK).isSameAs(Errno.EDEADLK);
        assertThat(Errno.ENOTSUP).isSameAs(Errno.EOPNOTSUPP);
    }

    @Test
    void coversEveryNumberOfTheKernelHeadersOnceWithADescription() {
        // given: asm-generic/errno-base.h and errno.h define 1..133 except 41 and 58
        Errno[] known = Arrays.stream(Errno.values()).filter(e -> e != Errno.UNKNOWN).toArray(Errno[]::new);

        // then
        assertThat(known).hasSize(131);
        assertThat(Arrays.stream(known).mapToInt(Errno::number).distinct().count()).isEqualTo(131);
        assertThat(known).allSatisfy(e -> assertThat(e.description()).isNotBlank());
        assertThat(Arrays.stream(known).mapToInt(Errno::number)).doesNotContain(41, 58);
    }
}
