package dev.stevedore.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code RUN --mount} options, per BuildKit's commands_runmount.go. */
class MountTest {

    private static Mount mount(Mount.Type type, String target, boolean readOnly) {
        return new Mount(type, Optional.empty(), Optional.empty(), Optional.ofNullable(target), readOnly, 0,
                Optional.empty(), Optional.empty(), false, Optional.empty(), OptionalLong.empty(),
                OptionalLong.empty(), OptionalLong.empty());
    }

    static Stream<Arguments> mounts() {
        return Stream.of(
                arguments("target=/src", mount(Mount.Type.BIND, "/src", true)),
                arguments("type=bind,source=.,target=/src,rw", new Mount(Mount.Type.BIND, Optional.empty(),
                        Optional.of("."), Optional.of("/src"), false, 0, Optional.empty(), Optional.empty(), false,
                        Optional.empty(), OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty())),
                arguments("type=bind,from=build,src=/out,dst=/in", new Mount(Mount.Type.BIND, Optional.of("build"),
                        Optional.of("/out"), Optional.of("/in"), true, 0, Optional.empty(), Optional.empty(), false,
                        Optional.empty(), OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty())),
                arguments("TYPE=Cache,Destination=/root/.cache", mount(Mount.Type.CACHE, "/root/.cache", false)),
                arguments("type=cache,target=/c,id=go,sharing=LOCKED,mode=0700,uid=1000,gid=1000,ro",
                        new Mount(Mount.Type.CACHE, Optional.empty(), Optional.empty(), Optional.of("/c"), true, 0,
                                Optional.of("go"), Optional.of(Mount.Sharing.LOCKED), false, Optional.empty(),
                                OptionalLong.of(0700), OptionalLong.of(1000), OptionalLong.of(1000))),
                arguments("type=tmpfs,target=/t,size=64m", new Mount(Mount.Type.TMPFS, Optional.empty(),
                        Optional.empty(), Optional.of("/t"), false, 64L << 20, Optional.empty(), Optional.empty(),
                        false, Optional.empty(), OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty())),
                arguments("type=tmpfs,target=/t,size=1.5GiB,readwrite=true", new Mount(Mount.Type.TMPFS,
                        Optional.empty(), Optional.empty(), Optional.of("/t"), false, 3L << 29, Optional.empty(),
                        Optional.empty(), false, Optional.empty(), OptionalLong.empty(), OptionalLong.empty(),
                        OptionalLong.empty())),
                arguments("type=secret,id=token,env=TOKEN,required=true", new Mount(Mount.Type.SECRET,
                        Optional.empty(), Optional.empty(), Optional.empty(), true, 0, Optional.of("token"),
                        Optional.empty(), true, Optional.of("TOKEN"), OptionalLong.empty(), OptionalLong.empty(),
                        OptionalLong.empty())),
                arguments("type=ssh,required", new Mount(Mount.Type.SSH, Optional.empty(), Optional.empty(),
                        Optional.empty(), true, 0, Optional.empty(), Optional.empty(), true, Optional.empty(),
                        OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty())),
                arguments("type=bind,\"target=/a,b\"", mount(Mount.Type.BIND, "/a,b", true)),
                arguments("\"type=bind,target=/a\"", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mounts")
    void readsEveryOption(String spec, Mount expected) {
        if (expected == null) {
            // One quoted CSV field: the type's value is everything after the first '='.
            assertThatThrownBy(() -> Mount.parse(spec)).hasMessage("unsupported mount type \"bind,target=/a\"");
            return;
        }
        assertThat(Mount.parse(spec)).isEqualTo(expected);
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                arguments("type=cahce,target=/x", "unsupported mount type \"cahce\" (did you mean cache?)"),
                arguments("type=bind,size=1", "unexpected key 'size' for mount type 'bind'"),
                arguments("required,type=secret,id=a", "unexpected key 'required' for mount type 'bind'"),
                arguments("type=cache,required=true", "unexpected key 'required' for mount type 'cache'"),
                arguments("type=secret", "invalid secret mount. one of source, target required"),
                arguments("type=secret,id=a,source=b", "both source and id can't be set"),
                arguments("type=secret,id=a,from=x", "secret mount should not have a from"),
                arguments("type=secret,id=a,sharing=shared", "secret mount should not define sharing"),
                arguments("type=tmpfs,sharing=shared", "invalid cache sharing set for tmpfs mount"),
                arguments("type=cache,sharing=nope", "unsupported sharing value \"nope\""),
                arguments("type=cache,sharing=lockd", "unsupported sharing value \"lockd\" (did you mean locked?)"),
                arguments("type=bind,mode=0700", "mode not allowed for \"bind\" type mounts"),
                arguments("type=tmpfs,uid=1", "uid not allowed for \"tmpfs\" type mounts"),
                arguments("gid=1", "gid not allowed for \"bind\" type mounts"),
                arguments("type=cache,mode=999", "invalid value 999 for mode"),
                arguments("type=cache,uid=-1", "invalid value -1 for uid"),
                arguments("type=cache,gid=4294967296", "invalid value 4294967296 for gid"),
                arguments("type=tmpfs,size=10x", "invalid value for size: 10x"),
                arguments("ro=maybe", "invalid value for ro: maybe"),
                arguments("target", "invalid field 'target' must be a key=value pair"),
                arguments("targt=/x", "unexpected key 'targt' in 'targt=/x' (did you mean target?)"),
                arguments("foo=bar", "unexpected key 'foo' in 'foo=bar' (did you mean from?)"),
                arguments("xyzzy=1", "unexpected key 'xyzzy' in 'xyzzy=1'"),
                arguments("", "failed to parse csv mounts: EOF"),
                arguments("type=bind,\"target=/x", "failed to parse csv mounts: parse error on line 1, column 12: "
                        + "extraneous or missing \" in quoted-field"),
                arguments("type=bind,tar\"get=/x", "failed to parse csv mounts: parse error on line 1, column 14: "
                        + "bare \" in non-quoted-field"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("invalid")
    void rejectsInvalidSpecsAsBuildKitDoes(String spec, String message) {
        assertThatThrownBy(() -> Mount.parse(spec)).isInstanceOf(DockerfileException.class).hasMessage(message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"type=cache,target=$HOME/.cache,uid=$UID,mode=$MODE", "type=$TYPE,size=$SIZE",
        "type=cache,sharing=${SHARING}", "type=secret,id=$ID"})
    void leavesValuesWithVariablesForTheBuilderToCheck(String spec) {
        // when
        Instruction.Run run = (Instruction.Run) Dockerfile.parse("Dockerfile",
                "FROM a\nRUN --mount=" + spec + " x\n").instructions().get(1);

        // then
        assertThat(run.mountSpecs()).containsExactly(spec);
    }

    @Test
    void checksLiteralValuesAndFromAtParseTime() {
        assertThatThrownBy(() -> Dockerfile.parse("Dockerfile", "FROM a\nRUN --mount=type=cache,uid=x y\n"))
                .hasMessage("Dockerfile:2:13: invalid value x for uid");
        assertThatThrownBy(() -> Dockerfile.parse("Dockerfile", "FROM a\nRUN --mount=from=$STAGE,target=/x y\n"))
                .hasMessage("Dockerfile:2:13: 'from' doesn't support variable expansion, define alias stage instead");
    }

    @Test
    void expandsValuesBeforeCheckingThemWhenGivenAnExpander() {
        // given
        Map<String, String> env = Map.of("$UID", "1000", "$HOME/.cache", "/root/.cache");
        Instruction.Run run = (Instruction.Run) Dockerfile.parse("Dockerfile",
                "FROM a\nRUN --mount=type=cache,target=$HOME/.cache,uid=$UID x\n").instructions().get(1);

        // when
        Mount mount = run.mounts(word -> env.getOrDefault(word, word)).get(0);

        // then
        assertThat(mount.uid()).hasValue(1000);
        assertThat(mount.target()).contains("/root/.cache");
        assertThatThrownBy(run::mounts).hasMessage("invalid value $UID for uid");
    }
}
