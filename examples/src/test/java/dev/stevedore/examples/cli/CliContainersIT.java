package dev.stevedore.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** Container verbs in-process against the real sandbox. */
class CliContainersIT extends CliSandboxFixture {
    @Test
    void runsInTheForegroundAndExitsWithTheContainersCode() {
        CliRunner.Result r = cli.run("run", "--rm", "-e", "GREETING=hi", "-w", "/tmp", "busybox",
                "sh", "-c", "echo $GREETING from $(pwd); echo oops >&2; exit 3");

        assertThat(r.code()).isEqualTo(3);
        assertThat(r.out()).isEqualTo("hi from /tmp\n");
        assertThat(r.err()).isEqualTo("oops\n");
        assertThat(cli.run("ps", "-a", "-q").out()).isEmpty();
    }

    @Test
    void runsDetachedThenListsLogsExecsStopsCommitsAndRemoves() {
        // given
        CliRunner.Result run = cli.run("run", "-d", "--name", "web", "-p", "127.0.0.1::80", "--memory", "64m",
                "--pids-limit", "50", "busybox", "sh", "-c", "echo started; exec httpd -f -p 80 -h /etc");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).matches("[0-9a-f]{64}\n");

        // when
        String ps = cli.run("ps", "--format", "{{.Names}} {{.State}} {{.Status}}").out();
        String logs = cli.run("logs", "web").out();
        CliRunner.Result exec = cli.run("exec", "web", "cat", "/etc/hostname");
        CliRunner.Result stop = cli.run("stop", "-t", "2", "web");
        String exited = cli.run("ps", "-a", "--format", "{{.Names}} {{.State}}").out();
        CliRunner.Result commit = cli.run("commit", "web", "web-snapshot:1");
        CliRunner.Result rm = cli.run("rm", "web");
        CliRunner.Result rmi = cli.run("rmi", "web-snapshot:1");

        // then
        assertThat(ps).matches("web running Up (Less than a second|\\d+ seconds?)\n");
        assertThat(logs).isEqualTo("started\n");
        assertThat(exec.out()).isEqualTo(run.out().substring(0, 12) + "\n");
        assertThat(stop.out()).isEqualTo("web\n");
        assertThat(exited).isEqualTo("web exited\n");
        assertThat(commit.out()).startsWith("sha256:");
        assertThat(rm.out()).isEqualTo("web\n");
        assertThat(rmi.code()).isZero();
    }

    @Test
    void saysWhichImageItCouldNotFind() {
        CliRunner.Result r = cli.run("run", "--rm", "127.0.0.1:9/nosuch/image:1");

        assertThat(r.code()).isEqualTo(125);
        assertThat(r.err()).startsWith("Unable to find image '127.0.0.1:9/nosuch/image:1' locally\nstevedore: Error: ");
    }

    @Test
    void refusesAHostPortThatIsTakenAndLeavesNothingBehind() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            CliRunner.Result r = cli.run("run", "-d", "-p", taken.getLocalPort() + ":80", "busybox",
                    "httpd", "-f", "-p", "80");

            assertThat(r.code()).isEqualTo(125);
            assertThat(r.err()).startsWith("stevedore: Error: ");
            assertThat(cli.run("ps", "-a", "-q").out()).isEmpty();
        }
    }

    @Test
    void killsADetachedContainer() {
        String id = cli.run("run", "-d", "busybox", "sleep", "600").out().strip();

        CliRunner.Result kill = cli.run("kill", id.substring(0, 12));
        // as docker kill, the command returns once the signal is sent; the exit is recorded soon after
        String state = cli.run("inspect", "-f", "{{.State.Status}} {{.State.ExitCode}}", id).out();
        for (long end = System.nanoTime() + 10_000_000_000L; state.startsWith("running") && System.nanoTime() < end; ) {
            sleep(50);
            state = cli.run("inspect", "-f", "{{.State.Status}} {{.State.ExitCode}}", id).out();
        }

        assertThat(kill.code()).as(kill.err()).isZero();
        assertThat(state).isEqualTo("exited 137\n");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
