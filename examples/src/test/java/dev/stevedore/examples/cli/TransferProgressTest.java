package dev.stevedore.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stevedore.oci.Digest;
import dev.stevedore.oci.ImageReference;
import dev.stevedore.registry.RegistryEvent;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The bytes pull and push progress writes, plain and on a terminal (ANSI cursor moves). */
class TransferProgressTest {
    static final ImageReference REF = ImageReference.parse("127.0.0.1:5000/tools/busybox:1");
    static final Digest A = Digest.parse("sha256:" + "a1".repeat(32));
    static final Digest B = Digest.parse("sha256:" + "b2".repeat(32));

    @Test
    void drawsABarThatFitsTheWidthWithSizes() {
        assertThat(TerminalLines.bar(500_000, 1_000_000, 80)).isEqualTo("[=========>          ]  500kB/1MB");
        assertThat(TerminalLines.bar(1_000_000, 1_000_000, 80)).isEqualTo("[====================]  1MB/1MB");
        assertThat(TerminalLines.bar(0, 1_000_000, 200)).isEqualTo("[>" + " ".repeat(49) + "]  0B/1MB");
        assertThat(TerminalLines.bar(500_000, 1_000_000, 60)).isEqualTo("500kB/1MB");
        assertThat(TerminalLines.bar(500_000, -1, 80)).isEqualTo("500kB");
    }

    @Test
    void redrawsEachIdsLineInPlaceWithCursorMoves() {
        // given
        StringWriter text = new StringWriter();
        TerminalLines lines = new TerminalLines(new PrintWriter(text), 40);

        // when
        lines.update("a", "a: Pulling fs layer");
        lines.update("b", "b: Pulling fs layer");
        lines.update("a", "a: Downloading 1MB/2MB");
        lines.update("a", "a: Downloading 1MB/2MB");
        lines.println("WARNING: slow");
        lines.update("b", "b: " + "x".repeat(60));
        lines.finish();
        lines.update("c", "c: Pushed");

        // then
        assertThat(text.toString()).isEqualTo(
                "\n\033[1A\r\033[2Ka: Pulling fs layer\r\033[1B"
                + "\n\033[1A\r\033[2Kb: Pulling fs layer\r\033[1B"
                + "\033[2A\r\033[2Ka: Downloading 1MB/2MB\r\033[2B"
                + "WARNING: slow\n"
                + "\033[2A\r\033[2Kb: " + "x".repeat(36) + "\r\033[2B"
                + "\n\033[1A\r\033[2Kc: Pushed\r\033[1B");
    }

    @Test
    void pullOnATerminalShowsOneLinePerLayerWithABar() {
        // given
        StringWriter text = new StringWriter();
        TransferProgress progress = TransferProgress.terminal(new PrintWriter(text), 80);

        // when
        progress.on(new RegistryEvent.BlobStarted(REF, A, 2_000_000, false));
        progress.on(new RegistryEvent.BlobSkipped(REF, B, 10));
        progress.on(new RegistryEvent.BlobProgress(REF, A, 500_000, 2_000_000));
        progress.on(new RegistryEvent.BlobDone(REF, A, 2_000_000));
        progress.finish();

        // then
        String a = "a1a1a1a1a1a1";
        String b = "b2b2b2b2b2b2";
        assertThat(text.toString()).isEqualTo(
                "\n\033[1A\r\033[2K" + a + ": Pulling fs layer\r\033[1B"
                + "\n\033[1A\r\033[2K" + b + ": Already exists\r\033[1B"
                + "\033[2A\r\033[2K" + a + ": Downloading [====>               ]  500kB/2MB\r\033[2B"
                + "\033[2A\r\033[2K" + a + ": Pull complete\r\033[2B");
    }

    @Test
    void plainPushPrintsOneLinePerEventAndNoBytes() {
        // given
        StringWriter text = new StringWriter();
        TransferProgress progress = TransferProgress.plain(new PrintWriter(text)).uploading(true);

        // when
        progress.on(new RegistryEvent.BlobStarted(REF, A, 2_000_000, true));
        progress.on(new RegistryEvent.BlobProgress(REF, A, 500_000, 2_000_000));
        progress.on(new RegistryEvent.BlobDone(REF, A, 2_000_000));
        progress.on(new RegistryEvent.BlobSkipped(REF, B, 10));
        progress.on(new RegistryEvent.BlobMounted(REF, B, "tools/other"));
        progress.finish();

        // then
        assertThat(text.toString()).isEqualTo("a1a1a1a1a1a1: Preparing\na1a1a1a1a1a1: Pushed\n"
                + "b2b2b2b2b2b2: Layer already exists\nb2b2b2b2b2b2: Mounted from tools/other\n");
    }
}
