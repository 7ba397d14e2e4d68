package dev.stevedore.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One line per instruction form, parsed to the expected record. */
class InstructionsTest {
    private static final Location L2 = Location.of(2, 2);
    private static final List<String> NONE = List.of();
    private static final List<Heredoc> NO_DOCS = List.of();

    /** The second instruction of {@code FROM a} followed by {@code line}. */
    private static Instruction second(String line) {
        return Dockerfile.parse("Dockerfile", "FROM a\n" + line + "\n").instructions().get(1);
    }

    static Stream<Arguments> instructions() {
        return Stream.of(
                arguments("RUN apt-get update && apt-get install -y curl", new Instruction.Run(L2, "RUN", NONE, NONE,
                        CommandLine.shell("apt-get update && apt-get install -y curl"), NO_DOCS)),
                arguments("run [\"echo\", \"a b\"]", new Instruction.Run(L2, "run", NONE, NONE,
                        CommandLine.exec(List.of("echo", "a b")), NO_DOCS)),
                arguments("RUN [ \"sh\", \"-c\" ] trailing", new Instruction.Run(L2, "RUN", NONE, NONE,
                        CommandLine.shell("[ \"sh\", \"-c\" ] trailing"), NO_DOCS)),
                arguments("RUN ['single', 'quotes']", new Instruction.Run(L2, "RUN", NONE, NONE,
                        CommandLine.shell("['single', 'quotes']"), NO_DOCS)),
                arguments("RUN", new Instruction.Run(L2, "RUN", NONE, NONE, CommandLine.shell(""), NO_DOCS)),
                arguments("RUN --network=none --security=insecure make", new Instruction.Run(L2, "RUN", NONE,
                        List.of("--network=none", "--security=insecure"), CommandLine.shell("make"), NO_DOCS)),
                arguments("RUN --mount=\"type=cache,target=/root/.cache\" -- --weird", new Instruction.Run(L2, "RUN",
                        NONE, List.of("--mount=type=cache,target=/root/.cache"), CommandLine.shell("--weird"), NO_DOCS)),
                arguments("CMD [\"nginx\", \"-g\", \"daemon off;\"]", new Instruction.Cmd(L2, "CMD", NONE, NONE,
                        CommandLine.exec(List.of("nginx", "-g", "daemon off;")))),
                arguments("CMD []", new Instruction.Cmd(L2, "CMD", NONE, NONE, CommandLine.exec(NONE))),
                arguments("CMD echo $HOME", new Instruction.Cmd(L2, "CMD", NONE, NONE, CommandLine.shell("echo $HOME"))),
                arguments("ENTRYPOINT [\"/docker-entrypoint.sh\"]", new Instruction.Entrypoint(L2, "ENTRYPOINT", NONE,
                        NONE, CommandLine.exec(List.of("/docker-entrypoint.sh")))),
                arguments("SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]", new Instruction.Shell(L2, "SHELL",
                        NONE, NONE, List.of("/bin/bash", "-o", "pipefail", "-c"))),
                arguments("LABEL a=b \"c d\"=\"e f\" g=h\\ i", new Instruction.Label(L2, "LABEL", NONE, NONE,
                        List.of(new KeyValue("a", "b"), new KeyValue("\"c d\"", "\"e f\""), new KeyValue("g", "h\\ i")),
                        false)),
                arguments("LABEL maintainer  Jane Doe <jane@example.com>", new Instruction.Label(L2, "LABEL", NONE,
                        NONE, List.of(new KeyValue("maintainer", "Jane Doe <jane@example.com>")), true)),
                arguments("MAINTAINER Jane Doe", new Instruction.Maintainer(L2, "MAINTAINER", NONE, NONE, "Jane Doe")),
                arguments("EXPOSE 80/tcp 443 53/udp", new Instruction.Expose(L2, "EXPOSE", NONE, NONE,
                        List.of("80/tcp", "443", "53/udp"))),
                arguments("ENV PATH=/opt/bin:$PATH LANG=C.UTF-8", new Instruction.Env(L2, "ENV", NONE, NONE,
                        List.of(new KeyValue("PATH", "/opt/bin:$PATH"), new KeyValue("LANG", "C.UTF-8")), false)),
                arguments("ENV GOSU_VERSION 1.17", new Instruction.Env(L2, "ENV", NONE, NONE,
                        List.of(new KeyValue("GOSU_VERSION", "1.17")), true)),
                arguments("ENV a=", new Instruction.Env(L2, "ENV", NONE, NONE, List.of(new KeyValue("a", "")), false)),
                arguments("ADD --chown=app:app --chmod=u+rwx,go=rX --link --keep-git-dir=false --checksum=sha256:abc "
                        + "--unpack --exclude=*.md --exclude=.git https://example.com/a.tar.gz /opt/",
                        new Instruction.Add(L2, "ADD", NONE, List.of("--chown=app:app", "--chmod=u+rwx,go=rX", "--link",
                                "--keep-git-dir=false", "--checksum=sha256:abc", "--unpack", "--exclude=*.md",
                                "--exclude=.git"), List.of("https://example.com/a.tar.gz"), "/opt/", false, NO_DOCS)),
                arguments("COPY --from=build --chown=1000 --chmod=0755 --link=false --parents --exclude=tmp "
                        + "bin/ lib/ /usr/local/", new Instruction.Copy(L2, "COPY", NONE, List.of("--from=build",
                        "--chown=1000", "--chmod=0755", "--link=false", "--parents", "--exclude=tmp"),
                        List.of("bin/", "lib/"), "/usr/local/", false, NO_DOCS)),
                arguments("COPY [\"a file\", \"/dest dir/\"]", new Instruction.Copy(L2, "COPY", NONE, NONE,
                        List.of("a file"), "/dest dir/", true, NO_DOCS)),
                arguments("VOLUME [\"/data\", \"/logs\"]", new Instruction.Volume(L2, "VOLUME", NONE, NONE,
                        List.of("/data", "/logs"), true)),
                arguments("VOLUME /data /logs", new Instruction.Volume(L2, "VOLUME", NONE, NONE,
                        List.of("/data", "/logs"), false)),
                arguments("USER app:app", new Instruction.User(L2, "USER", NONE, NONE, "app:app")),
                arguments("WORKDIR /app $DIR", new Instruction.Workdir(L2, "WORKDIR", NONE, NONE, "/app $DIR")),
                arguments("ARG VERSION=1.2 TARGETOS EMPTY= \"Q\"=\"a b\"", new Instruction.Arg(L2, "ARG", NONE, NONE,
                        List.of(new ArgDeclaration("VERSION", Optional.of("1.2")),
                                new ArgDeclaration("TARGETOS", Optional.empty()),
                                new ArgDeclaration("EMPTY", Optional.of("")),
                                new ArgDeclaration("\"Q\"", Optional.of("\"a b\""))))),
                arguments("ARG --ignored x", new Instruction.Arg(L2, "ARG", NONE, List.of("--ignored"),
                        List.of(new ArgDeclaration("x", Optional.empty())))),
                arguments("STOPSIGNAL SIGQUIT", new Instruction.Stopsignal(L2, "STOPSIGNAL", NONE, NONE, "SIGQUIT")),
                arguments("STOPSIGNAL --ignored 9", new Instruction.Stopsignal(L2, "STOPSIGNAL", NONE,
                        List.of("--ignored"), "9")),
                arguments("ONBUILD COPY . /app", new Instruction.Onbuild(L2, "ONBUILD", NONE, NONE,
                        new Instruction.Copy(L2, "COPY", NONE, NONE, List.of("."), "/app", false, NO_DOCS))),
                arguments("HEALTHCHECK NONE", new Instruction.Healthcheck(L2, "HEALTHCHECK", NONE, NONE, "NONE",
                        CommandLine.shell(""))),
                arguments("HEALTHCHECK --bogus NONE", new Instruction.Healthcheck(L2, "HEALTHCHECK", NONE,
                        List.of("--bogus"), "NONE", CommandLine.shell(""))),
                arguments("HEALTHCHECK --interval=1m30s --retries=3 cmd curl -f http://localhost/",
                        new Instruction.Healthcheck(L2, "HEALTHCHECK", NONE, List.of("--interval=1m30s", "--retries=3"),
                                "cmd", CommandLine.shell("curl -f http://localhost/"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("instructions")
    void parsesToTheExpectedRecord(String line, Instruction expected) {
        assertThat(second(line)).isEqualTo(expected);
    }

    @Test
    void readsFromWithPlatformAndAStageNameInLowerCase() {
        // when
        Instruction.From from = (Instruction.From) Dockerfile.parse("Dockerfile",
                "FROM --platform=$BUILDPLATFORM golang:1.22 as Build\n").instructions().get(0);

        // then
        assertThat(from.image()).isEqualTo("golang:1.22");
        assertThat(from.platform()).contains("$BUILDPLATFORM");
        assertThat(from.alias()).contains(new Instruction.From.Alias("as", "Build"));
        assertThat(from.stageName()).contains("build");
        assertThat(from.name()).isEqualTo("FROM");
    }

    @Test
    void readsTheTypedFlagsOfCopyAndAdd() {
        // given
        Instruction.Add add = (Instruction.Add) second("ADD --chown=app:app --chmod=u+rwx,go=rX --link "
                + "--keep-git-dir=false --checksum=sha256:abc --unpack --exclude=*.md --exclude=.git "
                + "https://example.com/a.tar.gz /opt/");
        Instruction.Copy copy = (Instruction.Copy) second("COPY --from=build --chown=1000 --chmod=0755 --link "
                + "--parents --exclude=tmp --exclude=*.o bin/ /usr/local/");

        // then
        assertThat(add.chown()).contains("app:app");
        assertThat(add.chmod()).contains("u+rwx,go=rX");
        assertThat(add.link()).isTrue();
        assertThat(add.keepGitDir()).contains(false);
        assertThat(add.checksum()).contains("sha256:abc");
        assertThat(add.unpack()).contains(true);
        assertThat(add.excludes()).containsExactly("*.md", ".git");
        assertThat(copy.from()).contains("build");
        assertThat(copy.chown()).contains("1000");
        assertThat(copy.chmod()).contains("0755");
        assertThat(copy.link()).isTrue();
        assertThat(copy.parents()).isTrue();
        assertThat(copy.excludes()).containsExactly("tmp", "*.o");
        assertThat(copy.sourcePaths()).containsExactly("bin/");
    }

    @Test
    void readsTheTypedFlagsOfRun() {
        // when
        Instruction.Run run = (Instruction.Run) second("RUN --mount=type=secret,id=npmrc,target=/root/.npmrc,"
                + "required --network=host --security=sandbox --device=vendor.com/gpu=0,required npm ci");

        // then
        assertThat(run.network()).contains(NetworkMode.HOST);
        assertThat(run.security()).contains(SecurityMode.SANDBOX);
        assertThat(run.devices()).containsExactly(new Device("vendor.com/gpu=0", true));
        assertThat(run.mounts()).singleElement().satisfies(m -> {
            assertThat(m.type()).isEqualTo(Mount.Type.SECRET);
            assertThat(m.id()).contains("npmrc");
            assertThat(m.target()).contains("/root/.npmrc");
            assertThat(m.required()).isTrue();
            assertThat(m.readOnly()).isTrue();
        });
    }

    @Test
    void readsHealthcheckDurationsAndTheConfigTest() {
        // when
        Instruction.Healthcheck check = (Instruction.Healthcheck) second("HEALTHCHECK --interval=1m30s --timeout=500ms "
                + "--start-period=1h --start-interval=1.5s --retries=+3 CMD [\"curl\", \"-f\", \"http://x/\"]");
        Instruction.Healthcheck shell = (Instruction.Healthcheck) second("HEALTHCHECK CMD curl -f http://x/ || exit 1");
        Instruction.Healthcheck none = (Instruction.Healthcheck) second("HEALTHCHECK none");

        // then
        assertThat(check.interval()).isEqualTo(Duration.ofSeconds(90));
        assertThat(check.timeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(check.startPeriod()).isEqualTo(Duration.ofHours(1));
        assertThat(check.startInterval()).isEqualTo(Duration.ofMillis(1500));
        assertThat(check.retries()).isEqualTo(3);
        assertThat(check.test()).containsExactly("CMD", "curl", "-f", "http://x/");
        assertThat(shell.test()).containsExactly("CMD-SHELL", "curl -f http://x/ || exit 1");
        assertThat(shell.interval()).isEqualTo(Duration.ZERO);
        assertThat(none.isNone()).isTrue();
        assertThat(none.test()).containsExactly("NONE");
    }
}
