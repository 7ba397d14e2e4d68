package dev.stevedore.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SeccompCustomProfileTest {
    private static final int X32 = SeccompArch.X32_SYSCALL_BIT;

    @ParameterizedTest(name = "{0} -> {3}")
    @CsvSource(delimiter = '|', textBlock = """
            read                     | x86_64 | 0    | ALLOW
            write                    | x86_64 | 1    | ALLOW
            exit_group               | x86_64 | 231  | ALLOW
            mkdir                    | x86_64 | 83   | ERRNO(EACCES)
            getpid, below the max    | x86_64 | 39   | ERRNO(EPERM)
            openat, above the max    | x86_64 | 257  | ERRNO(ENOSYS)
            number 1000              | x86_64 | 1000 | ERRNO(ENOSYS)
            read, i386 not covered   | i386   | 3    | KILL_THREAD
            read, x32 not covered    | x32    | 0    | KILL_THREAD
            """)
    void allowsOnlyWhatATinyProfileAllows(String call, String arch, int nr, String expected) {
        // given
        Seccomp seccomp = Seccomp.profile(resource("tiny.json"), "tiny.json");

        // when
        int ret = run(program(seccomp, Capability.DOCKER_DEFAULTS), arch, nr, 0);

        // then
        assertThat(BpfInterpreter.describe(ret)).as(call).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}({3}, {4}) with [{1}] on {2} -> {5}")
    @CsvSource(delimiter = '|', textBlock = """
            getpid, includes x86 x32  | ''                  | 6.18 | 0 | 0  | ERRNO(EPERM)
            getppid, includes amd64   | ''                  | 6.18 | 0 | 0  | ALLOW
            gettid, includes x86_64   | ''                  | 6.18 | 0 | 0  | ALLOW
            getuid, excludes SYS_ADMIN| ''                  | 6.18 | 0 | 0  | ALLOW
            getuid, excludes SYS_ADMIN| SYS_ADMIN           | 6.18 | 0 | 0  | ERRNO(EPERM)
            getgid, includes both     | SYS_ADMIN           | 6.18 | 0 | 0  | ERRNO(EPERM)
            getgid, includes both     | SYS_ADMIN NET_ADMIN | 6.18 | 0 | 0  | ALLOW
            geteuid, excludes >= 5.0  | ''                  | 4.19 | 0 | 0  | ALLOW
            geteuid, excludes >= 5.0  | ''                  | 5.0  | 0 | 0  | ERRNO(EPERM)
            getegid, includes >= 5.0  | ''                  | 4.19 | 0 | 0  | ERRNO(EPERM)
            getegid, includes >= 5.0  | ''                  | 5.0  | 0 | 0  | ALLOW
            getpgrp, excludes amd64   | ''                  | 6.18 | 0 | 0  | ERRNO(EPERM)
            getsid, unknown capability| ''                  | 6.18 | 0 | 0  | ERRNO(EPERM)
            sched_yield, unknown name | ''                  | 6.18 | 0 | 0  | ALLOW
            pause, legacy name        | ''                  | 6.18 | 0 | 0  | ALLOW
            personality(0)            | ''                  | 6.18 | 0 | 0  | ALLOW
            personality(8)            | ''                  | 6.18 | 8 | 0  | ALLOW
            personality(1)            | ''                  | 6.18 | 1 | 0  | ERRNO(EPERM)
            kill(1, SIGKILL)          | ''                  | 6.18 | 1 | 9  | ALLOW
            kill(1, SIGTERM)          | ''                  | 6.18 | 1 | 15 | ERRNO(EPERM)
            kill(2, SIGKILL)          | ''                  | 6.18 | 2 | 9  | ERRNO(EPERM)
            """)
    void evaluatesIncludesExcludesAndArgumentsAsDockerAndRuncDo(String call, String caps, String kernel, long arg0,
            long arg1, String expected) {
        // given
        Seccomp seccomp = Seccomp.profile(resource("conditions.json"), "conditions.json");
        String name = call.split("[,(]")[0].trim();
        int nr = Libseccomp.resolve(SeccompArch.X86_64.token(), name);

        // when
        byte[] program = seccomp.compile(capabilities(caps), KernelVersion.parse(kernel)).orElseThrow();
        int ret = BpfInterpreter.of(program).call(nr, arg0, arg1);

        // then
        assertThat(BpfInterpreter.describe(ret)).as(call).isEqualTo(expected);
    }

    @Test
    void coversTheArchMapEntryForX8664AndItsSubArchitectures() {
        // given
        Seccomp seccomp = Seccomp.profile(resource("conditions.json"), "conditions.json");

        // when
        BpfInterpreter filter = program(seccomp, Set.of());

        // then
        assertThat(seccomp.parsedProfile().orElseThrow().architectures())
                .containsExactly("SCMP_ARCH_X86_64", "SCMP_ARCH_X86");
        assertThat(BpfInterpreter.describe(filter.callOn(BpfInterpreter.AUDIT_ARCH_I386, 252))).isEqualTo("ALLOW");
        assertThat(BpfInterpreter.describe(filter.callOn(BpfInterpreter.AUDIT_ARCH_X86_64, X32 | 231)))
                .isEqualTo("KILL_THREAD");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            "action": "SCMP_ACT_KILL"                      | KILL_THREAD
            "action": "SCMP_ACT_KILL_THREAD"               | KILL_THREAD
            "action": "SCMP_ACT_KILL_PROCESS"              | KILL_PROCESS
            "action": "SCMP_ACT_TRAP"                      | TRAP
            "action": "SCMP_ACT_ERRNO"                     | ERRNO(EPERM)
            "action": "SCMP_ACT_ERRNO", "errnoRet": 5      | ERRNO(EIO)
            "action": "SCMP_ACT_TRACE"                     | TRACE(1)
            "action": "SCMP_ACT_TRACE", "errnoRet": 7      | TRACE(7)
            "action": "SCMP_ACT_LOG"                       | LOG
            "action": "SCMP_ACT_ALLOW"                     | ALLOW
            """)
    void returnsWhatEachActionMeans(String action, String expected) {
        // given
        Seccomp seccomp = Seccomp.profile("{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"syscalls\": [{\"names\": "
                + "[\"getpid\"], " + action + "}]}", "actions");

        // when
        int ret = program(seccomp, Set.of()).call(39);

        // then
        assertThat(BpfInterpreter.describe(ret)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "arg {0} {1} {2} (two: {3}) for {4} -> {5}")
    @CsvSource(delimiter = '|', textBlock = """
            NE        | 5           | 0    | 6           | ALLOW
            NE        | 5           | 0    | 5           | ERRNO(EPERM)
            LT        | 5           | 0    | 4           | ALLOW
            LT        | 5           | 0    | 5           | ERRNO(EPERM)
            LE        | 5           | 0    | 5           | ALLOW
            LE        | 5           | 0    | 6           | ERRNO(EPERM)
            EQ        | 5           | 0    | 5           | ALLOW
            EQ        | 5           | 0    | 0x500000005 | ERRNO(EPERM)
            GE        | 5           | 0    | 5           | ALLOW
            GE        | 5           | 0    | 4           | ERRNO(EPERM)
            GT        | 5           | 0    | 0x100000000 | ALLOW
            GT        | 5           | 0    | 5           | ERRNO(EPERM)
            MASKED_EQ | 240         | 16   | 0x1f        | ALLOW
            MASKED_EQ | 240         | 16   | 0x2f        | ERRNO(EPERM)
            EQ        | 4294967296  | 0    | 0x100000000 | ALLOW
            EQ        | 4294967296  | 0    | 0           | ERRNO(EPERM)
            """)
    void comparesArgumentsAsSixtyFourBitUnsignedNumbers(String op, String value, String valueTwo, String arg,
            String expected) {
        // given
        Seccomp seccomp = Seccomp.profile("{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [{\"names\": "
                + "[\"getpid\", \"exit_group\"], \"action\": \"SCMP_ACT_ALLOW\", \"args\": [{\"index\": 2, \"op\": "
                + "\"SCMP_CMP_" + op + "\", \"value\": " + value + ", \"valueTwo\": " + valueTwo + "}]}]}", "ops");

        // when
        int ret = program(seccomp, Set.of()).call(39, 0, 0, Long.decode(arg));

        // then
        assertThat(BpfInterpreter.describe(ret)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            "defaultAction": "SCMP_ACT_ALLOW"                              | ALLOW
            "defaultAction": "SCMP_ACT_LOG"                                | LOG
            "defaultAction": "SCMP_ACT_TRACE"                              | TRACE(1)
            "defaultAction": "SCMP_ACT_ERRNO", "defaultErrnoRet": 38       | ERRNO(ENOSYS)
            "defaultAction": "SCMP_ACT_KILL_PROCESS"                       | ERRNO(ENOSYS)
            "defaultAction": "SCMP_ACT_ERRNO", "defaultErrnoRet": 1        | ERRNO(ENOSYS)
            """)
    void stubsNewCallsWithEnosysOnlyWhenTheDefaultActionDenies(String header, String expectedForCall1000) {
        // given
        Seccomp seccomp = Seccomp.profile("{" + header + ", \"syscalls\": [{\"names\": [\"mkdir\"], "
                + "\"action\": \"SCMP_ACT_TRAP\"}]}", "defaults");

        // when
        int ret = program(seccomp, Set.of()).call(1000);

        // then
        assertThat(BpfInterpreter.describe(ret)).isEqualTo(expectedForCall1000);
    }

    @Test
    void ignoresOtherMachinesArchitectures() {
        // given
        Seccomp seccomp = Seccomp.profile("{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"architectures\": "
                + "[\"SCMP_ARCH_AARCH64\", \"SCMP_ARCH_X86_64\", \"SCMP_ARCH_S390X\"], \"syscalls\": "
                + "[{\"names\": [\"read\"], \"action\": \"SCMP_ACT_ALLOW\"}]}", "foreign");

        // when
        BpfInterpreter filter = program(seccomp, Set.of());

        // then
        assertThat(BpfInterpreter.describe(filter.call(0))).isEqualTo("ALLOW");
        assertThat(BpfInterpreter.describe(filter.callOn(BpfInterpreter.AUDIT_ARCH_AARCH64, 63))).isEqualTo("KILL_THREAD");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            {}
            {"defaultAction": ""}
            {"defaultAction": null, "syscalls": null}
            {"syscalls": []}
            """)
    void treatsAProfileWithoutDefaultActionAndSyscallsAsUnconfinedLikeDocker(String json) {
        // when
        Seccomp seccomp = Seccomp.profile(json, "empty");

        // then
        assertThat(seccomp.confined()).isFalse();
        assertThat(seccomp.compile(Capability.DOCKER_DEFAULTS)).isEmpty();
    }

    @Test
    void readsAProfileFileAndNamesItByItsPath(@TempDir Path dir) throws IOException {
        // given
        Path file = dir.resolve("tiny.json");
        Files.writeString(file, resource("tiny.json"));

        // when
        Seccomp seccomp = Seccomp.profile(file);

        // then
        assertThat(seccomp.source()).isEqualTo(file.toString());
        assertThat(seccomp).hasToString("Seccomp[" + file + "]");
        assertThat(BpfInterpreter.describe(program(seccomp, Set.of()).call(0))).isEqualTo("ALLOW");
    }

    @Test
    void equalsAnotherFromTheSameSourceAndContent() {
        // when
        Seccomp one = Seccomp.profile(resource("tiny.json"), "tiny.json");
        Seccomp two = Seccomp.profile(resource("tiny.json"), "tiny.json");
        Seccomp other = Seccomp.profile(resource("tiny.json"), "elsewhere.json");

        // then
        assertThat(one).isEqualTo(two).hasSameHashCodeAs(two).isNotEqualTo(other);
    }

    static String resource(String name) {
        try (InputStream in = SeccompCustomProfileTest.class.getResourceAsStream("seccomp/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no test resource seccomp/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Set<Capability> capabilities(String names) {
        EnumSet<Capability> set = EnumSet.noneOf(Capability.class);
        for (String name : names.isBlank() ? new String[0] : names.trim().split("\\s+")) {
            set.add(Capability.parse(name));
        }
        return set;
    }

    private static BpfInterpreter program(Seccomp seccomp, Set<Capability> caps) {
        return BpfInterpreter.of(seccomp.compile(caps).orElseThrow());
    }

    private static int run(BpfInterpreter filter, String arch, int nr, long arg0) {
        return switch (arch) {
            case "x86_64" -> filter.callOn(BpfInterpreter.AUDIT_ARCH_X86_64, nr, arg0);
            case "i386" -> filter.callOn(BpfInterpreter.AUDIT_ARCH_I386, nr, arg0);
            case "x32" -> filter.callOn(BpfInterpreter.AUDIT_ARCH_X86_64, nr | X32, arg0);
            default -> throw new IllegalArgumentException(arch);
        };
    }
}
