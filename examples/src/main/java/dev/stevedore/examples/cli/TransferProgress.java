package dev.stevedore.examples.cli;

import dev.stevedore.registry.RegistryEvent;
import dev.stevedore.registry.RegistryListener;
import java.io.PrintWriter;
import java.util.Optional;

/**
 * Pull and push progress as Docker prints it: one line per layer event (plain), or, on a
 * terminal, one line per layer redrawn in place ({@link TerminalLines}) with a bar while its
 * bytes move.
 *
 * <pre>{@code
 * 5aca51a9b7cc: Pulling fs layer
 * 5aca51a9b7cc: Pull complete
 * }</pre>
 */
final class TransferProgress implements RegistryListener {
    private final PrintWriter out;
    private final Optional<TerminalLines> terminal;
    private final int width;
    private boolean uploading;

    private TransferProgress(PrintWriter out, Optional<TerminalLines> terminal, int width) {
        this.out = out;
        this.terminal = terminal;
        this.width = width;
    }

    /** One line per event, nothing for bytes in flight. */
    static TransferProgress plain(PrintWriter out) {
        return new TransferProgress(out, Optional.empty(), 0);
    }

    /** Lines redrawn in place on a terminal {@code width} columns wide. */
    static TransferProgress terminal(PrintWriter out, int width) {
        return new TransferProgress(out, Optional.of(new TerminalLines(out, width)), width);
    }

    /** Plain or terminal, as the context's {@link CliContext#terminalWidth()} says. */
    static TransferProgress forContext(CliContext ctx) {
        return ctx.terminalWidth().isPresent() ? terminal(ctx.out(), ctx.terminalWidth().getAsInt())
                : plain(ctx.out());
    }

    @Override
    public synchronized void on(RegistryEvent event) {
        if (event instanceof RegistryEvent.BlobStarted s) {
            show(s.digest().toString(), s.upload() ? "Preparing" : "Pulling fs layer");
        } else if (event instanceof RegistryEvent.BlobProgress p && terminal.isPresent()) {
            show(p.digest().toString(), (uploading ? "Pushing " : "Downloading ")
                    + TerminalLines.bar(p.bytes(), p.size(), width));
        } else if (event instanceof RegistryEvent.BlobDone d) {
            show(d.digest().toString(), uploading ? "Pushed" : "Pull complete");
        } else if (event instanceof RegistryEvent.BlobSkipped s) {
            show(s.digest().toString(), uploading ? "Layer already exists" : "Already exists");
        } else if (event instanceof RegistryEvent.BlobMounted m) {
            show(m.digest().toString(), "Mounted from " + m.from());
        }
    }

    /** Sets whether blobs go up (push) or down (pull), for the words Docker uses. */
    synchronized TransferProgress uploading(boolean value) {
        uploading = value;
        return this;
    }

    /** Ends the layer block; what is printed next goes below it. */
    synchronized void finish() {
        terminal.ifPresent(TerminalLines::finish);
        out.flush();
    }

    private void show(String digest, String text) {
        String id = Listings.shortImageId(digest);
        if (terminal.isPresent()) {
            terminal.get().update(id, id + ": " + text);
        } else {
            out.println(id + ": " + text);
            out.flush();
        }
    }
}
