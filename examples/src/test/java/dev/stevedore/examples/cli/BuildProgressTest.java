package dev.stevedore.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stevedore.BuildStep;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Build progress bytes: plain lines, and step lines redrawn in place on a terminal. */
class BuildProgressTest {
    static final BuildStep FROM = new BuildStep("stage-0", 1, 2, "FROM busybox", 1);
    static final BuildStep RUN = new BuildStep("stage-0", 2, 2, "RUN make", 2);

    @Test
    void terminalRedrawsEachStepsLine() {
        StringWriter text = new StringWriter();
        BuildProgress progress = BuildProgress.terminal(new PrintWriter(text), 80);

        progress.stepCached(FROM);
        progress.stepStarted(RUN);
        progress.output(RUN, "compiling\n");
        progress.stepDone(RUN, Duration.ofMillis(1234));
        progress.finish();

        assertThat(text.toString()).isEqualTo(
                "\n\033[1A\r\033[2K[stage-0 1/2] FROM busybox CACHED\r\033[1B"
                + "\n\033[1A\r\033[2K[stage-0 2/2] RUN make\r\033[1B"
                + "\033[1A\r\033[2K[stage-0 2/2] RUN make DONE 1.2s\r\033[1B");
    }

    @Test
    void plainPrintsStepsOutputAndRunDurations() {
        StringWriter text = new StringWriter();
        BuildProgress progress = BuildProgress.plain(new PrintWriter(text));

        progress.stepCached(FROM);
        progress.stepStarted(RUN);
        progress.output(RUN, "compiling\n");
        progress.stepDone(RUN, Duration.ofMillis(1234));
        progress.finish();

        assertThat(text.toString()).isEqualTo("[stage-0 1/2] FROM busybox CACHED\n[stage-0 2/2] RUN make\n"
                + "[stage-0 2/2] compiling\n[stage-0 2/2] DONE 1.2s\n");
    }
}
