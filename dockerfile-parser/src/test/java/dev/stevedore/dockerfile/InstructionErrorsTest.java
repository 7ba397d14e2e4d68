package dev.stevedore.dockerfile;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every rejection, with BuildKit's message, and the location Stevedore adds. */
class InstructionErrorsTest {

    static Stream<Arguments> errors() {
        return Stream.of(
                // instructions
                arguments("FORM a", "1:1: unknown instruction: FORM (did you mean FROM?)"),
                arguments("FROM a\nrunn x", "2:1: unknown instruction: runn (did you mean run?)"),
                arguments("FROM a\nCopi a b", "2:1: unknown instruction: Copi (did you mean copy?)"),
                arguments("FROM a\nFOOBAR x", "2:1: unknown instruction: FOOBAR"),
                arguments("FROM a\n  \\\n", "2: unknown instruction: "),
                arguments("RUN x\nFROM a", "1: no build stage in current context"),
                arguments("ARG a\nARG b", "2: dockerfile contains no stages to build"),
                // flags
                arguments("FROM a\nRUN --foo x", "2:5: unknown flag: --foo"),
                arguments("FROM a\nCOPY --form=a b c", "2:6: unknown flag: --form (did you mean from?)"),
                arguments("FROM a\nADD --from=a b c", "2:5: unknown flag: --from"),
                arguments("FROM a\nCOPY --link=maybe a b", "2:6: expecting boolean value for flag --link, not: maybe"),
                arguments("FROM a\nCOPY --from a b", "2:6: missing a value on flag: --from"),
                arguments("FROM a\nCOPY --link= a b", "2:6: missing a value on flag: --link"),
                arguments("FROM a\nCOPY --exclude a b", "2:6: missing a value on flag: --exclude"),
                arguments("FROM a\nCOPY --chown=a --chown=b a b", "2:16: duplicate flag specified: --chown"),
                arguments("FROM a\nMAINTAINER --boo joe@example.com", "2:12: unknown flag: --boo"),
                arguments("FROM a\nENV --x=1 a=b", "2:5: unknown flag: --x"),
                arguments("FROM a\nCMD --doit [\"a\"]", "2:5: unknown flag: --doit"),
                arguments("FROM --platfrom=x a", "1:6: unknown flag: --platfrom (did you mean platform?)"),
                // arguments
                arguments("FROM", "1: FROM requires either one or three arguments"),
                arguments("FROM a b", "1: FROM requires either one or three arguments"),
                arguments("FROM a AS b c", "1: FROM requires either one or three arguments"),
                arguments("FROM a AS 1x", "1:11: invalid name for build stage: \"1x\", name can't start with a number "
                        + "or contain symbols"),
                arguments("FROM a AS b/c", "1:11: invalid name for build stage: \"b/c\", name can't start with a number "
                        + "or contain symbols"),
                arguments("FROM a\nCOPY a", "2: COPY requires at least two arguments, but only one was provided. "
                        + "Destination could not be determined"),
                arguments("FROM a\nADD", "2: ADD requires at least two arguments, but only one was provided. "
                        + "Destination could not be determined"),
                arguments("FROM a\nENV", "2: ENV requires at least one argument"),
                arguments("FROM a\nENV a", "2: ENV must have two arguments"),
                arguments("FROM a\nENV a=b c", "2:9: Syntax error - can't find = in \"c\". Must be of the form: "
                        + "name=value"),
                arguments("FROM a\nENV =b", "2: ENV names can not be blank"),
                arguments("FROM a\nLABEL", "2: LABEL requires at least one argument"),
                arguments("FROM a\nLABEL a", "2: LABEL must have two arguments"),
                arguments("FROM a\nLABEL =x", "2: LABEL names can not be blank"),
                arguments("FROM a\nARG", "2: ARG requires at least one argument"),
                arguments("FROM a\nARG a =x", "2:7: ARG names can not be blank"),
                arguments("FROM a\nUSER", "2: USER requires exactly one argument"),
                arguments("FROM a\nWORKDIR", "2: WORKDIR requires exactly one argument"),
                arguments("FROM a\nSTOPSIGNAL", "2: STOPSIGNAL requires exactly one argument"),
                arguments("FROM a\nMAINTAINER", "2: MAINTAINER requires exactly one argument"),
                arguments("FROM a\nEXPOSE", "2: EXPOSE requires at least one argument"),
                arguments("FROM a\nVOLUME", "2: VOLUME requires at least one argument"),
                arguments("FROM a\nVOLUME [\"/a\", \" \"]", "2: VOLUME specified can not be an empty string"),
                arguments("FROM a\nSHELL /bin/sh -c", "2: SHELL requires the arguments to be in JSON form"),
                arguments("FROM a\nSHELL []", "2: SHELL requires at least one argument"),
                arguments("FROM a\nSHELL", "2: SHELL requires at least one argument"),
                arguments("FROM a\nCMD [\"a\", 1]", "2: when using JSON array syntax, arrays must be comprised of "
                        + "strings only"),
                arguments("FROM a\nRUN [[\"a\"]]", "2: when using JSON array syntax, arrays must be comprised of "
                        + "strings only"),
                // ONBUILD
                arguments("FROM a\nONBUILD", "2: ONBUILD requires at least one argument"),
                arguments("FROM a\nONBUILD ONBUILD RUN x", "2: Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed"),
                arguments("FROM a\nONBUILD FROM b", "2: FROM isn't allowed as an ONBUILD trigger"),
                arguments("FROM a\nonbuild maintainer me", "2: MAINTAINER isn't allowed as an ONBUILD trigger"),
                arguments("FROM a\nONBUILD --x RUN y", "2:9: unknown flag: --x"),
                arguments("FROM a\nONBUILD FOO x", "2:9: unknown instruction: FOO (did you mean FROM?)"),
                arguments("FROM a\nONBUILD RUN --nope x", "2:13: unknown flag: --nope"),
                // HEALTHCHECK
                arguments("FROM a\nHEALTHCHECK", "2: HEALTHCHECK requires at least one argument"),
                arguments("FROM a\nHEALTHCHECK CMD", "2:13: Missing command after HEALTHCHECK CMD"),
                arguments("FROM a\nHEALTHCHECK CONNECT TCP 7000", "2:13: Unknown type \"CONNECT\" in HEALTHCHECK "
                        + "(try CMD)"),
                arguments("FROM a\nHEALTHCHECK NONE x", "2: HEALTHCHECK NONE takes no arguments"),
                arguments("FROM a\nHEALTHCHECK --interval=5x CMD a", "2:24: time: unknown unit \"x\" in duration "
                        + "\"5x\""),
                arguments("FROM a\nHEALTHCHECK --timeout=5 CMD a", "2:23: time: missing unit in duration \"5\""),
                arguments("FROM a\nHEALTHCHECK --start-period=1..s CMD a", "2:28: time: missing unit in duration \"1..s\""),
                arguments("FROM a\nHEALTHCHECK --timeout=.s CMD a", "2:23: time: invalid duration \".s\""),
                arguments("FROM a\nHEALTHCHECK --timeout=3000000h CMD a", "2:23: time: invalid duration \"3000000h\""),
                arguments("FROM a\nHEALTHCHECK --interval=50ns CMD a", "2:13: Interval \"interval\" cannot be less "
                        + "than 1ms"),
                arguments("FROM a\nHEALTHCHECK --interval=-1s CMD a", "2:13: Interval \"interval\" cannot be less "
                        + "than 1ms"),
                arguments("FROM a\nHEALTHCHECK --retries=-1 CMD a", "2:13: --retries cannot be negative (-1)"),
                arguments("FROM a\nHEALTHCHECK --retries=x CMD a", "2:23: strconv.ParseInt: parsing \"x\": invalid "
                        + "syntax"),
                arguments("FROM a\nHEALTHCHECK --retries=3000000000 CMD a", "2:23: strconv.ParseInt: parsing "
                        + "\"3000000000\": value out of range"),
                arguments("FROM a\nHEALTHCHECK --retry=3 CMD a", "2:13: unknown flag: --retry"),
                arguments("FROM a\nHEALTHCHECK --intervall=3s CMD a", "2:13: unknown flag: --intervall (did you mean interval?)"),
                // RUN flags
                arguments("FROM a\nRUN --network=bogus x", "2:15: invalid network mode \"bogus\""),
                arguments("FROM a\nRUN --network=$NET x", "2:15: invalid network mode \"$NET\""),
                arguments("FROM a\nRUN --security=x y", "2:16: security \"x\" is not valid"),
                arguments("FROM a\nRUN --network=none --network=host x", "2:20: duplicate flag specified: --network"),
                // COPY/ADD values
                arguments("FROM a\nADD --chmod=999 a b", "2:13: invalid chmod parameter: '999'. it should be octal "
                        + "string and between 0 and 07777"),
                arguments("FROM a\nCOPY --chmod=17777 a b", "2:14: invalid chmod parameter: '17777'. it should be "
                        + "octal string and between 0 and 07777"),
                arguments("FROM a\nCOPY --chmod=u+q a b", "2:14: invalid chmod parameter: 'u+q': invalid syntax "
                        + "(expected octal like 0755 or symbolic like u+x,go-w)"),
                arguments("FROM a\nCOPY a <<EOF\nEOF", "2:8: COPY cannot accept a heredoc as a destination"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("errors")
    void rejectsWithBuildKitsMessageAndALocation(String text, String message) {
        assertThatThrownBy(() -> Dockerfile.parse("Dockerfile", text)).isInstanceOf(DockerfileException.class)
                .hasMessage("Dockerfile:" + message);
    }
}
