package dev.stevedore.sandbox;

import static dev.stevedore.sandbox.Sandboxes.stderr;
import static dev.stevedore.sandbox.Sandboxes.stdout;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stevedore.posix.Fd;
import dev.stevedore.posix.OpenFlags;
import dev.stevedore.posix.PosixException;
import dev.stevedore.posix.Seals;
import dev.stevedore.posix.Syscalls;
import dev.stevedore.testing.BusyboxRootfs;
import dev.stevedore.testing.Preconditions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the workload inherits from its supervisors, and what it cannot reach of them: open
 * descriptors, the stevedore-init binary, the session and terminal, the working directory.
 */
class SandboxHardeningIT {
    private static final int SEALS = Seals.F_SEAL_SEAL | Seals.F_SEAL_SHRINK | Seals.F_SEAL_GROW | Seals.F_SEAL_WRITE;

    @RegisterExtension
    final Sandboxes boxes = new Sandboxes("hard");

    @BeforeEach
    void setUp() {
        Preconditions.requiresSandbox();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"direct", "init", "tty"})
    void leavesOnlyStdioOpenInTheWorkload(String mode) throws Exception {
        // given
        BusyboxRootfs rootfs = boxes.newRootfs();
        ProbeProgram.installInto(rootfs);
        ProcessSpec process = ProcessSpec.of("/bin/probe", "fds").withStdio(mode.equals("tty") ? Stdio.TTY : Stdio.PIPE);
        SandboxSpec spec = boxes.spec(rootfs, process).init(mode.equals("init")).build();

        // when
        Sandboxes.Finished f = boxes.run(spec);

        // then
        assertThat(f.status().exitCode()).isZero();
        assertThat(sortedLines(f.stdout())).containsExactly("0", "1", "2");
    }

    @Test
    void leavesOnlyStdioOpenInAnExecutedProcess() throws Exception {
        // given
        BusyboxRootfs rootfs = boxes.newRootfs();
        ProbeProgram.installInto(rootfs);
        try (Sandbox box = boxes.start(boxes.spec(rootfs, "sleep", "1000").build());
                ExecProcess exec = box.exec(ProcessSpec.of("/bin/probe", "fds"))) {
            // when
            Optional<ExitStatus> status = exec.waitFor(Sandboxes.DEADLINE);

            // then
            assertThat(status).hasValueSatisfying(s -> assertThat(s.exitCode()).isZero());
            assertThat(sortedLines(new String(exec.stdout(), StandardCharsets.UTF_8))).containsExactly("0", "1", "2");
        }
    }

    @Test
    void runsTheShimFromTheSealedMemfdAndNonDumpable() throws Exception {
        // given
        Syscalls sys = Syscalls.linux();
        try (Sandbox box = boxes.start(boxes.spec(boxes.newRootfs(), "sleep", "1000").build())) {
            Path exe = Path.of("/proc", Long.toString(box.shimPid()), "exe");

            // when
            String target = Files.readSymbolicLink(exe).toString();
            int seals;
            try (Fd fd = sys.openat(Fd.cwd(), exe, OpenFlags.O_RDONLY | OpenFlags.O_CLOEXEC, 0)) {
                seals = sys.seals(fd);
            }

            // then: the very memfd this JVM sealed, which nobody can open for writing
            assertThat(target).startsWith("/memfd:stevedore-init");
            assertThat(seals).isEqualTo(SEALS).isEqualTo(InitBinary.get().seals());
            assertThatThrownBy(() -> sys.openat(Fd.cwd(), exe, OpenFlags.O_WRONLY | OpenFlags.O_CLOEXEC, 0).close())
                    .isInstanceOf(PosixException.class);
            assertThat(((RealSandbox) box).shimReady()).hasValueSatisfying(r -> {
                assertThat(r.shimPid()).isEqualTo(box.shimPid());
                assertThat(r.dumpable()).isFalse();
            });
        }
    }

    @Test
    void runsInitFromTheMemfdOutOfTheWorkloadsReach() throws Exception {
        // given: in init mode PID 1 is stevedore-init; a dumpable PID 1 would let the workload open its exe
        SandboxSpec spec = boxes.spec(boxes.newRootfs(), "sh", "-c", "readlink /proc/self/exe; readlink /proc/1/exe; "
                + "echo rc=$?; exec sleep 1000").init(true).build();
        try (Sandbox box = boxes.start(spec)) {
            // when
            boolean reported = Sandboxes.until(() -> stdout(box).contains("rc="));
            String init = Files.readSymbolicLink(Path.of("/proc", Long.toString(box.pid()), "exe")).toString();

            // then
            assertThat(reported).as("stdout %s, stderr %s", stdout(box), stderr(box)).isTrue();
            assertThat(stdout(box).lines()).containsExactly("/bin/busybox", "rc=1");
            assertThat(init).startsWith("/memfd:stevedore-init");
        }
    }

    @Test
    void startsTheWorkloadInASessionOfItsOwnWithoutATerminal() throws Exception {
        // given
        SandboxSpec spec = boxes.spec(boxes.newRootfs(), "sh", "-c", "echo $(cat /proc/self/stat); "
                + "if (: < /dev/tty) 2>/dev/null; then echo ctty; else echo no-ctty; fi; exec sleep 1000").build();
        try (Sandbox box = boxes.start(spec)) {
            // when
            boolean reported = Sandboxes.until(() -> stdout(box).contains("ctty"));
            List<String> hostStat = statFields(Files.readString(Path.of("/proc", Long.toString(box.pid()), "stat")));
            List<String> shimStat = statFields(Files.readString(Path.of("/proc", Long.toString(box.shimPid()), "stat")));

            // then: inside, sh is PID 1 and leads its session (field 6) with no tty (field 7)
            assertThat(reported).isTrue();
            List<String> lines = stdout(box).lines().toList();
            List<String> inside = statFields(lines.get(0));
            assertThat(inside.get(6 - 3)).isEqualTo("1");
            assertThat(inside.get(7 - 3)).isEqualTo("0");
            assertThat(lines.get(1)).isEqualTo("no-ctty");
            assertThat(hostStat.get(6 - 3)).isEqualTo(Long.toString(box.pid())).isNotEqualTo(shimStat.get(6 - 3));
        }
    }

    @Test
    void cannotReachTheTerminalOfTheProcessThatStartedIt() throws Exception {
        // given: a JVM whose session has a controlling terminal, a pty that script(1) opened
        Path script = Preconditions.requiresCommand("script", "bsdutils");
        String java = ProcessHandle.current().info().command().orElseThrow();
        String id = boxes.newId();
        String command = String.join(" ", quoted(java), "-cp", quoted(System.getProperty("java.class.path")),
                SessionProbe.class.getName(), quoted(boxes.newRootfs().root().toString()),
                quoted(boxes.newStateDir().toString()), id);
        Process p = new ProcessBuilder(script.toString(), "-q", "-e", "-c", command, "/dev/null")
                .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.PIPE).start();

        // when
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        boolean ended = p.waitFor(60, TimeUnit.SECONDS);

        // then: the JVM could open /dev/tty; the sandbox, in a new session, could not
        assertThat(ended).isTrue();
        List<String> lines = out.lines().map(String::strip).filter(l -> l.startsWith("probe: "))
                .map(l -> l.substring("probe: ".length())).toList();
        assertThat(lines).as(out).contains("jvm-ctty yes", "exit 0", "no-ctty");
        List<String> jvm = statFields(lines.stream().filter(l -> l.startsWith("jvm-stat ")).findFirst().orElseThrow()
                .substring("jvm-stat ".length()));
        assertThat(jvm.get(7 - 3)).isNotEqualTo("0");
        List<String> inside = statFields(lines.stream().filter(l -> l.startsWith("stat ")).findFirst().orElseThrow()
                .substring("stat ".length()));
        assertThat(inside.get(6 - 3)).isEqualTo("1");
        assertThat(inside.get(7 - 3)).isEqualTo("0");
    }

    @Test
    void givesATerminalWhenAskedFor() throws Exception {
        // given
        ProcessSpec process = ProcessSpec.of("sh", "-c", "tty; [ -t 0 ] && echo stdin-tty; [ -t 1 ] && echo stdout-tty")
                .withEnv(List.of("PATH=/bin")).withStdio(Stdio.TTY);

        // when
        Sandboxes.Finished f = boxes.run(boxes.spec(boxes.newRootfs(), process).build());

        // then
        assertThat(f.stdout().lines().map(String::strip)).containsExactly("/dev/pts/0", "stdin-tty", "stdout-tty");
    }

    @Test
    void startsInTheConfiguredDirectoryInsideTheRoot() throws Exception {
        // given
        ProcessSpec process = ProcessSpec.of("sh", "-c", "readlink /proc/self/cwd; pwd -P")
                .withEnv(List.of("PATH=/bin")).withCwd("/srv/app");

        // when
        Sandboxes.Finished f = boxes.run(boxes.spec(boxes.newRootfs(), process).build());

        // then
        assertThat(f.out().lines()).containsExactly("/srv/app", "/srv/app");
    }

    @ParameterizedTest(name = "cwd /proc/self/fd/{0}")
    @ValueSource(ints = {3, 4, 5, 6, 7, 8, 9, 10})
    void neverStartsInADirectoryOutsideTheRootThroughAnInheritedDescriptor(int fd) {
        // given: CVE-2024-21626 entered a host directory through a leaked descriptor
        SandboxSpec spec = boxes.spec(boxes.newRootfs(), ProcessSpec.of("true").withCwd("/proc/self/fd/" + fd)).build();

        // when / then: no descriptor the workload could see at that point names a directory
        assertThatThrownBy(() -> boxes.start(spec).close())
                .isInstanceOfSatisfying(SandboxStartException.class,
                        e -> assertThat(e.step()).as(e.getMessage()).isEqualTo(SandboxStep.CWD));
    }

    private static List<String> sortedLines(String text) {
        return text.lines().map(String::strip).filter(l -> !l.isEmpty()).sorted().toList();
    }

    /** The fields of /proc/pid/stat after "(comm)", so that field N is at index N - 3. */
    private static List<String> statFields(String stat) {
        return List.of(stat.substring(stat.lastIndexOf(')') + 2).strip().split(" "));
    }

    private static String quoted(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
