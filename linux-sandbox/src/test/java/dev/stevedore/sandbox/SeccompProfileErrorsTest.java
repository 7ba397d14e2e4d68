package dev.stevedore.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SeccompProfileErrorsTest {
    private static final String RULE = "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [%s]}";

    static Stream<Arguments> invalidProfiles() {
        return Stream.of(
                Arguments.of("{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [",
                        "malformed JSON: expected a value but found end of input at line 1, column 50"),
                Arguments.of("{\"defaultAction\": \"SCMP_ACT_ERRNO\",\n \"syscalls\": [}]}",
                        "malformed JSON: expected a value but found '}' at line 2, column 15"),
                Arguments.of("{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"defaultAction\": \"SCMP_ACT_ALLOW\"}",
                        "malformed JSON: duplicate key \"defaultAction\" at line 1, column 37"),
                Arguments.of("[]", "expected a JSON object at the top level, found array"),
                Arguments.of("{\"defaultAction\": \"SCMP_ACT_DENY\"}", "defaultAction: unknown action \"SCMP_ACT_DENY\""),
                Arguments.of("{\"defaultAction\": 1}", "defaultAction: expected a string, found number"),
                Arguments.of("{\"syscalls\": [{\"names\": [\"read\"], \"action\": \"SCMP_ACT_ALLOW\"}]}",
                        "defaultAction is missing"),
                Arguments.of("{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"defaultErrnoRet\": 1}",
                        "defaultAction: errnoRet is only used by SCMP_ACT_ERRNO and SCMP_ACT_TRACE, not SCMP_ACT_ALLOW"),
                Arguments.of("{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"defaultErrnoRet\": -1}",
                        "defaultErrnoRet: expected an integer from 0 to 65535, found -1"),
                Arguments.of("{\"defaultAction\": \"SCMP_ACT_NOTIFY\"}",
                        "defaultAction: SCMP_ACT_NOTIFY needs a seccomp listener, which Stevedore does not provide yet"),
                Arguments.of("{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"listenerPath\": \"/run/agent.sock\"}",
                        "listenerPath is not supported: Stevedore has no seccomp listener yet"),
                Arguments.of("{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"flags\": [\"SECCOMP_FILTER_FLAG_LOG\"]}",
                        "flags [SECCOMP_FILTER_FLAG_LOG] are not supported yet"),
                Arguments.of("{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"architectures\": [\"SCMP_ARCH_X86_64\"], "
                        + "\"archMap\": [{\"architecture\": \"SCMP_ARCH_X86_64\"}]}",
                        "both architectures and archMap are given; use one of them"),
                Arguments.of("{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"architectures\": [\"SCMP_ARCH_X86_64\", "
                        + "\"SCMP_ARCH_Z80\"]}", "architectures[1]: unknown architecture \"SCMP_ARCH_Z80\""),
                Arguments.of("{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"archMap\": [{\"architecture\": "
                        + "\"SCMP_ARCH_X86_64\", \"subArchitectures\": [\"x86\"]}]}",
                        "archMap[0].subArchitectures[0]: unknown architecture \"x86\""),
                Arguments.of("{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"archMap\": [{}]}",
                        "archMap[0]: architecture is missing"),
                Arguments.of("{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": {}}",
                        "syscalls: expected an array, found object"),
                Arguments.of(rule("\"read\""), "syscalls[0]: expected an object, found string"),
                Arguments.of(rule("{\"action\": \"SCMP_ACT_ALLOW\"}"), "syscalls[0]: names is missing or empty"),
                Arguments.of(rule("{\"names\": [], \"action\": \"SCMP_ACT_ALLOW\"}"),
                        "syscalls[0]: names is missing or empty"),
                Arguments.of(rule("{\"names\": \"read\", \"action\": \"SCMP_ACT_ALLOW\"}"),
                        "syscalls[0].names: expected an array, found string"),
                Arguments.of(rule("{\"names\": [\"read\", 1], \"action\": \"SCMP_ACT_ALLOW\"}"),
                        "syscalls[0].names[1]: expected a string, found number"),
                Arguments.of(rule("{\"names\": [\"read\", \"\"], \"action\": \"SCMP_ACT_ALLOW\"}"),
                        "syscalls[0].names[1]: empty system call name"),
                Arguments.of(rule("{\"name\": \"read\", \"names\": [\"write\"], \"action\": \"SCMP_ACT_ALLOW\"}"),
                        "syscalls[0]: both name and names are given; use names"),
                Arguments.of(rule("{\"names\": [\"read\"]}"), "syscalls[0]: action is missing"),
                Arguments.of(rule("{\"names\": [\"read\"], \"action\": \"SCMP_ACT_ALLOW\"}, "
                        + "{\"names\": [\"write\"], \"action\": \"ALLOW\"}"),
                        "syscalls[1].action: unknown action \"ALLOW\""),
                Arguments.of(rule("{\"names\": [\"read\"], \"action\": \"SCMP_ACT_NOTIFY\"}"),
                        "syscalls[0].action: SCMP_ACT_NOTIFY needs a seccomp listener, which Stevedore does not "
                                + "provide yet"),
                Arguments.of(rule("{\"names\": [\"read\"], \"action\": \"SCMP_ACT_KILL\", \"errnoRet\": 1}"),
                        "syscalls[0].action: errnoRet is only used by SCMP_ACT_ERRNO and SCMP_ACT_TRACE, not "
                                + "SCMP_ACT_KILL"),
                Arguments.of(rule("{\"names\": [\"read\"], \"action\": \"SCMP_ACT_ERRNO\", \"errnoRet\": 65536}"),
                        "syscalls[0].errnoRet: expected an integer from 0 to 65535, found 65536"),
                Arguments.of(rule("{\"names\": [\"read\"], \"action\": \"SCMP_ACT_ERRNO\", \"errnoRet\": \"EPERM\"}"),
                        "syscalls[0].errnoRet: expected a number, found string"),
                Arguments.of(rule(arg("{\"index\": 0, \"value\": 1, \"op\": \"SCMP_CMP_ABOUT\"}")),
                        "syscalls[0].args[0].op: unknown operator \"SCMP_CMP_ABOUT\""),
                Arguments.of(rule(arg("{\"index\": 0, \"value\": 1, \"op\": \"EQ\"}")),
                        "syscalls[0].args[0].op: unknown operator \"EQ\""),
                Arguments.of(rule(arg("{\"index\": 0, \"value\": 1}")), "syscalls[0].args[0]: op is missing"),
                Arguments.of(rule(arg("{\"value\": 1, \"op\": \"SCMP_CMP_EQ\"}")),
                        "syscalls[0].args[0]: index is missing"),
                Arguments.of(rule(arg("{\"index\": 6, \"value\": 1, \"op\": \"SCMP_CMP_EQ\"}")),
                        "syscalls[0].args[0].index: expected an integer from 0 to 5, found 6"),
                Arguments.of(rule(arg("{\"index\": 0, \"value\": -1, \"op\": \"SCMP_CMP_EQ\"}")),
                        "syscalls[0].args[0].value: expected an integer from 0 to 2^64-1, found -1"),
                Arguments.of(rule(arg("{\"index\": 0, \"value\": 18446744073709551616, \"op\": \"SCMP_CMP_EQ\"}")),
                        "syscalls[0].args[0].value: expected an integer from 0 to 2^64-1, found 18446744073709551616"),
                Arguments.of(rule(arg("{\"index\": 0, \"value\": 1, \"valueTwo\": 0.5, \"op\": \"SCMP_CMP_MASKED_EQ\"}")),
                        "syscalls[0].args[0].valueTwo: expected an integer from 0 to 2^64-1, found 0.5"),
                Arguments.of(rule("{\"names\": [\"read\"], \"action\": \"SCMP_ACT_ALLOW\", \"includes\": "
                        + "{\"minKernel\": \"4\"}}"),
                        "syscalls[0].includes.minKernel: invalid kernel version \"4\", expected \"<major>.<minor>\""),
                Arguments.of(rule("{\"names\": [\"read\"], \"action\": \"SCMP_ACT_ALLOW\", \"excludes\": "
                        + "{\"caps\": \"CAP_SYS_ADMIN\"}}"),
                        "syscalls[0].excludes.caps: expected an array, found string"),
                Arguments.of(rule("{\"names\": [\"read\"], \"action\": \"SCMP_ACT_ALLOW\", \"includes\": []}"),
                        "syscalls[0].includes: expected an object, found array"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("invalidProfiles")
    void rejectsAnInvalidProfileNamingTheSourceAndTheField(String json, String problem) {
        // when / then
        assertThatThrownBy(() -> Seccomp.profile(json, "custom.json"))
                .isInstanceOf(SeccompProfileException.class)
                .hasMessage("invalid seccomp profile custom.json: " + problem)
                .satisfies(e -> {
                    SeccompProfileException p = (SeccompProfileException) e;
                    assertThat(p.source()).isEqualTo("custom.json");
                    assertThat(p.problem()).isEqualTo(problem);
                });
    }

    @Test
    void keepsTheJsonErrorAsCause() {
        // when / then
        assertThatThrownBy(() -> Seccomp.profile("{", "broken.json"))
                .isInstanceOf(SandboxException.class)
                .hasCauseInstanceOf(JsonException.class);
    }

    @Test
    void namesAMissingFile(@TempDir Path dir) {
        // given
        Path file = dir.resolve("absent.json");

        // when / then
        assertThatThrownBy(() -> Seccomp.profile(file))
                .isInstanceOf(SeccompProfileException.class)
                .hasMessage("invalid seccomp profile " + file + ": no such file");
    }

    @Test
    void rejectsAFileThatIsNotUtf8(@TempDir Path dir) throws Exception {
        // given
        Path file = dir.resolve("latin1.json");
        Files.write(file, new byte[] {'{', '"', (byte) 0xe9, '"', ':', '1', '}'});

        // when / then
        assertThatThrownBy(() -> Seccomp.profile(file))
                .isInstanceOf(SeccompProfileException.class)
                .hasMessage("invalid seccomp profile " + file + ": not UTF-8 text");
    }

    private static String rule(String entries) {
        return String.format(RULE, entries);
    }

    private static String arg(String condition) {
        return "{\"names\": [\"read\"], \"action\": \"SCMP_ACT_ALLOW\", \"args\": [" + condition + "]}";
    }
}
